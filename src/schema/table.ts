import { chooseDelimiter, normalizeHeader, parseCsv } from "../csv/parse.js";
import { type Diagnostic, diag, type Location } from "../diagnostics.js";
import { didYouMean } from "../util/suggest.js";
import { cleanCell, looksPhoneWithoutZero, looksQuestionMarked, looksScientific } from "./clean.js";
import { type FieldType, LANGUAGES } from "./fields.js";

/** One column of the data format: the contract documented in docs/data-format.md. */
export interface ColumnSpec {
  name: string;
  required: boolean;
  type: FieldType;
  description: string;
  example: string;
  /** Personal data: the value never appears in a message, log or any output but its own. */
  personal?: boolean;
  /** May hold line breaks (descriptions, addresses). */
  multiline?: boolean;
  /** Accepts `<name>_<lang>` variants (title_ko, title_vi). */
  translatable?: boolean;
  /** Printed on some material: its characters are checked against the fonts. */
  printed?: boolean;
  /** Check for the damage a spreadsheet does to numbers stored as text. */
  numberLike?: "phone" | "code";
}

export interface TableSpec {
  /** Key of the file in event.yaml (`files`, `columns`): delegates, venues, sessions, seating. */
  key: string;
  columns: readonly ColumnSpec[];
}

export interface TableRow {
  loc: Location;
  /** Parsed values of valid, non-empty cells, by canonical field name. */
  values: Map<string, unknown>;
  /** Cleaned text of every non-empty cell, by canonical name or `<name>_<lang>`. */
  text: Map<string, string>;
}

export interface TableResult {
  rows: TableRow[];
  diagnostics: Diagnostic[];
  /** Canonical field → 1-based column number, for the columns the file has. */
  columns: Map<string, number>;
}

/**
 * Text of one CSV file → typed rows and every problem found on the way: syntax, headers, row
 * shape, invisible characters, spreadsheet damage, required values and value types.
 *
 * @param mapping the file's header → canonical column mapping from event.yaml (`columns:`).
 */
export function readTable(
  spec: TableSpec,
  file: string,
  text: string,
  mapping: Readonly<Record<string, string>> = {},
): TableResult {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  const aliases = new Map<string, string>();
  for (const [from, to] of Object.entries(mapping)) aliases.set(normalizeHeader(from), normalizeHeader(to));

  const expected = [...byName.keys(), ...aliases.keys()];
  const parsed = parseCsv(text, chooseDelimiter(text, expected));
  for (const e of parsed.errors)
    diagnostics.push(
      diag("csv-syntax", "error", { file, line: e.line, column: e.column }, e.message, e.hint),
    );

  const header = parsed.records[0];
  const columns = new Map<string, number>();
  /** For each physical column index: the key its values are stored under, or undefined to skip. */
  const keys: (string | undefined)[] = [];
  if (header) {
    header.cells.forEach((cell, index) => {
      const column = index + 1;
      const where = { file, line: header.line, column };
      const normal = normalizeHeader(cell);
      if (normal === "") {
        keys.push(undefined);
        const hasData = parsed.records.slice(1).some((r) => (r.cells[index] ?? "").trim() !== "");
        if (hasData) {
          diagnostics.push(
            diag(
              "blank-header",
              "error",
              where,
              `column ${column} has values but no header`,
              "Give the column a header, or delete it.",
            ),
          );
        }
        return;
      }
      const key = resolveHeader(aliases.get(normal) ?? normal, byName);
      if (!key) {
        keys.push(undefined);
        diagnostics.push(
          diag(
            "unknown-column",
            "warning",
            { ...where, field: cell.trim() },
            `column "${cell.trim()}" is not part of the ${spec.key} format and is ignored`,
            `See docs/data-format.md for the columns, or map it in event.yaml under columns.${spec.key}.${didYouMean(normal, byName.keys())}`,
          ),
        );
        return;
      }
      const columnKey = key.replace("@", "_");
      if (columns.has(columnKey)) {
        keys.push(undefined);
        diagnostics.push(
          diag(
            "duplicate-header",
            "error",
            { ...where, field: columnKey },
            `column "${cell.trim()}" repeats column ${columns.get(columnKey)} (${columnKey}); its values are ignored`,
            "Delete or rename one of the two columns.",
          ),
        );
        return;
      }
      columns.set(columnKey, column);
      keys.push(key);
    });
  }
  for (const c of spec.columns) {
    if (c.required && !columns.has(c.name)) {
      diagnostics.push(
        diag(
          "missing-column",
          "error",
          { file, line: header?.line ?? 1, column: 0, field: c.name },
          `the required column "${c.name}" is missing`,
          `Add a column headed ${c.name} (${c.description.toLowerCase()}), or map your header to it in event.yaml under columns.${spec.key}.`,
        ),
      );
    }
  }

  const rows: TableRow[] = [];
  const blankLines: number[] = [];
  const locColumns = Object.freeze(Object.fromEntries(columns)) as Readonly<Record<string, number>>;
  for (const record of parsed.records.slice(1)) {
    const { cells, line } = record;
    if (cells.every((c) => c.trim() === "")) {
      blankLines.push(line);
      continue;
    }
    if (cells.length > keys.length) {
      const extra = cells.slice(keys.length);
      if (extra.some((c) => c.trim() !== "")) {
        diagnostics.push(
          diag(
            "extra-cell",
            "error",
            { file, line, column: keys.length + 1 },
            `the row has ${cells.length} cells but the header has ${keys.length}`,
            "A value probably contains the delimiter: quote it, or remove the extra cells.",
          ),
        );
      }
    } else if (cells.length < keys.length) {
      diagnostics.push(
        diag(
          "missing-cell",
          "error",
          { file, line, column: cells.length + 1 },
          `the row has ${cells.length} cells but the header has ${keys.length}`,
          "Add the missing cells (empty ones are fine) so every row has as many cells as the header.",
        ),
      );
    }
    const loc: Location = { file, line, columns: locColumns };
    const row: TableRow = { loc, values: new Map(), text: new Map() };
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const raw = cells[i];
      if (key === undefined || raw === undefined) continue;
      const base = key.includes("@") ? key.slice(0, key.indexOf("@")) : key;
      const spec = byName.get(base)!;
      const where = { file, line, column: i + 1, field: base };
      const cleaned = cleanCell(raw, spec.multiline === true);
      if (cleaned.removed.length > 0) {
        diagnostics.push(
          diag(
            "invisible-character",
            "warning",
            where,
            `${base} contains invisible characters (${cleaned.removed.join(", ")}); they were removed`,
            "These usually come from copying out of a web page or PDF; retype the value to be sure.",
          ),
        );
      }
      const value = cleaned.value;
      if (value === "") continue;
      const storeKey = key.includes("@") ? key.replace("@", "_") : key;
      row.text.set(storeKey, value);
      checkDamage(spec, value, where, diagnostics);
      if (key !== base) continue; // translations are text
      const result = spec.type.parse(value);
      if (result.ok) row.values.set(base, result.value);
      else {
        diagnostics.push(
          diag(
            "type-error",
            "error",
            where,
            spec.personal ? `${base} is not a valid ${spec.type.name}` : `${base}: ${result.message}`,
            spec.personal ? `Expected ${spec.type.name}.` : result.hint,
          ),
        );
      }
    }
    for (const c of spec.columns) {
      if (c.required && columns.has(c.name) && !row.text.has(c.name)) {
        diagnostics.push(
          diagAtColumn(
            "required",
            file,
            line,
            columns.get(c.name)!,
            c.name,
            `${c.name} is required but empty`,
            `Fill in ${c.name}: ${c.description.toLowerCase()}.`,
          ),
        );
      }
    }
    rows.push(row);
  }
  if (blankLines.length > 0) {
    const shown = blankLines.slice(0, 5).join(", ") + (blankLines.length > 5 ? ", …" : "");
    diagnostics.push(
      diag(
        "blank-row",
        "warning",
        { file, line: blankLines[0]! },
        `${blankLines.length} blank row${blankLines.length === 1 ? "" : "s"} skipped (line${blankLines.length === 1 ? "" : "s"} ${shown})`,
        "Spreadsheets write rows of empty cells (,,,,) after the data; delete them to silence this.",
      ),
    );
  }
  return { rows, diagnostics, columns };
}

