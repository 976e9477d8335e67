import type { ChalkInstance } from "chalk";
import { countBySeverity, type Diagnostic } from "../../diagnostics.js";
import { safeDiagnostic } from "./safe-text.js";

/**
 * Diagnostics for a person at a terminal, grouped by file:
 *
 *   delegates.csv:12:4 error duplicate-id id "KR-001" is already used on line 5
 *     hint: Every row needs its own id: give this one a new id, or delete the duplicate row.
 *
 *   2 errors, 5 warnings in 3 files
 */
export function formatPretty(diagnostics: readonly Diagnostic[], color: ChalkInstance): string {
  const lines: string[] = [];
  let file: string | undefined;
  for (const raw of diagnostics) {
    // Headers, keys and file names are the user's text: colour codes are added after cleaning.
    const d = safeDiagnostic(raw);
    if (d.file !== file) {
      if (file !== undefined) lines.push("");
      file = d.file;
    }
    const where = d.line > 0 ? `${d.file}:${d.line}${d.column > 0 ? `:${d.column}` : ""}` : d.file;
    const sev = d.severity === "error" ? color.red("error") : color.yellow("warning");
    lines.push(`${color.bold(where)} ${sev} ${color.dim(d.code)} ${d.message}`);
    if (d.hint) lines.push(`  ${color.cyan("hint:")} ${d.hint}`);
  }
  if (lines.length > 0) lines.push("");
  lines.push(summaryLine(diagnostics, color));
  return lines.join("\n");
}

export function summaryLine(diagnostics: readonly Diagnostic[], color: ChalkInstance): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  const files = new Set(diagnostics.map((d) => d.file)).size;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const text = `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(files, "file")}`;
  return errors > 0 ? color.red(text) : warnings > 0 ? color.yellow(text) : color.green(text);
}
