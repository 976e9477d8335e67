import { BuildAborted, buildEventFolder, type BuildOptions as CoreOptions } from "../../build/index.js";
import { countBySeverity } from "../../diagnostics.js";
import { DataInvalid } from "../../errors.js";
import type { MaterialName, MaterialResult } from "../../materials/index.js";
import { formatPretty } from "../report/pretty.js";
import type { Task, Ui } from "../ui.js";

export interface BuildOptions extends CoreOptions {
  format: "pretty" | "json";
  /** `--strict`: a warning (from the data or a material, such as badge-overflow) fails the build. */
  strict?: boolean;
}

/** Counts as "4,000": one formatter for the whole build (toLocaleString makes one per call). */
const count = new Intl.NumberFormat("en");

/**
 * `conclave build [dir]`: the build (src/build/) with a spinner per material, Ctrl-C wired to
 * its AbortSignal, and the summary table (or JSON) at the end.
 */
export async function buildCommand(dir: string, options: BuildOptions, ui: Ui): Promise<number> {
  const task = ui.task(`Validating ${dir}`);
  let validated = false;
  let current: { name: MaterialName; task: Task; shownAt: number; shownQuarter: number } | undefined;
  // Ctrl-C (or a CI job cancelled: SIGTERM): the build stops its compilers and removes
  // half-written temporary files and folders, then the process exits 130 (143).
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    ui.error("\nInterrupted: stopping; no partial file is left behind.");
    controller.abort(signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let result: Awaited<ReturnType<typeof buildEventFolder>>;
  try {
    result = await buildEventFolder(dir, options, {
      signal: controller.signal,
      onProgress: (p) => {
        switch (p.kind) {
          case "validated": {
            validated = true;
            const w = p.warnings.length;
            task.succeed(
              `Valid: ${p.delegates} delegates, ${p.venues} rooms, ${p.sessions} sessions${w ? `, ${w} warning${w === 1 ? "" : "s"}` : ""}`,
            );
            if (w > 0 && !ui.quiet) ui.error(formatPretty(p.warnings, ui.color));
            break;
          }
          case "notice":
            ui.error(p.text);
            break;
          case "material-start":
            current = { name: p.material, task: ui.task(`${p.material}…`), shownAt: 0, shownQuarter: 0 };
            break;
          case "material-progress": {
            // Called once per document, tens of thousands of times: the line is redrawn at most
            // ten times a second, and at each quarter (what a plain terminal prints).
            if (!current) break;
            const now = performance.now();
            const quarter = Math.floor((p.done * 4) / p.total);
            if (now - current.shownAt < 100 && quarter === current.shownQuarter) break;
            current.shownAt = now;
            current.shownQuarter = quarter;
            current.task.update(
              `${p.material} ${count.format(p.done)}/${count.format(p.total)} · ${p.seconds.toFixed(0)} s`,
              p.done,
              p.total,
            );
            break;
          }
          case "material-done": {
            const r = p.result;
            if (r.problems && r.problems.length > 0) current?.task.warn(r.summary);
            else current?.task.succeed(r.summary);
            // With --format json, stdout is the JSON alone; the lines go into it.
            if (options.format !== "json") for (const line of r.lines ?? []) ui.out(line);
            if (r.problems && r.problems.length > 0) ui.error(formatPretty(r.problems, ui.color));
            current = undefined;
            break;
          }
          case "material-failed":
            current?.task.fail(`${p.material} failed`);
            current = undefined;
            break;
        }
      },
    });
  } catch (e) {
    if (e instanceof BuildAborted) {
      current?.task.fail(`${current.name} stopped`);
      return controller.signal.reason === "SIGTERM" ? 143 : 130;
    }
    if (!validated) {
      if (e instanceof DataInvalid) {
        const { errors } = countBySeverity(e.diagnostics);
        task.fail(`The data has ${errors} error${errors === 1 ? "" : "s"}: nothing was built`);
      } else task.fail("Nothing was built");
    }
    throw e;
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
  const { materials: results, unavailable, out: outDir, seconds } = result;
  const dataWarnings = result.dataWarnings.length;
  const problems = results.flatMap((r) => r.problems ?? []);
  if (options.format === "json") {
    ui.out(
      JSON.stringify(
        {
          ok:
            !problems.some((p) => p.severity === "error") &&
            !(options.strict && (dataWarnings > 0 || problems.length > 0)),
          out: outDir,
          materials: results.map(({ tables: _tables, ...r }) => r),
          unavailable,
          compiled: result.compiled,
          reused: result.reused,
          byTemplate: result.byTemplate,
          seconds: round(seconds),
        },
        null,
        2,
      ),
    );
  } else {
    // The summary table:  material   files   pages    size    time
    const row = (cells: string[]) =>
      `${cells[0]!.padEnd(9)}${cells[1]!.padStart(7)}${cells[2]!.padStart(9)}${cells[3]!.padStart(10)}${cells[4]!.padStart(9)}`;
    if (results.length > 0) {
      ui.out(row(["material", "files", "pages", "size", "time"]));
      for (const r of results)
        ui.out(
          row([
            r.material,
            String(r.files),
            String(r.pages),
            `${(r.bytes / 1e6).toFixed(1)} MB`,
            `${r.seconds.toFixed(1)} s`,
          ]),
        );
      const sum = (f: (r: MaterialResult) => number) => results.reduce((n, r) => n + f(r), 0);
      if (results.length > 1)
        ui.out(
          row([
            "total",
            String(sum((r) => r.files)),
            String(sum((r) => r.pages)),
            `${(sum((r) => r.bytes) / 1e6).toFixed(1)} MB`,
            `${seconds.toFixed(1)} s`,
          ]),
        );
    }
    if (unavailable.length > 0) ui.out(`Not in this version yet: ${unavailable.join(", ")}.`);
    if (result.reused > 0)
      ui.out(
        `Compiled ${count.format(result.compiled)} document${result.compiled === 1 ? "" : "s"}; ${count.format(result.reused)} unchanged since the last build were reused (--full compiles all).`,
      );
    ui.out(
      `Built ${results.length} material${results.length === 1 ? "" : "s"} into ${outDir} (manifest.json lists every file) in ${seconds.toFixed(1)} s.`,
    );
  }
  // Files were written for everyone else, but a material that left someone out is not a success;
  // under --strict, neither is a warning.
  if (problems.some((p) => p.severity === "error")) return 1;
  if (options.strict && (dataWarnings > 0 || problems.length > 0)) {
    ui.log("--strict: warnings count as errors.");
    return 1;
  }
  return 0;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
