import type { NameOrder, NamingCustom } from "../schema/delegates.js";
import type { Language } from "../schema/fields.js";
import { matchOffice, type Office, officeName } from "./offices.js";
import type { Delegate, Localized } from "./types.js";

/**
 * The naming custom of a country's people: how their names are ordered and by which part they are
 * addressed. A person's custom comes from the `naming_custom` column, else their nationality, else
 * their country: a Korean living in Viet Nam (country VN, nationality KR) is still "Mr Kim".
 */
const CUSTOM_BY_COUNTRY: Record<string, NamingCustom> = {
  KR: "ko",
  KP: "ko",
  VN: "vi",
  CN: "zh",
  TW: "zh",
  HK: "zh",
  MO: "zh",
  JP: "ja",
  MN: "mn",
  HU: "hu",
};

export function customOfCountry(country: string | undefined): NamingCustom | undefined {
  return country ? CUSTOM_BY_COUNTRY[country] : undefined;
}

/** `naming_custom`, else from nationality, else from country, else western. */
export function namingCustom(
  d: Pick<Delegate, "country"> & Partial<Pick<Delegate, "namingCustom" | "travel">>,
): NamingCustom {
  return d.namingCustom ?? customOfCountry(d.travel?.nationality) ?? customOfCountry(d.country) ?? "western";
}

