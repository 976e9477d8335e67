import { readFileSync } from "node:fs";
import fc from "fast-check";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { bundledFontFiles, bundledMeasurer, FONT_SETS } from "../../src/load/fonts.js";
import { fitText, textHeight } from "../../src/render/measure.js";

const m = bundledMeasurer();

describe("measuring with the bundled fonts", () => {
  it("measures Latin, Vietnamese and Hangul from the fonts' advance widths", () => {
    expect(m.width("", "regular")).toBe(0);
    expect(m.width("Kim Min-jun", "bold")).toBeGreaterThan(m.width("Kim Min-jun", "regular"));
    expect(m.width("김민준", "regular")).toBeGreaterThan(2); // three full-width syllables
    expect(m.width("Nguyễn", "regular")).toBeCloseTo(m.width("Nguyen", "regular"), 0);
    expect(m.lineHeight).toBeGreaterThan(1);
  });

  it("reads each character's advance as the font's glyph reports it", () => {
    const weights = ["regular", "medium", "semibold", "bold"] as const;
    bundledFontFiles().forEach((file, w) => {
      const font = fontkit.create(readFileSync(file)) as fontkit.Font;
      // Latin, Vietnamese, Hangul syllables and jamo, punctuation, and a character it lacks (1 em).
      for (const ch of ["A", "j", "ễ", "Đ", "김", "힣", "ㄱ", "…", "·", " ", "\u{1F600}"]) {
        const cp = ch.codePointAt(0)!;
        const expected = font.hasGlyphForCodePoint(cp)
          ? font.glyphForCodePoint(cp).advanceWidth
          : font.unitsPerEm;
        expect(m.width(ch, weights[w]!) * font.unitsPerEm, `${ch} ${weights[w]}`).toBeCloseTo(expected, 6);
      }
    });
  });

  it("keeps a short name on one line at the largest size", () => {
    expect(fitText(m, "O Li", { width: 250, maxSize: 30, minSize: 9, maxLines: 1, weight: "bold" })).toEqual({
      lines: ["O Li"],
      size: 30,
    });
  });

  it("shrinks a long name until it fits one line", () => {
    const t = fitText(m, "Hohenzollern-Sigmaringen Maximilian", {
      width: 250,
      maxSize: 30,
      minSize: 9,
      maxLines: 1,
      weight: "bold",
    });
    expect(t.lines).toHaveLength(1);
    expect(t.size).toBeLessThan(30);
    expect(m.width(t.lines[0]!, "bold") * t.size).toBeLessThanOrEqual(250);
  });

  it("breaks between words only: a Korean name is never split inside a word", () => {
    const t = fitText(m, "대한민국 국회 산업통상자원중소벤처기업위원회 위원장", {
      width: 120,
      maxSize: 14,
      minSize: 6,
      maxLines: 3,
      weight: "regular",
    });
    for (const line of t.lines) expect(line.startsWith(" ") || line.endsWith(" ")).toBe(false);
    expect(t.lines.join(" ")).toBe("대한민국 국회 산업통상자원중소벤처기업위원회 위원장");
  });

  it("cuts a 1,000-character value with an ellipsis inside its lines", () => {
    const t = fitText(m, "A".repeat(1000), {
      width: 200,
      maxSize: 20,
      minSize: 7,
      maxLines: 2,
      weight: "bold",
    });
    expect(t.size).toBe(7);
    expect(t.lines).toHaveLength(2);
    expect(t.lines[1]!.endsWith("…")).toBe(true);
    for (const line of t.lines) expect(m.width(line, "bold") * 7).toBeLessThanOrEqual(200);
    expect(textHeight(m, t, 0.15)).toBeCloseTo(7 * m.lineHeight * 2 + 7 * 0.15, 5);
  });

  it("fits any text at the largest size whose lines fit, whole words only (property)", () => {
    const word = fc.oneof(
      fc.constantFrom("Kim", "Nguyễn", "Thị", "Minh-Khai", "Park", "Organisation", "Đ", "of"),
      fc.constantFrom("김민준", "산업통상자원부", "국회", "위원장", "대한민국"),
      fc.string({ minLength: 1, maxLength: 14 }).filter((w) => !/\s/.test(w)),
    );
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 9 }),
        fc.integer({ min: 60, max: 300 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom("regular", "bold") as fc.Arbitrary<"regular" | "bold">,
        (words, width, maxLines, weight) => {
          const o = { width, maxSize: 30, minSize: 9, maxLines, weight };
          const t = fitText(m, words.join(" "), o);
          expect(t.lines.length).toBeLessThanOrEqual(maxLines);
          // Every line inside the width (with the measurer's slack of 4 %).
          for (const line of t.lines)
            expect(m.width(line, weight) * t.size).toBeLessThanOrEqual(width * 0.96 + 1e-9);
          if (t.lines.join(" ") !== words.join(" ")) {
            // Cut: only when even the smallest size does not hold the words.
            expect(t.size).toBe(9);
            return;
          }
          // Whole words, and the next size up (a twelfth of the range) would not have fitted.
          for (const line of t.lines) for (const w of line.split(" ")) expect(words).toContain(w);
          if (t.size < 30) {
            const bigger = t.size + 21 / 12 + 0.01;
            const there = fitText(m, words.join(" "), { ...o, maxSize: bigger, minSize: bigger });
            expect(there.lines.join(" ") === words.join(" ") && there.size > t.size + 1).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("no-break spaces", () => {
  it("never breaks a line at a no-break space: the phrase moves to the next line whole", () => {
    const text = "Member of the National Assembly of the Republic of\u00a0Korea";
    const narrow = { width: 90, maxSize: 9, minSize: 9, maxLines: 4, weight: "regular" as const };
    const lines = fitText(m, text, narrow).lines;
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.some((l) => l.endsWith("of\u00a0Korea") || l.startsWith("of\u00a0Korea"))).toBe(true);
    // With ordinary spaces the same text does split the phrase somewhere in these widths.
    expect(lines.join(" ").replace(/\u00a0/g, " ")).toBe(text.replace(/\u00a0/g, " "));
  });
});

describe("measuring Chinese text for an event that prints zh-Hans", () => {
  const zh = bundledMeasurer(["noto-sans-sc"]);
  const pretendard = fontkit.create(readFileSync(bundledFontFiles()[3]!)) as fontkit.Font;
  const noto = fontkit.create(readFileSync(FONT_SETS["noto-sans-sc"]!()[3]!)) as fontkit.Font;
  // What Typst prints each character with: Pretendard where it has the glyph, else Noto Sans SC.
  const printed = (ch: string) => {
    const cp = ch.codePointAt(0)!;
    const font = pretendard.hasGlyphForCodePoint(cp) ? pretendard : noto;
    return font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
  };

  it("measures each character in the font that prints it", () => {
    // Han characters, full-width and half-width forms, the middle dot of a transcribed name.
    for (const ch of ["王", "欧", "〇", "（", "：", "·", "ｱ", "ﾝ", "A"]) {
      expect(zh.width(ch, "bold"), ch).toBeCloseTo(printed(ch), 6);
    }
    // Half-width katakana are half an em in Noto Sans SC, where Pretendard alone counted 1 em.
    expect(zh.width("ｱ", "bold")).toBeCloseTo(0.5, 6);
    expect(m.width("ｱ", "bold")).toBe(1);
  });

  it("shrinks a long Chinese name to fit, measured as printed", () => {
    const name = "锡林郭勒盟中蒙草原畜产品合作社联合总公司·欧阳晓玲（ｵｳﾔﾝ）";
    const width = 300;
    const fitted = fitText(zh, name, { width, maxSize: 24, minSize: 7, maxLines: 1, weight: "bold" });
    expect(fitted.size).toBeLessThan(24);
    expect(fitted.lines).toEqual([name]);
    const expected = Array.from(name).reduce((sum, ch) => sum + printed(ch), 0);
    expect(zh.width(name, "bold")).toBeCloseTo(expected, 6);
    expect(expected * fitted.size).toBeLessThanOrEqual(width);
  });
});
