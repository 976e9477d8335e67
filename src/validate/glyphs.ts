import { type Diagnostic, diag } from "../diagnostics.js";
import type { TableRow, TableSpec } from "../schema/table.js";
import type { RowCheck } from "./text.js";

/** Answers whether some configured font can draw a code point. */
export interface GlyphCoverage {
  has(codePoint: number): boolean;
  /** Font family names, for messages. */
  fonts: readonly string[];
}

// Spaces and marks that draw nothing need no glyph.
const NEEDS_NO_GLYPH = /[\s\u200b-\u200f\u2060\ufeff]/u;

/**
 * Every character of every printed field must be drawable with the configured fonts, or a badge
 * would print a tofu box. Distinct characters are looked up once (the verdicts are shared by the
 * checks made from one `glyphChecks`), so 100,000 rows cost one pass over their text.
 */
export function glyphChecks(coverage: GlyphCoverage): (spec: TableSpec) => RowCheck {
  const verdict = new Map<number, boolean>();
  const ascii: (boolean | undefined)[] = new Array(128);
  const drawable = (cp: number) => {
    // ASCII letters, digits and punctuation: every bundled font has them, but a configured one
    // might not, so they are asked too; a small array answers them without hashing.
    let v = cp < 128 ? ascii[cp] : verdict.get(cp);
    if (v === undefined) {
      v = NEEDS_NO_GLYPH.test(String.fromCodePoint(cp)) || coverage.has(cp);
      if (cp < 128) ascii[cp] = v;
      else verdict.set(cp, v);
    }
    return v;
  };
  const allDrawable = (value: string) => {
    for (let i = 0; i < value.length; i++) {
      const cp = value.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (!drawable(cp)) return false;
    }
    return true;
  };
  const report = (row: TableRow, key: string, base: string, value: string, out: Diagnostic[]) => {
    const missing = [...new Set(Array.from(value).filter((ch) => !drawable(ch.codePointAt(0)!)))];
    const shown = missing
      .slice(0, 5)
      .map((ch) => `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`)
      .join(", ");
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
        `${key} has ${missing.length === 1 ? "a character" : "characters"} that no configured font can print: ${shown}`,
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
