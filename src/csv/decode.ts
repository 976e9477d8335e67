import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

/** The text encodings spreadsheets actually write, as reported to the user. */
export const ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "cp949", "windows-1252", "windows-1258"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The other reading of an undecided file, and a word that reads differently in it. */
export interface Alternative {
  encoding: Encoding;
  word: string;
  as: string;
}
interface Candidate {
  encoding: Encoding;
  text: string;
  score: number;
  alternative?: Alternative;
}

export type DecodeResult =
  | {
      ok: true;
      /** NFC text without BOM. */
      text: string;
      encoding: Encoding;
      bom: boolean;
      /** True when no BOM or declaration said so and the encoding was inferred from the bytes. */
      guessed: boolean;
      /**
       * The file's own bytes (after the BOM) when they are `text` in UTF-8: a UTF-8 file that NFC
       * left as it was. The CSV reader then reads them as they are instead of encoding the text
       * again (11 MB at 100,000 delegates).
       */
      utf8?: Uint8Array;
      /**
       * When the bytes could not decide between Windows-1252 and Windows-1258: the other one, and
       * a word that reads differently in it (`{ encoding: "windows-1258", word: "Tõnu", as: "Tơnu" }`).
       */
      alternative?: Alternative;
    }
  | { ok: false; line: number; column: number; message: string };

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
// Letters with diacritics used in Vietnamese (precomposed, after NFC), lower and upper case.
const VIETNAMESE =
  "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ" +
  "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ";
const VIETNAMESE_SET = new Set(VIETNAMESE);
// Punctuation Excel commonly writes in legacy code pages; not evidence either way.
const NEUTRAL = new Set("‘’“”–—…•·°€£¥©®×÷«»¡¿§¶´");
// Letters a Western European name is written with (after NFC), Š Ž Œ and the ª of "Mª" included.
const LATIN_LETTER =
  /^[\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e]$/u;

/**
 * Bytes of a CSV file → NFC text, detecting the encoding the way the file was most likely saved:
 * a BOM decides; else UTF-16 by its zero bytes; else strict UTF-8; else the legacy code pages of
 * Korean (CP949), Western European (Windows-1252) and Vietnamese (Windows-1258) Excel, chosen by
 * which one yields plausible text (see chooseSingleByte for the last two).
 * Never replaces undecodable bytes silently: an unexplained file is an error with its position.
 *
 * @param forced an encoding named by the user in event.yaml, which skips detection.
 */
export function decodeBytes(bytes: Uint8Array, forced?: Encoding): DecodeResult {
  if (forced) return decodeAs(bytes, forced, false);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs(bytes, "utf-8", false);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes, "utf-16le", false);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes, "utf-16be", false);

  const utf16 = sniffUtf16(bytes);
  if (utf16) return decodeAs(bytes, utf16, true);

  const firstBad = firstInvalidUtf8(bytes);
  if (firstBad < 0) return decodeAs(bytes, "utf-8", false);

  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const candidates: Candidate[] = [];
  const korean = iconv.decode(buffer, "cp949");
  if (!korean.includes("\uFFFD")) {
    const nfc = korean.normalize("NFC");
    candidates.push({ encoding: "cp949", text: nfc, score: plausibility(nfc, "cp949") });
  }
  const single = chooseSingleByte(bytes);
  if (single) candidates.push(single);
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best && best.score >= 0.8) {
    const result: DecodeResult = {
      ok: true,
      text: best.text,
      encoding: best.encoding,
      bom: false,
      guessed: true,
    };
    if (best === single && single.alternative) result.alternative = single.alternative;
    return result;
  }

  const { line, column } = positionOfByte(bytes, firstBad);
  return {
    ok: false,
    line,
    column,
    message: `byte 0x${bytes[firstBad]?.toString(16).padStart(2, "0")} at line ${line}, column ${column} is not valid UTF-8, and the file does not read as Korean (CP949), Western European (Windows-1252) or Vietnamese (Windows-1258) text either`,
  };
}

