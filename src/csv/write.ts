import { stringify } from "csv-stringify/sync";

/** Characters that make a spreadsheet read a cell as a formula (or DDE command) when they start it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell safe to open in Excel, LibreOffice or Google Sheets: a value starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe, so it is shown as text, never run.
 *
 *   formulaSafe("=HYPERLINK(\"http://x\")") === "'=HYPERLINK(\"http://x\")"
 */
export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * CSV text (UTF-8 with BOM, so Excel reads Hangul and Vietnamese correctly; CRLF line ends), every
 * cell formula-safe and quoted where needed by csv-stringify.
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const safe = rows.map((r) => r.map((c) => formulaSafe(c)));
  return `\ufeff${stringify([[...header], ...safe], { record_delimiter: "windows" })}`;
}
