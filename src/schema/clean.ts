/**
 * What spreadsheets and copy-paste leave inside cells: invisible characters that break matching
 * and printing, and the marks of Excel having "helped" (lost leading zeros, 1.2E+10, `?` for letters
 * a legacy code page could not hold).
 */

// Zero-width marks, bidi controls, word joiners, BOM, soft hyphen, C0/C1 controls. Tab and line
// breaks are handled separately: they are allowed in multi-line fields only.
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const LINE_BREAKS = /[\t\r\n]/g;
// Scripts whose spelling uses the zero-width (non-)joiner between letters: Persian "علی‌رضا",
// Sinhala "ශ්‍රී", Malayalam, Bengali, Devanagari conjuncts. There it is part of the name.
const JOINING_SCRIPT =
  /[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{sc=Myanmar}\p{sc=Khmer}\p{sc=Mongolian}\p{sc=Tibetan}]/u;

/** A ZWNJ or ZWJ between two letters (or marks) of a script that spells with it. */
function isSpellingJoiner(raw: string, ch: string, at: number): boolean {
  if (ch !== "\u200c" && ch !== "\u200d") return false;
  return JOINING_SCRIPT.test(raw.charAt(at - 1)) && JOINING_SCRIPT.test(raw.charAt(at + 1));
}

const SUSPECT =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\s\s/;

/** Cheap pre-check: most cells need only trimming. */
export function needsCleaning(raw: string): boolean {
  return SUSPECT.test(raw);
}

export interface CleanResult {
  value: string;
  /** Names of what was removed, e.g. ["U+200B ZERO WIDTH SPACE"], empty when nothing was. */
  removed: string[];
}

/**
 * `text` without control, bidi and zero-width characters (the one definition of what is
 * invisible, shared by cell values and by every report a terminal or CI log shows), each removed
 * character named in `removed`. Tab and line breaks are kept: callers decide about them. A
 * zero-width (non-)joiner between letters of a script that spells with it stays.
 */
export function removeInvisible(text: string, removed?: Set<string>): string {
  return text.replace(INVISIBLE, (ch, at: number) => {
    if (isSpellingJoiner(text, ch, at)) return ch;
    removed?.add(describeChar(ch));
    return "";
  });
}

export function cleanCell(raw: string, multiline: boolean): CleanResult {
  const removed = new Set<string>();
  let value = removeInvisible(raw, removed);
  if (!multiline) {
    value = value.replace(LINE_BREAKS, (ch) => {
      removed.add(describeChar(ch));
      return " ";
    });
  }
  return {
    value: value.trim().replace(multiline ? /[ \u00a0]{2,}/g : /\s{2,}/g, " "),
    removed: [...removed],
  };
}

const NAMES: Record<number, string> = {
  9: "TAB",
  10: "LINE FEED",
  13: "CARRIAGE RETURN",
  173: "SOFT HYPHEN",
  8203: "ZERO WIDTH SPACE",
  8204: "ZERO WIDTH NON-JOINER",
  8205: "ZERO WIDTH JOINER",
  8206: "LEFT-TO-RIGHT MARK",
  8207: "RIGHT-TO-LEFT MARK",
  8234: "LEFT-TO-RIGHT EMBEDDING",
  8235: "RIGHT-TO-LEFT EMBEDDING",
  8236: "POP DIRECTIONAL FORMATTING",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8238: "RIGHT-TO-LEFT OVERRIDE",
  8288: "WORD JOINER",
  65279: "ZERO WIDTH NO-BREAK SPACE (BOM)",
};

export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = NAMES[cp] ?? (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? "CONTROL CHARACTER" : undefined);
  return name ? `${hex} ${name}` : hex;
}

export type ExcelDamage = {
  kind: "scientific" | "leading-zero" | "question-marks";
  hint: string;
  message: string;
};

/** Digits turned into 1.23457E+11 by a spreadsheet: the original digits are gone. */
export function looksScientific(value: string): boolean {
  return /^[+-]?\d(?:[.,]\d+)?E\+?\d{1,3}$/i.test(value);
}

/**
 * Letters a legacy code page could not hold come back as `?`: "Nguy?n V?n An", "??? ???".
 * A single `?` at the end of a sentence is not damage.
 */
export function looksQuestionMarked(value: string): boolean {
  return /[\p{L}]\?[\p{L}]|\?{2,}|(^|\s)\?+(\s|$)/u.test(value);
}

/** A national phone number whose leading 0 a spreadsheet dropped (0912 345 678 → 912345678). */
export function looksPhoneWithoutZero(value: string): boolean {
  return /^[1-9]\d{8,9}$/.test(value);
}
