import { type Diagnostic, diag } from "../diagnostics.js";
import type { TableRow } from "../schema/table.js";
import type { ReadTable } from "./text.js";

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
 * would print a tofu box. Distinct characters are checked once, so 100,000 rows cost one pass.
 */
export function checkGlyphs(tables: readonly ReadTable[], coverage: GlyphCoverage): Diagnostic[] {
  const verdict = new Map<string, boolean>();
  const drawable = (ch: string) => {
    let v = verdict.get(ch);
    if (v === undefined) {
      v = NEEDS_NO_GLYPH.test(ch) || coverage.has(ch.codePointAt(0)!);
      verdict.set(ch, v);
    }
    return v;
  };
  const out: Diagnostic[] = [];
  const report = (row: TableRow, key: string, base: string, value: string) => {
    const missing = [...new Set(Array.from(value).filter((ch) => !drawable(ch)))];
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
  const allDrawable = (value: string) => {
    for (const ch of value) if (!drawable(ch)) return false;
    return true;
  };
  for (const { spec, rows } of tables) {
    const printed = spec.columns.map((c, index) => ({ c, index })).filter(({ c }) => c.printed);
    const printedNames = new Set(printed.map(({ c }) => c.name));
    for (const row of rows) {
      for (const { c, index } of printed) {
        const value = row.text[index];
        if (value !== undefined && !allDrawable(value)) report(row, c.name, c.name, value);
      }
      if (row.translations) {
        for (const [key, value] of row.translations) {
          const base = key.slice(0, -3);
          if (printedNames.has(base) && !allDrawable(value)) report(row, key, base, value);
        }
      }
    }
  }
  return out;
}
