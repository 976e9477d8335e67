import { type Diagnostic, diag } from "../diagnostics.js";
import type { TableRow, TableSpec } from "../schema/table.js";
import type { RowCheck } from "./text.js";

/** Answers whether some configured font can draw a code point. */
export interface GlyphCoverage {
  has(codePoint: number): boolean;
  /** Font family names, for messages. */
  fonts: readonly string[];
  /**
   * Every code point some font can draw, when the coverage can list them (the fonts' character
   * maps can): the check then tests a whole value in one pass of a compiled pattern.
   */
  codePoints?(): Iterable<number>;
}

/** `[…]` of a character class for the code points, as runs (`\u{AC00}-\u{D7A3}`): Hangul is one run. */
function characterClass(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].filter((cp) => cp >= 0 && cp <= 0x10ffff).sort((a, b) => a - b);
  const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
  let out = "";
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out += i === j ? hex(sorted[i]!) : `${hex(sorted[i]!)}-${hex(sorted[j]!)}`;
    i = j + 1;
  }
  return out;
}

// Spaces and marks that draw nothing need no glyph.
const NO_GLYPH_CLASS = "\\s\\u200b-\\u200f\\u2060\\ufeff";
const NEEDS_NO_GLYPH = new RegExp(`[${NO_GLYPH_CLASS}]`, "u");

/** Whether a character draws nothing (a space, a zero-width mark), so no font needs to have it. */
export const needsNoGlyph = (cp: number): boolean => NEEDS_NO_GLYPH.test(String.fromCodePoint(cp));

/** The distinct characters of `value` that `drawable` refuses, in the order they first come. */
export function missingCharacters(value: string, drawable: (cp: number) => boolean): string[] {
  return [...new Set(Array.from(value).filter((ch) => !drawable(ch.codePointAt(0)!)))];
}

/** `field has characters that no configured font can print: "X" (U+0058), …` (the first five). */
export function missingGlyphMessage(field: string, missing: readonly string[]): string {
  const shown = missing
    .slice(0, 5)
    .map((ch) => `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`)
    .join(", ");
  return `${field} has ${missing.length === 1 ? "a character" : "characters"} that no configured font can print: ${shown}`;
}

/**
 * Every character of every printed field must be drawable with the configured fonts, or a badge
 * would print a tofu box. Distinct characters are looked up once (the verdicts are shared by the
 * checks made from one `glyphChecks`), so 100,000 rows cost one pass over their text.
 */
export function glyphChecks(coverage: GlyphCoverage): (spec: TableSpec) => RowCheck {
  // The Basic Multilingual Plane's verdicts in a table (0 not asked yet, 1 drawable, 2 not), the
  // rarer characters beyond it in a map: a row's Hangul or Vietnamese letters cost one array read
  // each, where a map's lookup hashes every one of them.
  const plane = new Uint8Array(0x10000);
  const beyond = new Map<number, boolean>();
  const ask = (cp: number) => needsNoGlyph(cp) || coverage.has(cp);
  const drawable = (cp: number) => {
    if (cp < 0x10000) {
      let v = plane[cp]!;
      if (v === 0) {
        v = ask(cp) ? 1 : 2;
        plane[cp] = v;
      }
      return v === 1;
    }
    let v = beyond.get(cp);
    if (v === undefined) {
      v = ask(cp);
      beyond.set(cp, v);
    }
    return v;
  };
  // One pattern of everything drawable answers a whole value natively; values it refuses are
  // looked at character by character to name what is missing.
  const listed = coverage.codePoints?.();
  const everyDrawable = listed
    ? new RegExp(`^[${NO_GLYPH_CLASS}${characterClass(listed)}]*$`, "u")
    : undefined;
  const allDrawable = (value: string) => {
    if (everyDrawable) return everyDrawable.test(value);
    for (let i = 0; i < value.length; i++) {
      const cp = value.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (!drawable(cp)) return false;
    }
    return true;
  };
  const report = (row: TableRow, key: string, base: string, value: string, out: Diagnostic[]) => {
    const missing = missingCharacters(value, drawable);
    out.push(
      diag(
        "missing-glyph",
        "error",
        {
          file: row.loc.file,
          line: row.loc.line,
          column: row.loc.columns[key] ?? row.loc.columns[base] ?? 0,
          field: key,
        },
        missingGlyphMessage(key, missing),
        `Fonts in use: ${coverage.fonts.join(", ")}. Replace the character, or add a font that has it under fonts: in event.yaml.`,
      ),
    );
  };
  return (spec) => {
    const printed = spec.columns.map((c, index) => ({ c, index })).filter(({ c }) => c.printed);
    const printedNames = new Set(printed.map(({ c }) => c.name));
    return (row, out) => {
      for (const { c, index } of printed) {
        const value = row.text[index];
        if (value !== undefined && !allDrawable(value)) report(row, c.name, c.name, value, out);
      }
      if (row.translations) {
        for (const [key, value] of row.translations) {
          const base = key.slice(0, key.lastIndexOf("_"));
          if (printedNames.has(base) && !allDrawable(value)) report(row, key, base, value, out);
        }
      }
    };
  };
}
