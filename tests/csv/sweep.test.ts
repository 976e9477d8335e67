/**
 * The hostile sweep of issue #23, CSV part: files as spreadsheets really write them, and files
 * meant to break a reader. Each case states its outcome: read as the user meant, or a diagnostic
 * with file, line, column and hint; never a crash.
 */

import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/csv/decode.js";
import { type Delimiter, parseCsv } from "../../src/csv/parse.js";
import { delegatesSpec, toDelegateRow } from "../../src/schema/delegates.js";
import { parseEventConfig } from "../../src/schema/event.js";
import { readTable } from "../../src/schema/table.js";
import { checkEvent } from "../../src/validate/index.js";
import { root } from "../helpers/cli.js";
import { check, codes } from "../helpers/make.js";

const example = path.join(root, "fixtures/cicon-2023");
const exampleFile = (name: string) => readFileSync(path.join(example, name));
const exampleConfig = (() => {
  const r = parseEventConfig(exampleFile("event.yaml").toString("utf8"));
  if (!r.ok) throw new Error("the example's event.yaml is invalid");
  return r.config;
})();

/** The example event with its delegates.csv replaced by `bytes`, through the whole validation. */
const checkExample = (bytes: Uint8Array) =>
  checkEvent({
    config: exampleConfig,
    files: {
      delegates: { name: "delegates.csv", bytes },
      venues: { name: "venues.csv", bytes: exampleFile("venues.csv") },
      sessions: { name: "sessions.csv", bytes: exampleFile("sessions.csv") },
    },
  });

/** The example's delegates as cells, to write back out the way another program would. */
const exampleRows = parseCsv(exampleFile("delegates.csv").toString("utf8"), ",").records.map((r) => r.cells);

