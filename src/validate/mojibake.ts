/**
 * UTF-8 text that a spreadsheet opened as Windows-1252 (or Vietnamese Windows-1258) and saved
 * again: every non-ASCII letter became two or three Latin-1 characters, "Nguyễn" → "Nguyá»…n",
 * "Müller" → "MÃ¼ller". Reading the characters back as the bytes they came from undoes it.
 */

// Characters 0x80–0x9F of Windows-1252, and the letters where Windows-1258 differs from it.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const CP1258_LETTERS: Record<string, number> = {
  Ă: 0xc3,
  ă: 0xe3,
  Ơ: 0xd5,
  ơ: 0xf5,
  Ư: 0xdd,
  ư: 0xfd,
  Đ: 0xd0,
  đ: 0xf0,
  "₫": 0xfe,
};

/** The byte a spreadsheet's Windows-1252/1258 reading turned into this character, if any. */
function byteOf(ch: string | undefined): number | undefined {
  const cp = ch?.codePointAt(0);
  if (ch === undefined || cp === undefined) return undefined;
  if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) return cp;
  const high = CP1252_HIGH.indexOf(ch);
  if (high >= 0) return 0x80 + high;
  return CP1258_LETTERS[ch];
}

// A lead character directly followed by a continuation character: the cheap first test.
const LEAD_THEN_CONTINUATION =
  /[\u00c2-\u00f4\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;
const isContinuation = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;
// What mojibake decodes to: letters (of any script), and the typographic punctuation Excel writes.
const PLAUSIBLE = /[\p{L}’‘“”–—…€•]/u;
// Two-byte letters a spreadsheet mangles: Latin with accents, Greek, Cyrillic, Armenian, Hebrew, Arabic.
const PLAUSIBLE_2 = /^[\u00c0-\u024f\u0370-\u06ff]$/u;

export interface Mojibake {
  /** "error" when the evidence leaves no other reading, else "warning". */
  severity: "error" | "warning";
  /** The text the value was before the spreadsheet re-saved it, when every character came back. */
  repaired?: string;
}

/**
 * Finds UTF-8 sequences spelt in Latin-1 characters: a lead (Â–ô) followed by the continuation
 * characters (0x80–0xBF: symbols such as © ¶ ¼ », and Š ž œ ‰ –). A real name may put a dash,
 * a quote or a letter after an accented capital ("JOSÉ–MARÍA", "«ANDRÉ»") but never one of the
 * symbols ¡–¿ nor two more continuation characters after a small letter, so: a three-byte
 * sequence ("á»…" for "ễ"), or a two-byte one ending in such a symbol ("Ã©" for "é") together
 * with any other, is an error; anything less is a warning.
 */
export function findMojibake(value: string): Mojibake | undefined {
  if (!LEAD_THEN_CONTINUATION.test(value)) return undefined; // almost every value, at once
  const chars = [...value];
  let long = 0;
  let strong = 0;
  let weak = 0;
  for (let i = 0; i < chars.length; i++) {
    const lead = byteOf(chars[i]);
    if (lead === undefined || lead < 0xc2 || lead > 0xf4) continue;
    const need = lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3;
    const tail: number[] = [];
    while (tail.length < need && isContinuation(byteOf(chars[i + 1 + tail.length]))) {
      tail.push(byteOf(chars[i + 1 + tail.length])!);
    }
    if (tail.length === 0) continue;
    if (tail.length < need) {
      // A control character the cleaning removed ("á»" + U+009D of "ờ") broke the sequence.
      if (need >= 2) weak++;
      i += tail.length;
      continue;
    }
    const decoded = decodeUtf8([lead, ...tail]);
    if (decoded === undefined || !PLAUSIBLE.test(decoded) || (need === 1 && !PLAUSIBLE_2.test(decoded)))
      continue;
    // Every three-byte letter leaves a symbol among its continuation characters ("á»…", "ê¹€").
    if (need >= 2) {
      if (chars.slice(i + 1, i + 1 + need).some((c) => !/\p{L}/u.test(c))) long++;
    } else if (tail[0]! >= 0xa1 && !/[\p{L}«»·]/u.test(chars[i + 1]!)) strong++;
    else weak++;
    i += need;
  }
  if (long + strong === 0) return undefined; // a dash or a letter after a capital is someone's spelling
  const sure = long > 0 || (strong > 0 && strong + weak >= 2);
  const result: Mojibake = { severity: sure ? "error" : "warning" };
  const repaired = repair(value);
  if (repaired !== undefined && repaired !== value) result.repaired = repaired;
  return result;
}

function decodeUtf8(bytes: number[]): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/**
 * The value as it was before the round trip, word by word (a word someone already retyped, such as
 * "Văn", stays), or undefined when a character the cleaning removed is missing from a word.
 */
function repair(value: string): string | undefined {
  let lost = false;
  const words = value.split(/(\s+)/).map((word) => {
    const bytes: number[] = [];
    for (const ch of word) {
      const b = byteOf(ch);
      if (b === undefined) return word;
      bytes.push(b);
    }
    const text = decodeUtf8(bytes);
    if (text !== undefined) return text.normalize("NFC");
    // Not UTF-8: a retyped word ("Văn" in Windows-1258), or mojibake that lost a character.
    if (bytes.some(isContinuation)) lost = true;
    return word;
  });
  return lost ? undefined : words.join("");
}
