import { countBySeverity, type Diagnostic } from "../../diagnostics.js";

/** The machine-readable report (schema in docs/diagnostics.md). */
export interface JsonReport {
  ok: boolean;
  summary: { errors: number; warnings: number; files: number };
  diagnostics: Diagnostic[];
}

export function formatJson(diagnostics: readonly Diagnostic[], ok: boolean): string {
  const summary = { ...countBySeverity(diagnostics), files: new Set(diagnostics.map((d) => d.file)).size };
  const report: JsonReport = { ok, summary, diagnostics: [...diagnostics] };
  return JSON.stringify(report, null, 2);
}
