import { activePack, packsInEffect } from "../i18n/active.js";
import { fill } from "../i18n/resolve.js";
import type { Pack } from "../i18n/schema.js";
import type { NameOrder, NamingCustom } from "../schema/delegates.js";
import { columnSuffix, type Language } from "../schema/fields.js";
import { matchOffice, type Office, officeTitle } from "./offices.js";
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

type ReadKey = keyof Pack["names"]["read"];
/** What a word of the honorific column says, by the key a pack lists it under. */
const SAYS: Record<ReadKey, Honorific> = {
  mr: { style: "mr", gender: "male" },
  ms: { style: "ms", gender: "female" },
  dr: { style: "dr" },
  prof: { style: "prof" },
  hon: { style: "hon" },
  excellency: { style: "excellency" },
  excellency_male: { style: "excellency", gender: "male" },
  excellency_female: { style: "excellency", gender: "female" },
};

const foldHonorific = (text: string) =>
  text.trim().toLocaleLowerCase("vi").replace(/\.$/, "").replace(/\s+/g, " ");

/** The honorific words of every pack in effect (`names.read`), made once per set of packs. */
const wordsCache = new WeakMap<ReadonlyMap<string, Pack>, Map<string, Honorific>>();
function honorificWords(): Map<string, Honorific> {
  const packs = packsInEffect();
  let words = wordsCache.get(packs);
  if (words) return words;
  words = new Map();
  for (const pack of packs.values())
    for (const [key, list] of Object.entries(pack.names.read) as [ReadKey, string[]][])
      for (const word of list) {
        const folded = foldHonorific(word);
        if (!words.has(folded)) words.set(folded, SAYS[key]);
      }
  wordsCache.set(packs, words);
  return words;
}

/**
 * Reads "Mr", "Mrs.", "Ông", "Hon.", "H.E." or "Prof." into a style and, where stated, a gender.
 * The style is the first language's that reads; a gender is taken from any of them
 * (`Hon.` with `honorific_vi: Ông` is an honourable gentleman).
 */
