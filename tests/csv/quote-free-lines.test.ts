import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Delimiter, parseCsv, scanCsvWith } from "../../src/csv/parse.js";

/** Records (with lines) and errors, read with or without splitting quote-free lines directly. */
const read = (text: string, delimiter: Delimiter, quoteFreeLines: boolean) => {
  const records: [number, string[]][] = [];
  const errors = scanCsvWith(text, delimiter, (line, cells) => records.push([line, cells]), quoteFreeLines);
  return { records, errors };
};

describe("quote-free lines split directly", () => {
  it("give what csv-parse gives for the whole file, record for record, on random files", () => {
    // Long quote-free stretches (past the 16 KB that switches to splitting) between quoting
    // mistakes, multi-line values, mixed line ends and NUL bytes.
    const piece = fc.constantFrom(
      "a",
      "bc",
      ",",
      ";",
      "\t",
      '"',
      '""',
      "\r",
      "\n",
      "\r\n",
      " ",
      "é",
      "한",
      "\u0000",
      "x".repeat(5_000),
      "y,z\n".repeat(3_000),
      "p;q\r".repeat(3_000),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((xs) => xs.join("")),
        fc.constantFrom<Delimiter>(",", ";", "\t"),
        (text, delimiter) => {
          expect(read(text, delimiter, true)).toEqual(read(text, delimiter, false));
        },
      ),
      { numRuns: 150, seed: 20231 },
    );
  });

  it("hand the lines around a quoted value to csv-parse and keep the line numbers", () => {
    const block = (from: number) => Array.from({ length: 2_000 }, (_, i) => `R${from + i},plain`).join("\n");
    const text = `id,note\n${block(0)}\nQ,"two\r\nlines"\n${block(2_000)}\nBAD,"open\n${block(4_000)}\n`;
    const r = parseCsv(text, ",");
    const byId = new Map(r.records.map((x) => [x.cells[0], x]));
    expect(r.records).toHaveLength(1 + 2_000 + 1 + 2_000 + 1 + 2_000);
    expect(byId.get("R1999")!.line).toBe(2_001);
    expect(byId.get("Q")).toEqual({ line: 2_002, cells: ["Q", "two\r\nlines"] });
    expect(byId.get("R2000")!.line).toBe(2_004);
    expect(byId.get("BAD")).toEqual({ line: 4_004, cells: ["BAD", "open"] });
    expect(byId.get("R5999")).toEqual({ line: 6_004, cells: ["R5999", "plain"] });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[4_004, 2]]);
  });
});
