import { readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { bundledFontFiles } from "../../src/load/fonts.js";
import { subsetFont, subsetTables } from "../../src/render/font-subset.js";
import { readFont } from "../../src/render/opentype.js";
import { encodeWoff2 } from "../../src/render/woff2.js";

const TTF = path.join(path.dirname(bundledFontFiles()[0]!), "alternative/Pretendard-Regular.ttf");
const font = readFileSync(TTF);
// Hangul, Vietnamese letters with one and two marks (ệ, ữ), Latin, punctuation the site prints.
const TEXT = "한-베 CEO 콘퍼런스 Hội nghị Việt Nam Thứ Ba ữ Đ “Quoted” – · ›";
const used = [...TEXT].map((c) => c.codePointAt(0)!);

/** A glyph's outline as fontkit reads it, for comparing the subset with the whole font. */
const outline = (f: fontkit.Font, cp: number) => {
  const g = f.glyphForCodePoint(cp);
  return { advance: g.advanceWidth, path: g.path.toSVG() };
};

describe("subsetFont", () => {
  const subset = subsetFont(font, used);
  const whole = fontkit.create(font) as fontkit.Font;

  it("keeps exactly the characters asked for (and the outlines and advances of each)", () => {
    const cut = readFont(subset);
    for (const cp of used) expect(cut.glyphOf(cp), String.fromCodePoint(cp)).not.toBe(0);
    for (const ch of "Zq가힣") expect(cut.glyphOf(ch.codePointAt(0)!), ch).toBe(0);
    const read = fontkit.create(Buffer.from(subset)) as fontkit.Font;
    for (const cp of new Set(used)) expect(outline(read, cp)).toEqual(outline(whole, cp));
    expect(subset.byteLength).toBeLessThan(font.byteLength / 20);
  });

  it("gives the same bytes for the same characters in any order, and leaves the font as it was", () => {
    expect(subsetFont(font, [...used].reverse())).toEqual(subset);
    expect(Buffer.compare(font, readFileSync(TTF))).toBe(0);
  });
});

describe("encodeWoff2", () => {
  it("writes a WOFF2 that a reader decodes to the subset's glyphs", () => {
    const woff2 = encodeWoff2(subsetTables(font, used));
    expect(Buffer.from(woff2.subarray(0, 4)).toString("latin1")).toBe("wOF2");
    expect(new DataView(woff2.buffer, woff2.byteOffset).getUint32(8)).toBe(woff2.byteLength);
    const read = fontkit.create(Buffer.from(woff2)) as fontkit.Font;
    const whole = fontkit.create(font) as fontkit.Font;
    for (const cp of new Set(used)) expect(outline(read, cp)).toEqual(outline(whole, cp));
  });
});
