import { type FittedText, fitText, type Measurer, textHeight } from "../../render/measure.js";
import type { Stock } from "./stocks.js";

const PT_PER_MM = 72 / 25.4;
const LEADING = 0.15;

/** A rectangle on a badge, in points from its top-left corner (the trim). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where things go on one badge, in points: computed once per stock, used by the template. */
export interface BadgeGeometry {
  width: number;
  height: number;
  /** Distance of text and images from the trim (at least the safe area). */
  pad: number;
  /** The safe area: nothing printed but artwork lies outside it. */
  safe: Rect;
  landscape: boolean;
  header: number;
  band: number;
  /** The header's and the band's artwork, bleed or frame included (may reach past the badge). */
  headerArt: Rect;
  bandArt: Rect;
  /** Top of the colour band (the white of the badge ends here). */
  bandTop: number;
  /** Bottom of the header. */
  headerBottom: number;
  qr: number;
  /** The name-to-organisation block. */
  identity: { width: number; height: number };
  country: { width: number; height: number };
  leading: number;
}

/** The artwork's frame and bleed, and the safe distance, in mm (see prepress.ts). */
export interface ArtSettings {
  safe: number;
  frame: number;
  bleed: number;
}

export function badgeGeometry(
  stock: Stock,
  art: ArtSettings = { safe: 3, frame: 0, bleed: 0 },
): BadgeGeometry {
  const w = stock.badge.width * PT_PER_MM;
  const h = stock.badge.height * PT_PER_MM;
  const safe = art.safe * PT_PER_MM;
  const frame = art.frame * PT_PER_MM;
  const bleed = art.bleed * PT_PER_MM;
  const landscape = w > h;
  const short = Math.min(w, h);
  // Text keeps its usual distance from the artwork's edge, and never less than the safe area.
  const pad = frame > 0 ? Math.max(safe, frame + short * 0.045) : Math.max(safe, short * 0.07);
  const header = h * (landscape ? 0.2 : 0.15);
  const band = h * (landscape ? 0.17 : 0.11);
  const headerBottom = frame + header;
  const bandTop = h - frame - band;
  const outer = frame > 0 ? frame : -bleed;
  const headerArt = { x: outer, y: outer, w: w - 2 * outer, h: headerBottom - outer };
  const bandArt = { x: outer, y: bandTop, w: w - 2 * outer, h: h - outer - bandTop };
  const body = bandTop - headerBottom;
  const common = {
    width: w,
    height: h,
    pad,
    safe: { x: safe, y: safe, w: w - 2 * safe, h: h - 2 * safe },
    landscape,
    header,
    band,
    headerArt,
    bandArt,
    bandTop,
    headerBottom,
    leading: LEADING,
  };
  if (landscape) {
    // Text on the left, the QR code on the right, between header and band.
    const qr = Math.min(body - pad, w * 0.3);
    const textW = w - 2 * pad - qr - pad * 0.8;
    const country = h * 0.09;
    return {
      ...common,
      qr,
      identity: { width: textW, height: body - pad - country },
      country: { width: textW, height: country },
    };
  }
  // Text on top, country and QR code side by side above the band.
  const qr = Math.min(h * 0.2, w * 0.3);
  const inner = w - 2 * pad;
  return {
    ...common,
    qr,
    identity: { width: inner, height: body - qr - h * 0.08 },
    country: { width: inner - qr - pad, height: qr },
  };
}

/** The smallest position and organisation on a front. */
const MIN_DETAIL = 6;

/**
 * The scale of the name block on a stock, the same for every badge: the largest at which a full
 * badge (a one-line name, a native name, a line of position and two of organisation) fits
 * the box. A badge's own texts never change it, so one delegate's long title cannot make their
 * name smaller than another's.
 */
const scales = new WeakMap<BadgeGeometry, number>();
function identityScale(m: Measurer, g: BadgeGeometry): number {
  const known = scales.get(g);
  if (known !== undefined) return known;
  const s = g.landscape ? g.height * 1.3 : g.height;
  const lines = (size: number, n: number) => n * size * m.lineHeight + (n - 1) * size * LEADING;
  const height =
    lines(s * 0.11, 1) +
    lines(s * 0.075, 1) +
    lines(s * 0.044, 1) +
    lines(s * 0.048, 2) +
    s * 0.008 * 6.5 +
    s * 0.012;
  const scale = s * Math.min(1, (g.identity.height / height) * 0.98);
  scales.set(g, scale);
  return scale;
}

