/**
 * Finds clipped text in a PDF: every glyph whose ink crosses the clip path it is drawn under, or
 * the page (the TrimBox when the page has one, else the MediaBox). A line cut through its glyphs
 * or a line drawn wholly outside its box (so missing from the print) is reported, never silent.
 *
 * It replays pdfjs-dist's operator list with the little of the graphics state that decides where
 * ink lands: the CTM (save/restore/cm), clip paths (`re`/any path + `W n`, form XObject BBoxes,
 * transparency-group bounds) as the bounding rectangles of their device-space points, the text
 * state (Tm, Td, TL, Tc, Tw, Tz, Ts, Tf) and every glyph shown. A glyph's box is its real ink
 * bounding box, from the glyph outline pdfjs extracted; without one, a conservative box
 * from the advance width and the font's ascent and descent. Clip rectangles of rotated or curved
 * paths are bounding boxes, so the tool may miss a glyph cut by the rounded corner of a clip;
 * it never reports a glyph that is inside an axis-aligned clip.
 *
 *   npm run check:clip -- out/badges/badges.pdf [more.pdf…]
 */
import { readFile } from "node:fs/promises";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

/** A rectangle in PDF user space of the page (points, y up). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** What text must stay inside: its clip path, the page, or a container the caller names. */
export type Limit = "clip" | "page" | "container";

/** Text whose ink crosses its clip path or the page. */
export interface ClippedText {
  /** 1-based page number. */
  page: number;
  /** The whole text run (one text-show operation) the clipped glyphs belong to. */
  text: string;
  /** The glyphs of the run that are clipped. */
  clipped: string;
  /** What cuts it: a clip path, the page's trim (or media) box, or the container it leaves. */
  by: Limit;
  /** How far the ink reaches past the limit, in points (the largest overshoot among the glyphs). */
  overflow: number;
  /** The ink box of the clipped glyphs, and the limit they cross. */
  box: Rect;
  limit: Rect;
}

export interface ClipOptions {
  /** Overshoot ignored, in points (rounding in the PDF writer, antialiasing). Default 0.25 pt. */
  tolerance?: number;
  /** Only these pages (1-based); default every page. */
  pages?: readonly number[];
  /**
   * Rectangles text must lie wholly inside one of (the badges of a sheet, in PDF points, y up),
   * for content drawn without a clip: a glyph in none of them is reported as leaving the nearest.
   */
  containers?: (page: number) => readonly Rect[];
}

export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n, PDF order: a point is transformed by m first, then n. */
export function multiply(m: ArrayLike<number>, n: Matrix): Matrix {
  const [a, b, c, d, e, f] = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
  return [
    a * n[0] + b * n[2],
    a * n[1] + b * n[3],
    c * n[0] + d * n[2],
    c * n[1] + d * n[3],
    e * n[0] + f * n[2] + n[4],
    e * n[1] + f * n[3] + n[5],
  ];
}

/** The device-space bounding rectangle of a user-space rectangle under `m`. */
export function transformRect(x0: number, y0: number, x1: number, y1: number, m: Matrix): Rect {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ] as const) {
    xs.push(m[0] * x + m[2] * y + m[4]);
    ys.push(m[1] * x + m[3] * y + m[5]);
  }
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

export const intersect = (a: Rect | null, b: Rect): Rect =>
  a === null
    ? b
    : {
        x0: Math.max(a.x0, b.x0),
        y0: Math.max(a.y0, b.y0),
        x1: Math.min(a.x1, b.x1),
        y1: Math.min(a.y1, b.y1),
      };

export const union = (a: Rect, b: Rect): Rect => ({
  x0: Math.min(a.x0, b.x0),
  y0: Math.min(a.y0, b.y0),
  x1: Math.max(a.x1, b.x1),
  y1: Math.max(a.y1, b.y1),
});

const sameRect = (a: Rect, b: Rect) =>
  Math.abs(a.x0 - b.x0) + Math.abs(a.y0 - b.y0) + Math.abs(a.x1 - b.x1) + Math.abs(a.y1 - b.y1) < 0.01;

/** How far `box` reaches outside `limit`, in points (0 when inside). */
function overshoot(box: Rect, limit: Rect): number {
  return Math.max(0, limit.x0 - box.x0, limit.y0 - box.y0, box.x1 - limit.x1, box.y1 - limit.y1);
}

