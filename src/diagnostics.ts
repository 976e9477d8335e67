/**
 * The one shape every problem in a user's data takes, from decoding bytes to cross-file rules.
 * Validation returns these as data; only the CLI decides how they look and what exit code follows.
 */
export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Stable, documented code (docs/diagnostics.md), e.g. `duplicate-id`. */
  code: string;
  severity: Severity;
  /** File name as the user knows it, relative to the event folder (`delegates.csv`). */
  file: string;
  /** 1-based physical line where the record starts; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based field number; 0 when the problem concerns the whole record or file. */
  column: number;
  /** Canonical field name, when there is one. */
  field?: string;
  message: string;
  hint?: string;
}

/** Where a value came from, carried by every parsed record so later rules can point back at it. */
export interface Location {
  file: string;
  line: number;
  /** 1-based column of each canonical field in this file (absent when the column is missing). */
  columns: Readonly<Record<string, number>>;
}

export function diag(
  code: string,
  severity: Severity,
  where: { file: string; line?: number; column?: number; field?: string },
  message: string,
  hint?: string,
): Diagnostic {
  const d: Diagnostic = {
    code,
    severity,
    file: where.file,
    line: where.line ?? 0,
    column: where.column ?? 0,
    message,
  };
  if (where.field !== undefined) d.field = where.field;
  if (hint !== undefined) d.hint = hint;
  return d;
}

/** Diagnostic located at a field of a parsed record. */
export function diagAt(
  code: string,
  severity: Severity,
  loc: Location,
  field: string | undefined,
  message: string,
  hint?: string,
): Diagnostic {
  return diag(
    code,
    severity,
    { file: loc.file, line: loc.line, column: field ? (loc.columns[field] ?? 0) : 0, field },
    message,
    hint,
  );
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Stable order for reports: file, line, column, code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  // Equal strings compare as 0 without asking the collator: most pairs share their file and
  // many their code, and localeCompare was most of the time of sorting thousands of warnings.
  const compare = (a: string, b: string) => (a === b ? 0 : a.localeCompare(b));
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}