export function parseHonorific(value: Localized | undefined): Honorific {
  const out: Honorific = {};
  const words = honorificWords();
  for (const text of Object.values(value ?? {})) {
    const key = foldHonorific(text ?? "");
    const hit = words.get(key) ?? words.get(key.replace(/\./g, ""));
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
      | "nativeNames"
      | "transcriptions"
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
  const all = [...packsInEffect().keys()] as Language[];
  const order = first ? [first, ...all.filter((l) => l !== first)] : all;
  for (const lang of order) {
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
    // A pack that names the office prints its name (none, if it lists no words for it).
    const names = hit?.exact ? activePack(lang).offices.names[hit.office.key] : undefined;
    if (names) return names.words[0];
  }
  return pick(d.position, lang, fallback);
}

const HANGUL = /[\uAC00-\uD7A3]/;
const HAN_END = /\p{Script=Han}$/u;
/** Letters of no script but Latin (marks, spaces and punctuation are any script's). */
const NOT_LATIN = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;
const scripts = new Map<string, RegExp>();
function inScript(text: string, script: string): boolean {
  let re = scripts.get(script);
  if (!re) {
    re = new RegExp(`\\p{Script=${script}}`, "u");
    scripts.set(script, re);
  }
  return re.test(text);
}

/** The name in the person's own spelling: diacritics for Vietnamese, else the Latin name. */
function ownLatin(d: Person, upperFamily = false): string {
  if (d.nativeName && !NOT_LATIN.test(d.nativeName) && namingCustom(d) === "vi") return d.nativeName;
  return latinName(d, upperFamily);
}

/**
 * The name in the script of `lang`'s readers, if the data has one: the native name when it is in
 * that script (a patronymic name in the pack's `names.patronymic` form: Б. Батболд), else the
 * name the person gives for those readers (`native_name_zh`: a Korean's name in Hanja).
 */
function nativeIn(d: Person, lang: Language): string | undefined {
  const n = activePack(lang).names;
  if (d.nativeName && inScript(d.nativeName, n.script)) {
    if (n.patronymic && namingCustom(d) === "mn") {
      const [patronymic, ...given] = d.nativeName.trim().split(/\s+/);
      if (patronymic && given.length > 0)
        return fill(n.patronymic, { initial: Array.from(patronymic)[0]!, given: given.join(" ") }, lang);
    }
    return d.nativeName;
  }
  return d.nativeNames?.[lang];
}

/** A transcription of the name for `lang`'s readers (`name_ko`, `name_zh`), if the data has one. */
function transcriptionOf(d: Person, lang: Language): string | undefined {
  const suffix = columnSuffix(lang);
  return suffix === "ko" ? d.nameKo : d.transcriptions?.[suffix];
}

/**
 * The full name as a language writes it (its pack's `names`): for readers of another script than
 * Latin, the name in that script (native_name, else a transcription followed by the name as its
 * owner writes it: ko `호앙 민 찌(Hoàng Minh Trí)`); else the Latin name, with its diacritics
 * for Vietnamese names.
 */
export function nameIn(d: Person, lang: Language, upperFamily = false): string {
  const n = activePack(lang).names;
  if (n.script !== "Latin") {
    const own = nativeIn(d, lang);
    if (own) return own;
    const transcribed = transcriptionOf(d, lang);
    if (transcribed) return fill(n.transcribed, { name: transcribed, latin: ownLatin(d) }, lang);
  }
  return ownLatin(d, upperFamily);
}

/** The name in Hangul alone (native Korean, or the `name_ko` transcription), if the data has one. */
export function hangulName(d: Person): string | undefined {
  if (d.nativeName && HANGUL.test(d.nativeName)) return d.nativeName;
  return d.nameKo;
}

/** The name alone in the readers' script, for the body of a letter once the address block gave both. */
function shortName(d: Person, lang: Language): string {
  if (activePack(lang).names.script === "Latin") return ownLatin(d);
  return nativeIn(d, lang) ?? transcriptionOf(d, lang) ?? ownLatin(d);
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

/**
 * The name a reader of `lang` calls the person by: for readers of Chinese characters, the
 * surname of a Chinese or Korean name written in them (李明 → 李, as 尊敬的李主任 says it);
 * else callName().
 */
function callIn(d: Person, lang: Language): string {
  if (d.addressedAs || activePack(lang).names.script !== "Han") return callName(d);
  const custom = namingCustom(d);
  const han = nativeIn(d, lang);
  if (han && (custom === "zh" || custom === "ko")) return Array.from(han)[0]!;
  return callName(d);
}

function genderOf(d: Person, h: Honorific): "male" | "female" | undefined {
  return d.gender ?? h.gender;
}

/** The title `lang` says with the name of the office the person holds (ko 차관, zh 主任), if any. */
function officeTitleIn(d: Person, lang: Language): string | undefined {
  const office = officeOf(d, lang);
  return office ? officeTitle(office, lang) : undefined;
}

/**
 * The word of address a language gives a person: the first of its pack's `honorific_order` that
 * the data supports (a style such as Dr or H.E., a gender the data states, the office's title, a
 * foreign dignitary's word, a neutral form); none if none applies. A gender is never guessed.
 */
export function honorificIn(d: Person, lang: Language): string | undefined {
  const n = activePack(lang).names;
  const h = parseHonorific(d.honorific);
  const gender = genderOf(d, h);
  for (const key of n.honorific_order) {
    const word = key === "office" ? officeTitleIn(d, lang) : n.honorifics[key];
    if (!word) continue;
    switch (key) {
      case "office":
      case "neutral":
        return word;
      case "male":
      case "female":
        if (gender === key) return word;
        break;
      case "foreign_dignitary":
        // A foreign holder of a public office in the table (a vice mayor of Busan written "Mr" in
        // the data) is one as much as one written Hon. or H.E.
        if (
          n.custom !== undefined &&
          namingCustom(d) !== n.custom &&
          (h.style === "hon" || h.style === "excellency" || officeOf(d)?.dignitary)
        )
          return word;
        break;
      default:
        if (h.style === key) return word;
    }
  }
  return undefined;
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
  const forms = activePack(lang).names.office_with_organisation;
  const form = forms.exact && matchOffice(position, lang)?.exact ? forms.exact : forms.default;
  return fill(form, { position, organisation: org }, lang);
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
 * Forms of address by language (docs/letters.md), from its pack's `names` and `address`: the
 * salutation is the pack's first case that applies (excellency, office, academic, gendered,
 * parliamentarian, else default). Honorifics such as Hon. and H.E. go before the full name in the
 * address block only; a gender is never guessed.
 */
export function addressOf(d: Person, lang: Language, options: AddressOptions = {}): Address {
  const fb = options.fallback ?? "en";
  const { names: n, address: a } = activePack(lang);
  const h = parseHonorific(d.honorific);
  const gender = genderOf(d, h);
  const office = officeOf(d);
  const position = positionIn(d, lang, fb);
  const org = pick(d.organisation, lang, fb);
  const honorific = honorificIn(d, lang);
  const upper = options.upperFamily === true && n.upper_family.includes(namingCustom(d));
  const full = nameIn(d, lang, upper);
  const f = (text: string, values: Record<string, string>) => fill(text, values, lang);
  const formal = honorific ? f(n.formal, { name: full, honorific }) : full;
  const named = (name: string) => {
    if (!a.named) return name;
    return honorific ? f(a.named.honorific, { name, honorific }) : f(a.named.default, { name });
  };
  const short = shortName(d, lang);
  const academic = h.style === "dr" || h.style === "prof" ? n.honorifics[h.style] : undefined;
  const genderWord = gender ? n.honorifics[gender] : undefined;
  const title = officeTitleIn(d, lang);
  const values = {
    name: full,
    call: callIn(d, lang),
    short,
    honorific: honorific ?? "",
    gender: genderWord ?? "",
    academic: academic ?? "",
    title: title ?? "",
    formal,
    named: named(full),
    short_named: named(short),
  };
  const role = officeWithOrganisation(position, org, lang);
  let block: string[] = [];
  if (a.block === "lines") block = [formal, role, options.country ?? ""].filter(Boolean);
  else if (a.block === "line") {
    // What the position says besides the title goes before the name ("한국기술대학교
    // 도시공학과 송윤서 교수님 귀하"); a position in another language is not put into the line.
    const where = d.position?.[lang] ? organisationFirstParts(d, lang, fb).detail : org;
    block = [[where, f(a.line ?? "{named}", values)].filter(Boolean).join(n.join)];
  }
  const s = a.salutation;
  const excellency = h.style === "excellency";
  const salutation =
    excellency && s.excellency
      ? s.excellency
      : title && s.office
        ? s.office
        : academic && s.academic
          ? s.academic
          : genderWord && s.gendered
            ? s.gendered
            : h.style === "hon" && office?.parliamentarian && s.parliamentarian
              ? s.parliamentarian
              : s.default;
  const greeting = f(salutation, values);
  const reference = excellency && a.reference.excellency ? a.reference.excellency : a.reference.default;
  return {
    formal,
    block,
    salutation: s.with_role && role ? f(s.with_role, { salutation: greeting, role }) : greeting,
    reference: f(reference, values),
  };
}

/**
 * A speaker as a printed programme names them, in one language: the name with its title, and
 * what else is said of them (office, organisation), never repeating the title.
 *   en "Hon. Moon Seung-min" + "Member of the National Assembly of the Republic of Korea"
 *   ko "오경수 차관" + "산업통상자원부" · "송윤서 교수" + "한국기술대학교 도시공학과"
 *   vi "Ngài Moon Seung-min" + "Nghị sĩ Quốc hội Hàn Quốc"
 */
export function personIn(d: Person, lang: Language, fallback: Language): { name: string; detail: string } {
  if (activePack(lang).names.organisation_first) return organisationFirstParts(d, lang, fallback);
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
  for (const title of professorWords()) {
    if (!formal.startsWith(`${title} `) || !position.startsWith(`${title} `)) continue;
    const rest = position.slice(title.length + 1).replace(/^of /, "");
    return rest || position;
  }
  return position;
}

/** The words of every pack in effect for a professor (Professor, Giáo sư), made once per set of packs. */
const professorCache = new WeakMap<ReadonlyMap<string, Pack>, string[]>();
function professorWords(): string[] {
  const packs = packsInEffect();
  let words = professorCache.get(packs);
  if (!words) {
    words = [...new Set([...packs.values()].flatMap((p) => p.names.honorifics.prof ?? []))];
    professorCache.set(packs, words);
  }
  return words;
}

/**
 * A language that writes organisation, title, name (`names.organisation_first`: Korean): the
 * title is the position's last word when it is an office (국회의원, 경제부시장, 대표이사; one in
 * Chinese characters, written without spaces, has the office's own word cut off its end), a parliamentarian's
 * the pack's title (의원); the rest of the position follows the organisation.
 */
function organisationFirstParts(
  d: Person,
  lang: Language,
  fallback: Language,
): { name: string; detail: string } {
  const n = activePack(lang).names;
  const org = pick(d.organisation, lang, fallback);
  const position = positionIn(d, lang, fallback);
  const rest = position && org ? stripLead(position, org, n.join) : position;
  const words = rest ? rest.split(/\s+/) : [];
  let last = words.at(-1);
  const hit = last ? matchOffice(last, lang) : undefined;
  let before = words.slice(0, -1).join(" ");
  // A position written without spaces (青岛市副市长) has its office cut off its end.
  if (hit && last && HAN_END.test(last)) {
    const word = wordOfOffice(last, hit.office, lang);
    if (word) {
      before = [before, last.slice(0, -word.length)].filter(Boolean).join(" ");
      last = word;
    }
  }
  const office = hit?.office;
  const title = office?.parliamentarian ? officeTitle(office, lang) : office ? last : undefined;
  const remainder = title ? before : (rest ?? "");
  const detail = [org, remainder].filter(Boolean).join(n.join);
  const name = nameIn(d, lang);
  return { name: title ? fill(n.formal, { name, honorific: title }, lang) : name, detail };
}

/** The office's word a position ends with (青岛市副市长 → 副市长). */
function wordOfOffice(position: string, office: Office, lang: Language): string | undefined {
  const words = activePack(lang).offices.names[office.key]?.words ?? [];
  return [...words].sort((a, b) => b.length - a.length).find((w) => position.endsWith(w));
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
  const n = activePack(lang).names;
  if (n.organisation_first) return [p.detail, p.name].filter(Boolean).join(n.join);
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
  const { names: n, address: a } = activePack(lang);
  if (n.organisation_first) {
    const where =
      org && position ? `${org}${n.join}${stripLead(position, org, n.join)}` : (org ?? position ?? "");
    return { name: [where, nameIn(d, lang)].filter(Boolean).join(n.join), title: "" };
  }
  const name = a.signature.includes("{formal}")
    ? fill(a.signature, { name: nameIn(d, lang), formal: addressOf(d, lang, { fallback }).formal }, lang)
    : fill(a.signature, { name: nameIn(d, lang) }, lang);
  return { name, title: officeWithOrganisation(position, org, lang) };
}

/** "산업통상자원부 차관" after "산업통상자원부" is "차관". */
function stripLead(position: string, org: string, join = " "): string {
  return position.startsWith(`${org}${join}`) ? position.slice(org.length + join.length) : position;
}
