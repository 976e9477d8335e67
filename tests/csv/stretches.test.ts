import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvSyntaxError, scanCsvHere } from "../../src/csv/parse.js";

/*
 * scanCsvHere reads clean stretches of lines in one csv-parse call each and numbers their records
 * from the line breaks; every other record goes through on_record with its bytes. Both must give
 * the same records, lines and errors, whatever the text: quoted values with line breaks, CR, LF and
 * CRLF mixed, blank lines, quoting mistakes, unclosed quotes, NUL bytes, stretches of any size.
 */
function scan(text: string, stretchBytes: number) {
  const records: [number, string[]][] = [];
  const errors: CsvSyntaxError[] = scanCsvHere(
    text,
    ",",
    (line, cells) => records.push([line, cells]),
    stretchBytes,
  );
  return { records, errors };
}

const piece = fc.constantFrom(
  "a",
  "Nguyễn",
  "김성호",
  ",",
  ",",
  "\n",
  "\r\n",
  "\r",
  '"',
  '""',
  '"x,\ny"',
  '"q""uote"',
  '"multi\r\nline"',
  "5'10\"",
  '"ok"tail',
  "\u0000",
  " ",
);
const csv = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(""));

describe("reading CSV in clean stretches", () => {
  it("gives the records, lines and errors of reading record by record, for any text and stretch size", () => {
    fc.assert(
      fc.property(csv, fc.integer({ min: 1, max: 64 }), (text, bytes) => {
        expect(scan(text, bytes)).toEqual(scan(text, 0));
      }),
      { numRuns: 2000 },
    );
  });

  it("numbers a large file's records across stretches, multi-line quoted values included", () => {
    const lines: string[] = ["id,name,notes"];
    for (let i = 0; i < 5000; i++)
      lines.push(
        i % 97 === 0 ? `D${i},"Kim, Min-jun","line one\r\nline two\nthree"` : `D${i},Trần Thu Hằng,`,
      );
    const text = `${lines.join("\r\n")}\n`;
    const fast = scan(text, 4096);
    expect(fast).toEqual(scan(text, 0));
    expect(fast.errors).toEqual([]);
    // Line 2 holds D0 (three physical lines); D1 starts on line 5.
    expect(fast.records[1]).toEqual([2, ["D0", "Kim, Min-jun", "line one\r\nline two\nthree"]]);
    expect(fast.records[2]![0]).toBe(5);
    expect(fast.records.at(-1)![0]).toBe(1 + 5000 + 2 * Math.ceil(5000 / 97));
  });
});
