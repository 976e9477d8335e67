import { describe, expect, it } from "vitest";
import { builtinPacks } from "../../src/i18n/builtin.js";
import type { Pack } from "../../src/i18n/schema.js";
import { withKeepWhole } from "../../src/materials/letters/index.js";
import { keepWholePattern, needsKeepWhole } from "../../src/materials/typography.js";

// The flag decides whether templates/lib/letter.typ runs its keep-whole show rule: a wrong
// `false` would let "Việt / Nam" or "14– / 15" split across lines (tests/e2e/letters.test.ts
// reads that back from the PDFs); a wrong `true` only costs time.
const letter = (over: Record<string, unknown> = {}, dates = "14–15/6/2027") => ({
  subject: "Thư mời",
  recipient: { formal: "Ông Lê Ngọc Lan", organisation: "Hanbit Logistics" },
  event: { name: "Hội nghị", dates, city: "Ho Chi Minh City" },
  ...over,
});

describe("withKeepWhole", () => {
  it("is false when every phrase already has its no-break space and the only span is the event's dates", () => {
    const l = withKeepWhole(letter({ recipient: { formal: "Ông Lê", country: "Việt\u00a0Nam" } }));
    expect(l.keep_whole).toBe(false);
    // The letter itself is passed on unchanged, dates included.
    expect(l.event.dates).toBe("14–15/6/2027");
  });

  it("is true for a plain-spaced Việt Nam, Hàn Quốc, a dash after Quốc, or a span outside the dates", () => {
    expect(withKeepWhole(letter({ subject: "Hợp tác Việt Nam" })).keep_whole).toBe(true);
    expect(withKeepWhole(letter({ subject: "Đại sứ quán Hàn Quốc" })).keep_whole).toBe(true);
    expect(withKeepWhole(letter({ subject: "Hàn\u00a0Quốc –" })).keep_whole).toBe(true);
    expect(withKeepWhole(letter({ roles: [{ from: "09:00", title: "Phiên 2–3" }] })).keep_whole).toBe(true);
  });
});

describe("keepWholePattern", () => {
  const packs = [...builtinPacks().values()];
  const re = new RegExp(keepWholePattern(packs), "gu");
  const matches = (s: string) => [...s.matchAll(re)].map((m) => m[0]);

  it("is the packs' country names of several words, a dash after one, and spans of numbers", () => {
    expect(matches("Hội nghị Hàn\u00a0Quốc – Việt Nam, 20–21/6")).toEqual([
      "Hàn\u00a0Quốc –",
      "Việt Nam",
      "20–21",
    ]);
    expect(matches("Đại Hàn Dân Quốc, Монгол Улс, Republic of Korea")).toEqual([
      "Đại Hàn Dân Quốc",
      "Монгол Улс",
      "Republic of Korea",
    ]);
    // The longer name first: not only its "United States".
    expect(matches("the United States of America")).toEqual(["United States of America"]);
    // One-word names need no rule (Korean ones are kept whole by keep-hangul).
    expect(matches("Korea 대한민국 Mongolia")).toEqual([]);
  });

  it("takes an event's names too, read as text, and is the spans of numbers alone without any", () => {
    const en = builtinPacks().get("en")!;
    const own = { ...en, countries: {}, country_forms: { KN: ["St. Kitts (KN)"] } } as Pack;
    const withOwn = new RegExp(keepWholePattern([own]), "gu");
    expect([..."St. Kitts (KN) and StX Kitts KN".matchAll(withOwn)].map((m) => m[0])).toEqual([
      "St. Kitts (KN)",
    ]);
    expect(keepWholePattern([{ ...en, countries: {}, country_forms: {} } as Pack])).toBe("\\p{Nd}+–\\p{Nd}+");
  });

  it("tells withKeepWhole which letters need the rule", () => {
    expect(needsKeepWhole("Việt\u00a0Nam và Hàn\u00a0Quốc", re)).toBe(false);
    expect(needsKeepWhole("Монгол Улс", re)).toBe(true);
    expect(needsKeepWhole("Phiên 2–3", re)).toBe(true);
    expect(withKeepWhole(letter({ subject: "Republic of Korea" }), re).keep_whole).toBe(true);
  });
});
