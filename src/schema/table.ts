import { chooseDelimiter, firstLineOf, normalizeHeader, scanCsv } from "../csv/parse.js";
import { type Diagnostic, diag, type Location } from "../diagnostics.js";
import { didYouMean } from "../util/suggest.js";
import {
  cleanCell,
  looksPhoneWithoutZero,
  looksQuestionMarked,
  looksScientific,
  needsCleaning,
} from "./clean.js";
import { columnSuffix, type FieldType, LANGUAGES, type ParseOptions, text as plainText } from "./fields.js";

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

/**
 * One data row. Values are kept in arrays indexed like `spec.columns` rather than in maps: at
 * 100,000 rows the difference in memory and garbage collection is most of the validation time.
 */
export interface TableRow {
  loc: Location;
  /** Parsed values of valid, non-empty cells, by index of the column in the spec. */
  values: unknown[];
  /** Cleaned text of every non-empty cell, by index of the column in the spec. */
  text: (string | undefined)[];
  /** Cleaned text of translation columns, by `<name>_<lang>`; absent when the row has none. */
  translations?: Map<string, string>;
}

const mapCache = new WeakMap<TableSpec, Map<string, number>>();
/** Reads a row's parsed values by column name. */
export function valuesOf(row: TableRow, spec: TableSpec): { get(name: string): unknown } {
  let index = mapCache.get(spec);
  if (!index) {
    index = new Map(spec.columns.map((c, i) => [c.name, i]));
    mapCache.set(spec, index);
  }
  const map = index;
  return { get: (name) => row.values[map.get(name)!] };
}

/** Cleaned text of a column (by name, or `<name>_<lang>` for a translation). */
export function textOf(row: TableRow, spec: TableSpec, key: string): string | undefined {
  const i = columnIndex(spec)[key];
  return i === undefined ? row.translations?.get(key) : row.text[i];
}

const indexCache = new WeakMap<TableSpec, Readonly<Record<string, number>>>();
/** Column name → its index in `spec.columns` (and so in `TableRow.values` and `.text`). */
export function columnIndex(spec: TableSpec): Readonly<Record<string, number>> {
  let index = indexCache.get(spec);
  if (!index) {
    index = Object.freeze(Object.fromEntries(spec.columns.map((c, i) => [c.name, i])));
    indexCache.set(spec, index);
  }
  return index;
}

/**
 * The indices of `names` in `spec`, for a converter that reads a row's fields by index in a hot
 * loop (100,000 rows): typed by the names it asks for, so the converter reads `v[c.id]` with no
 * helper call and no non-null assertion, and checked once when the module loads, so a name the
 * spec lacks is a programming error found at once rather than an undefined field in every row.
 */
export function columnsAt<K extends string>(
  spec: TableSpec,
  names: readonly K[],
): Readonly<Record<K, number>> {
  const index = columnIndex(spec);
  const at = {} as Record<K, number>;
  for (const name of names) {
    const i = index[name];
    if (i === undefined) throw new Error(`${spec.key} has no column ${name}`);
    at[name] = i;
  }
  return Object.freeze(at);
}

export interface TableResult {
  rows: TableRow[];
  diagnostics: Diagnostic[];
  /** Canonical field → 1-based column number, for the columns the file has. */
  columns: Map<string, number>;
}

/** Unknown headers reported one by one; the rest of them are summed up in one warning. */
export const UNKNOWN_COLUMNS_LISTED = 10;
/** Runs of adjacent columns named in that summary; more are counted, not listed. */
const RUNS_LISTED = 5;

/** `L1:C11–C10000, L1:C12` for 1-based columns in ascending order: runs of adjacent columns. */
function columnRuns(line: number, columns: readonly number[]): string {
  const runs: string[] = [];
  let total = 0;
  for (let i = 0; i < columns.length; ) {
    let j = i;
    while (j + 1 < columns.length && columns[j + 1] === columns[j]! + 1) j++;
    total++;
    if (runs.length < RUNS_LISTED)
      runs.push(i === j ? `L${line}:C${columns[i]}` : `L${line}:C${columns[i]}–C${columns[j]}`);
    i = j + 1;
  }
  return total > runs.length ? `${runs.join(", ")} and ${total - runs.length} more runs` : runs.join(", ");
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
  parseOptions: ParseOptions = {},
): TableResult {
  const rows: TableRow[] = [];
  const { diagnostics, columns } = scanTable(
    spec,
    file,
    text,
    mapping,
    (row) => {
      rows.push(row);
    },
    parseOptions,
  );
  return { rows, diagnostics, columns };
}