/** Writes rows as a spreadsheet does: `quote` decides which cells get quotes. */
function writeRows(
  rows: string[][],
  delimiter: Delimiter,
  eol: string,
  quote: (cell: string) => boolean,
  finalEol = true,
): string {
  const cell = (c: string) => (quote(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const text = rows.map((r) => r.map(cell).join(delimiter)).join(eol);
  return finalEol ? text + eol : text;
}
const needsQuotes = (delimiter: string) => (c: string) => /["\r\n]/.test(c) || c.includes(delimiter);

const baseline = checkExample(exampleFile("delegates.csv"));
/** Delegates without their source line, and the diagnostics' codes and places. */
const delegatesOf = (r: ReturnType<typeof checkExample>) => r.tables.delegates.map(({ loc, ...d }) => d);
const placesOf = (r: ReturnType<typeof checkExample>) =>
  r.diagnostics.map((d) => `${d.code}@${d.file}:${d.line}:${d.column}`);

const H = "id,given_name,family_name,organisation,country,category";
const readDelegates = (text: string) => readTable(delegatesSpec, "delegates.csv", text);
const at = (r: { diagnostics: { code: string; line: number; column: number }[] }) =>
  r.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);

describe("sweep: spreadsheet exports read as the original", () => {
  it("the example itself is valid (the baseline of the cases below)", () => {
    expect(baseline.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(baseline.tables.delegates.length).toBeGreaterThan(100);
  });

  it("UTF-16 LE with tabs and CRLF (Excel's 'Unicode text'): same delegates, one encoding warning", () => {
    const text = writeRows(exampleRows, "\t", "\r\n", needsQuotes("\t"));
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const r = checkExample(bytes);
    expect(r.encodings.delegates).toBe("utf-16le");
    expect(delegatesOf(r)).toEqual(delegatesOf(baseline));
    expect(r.tables.delegates.map((d) => d.loc.line)).toEqual(
      baseline.tables.delegates.map((d) => d.loc.line),
    );
    expect(placesOf(r)).toEqual([...placesOf(baseline), "encoding-guessed@delegates.csv:0:0"].sort());
    const warning = r.diagnostics.find((d) => d.code === "encoding-guessed")!;
    expect(warning.severity).toBe("warning");
    expect(warning.hint).toMatch(/CSV UTF-8/);
  });

  it("Google Sheets (CRLF, quotes only where needed, no final line break): same delegates, nothing reported", () => {
    const text = writeRows(exampleRows, ",", "\r\n", needsQuotes(","), false);
    expect(text.endsWith("\r\n")).toBe(false);
    const r = checkExample(Buffer.from(text));
    expect(delegatesOf(r)).toEqual(delegatesOf(baseline));
    expect(placesOf(r)).toEqual(placesOf(baseline));
  });

  it("LibreOffice with ';' and every text cell quoted: same delegates, nothing reported", () => {
    const text = writeRows(exampleRows, ";", "\n", (c) => c !== "" && !/^\d+$/.test(c));
    expect(text.split("\n")[0]).toMatch(/^"id";"honorific";/);
    const r = checkExample(Buffer.from(text));
    expect(delegatesOf(r)).toEqual(delegatesOf(baseline));
    expect(placesOf(r)).toEqual(placesOf(baseline));
  });

  it("a trailing blank column (every line ends with the delimiter): read, nothing reported", () => {
    const text = writeRows(
      exampleRows.map((r) => [...r, ""]),
      ",",
      "\r\n",
      needsQuotes(","),
    );
    const r = checkExample(Buffer.from(text));
    expect(delegatesOf(r)).toEqual(delegatesOf(baseline));
    expect(placesOf(r)).toEqual(placesOf(baseline));
  });
});

describe("sweep: shapes and sizes", () => {
  it("a header-only file: an empty table, no syntax or blank-row warning", () => {
    for (const text of [H, `${H}\n`, `${H}\r\n`]) {
      const r = readDelegates(text);
      expect(r.rows).toEqual([]);
      expect(r.diagnostics).toEqual([]);
    }
    const event = check({ raw: { delegates: `${H}\n` } });
    expect(event.rowCounts.delegates).toBe(0);
    expect(codes(event)).toEqual([]);
  });

  it("a 50 MB file written to disk: every row read, the right line numbers, nothing reported", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "conclave-sweep-"));
    try {
      const note = `Wheelchair user, needs step-free access; "quiet room" nearby. ${"Lối đi riêng, 휠체어. ".repeat(12)}`;
      const lines = [`${H},accessibility`];
      let bytes = 0;
      for (let i = 0; bytes < 50 * 1024 * 1024; i++) {
        const line = `D-${i},Ji-woo,Baek,"Namsan Robotics, Inc.",KR,delegate,"${note.replace(/"/g, '""')}"`;
        lines.push(line);
        bytes += Buffer.byteLength(line) + 2;
      }
      const file = path.join(dir, "delegates.csv");
      await writeFile(file, lines.join("\r\n"));
      const onDisk = await readFile(file);
      expect(onDisk.length).toBeGreaterThanOrEqual(50 * 1024 * 1024);
      const decoded = decodeBytes(onDisk);
      if (!decoded.ok) throw new Error(decoded.message);
      const r = readDelegates(decoded.text);
      expect(r.diagnostics).toEqual([]);
      expect(r.rows).toHaveLength(lines.length - 1);
      const last = r.rows[r.rows.length - 1]!;
      expect(last.loc.line).toBe(lines.length);
      expect(toDelegateRow(last)).toMatchObject({
        id: `D-${lines.length - 2}`,
        organisation: "Namsan Robotics, Inc.",
        accessibility: note.trim().replace(/\s{2,}/g, " "),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it("a 1 MB cell (quoted, with delimiters and doubled quotes inside): kept whole", () => {
    const big = `${'He said "xin chào", then left; '.repeat(34_000)}end`;
    expect(big.length).toBeGreaterThan(1_000_000);
    const r = readDelegates(
      `${H},accessibility\nD-1,Ji,Baek,Org,KR,delegate,"${big.replace(/"/g, '""')}"\nD-2,Su,Baek,Org,KR,delegate,\n`,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.rows).toHaveLength(2);
    expect(toDelegateRow(r.rows[0]!).accessibility).toBe(big);
    expect(r.rows[1]!.loc.line).toBe(3);
  });

  it("10,000 columns: the known ones read, the first unknown ones a warning each and the rest one summary, no error", () => {
    const extra = Array.from({ length: 9_994 }, (_, i) => `extra_${i}`);
    const r = readDelegates(
      `${H},${extra.join(",")}\nD-1,Ji,Baek,Org,KR,delegate,${extra.map((_, i) => i).join(",")}\n`,
    );
    expect(r.rows).toHaveLength(1);
    expect(toDelegateRow(r.rows[0]!)).toMatchObject({ id: "D-1", givenName: "Ji", category: "delegate" });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const unknown = r.diagnostics.filter((d) => d.code === "unknown-column");
    expect(unknown).toHaveLength(11);
    expect(unknown.slice(0, 10).map((d) => [d.column, d.field])).toEqual(
      extra.slice(0, 10).map((name, i) => [7 + i, name]),
    );
    expect(unknown.at(-1)).toMatchObject({ file: "delegates.csv", line: 1, column: 17 });
    expect(unknown.at(-1)!.message).toBe(
      "…and 9,984 more columns that are not part of the delegates format are ignored: L1:C17–C10000",
    );
  });

  it("a NUL byte in a name: removed, with a warning at its line and column and a hint", () => {
    const r = readDelegates(
      `${H}\nD-1,Ji\u0000woo,Baek,Org,KR,delegate\n"D-2","Su""\u0000",Baek,Org,KR,delegate\n`,
    );
    expect(r.rows.map((row) => toDelegateRow(row).givenName)).toEqual(["Jiwoo", 'Su"']);
    expect(at(r)).toEqual(["invisible-character@2:2", "invisible-character@3:2"]);
    expect(r.diagnostics[0]!.hint).toMatch(/retype/);
  });

  it("a NUL byte after a closing quote is a syntax error at its place, not swallowed", () => {
    const r = parseCsv('a,b\n"x"\u0000y,z\n', ",");
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[2, 1]]);
    expect(r.records[1]!.cells).toEqual(["x\u0000y", "z"]);
  });
});

describe("sweep: broken quoting and headers", () => {
  it("an unclosed quote in the middle: one error where the row starts, the row's other cells kept, the rows after it read", () => {
    const r = readDelegates(
      `${H}\nD-1,Ji,Baek,Org,KR,delegate\nD-2,"Min,Baek,Org,KR,delegate\nD-3,Su,Baek,Org,KR,delegate\nD-4,Ha,Baek,Org,KR,delegate\n`,
    );
    expect(at(r)).toEqual(["csv-syntax@3:2"]);
    expect(r.diagnostics[0]).toMatchObject({ severity: "error", file: "delegates.csv" });
    expect(r.diagnostics[0]!.message).toMatch(/opened on line 3 is never closed/);
    expect(r.diagnostics[0]!.hint).toMatch(/Close the quote/);
    expect(r.rows.map((row) => [row.loc.line, toDelegateRow(row).id, toDelegateRow(row).givenName])).toEqual([
      [2, "D-1", "Ji"],
      [3, "D-2", "Min"],
      [4, "D-3", "Su"],
      [5, "D-4", "Ha"],
    ]);
  });

  it("an unclosed quote after a multi-line cell: reported where the record starts, naming the line it opened on", () => {
    const r = parseCsv('a,b,c\r\n"two\r\nlines",x,"open\r\nnext,1,2\r\n', ",");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 2, column: 3 });
    expect(r.errors[0]!.message).toMatch(/opened on line 3/);
    expect(r.records.map((x) => [x.line, x.cells])).toEqual([
      [1, ["a", "b", "c"]],
      [2, ["two\r\nlines", "x", "open"]],
      [4, ["next", "1", "2"]],
    ]);
  });

  it("merged header cells (a title over two columns leaves the second blank): an error where values lack a header", () => {
    const r = readDelegates(
      `${H},Dietary,\nD-1,Ji,Baek,Org,KR,delegate,vegan,no nuts\nD-2,Su,Baek,Org,KR,delegate,,\n`,
    );
    expect(at(r)).toEqual(["blank-header@1:8"]);
    expect(r.diagnostics[0]!.hint).toMatch(/header/);
    expect(toDelegateRow(r.rows[0]!).dietary).toBe("vegan");
  });

  it("a duplicated header: an error at the second, whose values never replace the first's", () => {
    const r = readDelegates(`${H},Family Name\nD-1,Ji,Baek,Org,KR,delegate,Impostor\n`);
    expect(at(r)).toEqual(["duplicate-header@1:7"]);
    expect(r.diagnostics[0]!.hint).toMatch(/Delete or rename/);
    expect(toDelegateRow(r.rows[0]!).familyName).toBe("Baek");
  });

  it("blank header cells with no values under them: ignored without a word", () => {
    const r = readDelegates(
      `id,,given_name,family_name,,organisation,country,category\nD-1,,Ji,Baek,,Org,KR,delegate\n`,
    );
    expect(r.diagnostics).toEqual([]);
    expect(toDelegateRow(r.rows[0]!)).toMatchObject({ id: "D-1", givenName: "Ji", organisation: "Org" });
  });
});