function decodeAs(bytes: Uint8Array, encoding: Encoding, guessed: boolean): DecodeResult {
  let text: string;
  let bom = false;
  if (encoding === "utf-8") {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      const { line, column } = positionOfByte(bytes, bad);
      return {
        ok: false,
        line,
        column,
        message: `byte at line ${line}, column ${column} is not valid UTF-8`,
      };
    }
    const withBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const utf8 = withBom ? bytes.subarray(3) : bytes;
    if (nfcAsWritten(utf8)) {
      // The text is the bytes as they are: decoded only when asked for. The CSV reader reads the
      // bytes, so validating a large file never builds its text (55 ms and 21 MB of two-byte
      // string at 100,000 delegates, and 30 ms more for the NFC check it needs no longer).
      let decoded: string | undefined;
      return {
        ok: true,
        get text() {
          decoded ??= new TextDecoder("utf-8", { ignoreBOM: true }).decode(utf8);
          return decoded;
        },
        encoding,
        bom: withBom,
        guessed,
        utf8,
      };
    }
    text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  } else if (encoding === "utf-16le" || encoding === "utf-16be") {
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return { ok: false, line: 1, column: 1, message: `the file is not valid ${encoding.toUpperCase()}` };
    }
  } else {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
    const bad = text.indexOf("\uFFFD");
    if (bad >= 0) {
      const line = text.slice(0, bad).split(/\r\n|\r|\n/).length;
      return { ok: false, line, column: 1, message: `the file has bytes that are not valid ${encoding}` };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    bom = true;
  }
  const nfc = text.normalize("NFC");
  if (encoding === "utf-8" && nfc === text)
    return { ok: true, text: nfc, encoding, bom, guessed, utf8: bom ? bytes.subarray(3) : bytes };
  return { ok: true, text: nfc, encoding, bom, guessed };
}

/**
 * Whether valid UTF-8 is NFC as written, told from its characters alone: true when every one is
 * ASCII or in a range whose characters NFC keeps as they are and never joins to the character
 * before them (none is a mark or a jamo that composes): Latin-1 to the spacing modifier letters
 * (U+0080–U+02FF), Vietnamese and the other precomposed Latin letters (U+1E00–U+1EFF), dashes,
 * quotes and the rest of general punctuation but the two spaces NFC replaces (U+2002–U+206F),
 * currency signs (U+20A0–U+20BF) and Hangul syllables (U+AC00–U+D7A3): what conference names are
 * written in. False says only "not known": the text is then normalised as before.
 * tests/csv/decode.test.ts checks every code point of those ranges against `normalize`.
 */
export function nfcAsWritten(bytes: Uint8Array): boolean {
  const n = bytes.length;
  // ASCII, most of a delegates file, is stepped over four bytes at a time where they are aligned.
  const head = Math.min(n, (4 - (bytes.byteOffset % 4)) % 4);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, (n - head) >>> 2);
  const wordsEnd = head + words.length * 4;
  let i = 0;
  while (i < n) {
    if (i >= head && i < wordsEnd && (i - head) % 4 === 0) {
      let w = (i - head) >>> 2;
      while (w < words.length && (words[w]! & 0x80808080) === 0) w++;
      i = head + w * 4;
      if (i >= n) break;
    }
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Valid UTF-8: a lead byte below 0xcc starts a two-byte character below U+0300.
    if (b < 0xcc) {
      i += 2;
      continue;
    }
    if (b < 0xe0 || b > 0xef) return false;
    const cp = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
    if (
      !(
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0x1e00 && cp <= 0x1eff) ||
        (cp >= 0x2002 && cp <= 0x206f) ||
        (cp >= 0x20a0 && cp <= 0x20bf)
      )
    )
      return false;
    i += 3;
  }
  return true;
}

/** UTF-16 without a BOM shows as a zero byte beside almost every ASCII character. */
function sniffUtf16(bytes: Uint8Array): Encoding | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "utf-16be";
  return undefined;
}

/** Index of the first byte that breaks UTF-8, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1; // native and fast; the scan below only runs to locate a fault
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else return i;
    if (i + need >= n) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function positionOfByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

const commonHangul = new Map<string, boolean>();
/**
 * Whether a syllable is one of the 2,350 of KS X 1001 (lead byte 0xB0–0xC8, trail 0xA1–0xFE in
 * CP949). Real Korean text is almost entirely these; bytes of another encoding read as CP949 land
 * mostly on the rare syllables of its extension area, or on Hanja.
 */
function isCommonHangul(ch: string): boolean {
  let v = commonHangul.get(ch);
  if (v === undefined) {
    const b = iconv.encode(ch, "cp949");
    v = b.length === 2 && b[0]! >= 0xb0 && b[0]! <= 0xc8 && b[1]! >= 0xa1;
    commonHangul.set(ch, v);
  }
  return v;
}

/**
 * Share of the non-ASCII characters that a real Korean or Vietnamese spreadsheet would contain.
 * Wrongly decoded Vietnamese reads as rare Hanja in CP949; wrongly decoded Korean reads as
 * accented capitals and symbols in Windows-1258.
 */
function plausibility(text: string, encoding: "cp949" | "windows-1252" | "windows-1258"): number {
  let good = 0;
  let total = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || NEUTRAL.has(ch)) continue;
    total++;
    if (encoding === "cp949") {
      if (cp >= HANGUL_FIRST && cp <= HANGUL_LAST && isCommonHangul(ch)) good++;
    } else if (VIETNAMESE_SET.has(ch) || LATIN_LETTER.test(ch)) good++;
  }
  return total === 0 ? 0 : good / total;
}