function diagAtColumn(
  code: string,
  file: string,
  line: number,
  column: number,
  field: string,
  message: string,
  hint: string,
) {
  return diag(code, "error", { file, line, column, field }, message, hint);
}

/** Canonical name, or `<name>@<lang>` for a translation column, or undefined when unknown. */
function resolveHeader(normal: string, byName: Map<string, ColumnSpec>): string | undefined {
  if (byName.has(normal)) return normal;
  const m = /^(.+)_([a-z]{2})$/.exec(normal);
  if (m && byName.get(m[1]!)?.translatable && (LANGUAGES as readonly string[]).includes(m[2]!))
    return `${m[1]}@${m[2]}`;
  return undefined;
}

function checkDamage(
  spec: ColumnSpec,
  value: string,
  where: { file: string; line: number; column: number; field: string },
  out: Diagnostic[],
): void {
  const field = spec.name;
  if (spec.numberLike && looksScientific(value)) {
    out.push(
      diag(
        "excel-damage",
        "warning",
        where,
        `${field} was turned into scientific notation by a spreadsheet; the original digits are lost`,
        `Format the column as text in the spreadsheet and retype the ${field}.`,
      ),
    );
  } else if (spec.numberLike === "phone" && looksPhoneWithoutZero(value)) {
    out.push(
      diag(
        "excel-damage",
        "warning",
        where,
        `${field} looks like a national number that lost its leading 0`,
        "Format the column as text and write the number with its leading 0 or an international +84/+82 prefix.",
      ),
    );
  } else if (
    (spec.type.name === "date" || spec.type.name === "date or date-time") &&
    /^\d{5}(\.\d+)?$/.test(value)
  ) {
    out.push(
      diag(
        "excel-damage",
        "warning",
        where,
        `${field} holds an Excel serial number instead of a date`,
        "The spreadsheet stored the date as a number; format the column as text (YYYY-MM-DD) before saving.",
      ),
    );
  } else if (spec.type.name === "text" && looksQuestionMarked(value)) {
    out.push(
      diag(
        "excel-damage",
        "warning",
        where,
        spec.personal
          ? `${field} contains "?" where letters were probably replaced`
          : `${field} "${value}" contains "?" where letters were probably replaced`,
        'The file was saved in a code page without these letters. Save as "CSV UTF-8" and retype the value.',
      ),
    );
  }
}
