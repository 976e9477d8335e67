import { describe, expect, it } from "vitest";
import { withKeepWhole } from "../../src/materials/letters/index.js";

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
