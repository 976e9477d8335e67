import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkEvent } from "../../src/validate/index.js";
import { delegate, makeInput } from "../helpers/make.js";

/*
 * The missing-glyph check answers a value in one pass of a pattern built from the fonts' code
 * points when the coverage lists them (loadCoverage does), and character by character otherwise.
 * The two must find the same values, and name the same characters.
 */
const COVERED = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x1ea0, 0x1ef9],
  [0xac00, 0xd7a3],
  [0x1f600, 0x1f64f],
] as const;
const has = (cp: number) => COVERED.some(([a, b]) => cp >= a && cp <= b);
const codePoints = () => COVERED.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));

/** Characters around the covered runs' edges, and ones no test font has: CJK, emoji, spaces, a lone surrogate. */
const CHARACTERS = [
  "a",
  "Z",
  "~",
  "\u007f",
  "\u00a0",
  "ă",
  "\u0250",
  "ệ",
  "\u1efa",
  "가",
  "힣",
  "\ud7a4",
  "金",
  "😀",
  "🙏",
  "🚀",
  " ",
  "\u200b",
  "\u2060",
  "\ufeff",
  "\u3000",
  "\ud800",
];
const value = fc
  .array(fc.constantFrom(...CHARACTERS), { minLength: 1, maxLength: 8 })
  .map((cs) => cs.join(""))
  .filter((v) => v.trim() !== "");

const glyphFindings = (organisation: string, position: string, listed: boolean) => {
  const base = makeInput({ delegates: [delegate("A", { organisation, position })] });
  const coverage = listed ? { has, fonts: ["Test Sans"], codePoints } : { has, fonts: ["Test Sans"] };
  return checkEvent({ ...base, coverage })
    .diagnostics.filter((d) => d.code === "missing-glyph")
    .map((d) => [d.field, d.message]);
};

describe("the missing-glyph check", () => {
  it("finds the same characters with the fonts' pattern as character by character", () => {
    fc.assert(
      fc.property(value, value, (organisation, position) => {
        expect(glyphFindings(organisation, position, true)).toEqual(
          glyphFindings(organisation, position, false),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("passes covered text and names what is not covered", () => {
    expect(glyphFindings("Công ty Hanbit 한빛", "Giám đốc 😀", true)).toEqual([]);
    const found = glyphFindings("Hanbit 金", "CEO 🚀", true);
    expect(found.map(([field]) => field)).toEqual(["organisation", "position"]);
    expect(found[0]![1]).toContain("U+91D1");
    expect(found[1]![1]).toContain("U+1F680");
  });
});
