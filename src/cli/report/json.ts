import { countBySeverity, type Diagnostic } from "../../diagnostics.js";
import { safeDiagnostic } from "./safe-text.js";

/**
 * The machine-readable report (schema in docs/diagnostics.md). Its text is cleaned like the
 * terminal's: JSON escapes C0 controls but not C1 or bidi overrides, and `jq -r` prints them raw.
 */
export interface JsonReport {
  ok: boolean;
  summary: { errors: number; warnings: number; files: number };
  diagnostics: Diagnostic[];
}

export function formatJson(diagnostics: readonly Diagnostic[], ok: boolean): string {
  const summary = { ...countBySeverity(diagnostics), files: new Set(diagnostics.map((d) => d.file)).size };
  const report: JsonReport = { ok, summary, diagnostics: diagnostics.map(safeDiagnostic) };
  return JSON.stringify(report, null, 2);
}