// Where Windows-1258 differs from Windows-1252 among letters. 1258 writes five tones as combining
// marks on the bytes of Ì Ò Þ ì ò, and puts ă ơ ư đ on those of ã õ ý ð (and the capitals).
const COMBINING_1258 = new Set([0xcc, 0xd2, 0xde, 0xec, 0xf2]);
// Bytes a tone may follow in Windows-1258: the vowels, plain or with their shape marks (â ê ô ă ơ ư).
const VOWEL_1258 = new Set(
  [..."aeiouyAEIOUY"]
    .map((c) => c.charCodeAt(0))
    .concat([0xe2, 0xea, 0xf4, 0xe3, 0xf5, 0xfd, 0xc2, 0xca, 0xd4, 0xc3, 0xd5, 0xdd]),
);
const isAsciiLetter = (b: number | undefined) => b !== undefined && /[A-Za-z]/.test(String.fromCharCode(b));
const isLetter1252 = (b: number | undefined) =>
  b !== undefined &&
  (isAsciiLetter(b) ||
    (b >= 0xc0 && b !== 0xd7 && b !== 0xf7) ||
    [0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f].includes(b));
// Vietnamese ă is always closed by a consonant ("Văn", "Đặng"); Portuguese ã ends a word or precedes a vowel.
const CLOSES_A_BREVE = new Set([..."nmctpNMCTP"].map((c) => c.charCodeAt(0)));

/**
 * Counts the signs of each reading in the bytes where Windows-1252 and Windows-1258 disagree:
 * a tone byte after a vowel is Vietnamese, after anything else it is an Italian ò or ì or an
 * Icelandic Þ; 0xE3 before n/m/c/t/p is "ă" ("Văn"), before a vowel or at a word's end "ã"
 * ("João"); 0xF5 after 0xFD is "ươ", before e or s Portuguese "õe"; 0xF0 opening a word is "đ"
 * ("Đức"), inside one Icelandic "ð" ("Guðrún"); 0xFE in a word is "þ".
 */
function weighEvidence(bytes: Uint8Array): { w1252: number; w1258: number } {
  let w1252 = 0;
  let w1258 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0xc3) continue;
    const prev = bytes[i - 1];
    const next = bytes[i + 1];
    if (COMBINING_1258.has(b)) {
      if (prev !== undefined && VOWEL_1258.has(prev)) w1258++;
      else w1252++;
    } else if (b === 0xe3 || b === 0xc3) {
      if (
        (next !== undefined && CLOSES_A_BREVE.has(next)) ||
        (next !== undefined && COMBINING_1258.has(next))
      )
        w1258++;
      else w1252++;
    } else if (b === 0xf5 || b === 0xd5) {
      if (prev === 0xfd || prev === 0xdd || (next !== undefined && COMBINING_1258.has(next))) w1258++;
      else if (next !== undefined && /[eEsS]/.test(String.fromCharCode(next))) w1252++;
    } else if (b === 0xfd || b === 0xdd) {
      if (next !== undefined && COMBINING_1258.has(next)) w1258++;
    } else if (b === 0xf0 || b === 0xd0) {
      if (isLetter1252(prev)) w1252++;
      else w1258++;
    } else if (b === 0xfe) {
      if (isLetter1252(prev) || isLetter1252(next)) w1252++;
      else w1258++;
    }
  }
  return { w1252, w1258 };
}

/**
 * Windows-1252 or Windows-1258, by the evidence of weighEvidence. One reading wins when it has
 * more than twice the other's signs; otherwise (and only if the two readings differ at all)
 * Windows-1252 is taken and the other named, with a word that shows the difference.
 */
function chooseSingleByte(bytes: Uint8Array): Candidate | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (encoding: "windows-1252" | "windows-1258"): Candidate | undefined => {
    const text = iconv.decode(buffer, encoding);
    if (text.includes("\uFFFD")) return undefined;
    const nfc = text.normalize("NFC");
    return { encoding, text: nfc, score: plausibility(nfc, encoding) };
  };
  const western = read("windows-1252");
  const vietnamese = read("windows-1258");
  if (!western || !vietnamese) return western ?? vietnamese;
  if (western.text === vietnamese.text) return western;
  const { w1252, w1258 } = weighEvidence(bytes);
  if (w1258 > 2 * w1252) return vietnamese;
  if (w1252 > 2 * w1258) return western;
  return {
    ...western,
    alternative: { encoding: "windows-1258", ...firstDifference(western.text, vietnamese.text) },
  };
}

/** The first word that reads differently in two decodings of the same bytes. */
function firstDifference(a: string, b: string): Omit<Alternative, "encoding"> {
  const wa = a.split(/[\s,;]+/);
  const wb = b.split(/[\s,;]+/);
  for (let i = 0; i < Math.min(wa.length, wb.length); i++)
    if (wa[i] !== wb[i]) return { word: wa[i]!, as: wb[i]! };
  return { word: "", as: "" };
}