/** The bounding rectangle of a constructPath's points (pdfjs ≥ 5: DrawOPS-coded Float32Array). */
export function pathRect(data: ArrayLike<number> | null | undefined, m: Matrix): Rect | null {
  if (!data) return null;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const add = (x: number, y: number) => {
    const dx = m[0] * x + m[2] * y + m[4];
    const dy = m[1] * x + m[3] * y + m[5];
    x0 = Math.min(x0, dx);
    y0 = Math.min(y0, dy);
    x1 = Math.max(x1, dx);
    y1 = Math.max(y1, dy);
  };
  // DrawOPS: 0 moveTo x y, 1 lineTo x y, 2 curveTo x1 y1 x2 y2 x y, 3 quadraticCurveTo x1 y1 x y, 4 closePath.
  for (let i = 0; i < data.length; ) {
    const op = data[i++]!;
    const n = op === 0 || op === 1 ? 2 : op === 2 ? 6 : op === 3 ? 4 : 0;
    // The control points bound the curve: a slightly larger clip can only hide a finding, never invent one.
    for (let k = 0; k < n; k += 2) add(data[i + k]!, data[i + k + 1]!);
    i += n;
  }
  return x0 <= x1 ? { x0, y0, x1, y1 } : null;
}

interface FontInfo {
  ascent: number;
  descent: number;
  fontMatrix: number[];
  vertical: boolean;
  /** Ink box of a glyph by its pdfjs font character, in glyph space (fontMatrix applied), or null. */
  ink: (fontChar: string) => Rect | null;
}

interface PdfjsFont {
  ascent?: number;
  descent?: number;
  fontMatrix?: number[];
  vertical?: boolean;
}

interface PdfjsGlyph {
  fontChar: string;
  unicode: string;
  width: number;
  isSpace: boolean;
  isInFont: boolean;
}

/**
 * What the tool needs of a font. With `disableFontFace`, pdfjs's worker sends the outline of every
 * glyph it shows as a `<font>_path_<char>` object (in em units, font matrix applied): its bounding
 * box is the glyph's ink.
 */
function fontInfo(
  name: string,
  font: PdfjsFont,
  commonObjs: { get: (name: string) => unknown; has: (name: string) => boolean },
): FontInfo {
  const cache = new Map<string, Rect | null>();
  return {
    ascent: font.ascent ?? 1,
    descent: font.descent ?? -0.3,
    fontMatrix: font.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0],
    vertical: !!font.vertical,
    ink: (fontChar) => {
      let r = cache.get(fontChar);
      if (r !== undefined) return r;
      const id = `${name}_path_${fontChar}`;
      const path = commonObjs.has(id)
        ? (commonObjs.get(id) as { path?: Float32Array } | null)?.path
        : undefined;
      // A glyph without an outline (a space) has no ink to clip; without its path, no answer.
      r = path === undefined ? null : (pathRect(path, IDENTITY) ?? { x0: 0, y0: 0, x1: 0, y1: 0 });
      cache.set(fontChar, r);
      return r;
    },
  };
}

interface GState {
  ctm: Matrix;
  clip: Rect | null;
}

