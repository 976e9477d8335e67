import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/csv/parse.js";
import { formulaSafe, writeCsv } from "../../src/csv/write.js";

describe("formula-safe CSV", () => {
  it.each([
    ["=1+2", "'=1+2"],
    ["+82 10 5555", "'+82 10 5555"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["Kim Min-jun", "Kim Min-jun"],
    ["Nguyễn Văn An", "Nguyễn Văn An"],
  ])("%j → %j", (input, output) => {
    expect(formulaSafe(input)).toBe(output);
  });

  it("round-trips every cell through our reader, none starting a formula", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 20 }),
        (rows) => {
          const text = writeCsv(["a", "b"], rows);
          expect(text.startsWith("\ufeff")).toBe(true);
          const parsed = parseCsv(text.slice(1), ",");
          const records = parsed.records.slice(1).map((r) => r.cells);
          expect(records).toHaveLength(rows.length);
          records.forEach((r, i) => {
            r.forEach((cell, j) => {
              expect(cell).toBe(formulaSafe(rows[i]![j]!));
              expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
            });
          });
        },
      ),
      { numRuns: 300, seed: 20230620 },
    );
  });
});