export interface IdentityText {
  name: FittedText;
  native: FittedText | null;
  position: FittedText | null;
  organisation: FittedText;
  /** Gap between blocks, in points. */
  gap: number;
}

/**
 * Sizes and line breaks of the name block. The name comes first and is sized by its own width
 * only (one line while it stays large, else two), so a long title never makes a VIP's name
 * smaller than a delegate's; the native name takes one line. Position and organisation (up to
 * three lines each) share what height is left: they shrink together to their minimum size, then
 * lose lines, the last one ending in "…" and marked `cut` (reported as badge-overflow).
 */
export function fitIdentity(
  m: Measurer,
  g: BadgeGeometry,
  face: { name: string; native: string | null; position: string | null; organisation: string },
): IdentityText {
  const s = identityScale(m, g);
  const width = g.identity.width;
  const big = s * 0.11;
  const oneLine = fitText(m, face.name, {
    width,
    maxSize: big,
    minSize: Math.max(9, big * 0.62),
    maxLines: 1,
    weight: "bold",
  });
  const name =
    oneLine.lines.length === 1 && !oneLine.cut
      ? oneLine
      : fitText(m, face.name, { width, maxSize: big * 0.8, minSize: 7, maxLines: 2, weight: "bold" });
  const native = face.native
    ? fitText(m, face.native, { width, maxSize: s * 0.075, minSize: 7, maxLines: 1, weight: "medium" })
    : null;
  const gap = s * 0.008;
  const heightOf = (blocks: (FittedText | null)[]) => {
    const present = blocks.filter((b): b is FittedText => b !== null);
    return (
      present.reduce((sum, b) => sum + textHeight(m, b, LEADING), 0) +
      gap * (present.length + 1) +
      gap * 1.5 +
      s * 0.012
    );
  };
  const fitRest = (k: number, lines: [number, number]) => ({
    position: face.position
      ? fitText(m, face.position, {
          width,
          maxSize: Math.max(MIN_DETAIL, s * 0.044 * k),
          minSize: MIN_DETAIL,
          maxLines: lines[0],
          weight: "regular",
        })
      : null,
    organisation: fitText(m, face.organisation, {
      width,
      maxSize: Math.max(MIN_DETAIL, s * 0.048 * k),
      minSize: MIN_DETAIL,
      maxLines: lines[1],
      weight: "semibold",
    }),
  });
  let rest = fitRest(1, [3, 3]);
  for (const k of [0.9, 0.8, 0.7, 0.6, 0.5]) {
    if (heightOf([name, native, rest.position, rest.organisation]) <= g.identity.height) break;
    rest = fitRest(k, [3, 3]);
  }
  // At the smallest sizes and still too tall: lines go, the position's first.
  for (const lines of [
    [2, 3],
    [2, 2],
    [1, 2],
    [1, 1],
  ] as [number, number][]) {
    if (heightOf([name, native, rest.position, rest.organisation]) <= g.identity.height) break;
    rest = fitRest(0, lines);
  }
  return { name, native, ...rest, gap };
}

/** One line of text at an absolute position on the badge (points from its top-left corner). */
export interface Run {
  x: number;
  /** Top of the line box (the ascender line). */
  y: number;
  size: number;
  weight: "regular" | "medium" | "semibold" | "bold";
  /** "ink" (black), "primary" (the event colour), "muted" (grey) or "white" (on the header). */
  fill: "ink" | "primary" | "muted" | "white";
  text: string;
}

/**
 * Every line of a badge front as absolute runs, so the template only places text: no measuring,
 * no boxes, no clipping in Typst, which keeps 10,000 badges fast. The category label is not a
 * run: it belongs to the colour band, drawn once per category (see `bandLabel`).
 */
