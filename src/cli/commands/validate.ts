import { countBySeverity, type Diagnostic, diag } from "../../diagnostics.js";
import { DataInvalid } from "../../errors.js";
import { loadEventFolder } from "../../load/event-folder.js";
import { findPackageImports, PACKAGE_HINT, readEventTemplates } from "../../load/templates.js";
import { checkEvent } from "../../validate/index.js";
import { formatGithub, githubPath } from "../report/github.js";
import { formatJson } from "../report/json.js";
import { formatPretty } from "../report/pretty.js";
import type { Ui } from "../ui.js";

export type ReportFormat = "pretty" | "json" | "github";

export interface ValidateOptions {
  format: ReportFormat;
  strict: boolean;
  /** `--allow-outside`: places outside the event folder it may read (shared fonts). */
  allowOutside?: string[];
}

/** `conclave validate [dir]`: every problem, in one report; exit 0 clean, 1 errors, 2 configuration. */
export async function validateCommand(dir: string, options: ValidateOptions, ui: Ui): Promise<number> {
  const pathOf = (file: string) => githubPath(dir, file);
  let diagnostics: readonly Diagnostic[];
  let configBroken = false;
  let summary = "";
  const task = options.format === "pretty" ? ui.task(`Validating ${dir}`) : undefined;
  try {
    const loaded = await loadEventFolder(dir, { allowOutside: options.allowOutside ?? [], readAhead: true });
    const result = checkEvent({ ...loaded.input, buildModel: false });
    // The same static check build makes before its first compile, so validate passes only what
    // build accepts: templates/ is read as build reads it (confined, size-limited, no FIFOs).
    const packages = findPackageImports(readEventTemplates(loaded.confinement), "templates").map((p) =>
      diag("template-package", "error", p, p.message, PACKAGE_HINT),
    );
    diagnostics = [...result.diagnostics, ...packages];
    const c = result.rowCounts;
    const enc = Object.entries(result.encodings)
      .filter(([, e]) => e !== "utf-8")
      .map(([k, e]) => `${loaded.config.files[k as "delegates"]} as ${e}`);
    summary = `${c.delegates} delegates, ${c.venues} rooms, ${c.sessions} sessions${enc.length ? ` (decoded ${enc.join(", ")})` : ""}`;
  } catch (e) {
    if (!(e instanceof DataInvalid)) {
      task?.fail(`Could not validate ${dir}`);
      throw e;
    }
    diagnostics = e.diagnostics;
    configBroken = true;
  }
  const { errors, warnings } = countBySeverity(diagnostics);
  const ok = errors === 0 && !(options.strict && warnings > 0);
  if (task) {
    if (configBroken) task.fail("event.yaml has errors");
    else if (errors > 0) task.fail(`Checked ${summary}`);
    else task.succeed(`Checked ${summary}`);
  }
  switch (options.format) {
    case "json":
      ui.out(formatJson(diagnostics, ok && !configBroken));
      break;
    case "github":
      ui.out(formatGithub(diagnostics, pathOf));
      break;
    default:
      ui.out(formatPretty(diagnostics, ui.color));
      if (options.strict && errors === 0 && warnings > 0) ui.log("--strict: warnings count as errors.");
  }
  if (configBroken) return 2;
  return ok ? 0 : 1;
}
