import iconv from "iconv-lite";

/**
 * The shape of a Vietnamese syllable, and the two legacy font encodings (VNI, TCVN3) read back
 * into Unicode. The legacy-encoding check trusts a reading only when it turns a word that is not
 * Vietnamese as typed into one that is: that is what separates "Nguyeãn" (VNI for "Nguyễn") from
 * "Loïc" or "João", whose marks are the writer's own.
 */

// The five tone marks; the other marks (circumflex, breve, horn) shape the vowel itself.
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ACUTE_OR_DOT = /[\u0301\u0323]/;

// Vowel groups, toneless. Open ones never take a final consonant; closed ones must.
const OPEN =
  "uyu|uya|uây|uôi|ươi|ươu|iêu|yêu|oai|oay|oao|oeo|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|uơ";
const CLOSED = "uyê|iê|yê|uô|ươ|uâ|oă|oo|ă|â";
const EITHER = "oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y";
const INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx]";
const FINAL = "ch|ng|nh|[cmnpt]";
const syllable = (open: string, closed: string, either: string, initial: string) =>
  new RegExp(`^(${initial})?(?:(${open})|(${closed})(${FINAL})|(${either})(${FINAL})?)$`, "u");
const SYLLABLE = syllable(OPEN, CLOSED, EITHER, INITIAL);
// Vietnamese names are often written without any marks ("Nguyen Van Duc"); the same shapes apply.
const bare = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
const SYLLABLE_ASCII = syllable(bare(OPEN), bare(CLOSED), bare(EITHER), bare(INITIAL));

/**
 * Whether a word is one Vietnamese syllable: initial consonant, vowel group, final consonant, at
 * most one tone, and the spelling rules (k/gh/ngh before i, e, ê, y; c/ng never there; a stop
 * final takes only the acute or dot-below tone). "Nguyễn", "Minh", "Nguyen" are; "Carmen",
 * "Jỗo", "Raphặl" are not.
 */
export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize("NFD");
  const tones = nfd.match(TONES) ?? [];
  if (tones.length > 1) return false;
  const m = (/^[a-z]+$/.test(nfd) ? SYLLABLE_ASCII : SYLLABLE).exec(nfd.replace(TONES, "").normalize("NFC"));
  if (!m) return false;
  const initial = m[1] ?? "";
  const vowels = m[2] ?? m[3] ?? m[5] ?? "";
  const final = m[4] ?? m[6] ?? "";
  const front = /^[ieêy]/u.test(vowels);
  if ((initial === "k" || initial === "gh" || initial === "ngh") && !front) return false;
  if ((initial === "c" || initial === "ng") && front) return false;
  if (initial === "g" && /^[eê]/u.test(vowels)) return false;
  if (initial === "qu" && vowels.startsWith("u")) return false;
  if (/^(c|ch|p|t)$/.test(final) && tones[0] && !ACUTE_OR_DOT.test(tones[0])) return false;
  return true;
}

/** One word read back from a legacy encoding: its Unicode text, how many legacy marks it had. */
export interface Reading {
  text: string;
  /** Legacy marks that were turned into Vietnamese letters. */
  signs: number;
  /** Marks no European spelling writes (a vowel then ø, â, ê, å, ä, õ, û…, or a Latin-1 symbol). */
  strong: number;
}

// VNI Windows types a Vietnamese letter as its base vowel followed by Latin-1 letters for the marks.
const VNI_TONE: Record<string, string> = { ù: "\u0301", ø: "\u0300", û: "\u0309", õ: "\u0303", ï: "\u0323" };
const VNI_CIRCUMFLEX: Record<string, string> = {
  â: "",
  á: "\u0301",
  à: "\u0300",
  å: "\u0309",
  ã: "\u0303",
  ä: "\u0323",
};
const VNI_BREVE: Record<string, string> = {
  ê: "",
  é: "\u0301",
  è: "\u0300",
  ú: "\u0309",
  ü: "\u0303",
  ë: "\u0323",
};
// Letters VNI writes as one Latin-1 letter: ơ ư ỉ ĩ ị ỵ đ.
const VNI_SINGLE: Record<string, string> = { ô: "ơ", ö: "ư", æ: "ỉ", ó: "ĩ", ò: "ị", î: "ỵ", ñ: "đ" };
// Marks a French, Catalan, Spanish, Irish or Nordic name also has after a vowel: "Loïc", "Maël",
// "Gaétan", "Raúl", "Seán". They count as signs, but never as strong ones.
const VNI_WEAK = new Set(["aï", "eï", "oï", "uï", "yï", "aë", "aé", "aè", "aú", "aá", "eá", "oá"]);

/** A word typed in VNI, read as Unicode ("Nguyeãn" → "Nguyễn"); undefined when it has no VNI marks. */
export function readVni(word: string): Reading | undefined {
  let out = "";
  let signs = 0;
  let strong = 0;
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    const next = chars[i + 1]?.toLowerCase() ?? "";
    const single = VNI_SINGLE[lower];
    if (single) {
      // ơ and ư take their tone from the next mark: "Ñöôïc" → "Được".
      let letter = single;
      const tone = (single === "ơ" || single === "ư") && VNI_TONE[next];
      if (tone) {
        letter = (single + tone).normalize("NFC");
        i++;
      }
      out += upper ? letter.toUpperCase() : letter;
      signs++;
      if (tone || (single === "ư" && chars[i + 1]?.toLowerCase() === "ô")) strong++;
      continue;
    }
    const marks =
      "aeouy".includes(lower) && next
        ? (VNI_TONE[next] ??
          (lower !== "u" && lower !== "y" && VNI_CIRCUMFLEX[next] !== undefined
            ? `\u0302${VNI_CIRCUMFLEX[next]}`
            : lower === "a" && VNI_BREVE[next] !== undefined
              ? `\u0306${VNI_BREVE[next]}`
              : undefined))
        : undefined;
    if (marks !== undefined) {
      out += (ch + marks).normalize("NFC");
      signs++;
      if (!VNI_WEAK.has(lower + next)) strong++;
      i++;
      continue;
    }
    out += ch;
  }
  return signs > 0 ? { text: out, signs, strong } : undefined;
}

// TCVN3 (ABC) puts Vietnamese letters on the Latin-1 positions 0xA1–0xFE; iconv-lite knows its table.
const TCVN3 = new Map<string, string>();
for (let b = 0xa1; b <= 0xff; b++) {
  const latin1 = String.fromCharCode(b);
  const vietnamese = iconv.decode(Buffer.from([b]), "tcvn");
  if (vietnamese !== latin1 && vietnamese !== "\uFFFD") TCVN3.set(latin1, vietnamese);
}

/** A word typed in TCVN3, read as Unicode ("NguyÔn" → "Nguyễn"); undefined when it cannot be one. */
export function readTcvn3(word: string): Reading | undefined {
  let out = "";
  let signs = 0;
  let strong = 0;
  for (const ch of word) {
    const mapped = TCVN3.get(ch);
    if (mapped) {
      out += mapped;
      signs++;
      // A symbol (¨ © ª « ¬ ® µ ¶ · ¸ ¹ » ¼ ½ ¾ § ×…) inside a word is no one's spelling; a letter
      // such as Ô or è may be.
      if (!/\p{L}/u.test(ch) || "ªºµ".includes(ch)) strong++;
    } else if (ch.charCodeAt(0) > 0x7f)
      return undefined; // outside Latin-1: not a TCVN3 byte
    else out += ch;
  }
  return signs > 0 ? { text: out.normalize("NFC"), signs, strong } : undefined;
}
