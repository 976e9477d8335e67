import type { Language } from "../schema/fields.js";

/**
 * The offices that change how a person is addressed, with their names in each language.
 *
 * Used for three things: reading which office a `position` holds (in any of its languages),
 * printing the office in a language whose `position_<lang>` column is empty, and deriving the
 * Korean title of address (`차관님`, `의원님`). A position that is not in this table gives no
 * Korean title: `의전 담당` is a job, not a title, and the person is `안소희 님`.
 *
 * Sources: the Korean titles follow the 행정안전부 정부의전편람 usage (직함 + 님); the Vietnamese
 * names are those of Nghị định 30/2020/NĐ-CP's examples and of Vietnamese state bodies (Ủy ban
 * nhân dân, Bộ, Sở); foreign members of parliament are `Nghị sĩ`, Viet Nam's own are `Đại biểu
 * Quốc hội`.
 */
export interface Office {
  key: string;
  /** Names of the office, in each language, as a position starts (en, vi) or ends (ko). */
  words: Record<Language, readonly string[]>;
  /** The Korean title written after the name: 문승민 의원님, 오경수 차관님. */
  titleKo: string;
  /** Offices whose holders get the protocol paragraph and, abroad, `Ngài` in Vietnamese. */
  dignitary: boolean;
  /** Parliament: "Dear Honourable Member," when the data gives no gender. */
  parliamentarian?: boolean;
}

const o = (
  key: string,
  en: string[],
  ko: string[],
  vi: string[],
  titleKo: string,
  dignitary = false,
  parliamentarian = false,
): Office => ({ key, words: { en, ko, vi }, titleKo, dignitary, parliamentarian });

export const OFFICES: readonly Office[] = [
  o(
    "head-of-state",
    ["President of the Republic", "President of the State"],
    ["대통령"],
    ["Chủ tịch nước"],
    "대통령",
    true,
  ),
  o("prime-minister", ["Prime Minister"], ["국무총리", "총리"], ["Thủ tướng"], "총리", true),
  o("deputy-prime-minister", ["Deputy Prime Minister"], ["부총리"], ["Phó Thủ tướng"], "부총리", true),
  o("minister", ["Minister"], ["장관"], ["Bộ trưởng"], "장관", true),
  o("vice-minister", ["Vice Minister", "Deputy Minister"], ["차관"], ["Thứ trưởng"], "차관", true),
  o("ambassador", ["Ambassador"], ["대사"], ["Đại sứ"], "대사", true),
  o("consul-general", ["Consul General", "Consul-General"], ["총영사"], ["Tổng Lãnh sự"], "총영사", true),
  o(
    "member-of-parliament",
    ["Member of the National Assembly", "Member of Parliament", "National Assembly Member"],
    ["국회의원", "의원"],
    ["Đại biểu Quốc hội", "Nghị sĩ Quốc hội", "Nghị sĩ"],
    "의원",
    true,
    true,
  ),
  o(
    "people-committee-chairman",
    ["Chairman of the People's Committee", "Chairwoman of the People's Committee"],
    ["위원장"],
    ["Chủ tịch Ủy ban nhân dân"],
    "위원장",
    true,
  ),
  o(
    "people-committee-vice-chairman",
    ["Vice Chairman of the People's Committee", "Vice Chairwoman of the People's Committee"],
    ["부위원장"],
    ["Phó Chủ tịch Ủy ban nhân dân"],
    "부위원장",
    true,
  ),
  o("governor", ["Governor"], ["도지사", "지사"], ["Tỉnh trưởng"], "지사", true),
  o("vice-governor", ["Vice Governor"], ["부지사"], ["Phó Tỉnh trưởng"], "부지사", true),
  o("mayor", ["Mayor"], ["시장"], ["Thị trưởng"], "시장", true),
  o("vice-mayor", ["Vice Mayor", "Deputy Mayor"], ["부시장"], ["Phó Thị trưởng"], "부시장", true),
  o(
    "secretary-general",
    ["Secretary General", "Secretary-General"],
    ["사무총장"],
    ["Tổng Thư ký"],
    "사무총장",
  ),
  o("director-general", ["Director General", "Director-General"], ["국장"], ["Cục trưởng"], "국장"),
  // The director of a provincial or city department (Sở) is a 국장 in Korean, not a company's
  // 이사: "Director of the Department of Planning and Investment" = Giám đốc Sở Kế hoạch và Đầu tư
  // = 기획투자국장.
  o(
    "department-director",
    ["Director of the Department", "Director of Department"],
    [],
    ["Giám đốc Sở"],
    "국장",
  ),
  // 본부장 (head of a company division) is a title of address in Korean: 권하은 본부장님.
  o("division-head", [], ["본부장"], [], "본부장"),
  o("director", ["Director"], ["이사"], ["Giám đốc"], "이사"),
  o("managing-director", ["Managing Director"], ["전무이사", "전무"], ["Giám đốc Điều hành"], "전무"),
  o("ceo", ["Chief Executive Officer", "CEO"], ["대표이사", "대표"], ["Tổng Giám đốc"], "대표이사"),
  o("chairman", ["Chairman", "Chairwoman", "Chair"], ["회장"], ["Chủ tịch"], "회장"),
  o(
    "vice-chairman",
    ["Vice Chairman", "Vice Chairwoman", "Vice Chair"],
    ["부회장"],
    ["Phó Chủ tịch"],
    "부회장",
  ),
  // "President" alone is the president of an association or company (회장); a head of state is
  // "President of the Republic". Write position_ko (사장, 총장…) where another reading is meant.
  o("president", ["President"], ["회장"], ["Chủ tịch"], "회장"),
  o("vice-president", ["Vice President"], ["부사장"], ["Phó Tổng Giám đốc"], "부사장"),
  o("professor", ["Professor"], ["교수"], ["Giáo sư"], "교수"),
];

/** Every office name with its office, longest first: "Vice Minister" is tried before "Minister". */
const BY_WORD: Record<Language, { word: string; office: Office }[]> = { en: [], ko: [], vi: [] };
for (const office of OFFICES)
  for (const lang of ["en", "ko", "vi"] as const)
    for (const word of office.words[lang]) BY_WORD[lang].push({ word: fold(word, lang), office });
for (const list of Object.values(BY_WORD)) list.sort((a, b) => b.word.length - a.word.length);

function fold(s: string, lang: Language): string {
  // "Uỷ" and "Ủy" are both in use: compare the Nghị định 30 spelling.
  return s.normalize("NFC").toLocaleLowerCase(lang).replace(/uỷ/g, "ủy").replace(/\s+/g, " ").trim();
}

/**
 * The office a position names in one language, and whether the position is that office alone
 * ("Chief Executive Officer") or more ("Vice Minister of Trade, Industry and Energy").
 * English and Vietnamese positions start with the office; Korean ones end with it (경제부시장).
 */
export function matchOffice(
  position: string,
  lang: Language,
): { office: Office; exact: boolean } | undefined {
  const p = fold(position, lang);
  if (!p) return undefined;
  if (lang === "ko") {
    const last = p.split(" ").at(-1) ?? p;
    const hit = BY_WORD.ko.find((w) => last.endsWith(w.word));
    return hit ? { office: hit.office, exact: p === hit.word } : undefined;
  }
  const hit = BY_WORD[lang].find(
    (w) => p === w.word || p.startsWith(`${w.word} `) || p.startsWith(`${w.word},`),
  );
  return hit ? { office: hit.office, exact: p === hit.word } : undefined;
}

/** The office's usual name in a language: the first of its words. */
export function officeName(office: Office, lang: Language): string {
  return office.words[lang][0]!;
}
