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
  return removeInvisible(text.replace(BREAKS_ONE_LINE, " "));
}

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
