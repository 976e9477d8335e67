import type { Diagnostic } from "../../diagnostics.js";
import { removeInvisible } from "../../schema/clean.js";

// Line and paragraph separators: a terminal or a log viewer may break the line at them.
const BREAKS_ONE_LINE = /[\t\r\n\u2028\u2029]/g;
const BREAKS_KEEP_LINES = /\r\n?|[\u2028\u2029]/g;

/**
 * User text made safe to show on a terminal or in a CI log: the control, bidi and zero-width
 * characters that cell values lose (C0 and C1 controls, so ESC and every escape sequence it
 * starts, bidi overrides) are removed the same way, with the same function; line breaks become
 * spaces, so a header or a key cannot start a line that looks like another diagnostic.
 *
 *   "\u001b[2J\u202eevil" → "[2Jevil"
 */
export function safeLine(text: string): string {
  // Nearly every message and hint has none of them: one search, and the text as it is.
  if (!UNSAFE_IN_LINE.test(text)) return text;
  return removeInvisible(text.replace(BREAKS_ONE_LINE, " "));
}

/**
 * Every character `safeLine` changes: a line break (BREAKS_ONE_LINE) or one that removeInvisible
 * removes (src/schema/clean.ts INVISIBLE; tests/cli/safe-text.test.ts keeps the two in step).
 */
export const UNSAFE_IN_LINE =
  /[\t\r\n\u2028\u2029\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** `safeLine` for text that may span lines (a compiler's error): line breaks stay, as `\n`. */
export function safeLines(text: string): string {
  return removeInvisible(text.replace(BREAKS_KEEP_LINES, "\n"));
}

/** A diagnostic whose every text field is `safeLine`d: what every report format prints. */
export function safeDiagnostic(d: Diagnostic): Diagnostic {
  const out: Diagnostic = {
    ...d,
    code: safeLine(d.code),
    file: safeLine(d.file),
    message: safeLine(d.message),
  };
  if (d.field !== undefined) out.field = safeLine(d.field);
  if (d.hint !== undefined) out.hint = safeLine(d.hint);
  return out;
}