/**
 * `readTable` that hands each row to `onRow` as it is read instead of keeping them: validation
 * turns rows into delegates, sessions and rooms one by one, and checks their text, so that no
 * row, record or cell array outlives its line.
 */
export function scanTable(
  spec: TableSpec,
  file: string,
  /** The file's text, or a function that gives it: called only when `utf8` is absent. */
  text: string | (() => string),
  mapping: Readonly<Record<string, string>>,
  onRow: (row: TableRow) => void,
  /** Event settings for reading values (event.yaml `locale.date_order`). */
  parseOptions: ParseOptions = {},
  /** `text` in UTF-8 when the caller has it (the file's own bytes): read as they are. */
  utf8?: Uint8Array,
): Omit<TableResult, "rows"> {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  const byCompact = new Map(spec.columns.map((c) => [compact(c.name), c]));
  const aliases = new Map<string, string>();
  for (const [from, to] of Object.entries(mapping)) aliases.set(normalizeHeader(from), normalizeHeader(to));

  const expected = [...byName.keys(), ...aliases.keys()];
  const columns = new Map<string, number>();
  /** For each physical column index: the key its values are stored under, or undefined to skip. */
  const keys: (string | undefined)[] = [];
  /** Columns without a header, and whether some row has a value in them. */
  const blankHeaders = new Map<number, boolean>();
  let headerLine: number | undefined;
  /** The first row holds data, not headers: nothing else in the file can be read. */
  let headerMissing = false;

  /** The header row: which column is which, checked once before the first data row. */
  const readHeader = (line: number, cells: readonly string[]) => {
    headerLine = line;
    /** Columns of unknown headers; past the first few, they are summed up in one warning. */
    const unknown: number[] = [];
    cells.forEach((cell, index) => {
      const column = index + 1;
      const where = { file, line, column };
      const normal = normalizeHeader(cell);
      if (normal === "") {
        keys.push(undefined);
        blankHeaders.set(index, false);
        return;
      }
      const key = resolveHeader(
        aliases.get(normal) ?? normal,
        byCompact,
        parseOptions.languages ?? LANGUAGES,
      );
      if (!key) {
        keys.push(undefined);
        unknown.push(column);
        if (unknown.length > UNKNOWN_COLUMNS_LISTED) return;
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
    if (unknown.length > UNKNOWN_COLUMNS_LISTED) {
      const rest = unknown.slice(UNKNOWN_COLUMNS_LISTED);
      diagnostics.push(
        diag(
          "unknown-column",
          "warning",
          { file, line, column: rest[0]! },
          `…and ${rest.length.toLocaleString("en")} more columns that are not part of the ${spec.key} format are ignored: ${columnRuns(line, rest)}`,
          `See docs/data-format.md for the columns; a file this wide is often a spreadsheet export with stray cells far to the right (delete those columns).`,
        ),
      );
    }
  };

  let slots: ({ column: ColumnSpec; index: number; translation: string | undefined } | undefined)[] = [];
  let requiredPresent: { name: string; description: string; index: number; column: number }[] = [];
  let locColumns: Readonly<Record<string, number>> = {};
  const index = columnIndex(spec);
  const width = spec.columns.length;
  /** What to do with each physical column, worked out once rather than per cell. */
  const plan = () => {
    slots = keys.map((key) => {
      if (key === undefined) return undefined;
      const at = key.indexOf("@");
      const name = at < 0 ? key : key.slice(0, at);
      return {
        column: byName.get(name)!,
        index: index[name]!,
        translation: at < 0 ? undefined : key.replace("@", "_"),
      };
    });
    requiredPresent = spec.columns
      .filter((c) => c.required && columns.has(c.name))
      .map((c) => ({
        name: c.name,
        description: c.description,
        index: index[c.name]!,
        column: columns.get(c.name)!,
      }));
    locColumns = Object.freeze(Object.fromEntries(columns)) as Readonly<Record<string, number>>;
  };

  const blankLines: number[] = [];
  // With the bytes at hand, the text is not needed: the delimiter is chosen from the first line.
  const whole = utf8 ? "" : typeof text === "string" ? text : text();
  const errors = scanCsv(
    whole,
    chooseDelimiter(utf8 ? firstLineOf(utf8) : whole, expected),
    (line, cells) => {
      if (headerLine === undefined) {
        headerMissing = looksHeaderless(cells, (cell) => {
          const normal = normalizeHeader(cell);
          const key = resolveHeader(
            aliases.get(normal) ?? normal,
            byCompact,
            parseOptions.languages ?? LANGUAGES,
          );
          return key !== undefined && byName.get(key)?.required === true;
        });
        if (headerMissing) {
          headerLine = line;
          diagnostics.push(missingHeader(spec, file, line));
          return;
        }
        readHeader(line, cells);
        plan();
        return;
      }
      if (!headerMissing) readRow(line, cells);
    },
    utf8,
  );
  for (const e of errors)
    diagnostics.push(
      diag("csv-syntax", "error", { file, line: e.line, column: e.column }, e.message, e.hint),
    );
  for (const [at, hasData] of blankHeaders) {
    if (!hasData) continue;
    diagnostics.push(
      diag(
        "blank-header",
        "error",
        { file, line: headerLine!, column: at + 1 },
        `column ${at + 1} has values but no header`,
        "Give the column a header, or delete it.",
      ),
    );
  }
  for (const c of spec.columns) {
    if (c.required && !headerMissing && !columns.has(c.name)) {
      diagnostics.push(
        diag(
          "missing-column",
          "error",
          { file, line: headerLine ?? 1, column: 0, field: c.name },
          `the required column "${c.name}" is missing`,
          `Add a column headed "${c.name}" (${c.description}), or map your header to it in event.yaml under columns.${spec.key}.`,
        ),
      );
    }
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
  return { diagnostics, columns };

  function readRow(line: number, cells: readonly string[]) {
    for (const [at, hasData] of blankHeaders)
      if (!hasData && (cells[at] ?? "").trim() !== "") blankHeaders.set(at, true);
    if (cells.every((c) => c.trim() === "")) {
      blankLines.push(line);
      return;
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
    const row: TableRow = { loc, values: new Array(width), text: new Array(width) };
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      const raw = cells[i];
      if (slot === undefined || raw === undefined) continue;
      const { column: spec, index } = slot;
      let value: string;
      if (needsCleaning(raw)) {
        const cleaned = cleanCell(raw, spec.multiline === true);
        if (cleaned.removed.length > 0) {
          diagnostics.push(
            diag(
              "invisible-character",
              "warning",
              { file, line, column: i + 1, field: spec.name },
              `${spec.name} contains invisible characters (${cleaned.removed.join(", ")}); they were removed`,
              "These usually come from copying out of a web page or PDF; retype the value to be sure.",
            ),
          );
        }
        value = cleaned.value;
      } else value = raw.trim();
      if (value === "") continue;
      const damage = checkDamage(spec, value);
      if (damage) {
        diagnostics.push(
          diag(
            "excel-damage",
            "warning",
            { file, line, column: i + 1, field: spec.name },
            damage.message,
            damage.hint,
          ),
        );
      }
      if (slot.translation) {
        row.translations ??= new Map();
        row.translations.set(slot.translation, value);
        continue;
      }
      row.text[index] = value;
      if (spec.type === plainText) {
        row.values[index] = value; // plain text needs no parsing
        continue;
      }
      const result = spec.type.parse(value, parseOptions);
      if (result.ok) row.values[index] = result.value;
      else {
        const quiet = result.withoutValue;
        diagnostics.push(
          diag(
            "type-error",
            "error",
            { file, line, column: i + 1, field: spec.name },
            spec.personal
              ? `${spec.name} ${quiet ? quiet.message : `is not a valid ${spec.type.name}`}`
              : `${spec.name}: ${result.message}`,
            spec.personal ? (quiet?.hint ?? `Expected ${spec.type.name}.`) : result.hint,
          ),
        );
      }
    }
    for (const r of requiredPresent) {
      if (row.text[r.index] === undefined) {
        diagnostics.push(
          diag(
            "required",
            "error",
            { file, line, column: r.column, field: r.name },
            `${r.name} is required but empty`,
            `Fill in ${r.name} (${r.description}).`,
          ),
        );
      }
    }
    onRow(row);
  }
}

// What a data cell looks like and a column name never does: an email address, a phone number,
// a date or time, a plain number.
const DATA_CELL = [
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  /^\+?[\d\s().-]{7,}$/,
  /^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}.*)?$/,
  /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/,
  /^\d{1,2}:\d{2}$/,
  /^[+-]?\d+([.,]\d+)?$/,
];

/**
 * A first row that is data rather than headers (the file was saved without its header row): a
 * cell looks like data, or not one required column is named. Its cells are then never quoted:
 * they are a delegate's email, phone and passport number.
 *
 * @param namesRequired whether a header cell names one of the file's required columns
 */
export function looksHeaderless(cells: readonly string[], namesRequired: (cell: string) => boolean): boolean {
  let required = false;
  for (const cell of cells) {
    const value = cell.trim();
    if (value === "") continue;
    if (DATA_CELL.some((re) => re.test(value))) return true;
    if (!required && namesRequired(cell)) required = true;
  }
  return !required;
}

function missingHeader(spec: TableSpec, file: string, line: number): Diagnostic {
  const required = spec.columns.filter((c) => c.required).map((c) => c.name);
  return diag(
    "missing-header",
    "error",
    { file, line },
    `the first row is not a header row: it holds data or names none of the ${spec.key} columns (${required.join(", ")}); the file was not read`,
    `Insert a header row with the column names (see docs/data-format.md), or map your own headers in event.yaml under columns.${spec.key}.`,
  );
}

/** Header key with separators dropped, so "Given Name", "given-name" and "given_name" agree. */
const compact = (normal: string) => normal.replace(/_/g, "");

/**
 * Canonical name, or `<name>@<lang>` for a translation column, or undefined when unknown. A
 * translation column ends with its language's suffix (columnSuffix): title_ko, title_zh for
 * zh-Hans, title_mn.
 */
function resolveHeader(
  normal: string,
  byCompact: Map<string, ColumnSpec>,
  languages: readonly string[],
): string | undefined {
  const direct = byCompact.get(compact(normal));
  if (direct) return direct.name;
  const m = /^(.+)_([a-z]{2,3})$/.exec(normal);
  const base = m ? byCompact.get(compact(m[1]!)) : undefined;
  const lang = m ? languages.find((l) => columnSuffix(l) === m[2]) : undefined;
  if (m && base?.translatable && lang) return `${base.name}@${lang}`;
  return undefined;
}

/** What a spreadsheet did to a value, if anything: a message and a hint for `excel-damage`. */
function checkDamage(spec: ColumnSpec, value: string): { message: string; hint: string } | undefined {
  const field = spec.name;
  if (spec.numberLike && looksScientific(value)) {
    return {
      message: `${field} was turned into scientific notation by a spreadsheet; the original digits are lost`,
      hint: `Format the column as text in the spreadsheet and retype the ${field}.`,
    };
  }
  if (spec.numberLike === "phone" && looksPhoneWithoutZero(value)) {
    return {
      message: `${field} looks like a national number that lost its leading 0`,
      hint: "Format the column as text and write the number with its leading 0 or an international +84/+82 prefix.",
    };
  }
  if (
    (spec.type.name === "date" || spec.type.name === "date or date-time") &&
    /^\d{5}(\.\d+)?$/.test(value)
  ) {
    // A date column reads a serial as the day it stands for (fields.ts); a date-time column
    // cannot (the time is lost), and a personal date (birth) is never quoted.
    // A serial has no day/month order: the event's setting does not change its reading.
    const read = spec.type.name === "date" ? spec.type.parse(value) : undefined;
    const reading = read?.ok && !spec.personal ? `, read as ${String(read.value)}` : "";
    return {
      message: `${field} holds an Excel serial number instead of a date${reading}`,
      hint: "The spreadsheet stored the date as a number; format the column as text (YYYY-MM-DD) before saving.",
    };
  }
  if (spec.type.name === "text" && value.includes("?") && looksQuestionMarked(value)) {
    return {
      message: spec.personal
        ? `${field} contains "?" where letters were probably replaced`
        : `${field} "${value}" contains "?" where letters were probably replaced`,
      hint: 'The file was saved in a code page without these letters. Save as "CSV UTF-8" and retype the value.',
    };
  }
  return undefined;
}