/** Clipped text in the PDF at `file` (a path or the bytes). */
export async function findClippedText(
  file: string | Uint8Array,
  options: ClipOptions = {},
): Promise<ClippedText[]> {
  const data = typeof file === "string" ? new Uint8Array(await readFile(file)) : file;
  const tolerance = options.tolerance ?? 0.25;
  // Read before pdfjs takes the bytes (it transfers their buffer to its worker).
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("latin1");
  const doc = await getDocument({
    data,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const found: ClippedText[] = [];
  // Fonts are shared by every page of the document; each glyph's ink box is computed once.
  const fonts = new Map<string, FontInfo>();
  try {
    const pages = options.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const n of pages) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      const trim = page.ref ? trimBox(raw, page.ref.num, page.ref.gen) : null;
      found.push(
        ...scanPage(
          n,
          ops,
          trim ?? page.view,
          page.commonObjs,
          fonts,
          tolerance,
          options.containers?.(n) ?? [],
        ),
      );
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return found;
}

/**
 * The page's TrimBox, read from its object (pdfjs does not expose it). Typst writes page
 * dictionaries as plain objects, so the object's text is found by its number.
 */
function trimBox(raw: string, num: number, gen: number): number[] | null {
  const start = raw.search(new RegExp(`(^|[^0-9])${num} ${gen} obj\\b`));
  if (start < 0) return null;
  const end = raw.indexOf("endobj", start);
  const m = /\/TrimBox\s*\[([^\]]*)\]/.exec(raw.slice(start, end < 0 ? undefined : end));
  const nums = m?.[1]?.trim().split(/\s+/).map(Number);
  return nums?.length === 4 && nums.every(Number.isFinite) ? nums : null;
}

function scanPage(
  pageNumber: number,
  ops: { fnArray: number[]; argsArray: unknown[][] },
  box: number[],
  commonObjs: { get: (name: string) => unknown; has: (name: string) => boolean },
  fonts: Map<string, FontInfo>,
  tolerance: number,
  containers: readonly Rect[],
): ClippedText[] {
  const out: ClippedText[] = [];
  const pageRect: Rect = {
    x0: Math.min(box[0]!, box[2]!),
    y0: Math.min(box[1]!, box[3]!),
    x1: Math.max(box[0]!, box[2]!),
    y1: Math.max(box[1]!, box[3]!),
  };
  let gs: GState = { ctm: [...IDENTITY], clip: null };
  const stack: GState[] = [];
  let pendingClip = false;
  // Text state (PDF 9.3), kept as pdfjs keeps it: the text matrix and a position inside it.
  let textMatrix: Matrix = [...IDENTITY];
  let x = 0;
  let y = 0;
  let lineX = 0;
  let lineY = 0;
  let charSpacing = 0;
  let wordSpacing = 0;
  let hScale = 1;
  let leading = 0;
  let rise = 0;
  let font: FontInfo | null = null;
  let fontSize = 0;
  let line: { key: string; text: string; found: ClippedText[] } = { key: "", text: "", found: [] };
  const flush = (key: string) => {
    for (const f of line.found) out.push({ ...f, text: line.text });
    line = { key, text: "", found: [] };
  };
  const save = () => stack.push({ ctm: [...gs.ctm], clip: gs.clip });
  const restore = () => {
    gs = stack.pop() ?? gs;
  };

  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] ?? [];
    switch (fn) {
      case OPS.save:
        save();
        break;
      case OPS.restore:
        restore();
        break;
      case OPS.transform:
        gs.ctm = multiply(args as number[], gs.ctm);
        break;
      case OPS.paintFormXObjectBegin: {
        save();
        const [matrix, bbox] = args as [ArrayLike<number> | null, ArrayLike<number> | null];
        if (matrix) gs.ctm = multiply(matrix, gs.ctm);
        if (bbox) gs.clip = intersect(gs.clip, transformRect(bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!, gs.ctm));
        break;
      }
      case OPS.paintFormXObjectEnd:
        restore();
        break;
      case OPS.beginGroup: {
        // The group's bounds clip what it draws; its matrix is applied by the form that follows.
        save();
        const g = args[0] as { matrix?: ArrayLike<number> | null; bbox?: ArrayLike<number> | null };
        if (g?.bbox) {
          const m = g.matrix ? multiply(g.matrix, gs.ctm) : gs.ctm;
          gs.clip = intersect(gs.clip, transformRect(g.bbox[0]!, g.bbox[1]!, g.bbox[2]!, g.bbox[3]!, m));
        }
        break;
      }
      case OPS.endGroup:
        restore();
        break;
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true;
        break;
      case OPS.constructPath: {
        if (pendingClip) {
          const [, paths] = args as [number, (ArrayLike<number> | null)[]];
          const r = pathRect(paths?.[0], gs.ctm);
          // An empty clip path hides everything drawn after it.
          gs.clip = intersect(gs.clip, r ?? { x0: 0, y0: 0, x1: 0, y1: 0 });
          pendingClip = false;
        }
        break;
      }
      case OPS.beginText:
        textMatrix = [...IDENTITY];
        x = lineX = 0;
        y = lineY = 0;
        break;
      case OPS.setTextMatrix:
        textMatrix = Array.from(args[0] as ArrayLike<number>) as Matrix;
        x = lineX = 0;
        y = lineY = 0;
        break;
      case OPS.moveText:
        x = lineX += args[0] as number;
        y = lineY += args[1] as number;
        break;
      case OPS.setLeadingMoveText:
        leading = args[1] as number;
        x = lineX += args[0] as number;
        y = lineY += args[1] as number;
        break;
      case OPS.nextLine:
        x = lineX;
        y = lineY += leading;
        break;
      case OPS.setLeading:
        leading = -(args[0] as number);
        break;
      case OPS.setCharSpacing:
        charSpacing = args[0] as number;
        break;
      case OPS.setWordSpacing:
        wordSpacing = args[0] as number;
        break;
      case OPS.setHScale:
        hScale = (args[0] as number) / 100;
        break;
      case OPS.setTextRise:
        rise = args[0] as number;
        break;
      case OPS.setFont: {
        const name = args[0] as string;
        fontSize = args[1] as number;
        let f = fonts.get(name);
        if (!f) {
          f = fontInfo(name, commonObjs.get(name) as PdfjsFont, commonObjs);
          fonts.set(name, f);
        }
        font = f;
        break;
      }
      case OPS.showText: {
        if (!font || fontSize === 0) break;
        const glyphs = args[0] as (PdfjsGlyph | number)[];
        const size = Math.abs(fontSize);
        const dir = fontSize < 0 ? -1 : 1;
        // Glyph space → text space → user space → device space.
        const toDevice = multiply(textMatrix, gs.ctm);
        const limits: { by: Limit; rect: Rect }[] = [{ by: "page", rect: pageRect }];
        if (gs.clip) limits.unshift({ by: "clip", rect: gs.clip });
        let text = "";
        const hits = new Map<
          string,
          { by: Limit; limit: Rect; chars: string; over: number; box: Rect | null }
        >();
        let advance = 0;
        const x0 = x;
        const em = size * font.fontMatrix[0]!;
        for (const g of glyphs) {
          if (typeof g === "number") {
            advance += (font.vertical ? 1 : -1) * g * (size / 1000);
            continue;
          }
          text += g.unicode;
          const width = g.width * em;
          const ink = g.isInFont ? font.ink(g.fontChar) : null;
          // Ink in text space (before Tm): glyph origin at (x + advance·Tz, y + Ts).
          const gx = x + advance * hScale * dir;
          const gy = y + rise;
          const local: Rect | null = ink
            ? ink.x1 > ink.x0
              ? {
                  x0: gx + ink.x0 * size * hScale * dir,
                  x1: gx + ink.x1 * size * hScale * dir,
                  y0: gy + ink.y0 * size,
                  y1: gy + ink.y1 * size,
                }
              : null
            : g.isSpace
              ? null
              : {
                  x0: gx,
                  x1: gx + width * hScale,
                  y0: gy + font.descent * size,
                  y1: gy + font.ascent * size,
                };
          advance += width + (g.isSpace ? wordSpacing : 0) * dir + charSpacing * dir;
          if (!local) continue;
          const device = transformRect(local.x0, local.y0, local.x1, local.y1, toDevice);
          let hit: { by: Limit; rect: Rect; over: number } | null = null;
          for (const { by, rect } of limits) {
            const over = overshoot(device, rect);
            // The tightest limit is enough: a glyph outside the page is outside its clip too.
            if (over > tolerance) {
              hit = { by, rect, over };
              break;
            }
          }
          if (!hit && containers.length > 0) {
            let best: { rect: Rect; over: number } | null = null;
            for (const rect of containers) {
              const over = overshoot(device, rect);
              if (!best || over < best.over) best = { rect, over };
            }
            if (best && best.over > tolerance) hit = { by: "container", ...best };
          }
          if (!hit) continue;
          const id = `${hit.by}|${hit.rect.x0}|${hit.rect.y0}|${hit.rect.x1}|${hit.rect.y1}`;
          const h = hits.get(id) ?? { by: hit.by, limit: hit.rect, chars: "", over: 0, box: null };
          h.chars += g.unicode;
          h.over = Math.max(h.over, hit.over);
          h.box = h.box ? union(h.box, device) : device;
          hits.set(id, h);
        }
        x += advance * hScale * dir;
        // Typst writes a line as several runs (one per font and script): findings are per line.
        const origin = transformRect(x0, y + rise, x0, y + rise, toDevice);
        const key = `${Math.round(origin.y0 * 10)}|${Math.round(toDevice[1] * 100)}|${Math.round(toDevice[0] * 100)}`;
        if (line.key !== key) flush(key);
        line.text += text;
        for (const { by, limit, ...h } of hits.values()) {
          const same = line.found.find((f) => f.by === by && sameRect(f.limit, limit));
          const overflow = Math.round(h.over * 100) / 100;
          if (same) {
            same.clipped += h.chars;
            same.overflow = Math.max(same.overflow, overflow);
            same.box = union(same.box, h.box!);
          } else
            line.found.push({
              page: pageNumber,
              text: "",
              clipped: h.chars,
              by,
              overflow,
              box: h.box!,
              limit,
            });
        }
        break;
      }
      default:
        break;
    }
  }
  flush("");
  return out;
}

const WHAT: Record<Limit, string> = {
  clip: "cut by its clip path",
  page: "crosses the page edge",
  container: "leaves its container",
};

/** One line per finding: `page 3: "13:30 폐막식" cut by its clip path by 6.2 pt (폐막식)`. */
export function describeClipped(findings: readonly ClippedText[], file = ""): string[] {
  return findings.map(
    (f) =>
      `${file ? `${file} ` : ""}page ${f.page}: "${f.text.trim()}" ${WHAT[f.by]} by ${f.overflow} pt` +
      (f.clipped.trim() !== f.text.trim() ? ` (${f.clipped.trim()})` : ""),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2).filter((a) => a !== "--");
  if (files.length === 0) {
    process.stderr.write("usage: npm run check:clip -- file.pdf [more.pdf…]\n");
    process.exit(2);
  }
  let total = 0;
  for (const f of files) {
    const found = await findClippedText(f);
    total += found.length;
    for (const line of describeClipped(found, f)) process.stdout.write(`${line}\n`);
  }
  process.stderr.write(`${total} clipped text run${total === 1 ? "" : "s"} in ${files.length} file(s)\n`);
  process.exit(total > 0 ? 1 : 0);
}
