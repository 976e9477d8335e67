/**
 * The few tables of an OpenType or TrueType font that conclave reads itself: the character map
 * (which characters a font has, for the glyph check), advance widths and vertical metrics (to fit
 * names on badges), and the family name. Typst does the typesetting; this only measures.
 *
 * Why our own: a general font library costs 0.17 s to load (it brings a WOFF2 decompressor and
 * its dictionary) on every run of every command, for these few lookups.
 */

export class FontFormatError extends Error {}

export interface OpenTypeFont {
  familyName: string;
  unitsPerEm: number;
  /** hhea ascender and descender, in font units (descender negative). */
  ascent: number;
  descent: number;
  /** The glyph of a character, 0 when the font lacks it. */
  glyphOf(codePoint: number): number;
  /** A glyph's advance width in font units. */
  advanceOf(glyph: number): number;
  /** Every character the font maps to a glyph. */
  characters(): number[];
}

interface Tables {
  [tag: string]: { offset: number; length: number };
}

/** Reads the first font of a file (.otf, .ttf, or a .ttc/.otc collection). */
export function readFont(bytes: Uint8Array): OpenTypeFont {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at);
  const i16 = (at: number) => view.getInt16(at);
  const u32 = (at: number) => view.getUint32(at);
  if (bytes.length < 12) throw new FontFormatError("the file is too short to be a font");
  let start = 0;
  const tag = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (tag(0) === "ttcf") start = u32(12);
  const version = u32(start);
  if (version !== 0x00010000 && tag(start) !== "OTTO" && tag(start) !== "true")
    throw new FontFormatError("not an OpenType or TrueType font");
  const tables: Tables = {};
  const count = u16(start + 4);
  for (let i = 0; i < count; i++) {
    const rec = start + 12 + i * 16;
    tables[tag(rec)] = { offset: u32(rec + 8), length: u32(rec + 12) };
  }
  const table = (name: string) => {
    const t = tables[name];
    if (!t || t.offset + t.length > bytes.length) throw new FontFormatError(`the font has no ${name} table`);
    return t.offset;
  };
  const head = table("head");
  const hhea = table("hhea");
  const hmtx = table("hmtx");
  const unitsPerEm = u16(head + 18);
  const metrics = u16(hhea + 34);
  const glyphOf = cmapLookup(view, table("cmap"));
  return {
    familyName: familyName(view, bytes, tables.name?.offset),
    unitsPerEm,
    ascent: i16(hhea + 4),
    descent: i16(hhea + 6),
    glyphOf: glyphOf.lookup,
    // Glyphs past the last full metric share its advance.
    advanceOf: (glyph) => u16(hmtx + Math.min(glyph, metrics - 1) * 4),
    characters: glyphOf.characters,
  };
}

/** The best Unicode subtable of `cmap`: format 12 (all planes) before format 4 (the BMP). */
function cmapLookup(
  view: DataView,
  cmap: number,
): { lookup: (cp: number) => number; characters: () => number[] } {
  const u16 = (at: number) => view.getUint16(at);
  const u32 = (at: number) => view.getUint32(at);
  const count = u16(cmap + 2);
  let best: { offset: number; format: number; rank: number } | undefined;
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = u16(rec);
    const encoding = u16(rec + 2);
    const offset = cmap + u32(rec + 4);
    const format = u16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    const rank = format === 12 ? 2 : 1;
    if (!best || rank > best.rank) best = { offset, format, rank };
  }
  if (!best) throw new FontFormatError("the font has no Unicode character map");
  const at = best.offset;
  if (best.format === 12) {
    const groups = u32(at + 12);
    const lookup = (cp: number) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const g = at + 16 + mid * 12;
        if (cp < u32(g)) hi = mid - 1;
        else if (cp > u32(g + 4)) lo = mid + 1;
        else return u32(g + 8) + cp - u32(g);
      }
      return 0;
    };
    const characters = () => {
      const out: number[] = [];
      for (let i = 0; i < groups; i++) {
        const g = at + 16 + i * 12;
        for (let cp = u32(g), end = u32(g + 4); cp <= end; cp++)
          if (u32(g + 8) + cp - u32(g) !== 0) out.push(cp);
      }
      return out;
    };
    return { lookup, characters };
  }
  // Format 4: segments of the BMP, each mapped by a delta or through the glyph array.
  const segX2 = u16(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  const inSegment = (s: number, cp: number) => {
    const rangeOffset = u16(ranges + s);
    if (rangeOffset === 0) return (cp + view.getInt16(deltas + s)) & 0xffff;
    const glyph = u16(ranges + s + rangeOffset + (cp - u16(starts + s)) * 2);
    return glyph === 0 ? 0 : (glyph + view.getInt16(deltas + s)) & 0xffff;
  };
  const lookup = (cp: number) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segX2 / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (cp > u16(ends + mid * 2)) lo = mid + 1;
      else if (cp < u16(starts + mid * 2)) hi = mid - 1;
      else return inSegment(mid * 2, cp);
    }
    return 0;
  };
  const characters = () => {
    const out: number[] = [];
    for (let s = 0; s < segX2; s += 2) {
      const end = u16(ends + s);
      for (let cp = u16(starts + s); cp <= end && cp !== 0xffff; cp++)
        if (inSegment(s, cp) !== 0) out.push(cp);
    }
    return out;
  };
  return { lookup, characters };
}

/** The family name (name ID 1), in English where the font gives it, as the font's own tools show it. */
function familyName(view: DataView, bytes: Uint8Array, name: number | undefined): string {
  if (name === undefined) return "";
  const u16 = (at: number) => view.getUint16(at);
  const count = u16(name + 2);
  const strings = name + u16(name + 4);
  let best: { rank: number; text: string } | undefined;
  for (let i = 0; i < count; i++) {
    const rec = name + 6 + i * 12;
    const [platform, encoding, language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((k) =>
      u16(rec + k),
    ) as [number, number, number, number, number, number];
    if (id !== 1) continue;
    const raw = bytes.subarray(strings + offset, strings + offset + length);
    let text: string;
    let rank: number;
    if (platform === 3 || platform === 0) {
      let s = "";
      for (let j = 0; j + 1 < raw.length; j += 2) s += String.fromCharCode((raw[j]! << 8) | raw[j + 1]!);
      text = s;
      rank = platform === 3 && language === 0x409 ? 3 : 2;
    } else if (platform === 1 && encoding === 0) {
      text = String.fromCharCode(...raw);
      rank = language === 0 ? 1 : 0;
    } else continue;
    if (!best || rank > best.rank) best = { rank, text };
  }
  return best?.text ?? "";
}
