import type { NameOrder } from "../schema/delegates.js";
import type { Language } from "../schema/fields.js";
import type { Delegate, Localized } from "./types.js";

/** Countries whose names are written family name first in their own script. */
const FAMILY_FIRST_COUNTRIES = new Set(["KR", "KP", "VN", "CN", "JP", "TW", "HK", "MO", "HU", "MN"]);

export function defaultNameOrder(country: string): NameOrder {
  return FAMILY_FIRST_COUNTRIES.has(country) ? "family-first" : "given-first";
}

/** Text of a localized value in one language, falling back to the event's default, then any. */
export function pick(value: Localized | undefined, lang: Language, fallback: Language): string | undefined {
  if (!value) return undefined;
  return value[lang] ?? value[fallback] ?? Object.values(value).find((v) => v !== undefined);
}

/**
 * The name in Latin script as the person uses it: family name first for Korean and Vietnamese
 * delegates ("Kim Min-jun", "Nguyễn Văn An"), given name first otherwise ("Anna Schmidt").
 * With `upperFamily`, the family name is in capitals, as protocol lists write it ("KIM Min-jun").
 */
export function latinName(
  d: Pick<Delegate, "givenName" | "familyName" | "nameOrder">,
  upperFamily = false,
): string {
  const family = upperFamily ? d.familyName.toLocaleUpperCase("en") : d.familyName;
  return d.nameOrder === "family-first" ? `${family} ${d.givenName}` : `${d.givenName} ${family}`;
}

/** Sort key for lists by family name: family, then given, in the locale's collation. */
export function familySortKey(d: Pick<Delegate, "givenName" | "familyName">): string {
  return `${d.familyName}\u0000${d.givenName}`;
}

/** How the data's `honorific` reads, whatever language it is written in. */
export interface Honorific {
  style?: "mr" | "ms" | "dr" | "prof" | "hon" | "excellency";
  /** Only when the honorific itself says it (Mr, Ms, Ông, Bà): never guessed from a name. */
  gender?: "male" | "female";
}

const HONORIFIC_WORDS: Record<string, Honorific> = {
  mr: { style: "mr", gender: "male" },
  mister: { style: "mr", gender: "male" },
  ông: { style: "mr", gender: "male" },
  ms: { style: "ms", gender: "female" },
  mrs: { style: "ms", gender: "female" },
  miss: { style: "ms", gender: "female" },
  madam: { style: "ms", gender: "female" },
  bà: { style: "ms", gender: "female" },
  dr: { style: "dr" },
  "tiến sĩ": { style: "dr" },
  박사: { style: "dr" },
  prof: { style: "prof" },
  professor: { style: "prof" },
  "giáo sư": { style: "prof" },
  교수: { style: "prof" },
  hon: { style: "hon" },
  "the hon": { style: "hon" },
  honourable: { style: "hon" },
  honorable: { style: "hon" },
  "h.e": { style: "excellency" },
  he: { style: "excellency" },
  "his excellency": { style: "excellency" },
  "her excellency": { style: "excellency" },
  ngài: { style: "excellency" },
};

/** Reads "Mr", "Mrs.", "Ông", "Hon.", "H.E." or "Prof." into a style and, where stated, a gender. */
export function parseHonorific(value: Localized | undefined): Honorific {
  for (const text of Object.values(value ?? {})) {
    const key = (text ?? "").trim().toLocaleLowerCase("vi").replace(/\.$/, "").replace(/\s+/g, " ");
    const hit = HONORIFIC_WORDS[key] ?? HONORIFIC_WORDS[key.replace(/\./g, "")];
    if (hit) return hit;
  }
  return {};
}

/** The office that changes how a person is addressed, read from sector and position. */
export type Office = "parliamentarian" | "minister" | "vice-minister" | "ambassador" | undefined;

export function officeOf(d: Pick<Delegate, "sector" | "position">): Office {
  const text = Object.values(d.position ?? {}).join(" | ");
  if (/vice[- ]minister|deputy minister|차관|thứ trưởng/i.test(text)) return "vice-minister";
  if (/\bminister\b|장관|bộ trưởng/i.test(text)) return "minister";
  if (/ambassador|대사|đại sứ/i.test(text)) return "ambassador";
  if (d.sector === "parliament" || /national assembly|parliament|국회의원|đại biểu quốc hội/i.test(text))
    return "parliamentarian";
  return undefined;
}

type Person = Pick<
  Delegate,
  "givenName" | "familyName" | "nativeName" | "nameOrder" | "honorific" | "position" | "sector" | "country"
>;

const HANGUL = /[\uAC00-\uD7A3]/;
const isVietnamese = (d: Person) => d.country === "VN";

/**
 * The full name as a language writes it: Hangul for a Korean reader when the data has it,
 * the Vietnamese spelling with its diacritics for Vietnamese names, else the Latin name.
 */
export function nameIn(d: Person, lang: Language, upperFamily = false): string {
  if (lang === "ko" && d.nativeName && HANGUL.test(d.nativeName)) return d.nativeName;
  if (isVietnamese(d) && d.nativeName && !HANGUL.test(d.nativeName)) return d.nativeName;
  return latinName(d, upperFamily);
}

