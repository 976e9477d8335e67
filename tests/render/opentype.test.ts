import { readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { bundledFontFiles } from "../../src/load/fonts.js";
import { FontFormatError, readFont } from "../../src/render/opentype.js";

const pretendard = path.dirname(bundledFontFiles()[0]!);
// CFF outlines (the bundled faces), TrueType outlines, a variable font, and another family.
const FILES = [
  ...bundledFontFiles(),
  path.join(pretendard, "alternative/Pretendard-Medium.ttf"),
  path.join(pretendard, "../variable/PretendardVariable.ttf"),
  path.resolve("node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf"),
];

/** The same font as a one-font collection (.ttc): a `ttcf` header, every table moved by 16 bytes. */
function asCollection(font: Uint8Array): Uint8Array {
  const out = new Uint8Array(font.length + 16);
  out.set(font, 16);
  const view = new DataView(out.buffer);
  out.set([0x74, 0x74, 0x63, 0x66], 0); // "ttcf"
  view.setUint32(4, 0x00010000);
  view.setUint32(8, 1);
  view.setUint32(12, 16);
  const tables = view.getUint16(16 + 4);
  for (let i = 0; i < tables; i++) {
    const rec = 16 + 12 + i * 16 + 8;
    view.setUint32(rec, view.getUint32(rec) + 16);
  }
  return out;
}

describe("reading fonts", () => {
  it.each(FILES.map((f) => [path.basename(f), f]))(
    "reads %s as fontkit does: names, metrics, every character and its advance",
    (_name, file) => {
      const bytes = new Uint8Array(readFileSync(file));
      const theirs = fontkit.create(Buffer.from(bytes)) as fontkit.Font;
      for (const ours of [readFont(bytes), readFont(asCollection(bytes))]) {
        expect(ours.familyName).toBe(theirs.familyName);
        expect([ours.unitsPerEm, ours.ascent, ours.descent]).toEqual([
          theirs.unitsPerEm,
          theirs.ascent,
          theirs.descent,
        ]);
        const chars = ours.characters();
        // U+FFFF closes every format 4 map as a sentinel; fontkit lists it, it is no character.
        expect(chars).toEqual([...theirs.characterSet].filter((c) => c !== 0xffff).sort((a, b) => a - b));
        for (const cp of chars) {
          const glyph = theirs.glyphForCodePoint(cp);
          expect(ours.glyphOf(cp), `U+${cp.toString(16)}`).toBe(glyph.id);
          expect(ours.advanceOf(ours.glyphOf(cp)), `U+${cp.toString(16)}`).toBe(glyph.advanceWidth);
        }
        expect(ours.glyphOf(0x10ffff)).toBe(0);
      }
    },
  );

  it("refuses what is not a font", () => {
    expect(() => readFont(new TextEncoder().encode("name,given\nKim,Min-jun\n"))).toThrow(FontFormatError);
    expect(() => readFont(new Uint8Array(4))).toThrow(/too short/);
  });
});
