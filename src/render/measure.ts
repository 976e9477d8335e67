import { readFileSync } from "node:fs";
import { type OpenTypeFont, readFont } from "./opentype.js";

export type Weight = "regular" | "medium" | "semibold" | "bold";

/**
 * Text widths from the fonts' advance widths, so layouts can be fitted in JavaScript and the
 * templates only place text (Typst's own `measure` costs far too much across 10,000 badges).
 * Kerning is ignored: callers leave a few per cent of slack.
 */
export interface Measurer {
  /** Width of `text` in em (multiply by the font size). */
  width(text: string, weight: Weight): number;
  /** Height of one line from ascender to descender, in em. */
  readonly lineHeight: number;
}

/**
 * A measurer over the faces of one family, then of the `fallbacks` in order: a character is
 * measured in the first family that has it, as Typst picks the font that prints it from the
 * theme's list (Pretendard, then Noto Sans SC for a Chinese event). Characters none has count as
 * 1 em (too wide, never too narrow). The line height is the first family's.
 */
export function createMeasurer(
  faces: Record<Weight, string>,
  fallbacks: readonly Record<Weight, string>[] = [],
): Measurer {
  const fonts = {} as Record<
    Weight,
    { font: OpenTypeFont; rest: OpenTypeFont[]; cache: Map<number, number> }
  >;
  for (const [weight, file] of Object.entries(faces) as [Weight, string][])
    fonts[weight] = {
      font: readFont(readFileSync(file)),
      rest: fallbacks.map((f) => readFont(readFileSync(f[weight]))),
      cache: new Map(),
    };
  const regular = fonts.regular.font;
  return {
    lineHeight: (regular.ascent - regular.descent) / regular.unitsPerEm,
    width(text, weight) {
      const { font, rest, cache } = fonts[weight];
      let units = 0;
      // By code unit, pairing surrogates: no string per character.
      for (let i = 0; i < text.length; i++) {
        let cp = text.charCodeAt(i);
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
          const low = text.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            i++;
          }
        }
        let width = cache.get(cp);
        if (width === undefined) {
          // In the first face's units: a fallback's advance is scaled from its own units per em.
          width = advance(font, cp, font.unitsPerEm);
          for (let k = 0; width === undefined && k < rest.length; k++)
            width = advance(rest[k]!, cp, font.unitsPerEm);
          width ??= font.unitsPerEm;
          cache.set(cp, width);
        }
        units += width;
      }
      return units / font.unitsPerEm;
    },
  };
}

/** The advance of the glyph of `cp` in units of `perEm` to the em, or undefined when the font has none. */
function advance(font: OpenTypeFont, cp: number, perEm: number): number | undefined {
  const glyph = font.glyphOf(cp);
  if (glyph === 0) return undefined;
  const units = font.advanceOf(glyph);
  return font.unitsPerEm === perEm ? units : (units * perEm) / font.unitsPerEm;
}

/** Text laid out by `fitText`: its lines and font size in points. */
export interface FittedText {
  lines: string[];
  size: number;
  /** Set when the text did not fit at minSize in maxLines and was cut (ending in "…"). */
  cut?: true;
}

export interface FitOptions {
  /** Available width, in points. */
  width: number;
  maxSize: number;
  minSize: number;
  maxLines: number;
  weight: Weight;
}

const SLACK = 0.96;

/** White space a line may break at: every kind but the no-break spaces. */
const BREAKING_SPACE = /[\t\n\v\f\r \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+/;

/**
 * The largest size (from maxSize down to minSize) at which `text` wraps into at most maxLines
 * lines of `width`, breaking between words only (a Korean name never breaks inside a word). Past
 * minSize the text is cut, with an ellipsis, so even a 1,000-character value stays in its box.
 */
export function fitText(m: Measurer, text: string, o: FitOptions): FittedText {
  // Lines break at spaces, never at a no-break one (U+00A0, U+2007, U+202F): "Viet\u00a0Nam"
  // and "Hồ\u00a0Chí\u00a0Minh" (typography.no_break) are measured and kept as one word.
  const words = text.split(BREAKING_SPACE).filter(Boolean);
  const widths = words.map((w) => m.width(w, o.weight));
  const space = m.width(" ", o.weight);
  const steps = 12;
  // Sizes are tried without building lines (a badge run fits 40,000 texts); the first that fits
  // is wrapped for real.
  for (let i = 0; i <= steps; i++) {
    const size = o.maxSize - ((o.maxSize - o.minSize) * i) / steps;
    const limit = (o.width * SLACK) / size;
    if (fits(widths, space, limit, o.maxLines))
      return { lines: wrap(words, widths, space, limit), size: round(size) };
  }
  const { lines, truncated } = cut(m, words, o);
  // Callers report a cut text (badge-overflow): the ellipsis alone would be silent.
  return truncated ? { lines, size: round(o.minSize), cut: true } : { lines, size: round(o.minSize) };
}

/** Whether greedy wrapping into lines of `limit` em needs at most `max` lines (and no word is wider). */
function fits(widths: number[], space: number, limit: number, max: number): boolean {
  let lines = 0;
  let w = -1; // width of the current line; -1 before its first word
  for (const ww of widths) {
    if (ww > limit) return false;
    if (w >= 0 && w + space + ww > limit) {
      if (++lines >= max) return false;
      w = -1;
    }
    w = w < 0 ? ww : w + (space + ww);
  }
  return (w >= 0 ? lines + 1 : lines) <= max;
}

/** Greedy wrapping (the fewest lines) into lines of `limit` em. */
function wrap(words: string[], widths: number[], space: number, limit: number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  let w = 0;
  for (let i = 0; i < words.length; i++) {
    const ww = widths[i]!;
    if (current.length > 0 && w + space + ww > limit) {
      lines.push(current.join(" "));
      current = [];
      w = 0;
    }
    w += (current.length > 0 ? space : 0) + ww;
    current.push(words[i]!);
  }
  if (current.length > 0) lines.push(current.join(" "));
  return lines;
}

/** Fills maxLines lines at minSize character by character and ends the last with "…". */
function cut(m: Measurer, words: string[], o: FitOptions): { lines: string[]; truncated: boolean } {
  const limit = (o.width * SLACK) / o.minSize;
  const lines: string[] = [];
  let line = "";
  let truncated = false;
  for (const ch of words.join(" ")) {
    if (m.width(line + ch, o.weight) > limit) {
      lines.push(line.trimEnd());
      line = ch.trim();
      if (lines.length === o.maxLines) {
        truncated = true;
        break;
      }
    } else line += ch;
  }
  if (lines.length < o.maxLines && line) lines.push(line);
  if (!truncated) return { lines, truncated };
  const last = lines.length - 1;
  let tail = lines[last] ?? "";
  while (tail.length > 0 && m.width(`${tail}…`, o.weight) > limit)
    tail = Array.from(tail).slice(0, -1).join("");
  lines[last] = `${tail}…`;
  return { lines, truncated };
}

/** Height of fitted text in points, lines from ascender to descender plus leading between them. */
export function textHeight(m: Measurer, t: FittedText, leading: number): number {
  return t.lines.length * t.size * m.lineHeight + Math.max(0, t.lines.length - 1) * t.size * leading;
}

const round = (n: number) => Math.round(n * 100) / 100;
