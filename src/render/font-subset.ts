import { FontFormatError, readFont } from "./opentype.js";

/**
 * A TrueType font cut down to the characters a set of pages uses, for the programme site: the
 * glyphs of those characters (and the parts composite glyphs are built of), renumbered, with their
 * metrics, a new character map, and the font's names, OS/2 and hinting tables as they were.
 * Layout tables (GSUB, GPOS, kern) go: they name glyphs by their old numbers. The text of the site
 * is NFC, so Vietnamese letters with two marks are single precomposed glyphs and need no GPOS;
 * what is lost is kerning between pairs of letters.
 *
 * Only glyf-based fonts (.ttf): Pretendard ships one (dist/public/static/alternative/).
 */

interface Table {
  tag: string;
  data: Uint8Array;
}

/** Tables copied unchanged: names, OS/2 metrics, hinting programs and the gasp ranges. */
const KEPT = new Set(["name", "OS/2", "cvt ", "fpgm", "prep", "gasp"]);

function tablesOf(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x00010000) throw new FontFormatError("not a TrueType (glyf) font");
  const out = new Map<string, Uint8Array>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(...bytes.subarray(rec, rec + 4));
    const offset = view.getUint32(rec + 8);
    out.set(tag, bytes.subarray(offset, offset + view.getUint32(rec + 12)));
  }
  return out;
}

const viewOf = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** A copy to change: a Buffer's own `slice` would share (and so change) the font it came from. */
const copy = (b: Uint8Array) => new Uint8Array(b);

/** Composite glyph flags (OpenType glyf): what follows each component. */
const ARG_WORDS = 0x0001;
const HAVE_SCALE = 0x0008;
const MORE = 0x0020;
const XY_SCALE = 0x0040;
const TWO_BY_TWO = 0x0080;

/** Each component of a composite glyph: the offset of its glyph index within the glyph's data. */
function components(glyph: Uint8Array): number[] {
  if (glyph.byteLength < 10 || viewOf(glyph).getInt16(0) >= 0) return [];
  const v = viewOf(glyph);
  const out: number[] = [];
  let at = 10;
  for (;;) {
    const flags = v.getUint16(at);
    out.push(at + 2);
    at += 4 + (flags & ARG_WORDS ? 4 : 2);
    if (flags & HAVE_SCALE) at += 2;
    else if (flags & XY_SCALE) at += 4;
    else if (flags & TWO_BY_TWO) at += 8;
    if (!(flags & MORE)) return out;
  }
}

/** A cmap with a format 4 subtable (the BMP, for older readers) and a format 12 (every plane). */
function buildCmap(map: readonly [cp: number, glyph: number][]): Uint8Array {
  // Runs of characters whose glyphs follow one another: one segment or group each.
  const runs: { start: number; end: number; glyph: number }[] = [];
  for (const [cp, g] of map) {
    const last = runs.at(-1);
    if (last && cp === last.end + 1 && g === last.glyph + (cp - last.start)) last.end = cp;
    else runs.push({ start: cp, end: cp, glyph: g });
  }
  const bmp = runs.filter((r) => r.end <= 0xfffe);
  const segs = bmp.length + 1;
  const f4len = 16 + segs * 8;
  const f12len = 16 + runs.length * 12;
  const out = new Uint8Array(4 + 16 + f4len + f12len);
  const v = viewOf(out);
  v.setUint16(2, 2);
  v.setUint16(4, 3);
  v.setUint16(6, 1);
  v.setUint32(8, 20);
  v.setUint16(12, 3);
  v.setUint16(14, 10);
  v.setUint32(16, 20 + f4len);
  let at = 20;
  v.setUint16(at, 4);
  v.setUint16(at + 2, f4len);
  v.setUint16(at + 6, segs * 2);
  const pow = 2 ** Math.floor(Math.log2(segs));
  v.setUint16(at + 8, pow * 2);
  v.setUint16(at + 10, Math.log2(pow));
  v.setUint16(at + 12, segs * 2 - pow * 2);
  const ends = at + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  bmp.forEach((r, i) => {
    v.setUint16(ends + i * 2, r.end);
    v.setUint16(starts + i * 2, r.start);
    v.setUint16(deltas + i * 2, (r.glyph - r.start) & 0xffff);
  });
  // The last segment maps 0xFFFF to glyph 0, as the format requires; idRangeOffsets stay 0.
  v.setUint16(ends + bmp.length * 2, 0xffff);
  v.setUint16(starts + bmp.length * 2, 0xffff);
  v.setUint16(deltas + bmp.length * 2, 1);
  at += f4len;
  v.setUint16(at, 12);
  v.setUint32(at + 4, f12len);
  v.setUint32(at + 12, runs.length);
  runs.forEach((r, i) => {
    v.setUint32(at + 16 + i * 12, r.start);
    v.setUint32(at + 20 + i * 12, r.end);
    v.setUint32(at + 24 + i * 12, r.glyph);
  });
  return out;
}

