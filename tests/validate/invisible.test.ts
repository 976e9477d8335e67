import { describe, expect, it } from "vitest";
import { cleanCell } from "../../src/schema/clean.js";

describe("invisible characters in names", () => {
  it("keeps a joiner that a Persian or Sinhala spelling needs", () => {
    expect(cleanCell("علی\u200cرضا", false)).toEqual({ value: "علی\u200cرضا", removed: [] });
    expect(cleanCell("ශ්\u200dරී", false)).toEqual({ value: "ශ්\u200dරී", removed: [] });
  });

  it("still removes joiners pasted into Latin or Hangul text, and at the edge of a word", () => {
    expect(cleanCell("Ki\u200dm", false)).toEqual({ value: "Kim", removed: ["U+200D ZERO WIDTH JOINER"] });
    expect(cleanCell("김\u200c민준", false).value).toBe("김민준");
    expect(cleanCell("\u200cعلی", false).value).toBe("علی");
  });
});
