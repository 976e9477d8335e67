import { type FittedText, fitText, type Measurer, textHeight } from "../../render/measure.js";
import type { Stock } from "./stocks.js";

const PT_PER_MM = 72 / 25.4;
const LEADING = 0.15;

/** Where things go on one badge, in points: computed once per stock, used by the template. */
export interface BadgeGeometry {
  width: number;
  height: number;
  pad: number;
  landscape: boolean;
  header: number;
  band: number;
  qr: number;
  /** The name-to-organisation block. */
  identity: { width: number; height: number };
  country: { width: number; height: number };
  leading: number;
}

export function badgeGeometry(stock: Stock): BadgeGeometry {
  const w = stock.badge.width * PT_PER_MM;
  const h = stock.badge.height * PT_PER_MM;
  const landscape = w > h;
  const pad = Math.min(w, h) * 0.07;
  const header = h * (landscape ? 0.2 : 0.15);
  const band = h * (landscape ? 0.17 : 0.11);
  const body = h - header - band;
  const common = { width: w, height: h, pad, landscape, header, band, leading: LEADING };
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

export interface IdentityText {
  name: FittedText;
  native: FittedText | null;
  position: FittedText | null;
  organisation: FittedText;
  /** Gap between blocks, in points. */
  gap: number;
}

/**
 * Sizes and line breaks of the name block: the name on one line while it stays large, else on two;
 * the native name on one; position two lines; organisation three. When the whole block is taller
 * than its box, every size is scaled down together and fitted again.
 */
export function fitIdentity(
  m: Measurer,
  g: BadgeGeometry,
  face: { name: string; native: string | null; position: string | null; organisation: string },
): IdentityText {
  const unit = g.landscape ? g.height * 1.3 : g.height;
  const width = g.identity.width;
  let k = 1;
  let result: IdentityText | undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    const s = unit * k;
    const big = s * 0.11;
    const oneLine = fitText(m, face.name, {
      width,
      maxSize: big,
      minSize: Math.max(9, big * 0.62),
      maxLines: 1,
      weight: "bold",
    });
    const name =
      oneLine.lines.length === 1 && !oneLine.lines[0]!.endsWith("…")
        ? oneLine
        : fitText(m, face.name, { width, maxSize: big * 0.8, minSize: 7, maxLines: 2, weight: "bold" });
    const native = face.native
      ? fitText(m, face.native, { width, maxSize: s * 0.075, minSize: 7, maxLines: 1, weight: "medium" })
      : null;
    const position = face.position
      ? fitText(m, face.position, { width, maxSize: s * 0.044, minSize: 5.5, maxLines: 2, weight: "regular" })
      : null;
    const organisation = fitText(m, face.organisation, {
      width,
      maxSize: s * 0.048,
      minSize: 5.5,
      maxLines: 3,
      weight: "semibold",
    });
    const gap = s * 0.008;
    result = { name, native, position, organisation, gap };
    const blocks = [name, native, position, organisation].filter((b): b is FittedText => b !== null);
    const height =
      blocks.reduce((sum, b) => sum + textHeight(m, b, LEADING), 0) + gap * (blocks.length + 1) + s * 0.012;
    if (height <= g.identity.height) break;
    k *= (g.identity.height / height) * 0.98;
  }
  return result!;
}

/** One line of text at an absolute position on the badge (points from its top-left corner). */
export interface Run {
  x: number;
  /** Top of the line box (the ascender line). */
  y: number;
  size: number;
  weight: "regular" | "medium" | "semibold" | "bold";
  /** "ink" (black), "primary" (the event colour) or "muted" (grey). */
  fill: "ink" | "primary" | "muted";
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
  let y = g.header + (g.landscape ? g.pad * 0.5 : g.height * 0.045);
  y = block(t.name, x, y, "bold", "ink") + t.gap;
  if (t.native) y = block(t.native, x, y, "medium", "primary") + t.gap;
  y += t.gap * 1.5;
  if (t.position) y = block(t.position, x, y, "regular", "ink") + t.gap;
  block(t.organisation, x, y, "semibold", "ink");
  // Country: above the band, bottom-aligned with the QR code.
  const countryBottom = g.height - g.band - g.pad * (g.landscape ? 0.3 : 0.55);
  block(t.country, x, countryBottom - textHeight(m, t.country, LEADING), "regular", "muted");
  return runs;
}

/** The category label in its band: one line, centred across, its top this far below the band's top. */
export function bandLabel(
  m: Measurer,
  g: BadgeGeometry,
  label: FittedText,
): { text: string; size: number; y: number } {
  return {
    text: label.lines[0] ?? "",
    size: label.size,
    y: (g.band - textHeight(m, label, LEADING)) / 2,
  };
}

/** Where the QR code goes on a badge front, in points. */
export function qrBox(g: BadgeGeometry): { x: number; y: number; size: number } {
  if (g.landscape) {
    const body = g.height - g.header - g.band;
    return { x: g.width - g.pad - g.qr, y: g.header + (body - g.qr) / 2, size: g.qr };
  }
  return { x: g.width - g.pad - g.qr, y: g.height - g.band - g.pad * 0.55 - g.qr, size: g.qr };
}