const pad4 = (n: number) => (n + 3) & ~3;

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array(pad4(data.byteLength));
  padded.set(data);
  const v = viewOf(padded);
  let sum = 0;
  for (let i = 0; i < padded.byteLength; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

/** The tables as one TrueType file: directory sorted by tag, each table 4-byte aligned. */
export function assembleSfnt(tables: readonly Table[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = sorted.length;
  let size = 12 + n * 16;
  for (const t of sorted) size += pad4(t.data.byteLength);
  const out = new Uint8Array(size);
  const v = viewOf(out);
  const pow = 2 ** Math.floor(Math.log2(n));
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, pow * 16);
  v.setUint16(8, Math.log2(pow));
  v.setUint16(10, n * 16 - pow * 16);
  let at = 12 + n * 16;
  let headAt = -1;
  sorted.forEach((t, i) => {
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = t.tag.charCodeAt(k);
    v.setUint32(rec + 4, checksum(t.data));
    v.setUint32(rec + 8, at);
    v.setUint32(rec + 12, t.data.byteLength);
    out.set(t.data, at);
    if (t.tag === "head") headAt = at;
    at += pad4(t.data.byteLength);
  });
  if (headAt >= 0) v.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/** The subset's tables, for assembleSfnt or a WOFF2 (src/render/woff2.ts). */
export function subsetTables(font: Uint8Array, characters: Iterable<number>): Table[] {
  const t = tablesOf(font);
  const need = (tag: string) => {
    const table = t.get(tag);
    if (!table) throw new FontFormatError(`the font has no ${tag} table`);
    return table;
  };
  const head = need("head");
  const hhea = need("hhea");
  const maxp = need("maxp");
  const hmtx = need("hmtx");
  const loca = need("loca");
  const glyf = need("glyf");
  const post = need("post");
  const numGlyphs = viewOf(maxp).getUint16(4);
  const longLoca = viewOf(head).getInt16(50) === 1;
  const lv = viewOf(loca);
  const offset = (g: number) => (longLoca ? lv.getUint32(g * 4) : lv.getUint16(g * 2) * 2);
  const glyphData = (g: number) => glyf.subarray(offset(g), offset(g + 1));
  const cmap = readFont(font);
  const map: [number, number][] = [];
  const wanted = new Set<number>([0]);
  for (const cp of [...new Set(characters)].sort((a, b) => a - b)) {
    const g = cmap.glyphOf(cp);
    if (g === 0 || g >= numGlyphs) continue;
    map.push([cp, g]);
    wanted.add(g);
  }
  // Composite glyphs (ư built of u and a horn) bring their parts.
  const queue = [...wanted];
  while (queue.length > 0) {
    const data = glyphData(queue.pop()!);
    const dv = viewOf(data);
    for (const at of components(data)) {
      const part = dv.getUint16(at);
      if (!wanted.has(part) && part < numGlyphs) {
        wanted.add(part);
        queue.push(part);
      }
    }
  }
  const order = [...wanted].sort((a, b) => a - b);
  const renumber = new Map(order.map((g, i) => [g, i]));
  const chunks: Uint8Array[] = [];
  const newLoca = new Uint8Array((order.length + 1) * 4);
  const nl = viewOf(newLoca);
  let glyfSize = 0;
  for (const [i, g] of order.entries()) {
    nl.setUint32(i * 4, glyfSize);
    const data = copy(glyphData(g));
    const dv = viewOf(data);
    for (const at of components(data)) dv.setUint16(at, renumber.get(dv.getUint16(at))!);
    chunks.push(data);
    glyfSize += pad4(data.byteLength);
  }
  nl.setUint32(order.length * 4, glyfSize);
  const newGlyf = new Uint8Array(glyfSize);
  let at = 0;
  for (const c of chunks) {
    newGlyf.set(c, at);
    at += pad4(c.byteLength);
  }
  const metrics = viewOf(hhea).getUint16(34);
  const hv = viewOf(hmtx);
  const newHmtx = new Uint8Array(order.length * 4);
  const mv = viewOf(newHmtx);
  for (const [i, g] of order.entries()) {
    const advance = hv.getUint16(Math.min(g, metrics - 1) * 4);
    const lsb = g < metrics ? hv.getInt16(g * 4 + 2) : hv.getInt16(metrics * 4 + (g - metrics) * 2);
    mv.setUint16(i * 4, advance);
    mv.setInt16(i * 4 + 2, lsb);
  }
  const newHead = copy(head);
  viewOf(newHead).setUint32(8, 0);
  viewOf(newHead).setInt16(50, 1);
  const newHhea = copy(hhea);
  viewOf(newHhea).setUint16(34, order.length);
  const newMaxp = copy(maxp);
  viewOf(newMaxp).setUint16(4, order.length);
  // post format 3: no glyph names (they would be the old glyphs' names).
  const newPost = copy(post.subarray(0, 32));
  viewOf(newPost).setUint32(0, 0x00030000);
  const tables: Table[] = [
    { tag: "head", data: newHead },
    { tag: "hhea", data: newHhea },
    { tag: "maxp", data: newMaxp },
    { tag: "hmtx", data: newHmtx },
    { tag: "loca", data: newLoca },
    { tag: "glyf", data: newGlyf },
    { tag: "cmap", data: buildCmap(map.map(([cp, g]) => [cp, renumber.get(g)!])) },
    { tag: "post", data: newPost },
  ];
  for (const [tag, data] of t) if (KEPT.has(tag)) tables.push({ tag, data });
  return tables;
}

/** The subset as a .ttf file. */
export function subsetFont(font: Uint8Array, characters: Iterable<number>): Uint8Array {
  return assembleSfnt(subsetTables(font, characters));
}