/** Family name first for the East Asian customs, Hungarian and Mongolian (patronymic, then name). */
export function defaultNameOrder(custom: NamingCustom): NameOrder {
  return custom === "western" ? "given-first" : "family-first";
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

/**
 * The name as the passport's machine-readable zone writes it, for visa letters: ASCII capitals,
 * family name first, no hyphens or diacritics. `passport_name` in the data wins.
 *   Hong Hyun-woo → "HONG HYUNWOO" · Hoàng Minh Trí → "HOANG MINH TRI"
 */
export function passportName(
  d: Pick<Delegate, "givenName" | "familyName"> & { passportName?: string },
): string {
  if (d.passportName) return d.passportName;
  const ascii = (s: string) =>
    s
      .replace(/[Đđ]/g, "D")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[-‐‑'’]/g, "")
      .replace(/\s+/g, " ")
      .trim()
      .toUpperCase();
  return `${ascii(d.familyName)} ${ascii(d.givenName)}`;
}

/** How the data's `honorific` reads, whatever language it is written in. */
export interface Honorific {
  style?: "mr" | "ms" | "dr" | "prof" | "hon" | "excellency";
  /** Only when the data says it (Mr, Ms, Ông, Bà, or the gender column): never guessed from a name. */
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
  "his excellency": { style: "excellency", gender: "male" },
  "her excellency": { style: "excellency", gender: "female" },
  ngài: { style: "excellency" },
};

/**
 * Reads "Mr", "Mrs.", "Ông", "Hon.", "H.E." or "Prof." into a style and, where stated, a gender.
 * The style is the first language's that reads; a gender is taken from any of them
 * (`Hon.` with `honorific_vi: Ông` is an honourable gentleman).
 */
export function parseHonorific(value: Localized | undefined): Honorific {
  const out: Honorific = {};
  for (const text of Object.values(value ?? {})) {
    const key = (text ?? "").trim().toLocaleLowerCase("vi").replace(/\.$/, "").replace(/\s+/g, " ");
    const hit = HONORIFIC_WORDS[key] ?? HONORIFIC_WORDS[key.replace(/\./g, "")];
    if (!hit) continue;
    out.style ??= hit.style;
    out.gender ??= hit.gender;
  }
  return out;
}

/** A person, as much of a Delegate as the forms of address need. */
export type Person = Pick<Delegate, "givenName" | "familyName" | "nameOrder" | "country"> &
  Partial<
    Pick<
      Delegate,
      | "nativeName"
      | "nameKo"
      | "honorific"
      | "gender"
      | "position"
      | "sector"
      | "namingCustom"
      | "addressedAs"
      | "travel"
      | "organisation"
    >
  >;

/**
 * The office a person holds (src/model/offices.ts), read from their position in any language;
 * a `sector: parliament` without a known position is a member of parliament. `first`: the
 * language whose position column is read first.
 */
export function officeOf(d: Person, first?: Language): Office | undefined {
  // A reader's own column is read first: "Director of the Department …" is 기획투자국장 in the
  // Korean column, and a Korean title must come from there.
  const order = first
    ? [first, ...(["en", "ko", "vi"] as const).filter((l) => l !== first)]
    : ["en", "ko", "vi"];
  for (const lang of order as Language[]) {
    const p = d.position?.[lang];
    const hit = p ? matchOffice(p, lang) : undefined;
    if (hit) return hit.office;
  }
  if (d.sector === "parliament") return matchOffice("Member of Parliament", "en")?.office;
  return undefined;
}

/**
 * The position in one language: its own column, else the office table's name when the position
 * is exactly an office ("Chief Executive Officer" → 대표이사, Tổng Giám đốc), else the fallback.
 */
export function positionIn(d: Person, lang: Language, fallback: Language): string | undefined {
  const own = d.position?.[lang];
  if (own) return own;
  for (const [l, p] of Object.entries(d.position ?? {}) as [Language, string][]) {
    const hit = p ? matchOffice(p, l) : undefined;
    if (hit?.exact) return officeName(hit.office, lang);
  }
  return pick(d.position, lang, fallback);
}

const HANGUL = /[\uAC00-\uD7A3]/;

/** The name in the person's own spelling: Hangul stays for Koreans, diacritics for Vietnamese. */
function ownLatin(d: Person, upperFamily = false): string {
  if (d.nativeName && !HANGUL.test(d.nativeName) && namingCustom(d) === "vi") return d.nativeName;
  return latinName(d, upperFamily);
}

/**
 * The full name as a language writes it: Hangul for a Korean reader (native_name, else name_ko
 * followed by the name as its owner writes it: `호앙 민 찌(Hoàng Minh Trí)`), the Vietnamese
 * spelling with its diacritics for Vietnamese names, else the Latin name.
 */
export function nameIn(d: Person, lang: Language, upperFamily = false): string {
  if (lang === "ko") {
    if (d.nativeName && HANGUL.test(d.nativeName)) return d.nativeName;
    if (d.nameKo) return `${d.nameKo}(${ownLatin(d)})`;
  }
  return ownLatin(d, upperFamily);
}

/** The name in Hangul alone (native Korean, or the `name_ko` transcription), if the data has one. */
export function hangulName(d: Person): string | undefined {
  if (d.nativeName && HANGUL.test(d.nativeName)) return d.nativeName;
  return d.nameKo;
}

/** The Korean name alone, for the body of a letter once the address block has given both. */
function shortKo(d: Person): string {
  return hangulName(d) ?? ownLatin(d);
}

/**
 * The part of the name a person is called by, after Mr or Ms: the family name for Korean,
 * Chinese, Japanese, Hungarian and Western names; the last syllable of the given name for
 * Vietnamese (Nguyễn Văn An → An); the given name for Mongolian (the family_name column holds
 * the patronymic). `addressed_as` in the data wins.
 */
export function callName(d: Person): string {
  if (d.addressedAs) return d.addressedAs;
  const custom = namingCustom(d);
  if (custom === "vi") {
    const given = d.nativeName && !HANGUL.test(d.nativeName) ? d.nativeName : d.givenName;
    return given.split(/\s+/).at(-1) ?? given;
  }
  if (custom === "mn") return d.givenName;
  return d.familyName;
}

/** "Mr"/"Ms" where the data says the gender. */
const EN_GENDER = { male: "Mr", female: "Ms" } as const;
const EN_STYLE: Record<NonNullable<Honorific["style"]>, string> = {
  mr: "Mr",
  ms: "Ms",
  dr: "Dr",
  prof: "Professor",
  hon: "Hon.",
  excellency: "H.E.",
};

function genderOf(d: Person, h: Honorific): "male" | "female" | undefined {
  return d.gender ?? h.gender;
}

/** Korean title written after the name (의원, 차관, 대표이사…): offices in the table only. */
export function koreanTitle(d: Person): string | undefined {
  const office = officeOf(d, "ko");
  if (office) return office.titleKo;
  const h = parseHonorific(d.honorific);
  if (h.style === "dr") return "박사";
  if (h.style === "prof") return "교수";
  return undefined;
}

/**
 * The Vietnamese form of address before the name. Ngài is for foreign dignitaries only (a
 * Vietnamese official is Ông or Bà); with no gender in the data the neutral form is Ông/Bà.
 */
function vietnameseTitle(d: Person): string {
  const h = parseHonorific(d.honorific);
  const g = genderOf(d, h);
  // A foreign holder of a public office in the table (a vice mayor of Busan written "Mr" in the
  // data) is Ngài as much as one written Hon. or H.E.
  const foreignDignitary =
    namingCustom(d) !== "vi" && (h.style === "hon" || h.style === "excellency" || officeOf(d)?.dignitary);
  if (foreignDignitary) return "Ngài";
  if (g === "male") return "Ông";
  if (g === "female") return "Bà";
  if (h.style === "dr") return "Tiến sĩ";
  if (h.style === "prof") return "Giáo sư";
  return "Ông/Bà";
}

/**
 * Office and organisation as one phrase, the organisation left out where the office already
 * names it:
 *   "Vice Minister of Trade, Industry and Energy" + "Ministry of Trade, Industry and Energy"
 *     → "Vice Minister of Trade, Industry and Energy"
 *   "Member of the National Assembly" + "National Assembly of the Republic of Korea"
 *     → "Member of the National Assembly of the Republic of Korea"
 *   ko "산업통상자원부 차관" + "산업통상자원부" → "산업통상자원부 차관"
 */
export function officeWithOrganisation(
  position: string | undefined,
  org: string | undefined,
  lang: Language,
) {
  if (!position) return org ?? "";
  if (!org) return position;
  const p = position.toLocaleLowerCase(lang);
  const o = org.toLocaleLowerCase(lang);
  if (p.includes(o)) return position;
  const orgWords = org.split(/\s+/);
  // "Ministry of X" and "Vice Minister of X": the same X.
  const rest = orgWords.slice(1).join(" ").toLocaleLowerCase(lang);
  if (orgWords.length >= 4 && p.endsWith(rest)) return position;
  // The office ends with the organisation's first words: continue with the rest of its name.
  const posWords = position.split(/\s+/);
  for (let n = Math.min(posWords.length - 1, orgWords.length - 1); n >= 2; n--) {
    const tail = posWords.slice(-n).join(" ").toLocaleLowerCase(lang);
    if (tail === orgWords.slice(0, n).join(" ").toLocaleLowerCase(lang))
      return `${position} ${orgWords.slice(n).join(" ")}`;
  }
  if (lang === "ko") return `${org} ${position}`;
  // Vietnamese writes "Tổng Giám đốc Công ty X" when the position is a bare office.
  if (lang === "vi" && matchOffice(position, "vi")?.exact) return `${position} ${org}`;
  return `${position}, ${org}`;
}

/** How a letter greets and refers to a person, in one language. */
export interface Address {
  /** The full name with its honorific: "Hon. Moon Seung-min" · "오경수 차관" · "Ông Hoàng Minh Trí". */
  formal: string;
  /** The address block's lines: en name, office, country; ko "산업통상자원부 오경수 차관님 귀하". */
  block: string[];
  /** "Dear Mr Moon," · "존경하는 문승민 의원님께" · "Kính gửi: Ông Hoàng Minh Trí, Phó Chủ tịch …" */
  salutation: string;
  /** How the body names the person: "you" / "Your Excellency" · "문승민 의원님" · "Ông". */
  reference: string;
}

export interface AddressOptions {
  upperFamily?: boolean;
  /** The event's default language, for positions and organisations not written in `lang`. */
  fallback?: Language;
  /** The country line of the English address block ("Republic of Korea"). */
  country?: string;
}

/**
 * Forms of address by language (docs/letters.md). Honorifics such as Hon. and H.E. go before
 * the full name in the address block only; a gender is never guessed.
 */
export function addressOf(d: Person, lang: Language, options: AddressOptions = {}): Address {
  const fb = options.fallback ?? "en";
  const h = parseHonorific(d.honorific);
  const gender = genderOf(d, h);
  const office = officeOf(d);
  const position = positionIn(d, lang, fb);
  const org = pick(d.organisation, lang, fb);
  if (lang === "ko") {
    const title = koreanTitle(d);
    const full = nameIn(d, "ko");
    const withTitle = (name: string) => (title ? `${name} ${title}님` : `${name} 님`);
    // 기관 (부서) 성명 직함: what the Korean position says besides the title goes before the name
    // ("한국기술대학교 도시공학과 송윤서 교수님 귀하"), and a position that gives no title of
    // address is said there whole ("한국CEO서밋협회 의전 담당 안소희 님 귀하"). An English
    // position is not put into a Korean address.
    const where = d.position?.ko ? koreanParts(d, fb).detail : org;
    return {
      formal: title ? `${full} ${title}` : full,
      block: [[where, `${withTitle(full)} 귀하`].filter(Boolean).join(" ")],
      salutation: `존경하는 ${withTitle(full)}께`,
      reference: withTitle(shortKo(d)),
    };
  }
  if (lang === "vi") {
    const title = vietnameseTitle(d);
    const formal = `${title} ${nameIn(d, "vi")}`;
    const role = officeWithOrganisation(position, org, "vi");
    return {
      formal,
      block: [],
      salutation: `Kính gửi: ${formal}${role ? `, ${role}` : ""}`,
      reference: title,
    };
  }
  const full = nameIn(d, "en", options.upperFamily && namingCustom(d) === "ko");
  const style = h.style ? EN_STYLE[h.style] : gender ? EN_GENDER[gender] : undefined;
  const formal = style ? `${style} ${full}` : full;
  const block = [formal, officeWithOrganisation(position, org, "en"), options.country ?? ""].filter(Boolean);
  if (h.style === "excellency")
    return { formal, block, salutation: "Your Excellency,", reference: "Your Excellency" };
  let salutation: string;
  if (h.style === "dr" || h.style === "prof") salutation = `Dear ${EN_STYLE[h.style]} ${callName(d)},`;
  else if (gender) salutation = `Dear ${EN_GENDER[gender]} ${callName(d)},`;
  else if (h.style === "hon" && office?.parliamentarian) salutation = "Dear Honourable Member,";
  else salutation = `Dear ${full},`;
  return { formal, block, salutation, reference: "you" };
}

/**
 * A speaker as a printed programme names them, in one language: the name with its title, and
 * what else is said of them (office, organisation), never repeating the title.
 *   en "Hon. Moon Seung-min" + "Member of the National Assembly of the Republic of Korea"
 *   ko "오경수 차관" + "산업통상자원부" · "송윤서 교수" + "한국기술대학교 도시공학과"
 *   vi "Ngài Moon Seung-min" + "Nghị sĩ Quốc hội Hàn Quốc"
 */
export function personIn(d: Person, lang: Language, fallback: Language): { name: string; detail: string } {
  if (lang === "ko") return koreanParts(d, fallback);
  const position = positionIn(d, lang, fallback);
  const org = pick(d.organisation, lang, fallback);
  const a = addressOf(d, lang, { fallback });
  return { name: a.formal, detail: officeWithOrganisation(withoutTitle(position, a.formal), org, lang) };
}

/**
 * The position without the title the name already carries: "Professor Song Yun-seo" +
 * "Professor of Urban Engineering" → "Urban Engineering"; "Giáo sư Song Yun-seo" + "Giáo sư Kỹ
 * thuật Đô thị" → "Kỹ thuật Đô thị". A position that is the title alone stays.
 */
function withoutTitle(position: string | undefined, formal: string): string | undefined {
  if (!position) return position;
  for (const title of ["Professor", "Giáo sư"]) {
    if (!formal.startsWith(`${title} `) || !position.startsWith(`${title} `)) continue;
    const rest = position.slice(title.length + 1).replace(/^of /, "");
    return rest || position;
  }
  return position;
}

/**
 * Korean: the title is the position's last word when it is an office (국회의원, 경제부시장,
 * 대표이사), else the table's title (교수, 박사); the rest of the position follows the organisation.
 */
function koreanParts(d: Person, fallback: Language): { name: string; detail: string } {
  const org = pick(d.organisation, "ko", fallback);
  const position = positionIn(d, "ko", fallback);
  const rest = position && org ? stripLead(position, org) : position;
  const words = rest ? rest.split(/\s+/) : [];
  const last = words.at(-1);
  const office = last ? matchOffice(last, "ko")?.office : undefined;
  // After a name, 국회의원 is written 의원 (문승민 의원); other titles as the position gives them
  // (경제부시장, 기획투자국장).
  const title = office?.parliamentarian ? office.titleKo : office ? last : undefined;
  const remainder = title ? words.slice(0, -1).join(" ") : (rest ?? "");
  const detail = [org, remainder].filter(Boolean).join(" ");
  const name = nameIn(d, "ko");
  return { name: title ? `${name} ${title}` : name, detail };
}

/**
 * A person's line in one language, as programmes, place cards and lists print it: name, title
 * and organisation in that language's order.
 *   en "Mr Cho Hyun-woo, Chief Executive Officer, Seoul Green Energy"
 *   ko "서울그린에너지 조현우 대표이사" · "산업통상자원부 오경수 차관" (organisation, name, title)
 *   vi "Ông Cho Hyun-woo, Tổng Giám đốc Seoul Green Energy"
 */
export function personLine(d: Person, lang: Language, fallback: Language): string {
  const p = personIn(d, lang, fallback);
  if (lang === "ko") return [p.detail, p.name].filter(Boolean).join(" ");
  return p.detail ? `${p.name}, ${p.detail}` : p.name;
}

/**
 * The signature line of a letter: en "Dr Yoon Ki-beom" over "President, Korea CEO Summit
 * Association"; ko one line, organisation, title, name: "한국CEO서밋협회 회장 윤기범"; vi the
 * title over the bare name, as Nghị định 30/2020 signs (no honorific or degree before the name).
 */
export function signatureOf(d: Person, lang: Language, fallback: Language): { name: string; title: string } {
  const position = positionIn(d, lang, fallback);
  const org = pick(d.organisation, lang, fallback);
  if (lang === "ko") {
    const koOrg = org && position ? `${org} ${stripLead(position, org)}` : (org ?? position ?? "");
    return { name: [koOrg, nameIn(d, "ko")].filter(Boolean).join(" "), title: "" };
  }
  if (lang === "vi") return { name: nameIn(d, "vi"), title: officeWithOrganisation(position, org, "vi") };
  return {
    name: addressOf(d, "en", { fallback }).formal,
    title: officeWithOrganisation(position, org, "en"),
  };
}

/** "산업통상자원부 차관" after "산업통상자원부" is "차관". */
function stripLead(position: string, org: string): string {
  return position.startsWith(`${org} `) ? position.slice(org.length + 1) : position;
}
