import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseCsv } from "../../src/csv/parse.js";
import { root } from "./cli.js";

/**
 * Random edits of a whole event folder for the fuzz target (tests/security/fuzz.test.ts): the
 * example's CSVs edited as grids (rows and columns deleted, duplicated, swapped; cells and headers
 * replaced), its event.yaml edited line by line (values, keys, lines, indentation), and any file
 * then truncated, given flipped bytes or raw text. Indices are taken modulo the size at the time
 * of the edit, so fast-check shrinks them well.
 */

export const example = path.join(root, "fixtures/cicon-2023");
const CSVS = ["delegates.csv", "venues.csv", "sessions.csv", "seating.csv"] as const;
const original: Record<string, string> = Object.fromEntries(
  [...CSVS, "event.yaml"].map((f) => [f, readFileSync(path.join(example, f), "utf8")]),
);

// ---- what an edit can put in a cell, a header, a YAML key or value ----

const special = fc.constantFrom(
  "",
  " ",
  '"',
  '""',
  ",",
  ";",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\u0000",
  "\u001b[2J",
  "\u001b]0;pwned\u0007",
  "\u009b31m",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\ud800",
  '=HYPERLINK("x")',
  "@SUM(A1)",
  "__proto__",
  "constructor",
  "toString",
  "KR-001",
  "VN-001",
  "GRAND-HALL",
  "BANQUET",
  "0",
  "-1",
  "1e309",
  "NaN",
  "99999999999999999999",
  "2023-06-20",
  "2023-02-30",
  "2023-06-20 25:61",
  "09:00",
  "24:00",
  "xx",
  "KR",
  "Nguyễn Văn Đức",
  "김민준",
  "Zoë Ångström-Łukasz",
  "../../etc/passwd",
  "CON",
  "a/b",
);
const text = fc.oneof(
  { weight: 3, arbitrary: special },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 4 }).map((s) => s.repeat(3000)),
  },
);

// ---- CSV edits, on the parsed grid (indices are taken modulo the size, so they shrink well) ----

type CsvEdit =
  | { k: "deleteRow" | "duplicateRow" | "deleteColumn" | "duplicateColumn"; i: number }
  | { k: "swapRows" | "swapColumns"; i: number; j: number }
  | { k: "copyCell"; i: number; j: number; c: number }
  | { k: "cell"; i: number; c: number; v: string }
  | { k: "header"; c: number; v: string };

const csvEdit: fc.Arbitrary<CsvEdit> = fc.oneof(
  fc.record({
    k: fc.constantFrom("deleteRow", "duplicateRow", "deleteColumn", "duplicateColumn"),
    i: fc.nat(),
  }),
  fc.record({ k: fc.constantFrom("swapRows", "swapColumns"), i: fc.nat(), j: fc.nat() }),
  fc.record({ k: fc.constant("copyCell"), i: fc.nat(), j: fc.nat(), c: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ k: fc.constant("cell"), i: fc.nat(), c: fc.nat(), v: text }) },
  fc.record({ k: fc.constant("header"), c: fc.nat(), v: text }),
) as fc.Arbitrary<CsvEdit>;

