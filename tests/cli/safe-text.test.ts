import { describe, expect, it } from "vitest";
import { safeLine, UNSAFE_IN_LINE } from "../../src/cli/report/safe-text.js";
import { removeInvisible } from "../../src/schema/clean.js";

/** What safeLine does without its shortcut: line breaks to spaces, invisible characters removed. */
const fullSafeLine = (text: string) => removeInvisible(text.replace(/[\t\r\n\u2028\u2029]/g, " "));

describe("safeLine", () => {
  it("returns a text as it is only when it holds nothing it would change (every BMP character)", () => {
    const missed: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const text = `Kim ${String.fromCharCode(cp)} Min-jun`;
      if (!UNSAFE_IN_LINE.test(text) && fullSafeLine(text) !== text) missed.push(cp.toString(16));
      expect(safeLine(text)).toBe(fullSafeLine(text));
    }
    expect(missed).toEqual([]);
  });

  it("still cleans what a message quotes from a cell", () => {
    expect(safeLine("\u001b[2J\u202eevil")).toBe("[2Jevil");
    expect(safeLine("line one\nline two\tend")).toBe("line one line two end");
    expect(safeLine('id "VN-001" is already used on line 5')).toBe('id "VN-001" is already used on line 5');
  });
});