export function frontRuns(m: Measurer, g: BadgeGeometry, t: IdentityText & { country: FittedText }): Run[] {
  const runs: Run[] = [];
  const lh = m.lineHeight;
  const block = (f: FittedText, x: number, y: number, weight: Run["weight"], fill: Run["fill"]) => {
    f.lines.forEach((text, i) => {
      runs.push({ x, y: y + i * f.size * (lh + LEADING), size: f.size, weight, fill, text });
    });
    return y + textHeight(m, f, LEADING);
  };
  const x = g.pad;
  let y = g.headerBottom + (g.landscape ? g.pad * 0.5 : g.height * 0.045);
  y = block(t.name, x, y, "bold", "ink") + t.gap;
  if (t.native) y = block(t.native, x, y, "medium", "primary") + t.gap;
  y += t.gap * 1.5;
  if (t.position) y = block(t.position, x, y, "regular", "ink") + t.gap;
  block(t.organisation, x, y, "semibold", "ink");
  // Country: above the band, bottom-aligned with the QR code.
  const countryBottom = g.bandTop - g.pad * (g.landscape ? 0.3 : 0.55);
  block(t.country, x, countryBottom - textHeight(m, t.country, LEADING), "regular", "muted");
  return runs;
}

/** The category label in its band: one line, centred across, its top this far below the band piece's top. */
export function bandLabel(
  m: Measurer,
  g: BadgeGeometry,
  label: FittedText,
): { text: string; size: number; y: number } {
  return {
    text: label.lines[0] ?? "",
    size: label.size,
    y: labelTop(m, g, label) - g.bandArt.y,
  };
}

/**
 * Top of the category label, in badge coordinates: centred in the band, but inside the safe area
 * when the band reaches the trim (the label's box is the band cut at the safe line).
 */
function labelTop(m: Measurer, g: BadgeGeometry, label: FittedText): number {
  const top = g.bandTop;
  const bottom = Math.min(g.bandTop + g.band, g.safe.y + g.safe.h);
  return top + (bottom - top - textHeight(m, label, LEADING)) / 2;
}

/** The height the category label may take in its band (safe area included), in points. */
export function labelRoom(g: BadgeGeometry): number {
  return Math.min(g.bandTop + g.band, g.safe.y + g.safe.h) - g.bandTop;
}

/** Where the QR code goes on a badge front, in points. */
export function qrBox(g: BadgeGeometry): { x: number; y: number; size: number } {
  if (g.landscape) {
    const body = g.bandTop - g.headerBottom;
    return { x: g.width - g.pad - g.qr, y: g.headerBottom + (body - g.qr) / 2, size: g.qr };
  }
  return { x: g.width - g.pad - g.qr, y: g.bandTop - g.pad * 0.55 - g.qr, size: g.qr };
}

/** The header's logo and two lines of text, in badge coordinates, inside the safe area. */
export interface HeaderLayout {
  logo: { x: number; y: number; size: number } | null;
  short: FittedText;
  line: FittedText;
  runs: Run[];
}

/**
 * The event's short name and its line of dates and city, beside the logo: the box is the header
 * cut at the safe line, so on a card printed to its edge the text still keeps 3 mm from it.
 */
export function headerLayout(
  m: Measurer,
  g: BadgeGeometry,
  logo: boolean,
  text: { short: string; line: string },
): HeaderLayout {
  const inset = g.header * 0.14;
  const top = Math.max(g.safe.y, g.headerArt.y + inset);
  const bottom = g.headerBottom - inset;
  const h = Math.max(1, bottom - top);
  const logoSize = logo ? h : 0;
  const gap = logo ? h * 0.18 : 0;
  const x = g.pad + logoSize + gap;
  const width = g.width - g.pad - x;
  const short = fitText(m, text.short, { width, maxSize: h * 0.5, minSize: 5, maxLines: 1, weight: "bold" });
  const line = fitText(m, text.line, {
    width,
    maxSize: h * 0.26,
    minSize: 4,
    maxLines: 1,
    weight: "regular",
  });
  const spacing = h * 0.06;
  const total = textHeight(m, short, LEADING) + spacing + textHeight(m, line, LEADING);
  const y = top + (h - total) / 2;
  const runs: Run[] = [
    { x, y, size: short.size, weight: "bold", fill: "white", text: short.lines[0] ?? "" },
    {
      x,
      y: y + textHeight(m, short, LEADING) + spacing,
      size: line.size,
      weight: "regular",
      fill: "white",
      text: line.lines[0] ?? "",
    },
  ];
  return { logo: logo ? { x: g.pad, y: top, size: logoSize } : null, short, line, runs };
}