/** Vietnamese are called by the last syllable of their given name: Nguyễn Văn An → An. */
function callName(d: Person): string {
  if (isVietnamese(d)) {
    const full = d.nativeName && !HANGUL.test(d.nativeName) ? d.nativeName : latinName(d);
    return full.split(/\s+/).at(-1) ?? full;
  }
  return d.familyName;
}

const EN_STYLE: Record<NonNullable<Honorific["style"]>, string> = {
  mr: "Mr",
  ms: "Ms",
  dr: "Dr",
  prof: "Professor",
  hon: "Hon.",
  excellency: "H.E.",
};

/** Korean role title written after the name (의원, 차관, 대표이사…), or none. */
function koreanTitle(d: Person, h: Honorific): string | undefined {
  const office = officeOf(d);
  if (office === "parliamentarian") return "의원";
  const pos = d.position?.ko?.trim();
  if (pos) return pos.split(/\s+/).at(-1);
  if (office === "minister") return "장관";
  if (office === "vice-minister") return "차관";
  if (office === "ambassador") return "대사";
  if (h.style === "dr") return "박사";
  if (h.style === "prof") return "교수";
  return undefined;
}

/** Vietnamese form of address before the name: Ông, Bà, Ngài, Tiến sĩ, Giáo sư, or none. */
function vietnameseTitle(h: Honorific): string | undefined {
  if (h.style === "hon" || h.style === "excellency") return "Ngài";
  if (h.gender === "male") return "Ông";
  if (h.gender === "female") return "Bà";
  if (h.style === "dr") return "Tiến sĩ";
  if (h.style === "prof") return "Giáo sư";
  return undefined;
}

/** How a letter greets and refers to a person, in one language. */
export interface Address {
  /** The full name with its honorific, for the address block: "Hon. Moon Seung-min". */
  formal: string;
  /** "Dear Hon. Moon," · "존경하는 문승민 의원님께" · "Kính gửi: Ông Nguyễn Văn An" */
  salutation: string;
  /** How the body names the person: "Hon. Moon" · "문승민 의원님" · "Ông An". */
  reference: string;
}

/**
 * Forms of address by language. Where the data gives no honorific, the neutral form uses the
 * full name and never a guessed gender.
 */
export function addressOf(d: Person, lang: Language, options: { upperFamily?: boolean } = {}): Address {
  const h = parseHonorific(d.honorific);
  const full = nameIn(d, lang, options.upperFamily && lang === "en" && d.country === "KR");
  if (lang === "ko") {
    const title = koreanTitle(d, h);
    const ref = title ? `${full} ${title}님` : `${full} 님`;
    return {
      formal: title ? `${full} ${title}` : `${full} 님`,
      salutation: `존경하는 ${ref}께`,
      reference: ref,
    };
  }
  if (lang === "vi") {
    const title = vietnameseTitle(h);
    const office = officeOf(d);
    const role = office && d.position?.vi ? `, ${d.position.vi}` : "";
    const formal = title ? `${title} ${full}` : full;
    const reference = title
      ? isVietnamese(d) && title !== "Ngài"
        ? `${title} ${callName(d)}`
        : `${title} ${full}`
      : full;
    return { formal, salutation: `Kính gửi: ${formal}${role}`, reference };
  }
  const style = h.style ? EN_STYLE[h.style] : undefined;
  const formal = style ? `${style} ${full}` : full;
  if (h.style === "excellency")
    return { formal, salutation: "Your Excellency,", reference: `${style} ${callName(d)}` };
  const reference = style ? `${style} ${callName(d)}` : full;
  return { formal, salutation: `Dear ${reference},`, reference };
}

/**
 * A speaker as a printed programme names them, in one language:
 *   en "Hon. Moon Seung-min" + "Member of the National Assembly, National Assembly of the Republic of Korea"
 *   ko "문승민 의원" + "대한민국 국회 국회의원" · vi "Ngài Moon Seung-min" + "Đại biểu Quốc hội, Quốc hội …"
 */
export function personIn(
  d: Person & Pick<Delegate, "organisation">,
  lang: Language,
  fallback: Language,
): { name: string; detail: string } {
  const position = pick(d.position, lang, fallback);
  const org = pick(d.organisation, lang, fallback);
  // "산업통상자원부 차관" already names the ministry: the organisation is not repeated.
  const organisation = org && position && mentions(position, org) ? undefined : org;
  const a = addressOf(d, lang);
  if (lang === "ko") {
    return { name: a.formal.replace(/ 님$/, ""), detail: [organisation, position].filter(Boolean).join(" ") };
  }
  return { name: a.formal, detail: [position, organisation].filter(Boolean).join(", ") };
}

/** Whether a position already names the organisation (or all of it but a trailing country). */
function mentions(position: string, organisation: string): boolean {
  const p = position.toLocaleLowerCase();
  const o = organisation.toLocaleLowerCase();
  if (p.includes(o)) return true;
  const words = o.split(/\s+/);
  return words.length >= 4 && p.includes(words.slice(0, -2).join(" "));
}