function applyCsv(source: string, edits: readonly CsvEdit[]): string {
  const grid = parseCsv(source, ",").records.map((r) => [...r.cells]);
  if (grid.length === 0) return source;
  const body = () => grid.length - 1;
  const width = () => Math.max(1, ...grid.map((r) => r.length));
  for (const e of edits) {
    switch (e.k) {
      case "deleteRow":
        if (body() > 0) grid.splice(1 + (e.i % body()), 1);
        break;
      case "duplicateRow":
        if (body() > 0) grid.splice(1 + (e.i % body()), 0, [...grid[1 + (e.i % body())]!]);
        break;
      case "swapRows": {
        if (body() < 2) break;
        const a = 1 + (e.i % body());
        const b = 1 + (e.j % body());
        [grid[a], grid[b]] = [grid[b]!, grid[a]!];
        break;
      }
      case "deleteColumn":
        for (const r of grid) r.splice(e.i % width(), 1);
        break;
      case "duplicateColumn": {
        const c = e.i % width();
        for (const r of grid) r.splice(c, 0, r[c] ?? "");
        break;
      }
      case "swapColumns": {
        const w = width();
        for (const r of grid) {
          const [a, b] = [e.i % w, e.j % w];
          [r[a], r[b]] = [r[b] ?? "", r[a] ?? ""];
        }
        break;
      }
      case "copyCell": {
        if (body() === 0) break;
        const from = grid[1 + (e.i % body())]!;
        const to = grid[1 + (e.j % body())]!;
        to[e.c % width()] = from[e.c % width()] ?? "";
        break;
      }
      case "cell":
        if (body() > 0) grid[1 + (e.i % body())]![e.c % width()] = e.v;
        break;
      case "header":
        grid[0]![e.c % width()] = e.v;
        break;
    }
  }
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${grid.map((r) => r.map(cell).join(",")).join("\n")}\n`;
}

// ---- event.yaml edits, line by line: what a person editing it by hand can get wrong ----

type YamlEdit =
  | { k: "value" | "key"; line: number; v: string; quote: boolean }
  | { k: "deleteLine" | "duplicateLine"; line: number }
  | { k: "swapLines"; line: number; other: number }
  | { k: "indent"; line: number; by: number };

const yamlScalar = fc.oneof(
  text,
  fc.constantFrom(
    "[]",
    "{}",
    "~",
    "null",
    "true",
    "no",
    "0",
    "-5",
    "1e400",
    ".nan",
    "[a, b]",
    "{a: 1}",
    "&a [1, 2]",
    "*a",
    "*undefined",
    "!!binary aGVsbG8=",
    "!!js/function 'x'",
    "!!set {a, b}",
    "2023-13-45",
    "2023-06-21",
    "12:30",
    "'unterminated",
    '"unterminated',
    "|",
    ">-",
    "? x",
    "- item",
    "Europe/Atlantis",
    "asia/seoul",
    "UTC",
    "#ff0000",
    "cr80",
    "custom",
    "a6-4up",
    "missing.csv",
    "delegates.csv",
    "venues.csv",
    ".",
    "/",
  ),
);

const yamlEdit: fc.Arbitrary<YamlEdit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ k: fc.constant("value"), line: fc.nat(), v: yamlScalar, quote: fc.boolean() }),
  },
  fc.record({ k: fc.constant("key"), line: fc.nat(), v: text, quote: fc.boolean() }),
  fc.record({ k: fc.constantFrom("deleteLine", "duplicateLine"), line: fc.nat() }),
  fc.record({ k: fc.constant("swapLines"), line: fc.nat(), other: fc.nat() }),
  fc.record({ k: fc.constant("indent"), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
) as fc.Arbitrary<YamlEdit>;

const KEY_VALUE = /^(\s*(?:- )?)([^:#\s][^:#]*):(\s*)(.*)$/;

function applyYaml(source: string, edits: readonly YamlEdit[]): string {
  const lines = source.split("\n");
  // Edits of values and keys land on lines that have them (most lines do).
  const keyed = () => lines.map((l, i) => (KEY_VALUE.test(l) ? i : -1)).filter((i) => i >= 0);
  const scalar = (v: string, quote: boolean) => (quote ? JSON.stringify(v) : v);
  for (const e of edits) {
    if (lines.length === 0) break;
    const at = e.line % lines.length;
    switch (e.k) {
      case "value":
      case "key": {
        const ks = keyed();
        if (ks.length === 0) break;
        const n = ks[e.line % ks.length]!;
        const m = KEY_VALUE.exec(lines[n]!)!;
        lines[n] =
          e.k === "value"
            ? `${m[1]}${m[2]}: ${scalar(e.v, e.quote)}`
            : `${m[1]}${scalar(e.v, e.quote)}:${m[3]}${m[4]}`;
        break;
      }
      case "deleteLine":
        lines.splice(at, 1);
        break;
      case "duplicateLine":
        lines.splice(at, 0, lines[at]!);
        break;
      case "swapLines": {
        const b = e.other % lines.length;
        [lines[at], lines[b]] = [lines[b]!, lines[at]!];
        break;
      }
      case "indent":
        lines[at] =
          e.by >= 0 ? " ".repeat(e.by) + lines[at] : lines[at]!.replace(new RegExp(`^ {0,${-e.by}}`), "");
        break;
    }
  }
  return lines.join("\n");
}

// ---- byte edits of the written file: truncation, flipped bytes, raw text dropped in ----

type ByteEdit =
  | { k: "truncate"; at: number }
  | { k: "flip"; at: number; mask: number }
  | { k: "insert"; at: number; v: string };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ k: fc.constant("truncate"), at: fc.nat() }),
  fc.record({ k: fc.constant("flip"), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ k: fc.constant("insert"), at: fc.nat(), v: text }),
) as fc.Arbitrary<ByteEdit>;

function applyBytes(source: string, edits: readonly ByteEdit[]): Uint8Array {
  let bytes: Uint8Array = Buffer.from(source, "utf8");
  for (const e of edits) {
    const at = bytes.length === 0 ? 0 : e.at % (bytes.length + 1);
    if (e.k === "truncate") bytes = bytes.subarray(0, at);
    else if (e.k === "flip") {
      if (bytes.length === 0) continue;
      bytes = Uint8Array.from(bytes);
      bytes[at % bytes.length]! ^= e.mask;
    } else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(e.v, "utf8"), bytes.subarray(at)]);
  }
  return bytes;
}

/**
 * The edits of one file. A run leaves most files as they are and edits one or two a little (an
 * event folder wrong in every file at once only ever reaches the first error), a few at the byte
 * level: so that a good share of runs is still valid and goes on to the badges.
 */
const NO_EDITS = { edits: [], bytes: [] };
const fileEdits = <E>(edit: fc.Arbitrary<E>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(NO_EDITS as { edits: E[]; bytes: ByteEdit[] }) },
    {
      weight: 1,
      arbitrary: fc.record({
        edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
        bytes: fc.oneof(
          { weight: 6, arbitrary: fc.constant([] as ByteEdit[]) },
          fc.array(byteEdit, { minLength: 1, maxLength: 3 }),
        ),
      }),
    },
  );

export const folderEdits = fc.record({
  "delegates.csv": fileEdits(csvEdit),
  "venues.csv": fileEdits(csvEdit),
  "sessions.csv": fileEdits(csvEdit),
  "seating.csv": fileEdits(csvEdit),
  "event.yaml": fileEdits(yamlEdit),
});
export type FolderEdits = typeof folderEdits extends fc.Arbitrary<infer T> ? T : never;

/** The files of an edited event folder (the SVGs are copied as they are). */
export function editedFiles(edits: FolderEdits): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const f of CSVS) out[f] = applyBytes(applyCsv(original[f]!, edits[f].edits), edits[f].bytes);
  out["event.yaml"] = applyBytes(
    applyYaml(original["event.yaml"]!, edits["event.yaml"].edits),
    edits["event.yaml"].bytes,
  );
  return out;
}
