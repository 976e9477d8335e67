import { activePack } from "../i18n/active.js";
import type { Pack } from "../i18n/schema.js";
import type { Language } from "../schema/fields.js";

/**
 * The offices that change how a person is addressed. Used for three things: reading which office
 * a `position` holds (in any of its languages), printing the office in a language whose
 * `position_<lang>` column is empty, and the title a language says with the holder's name. A
 * position that is no office in the table gives no title: a job is not a title of address.
 * The names and titles, and where they come from, are in the packs (templates/i18n/*.yaml).
 */
export interface Office {
  key: string;
  /** Offices whose holders get the protocol paragraph and, abroad, the dignitary's honorific. */
  dignitary: boolean;
  /** Parliament: "Dear Honourable Member," when the data gives no gender. */
  parliamentarian?: boolean;
}

const o = (key: string, dignitary = false, parliamentarian = false): Office => ({
  key,
  dignitary,
  parliamentarian,
});

/**
 * The offices conclave knows. Their names in each language, and the title a language says with
 * the name, are the packs' (`offices.names.<key>`, templates/i18n/<lang>.yaml).
 */
export const OFFICES: readonly Office[] = [
  o("head-of-state", true),
  o("prime-minister", true),
  o("deputy-prime-minister", true),
  o("minister", true),
  o("vice-minister", true),
  o("ambassador", true),
  o("consul-general", true),
  o("member-of-parliament", true, true),
  // A deputy to China's National People's Congress: 全国人大代表, addressed 李代表.
  o("npc-deputy", true, true),
  o("people-committee-chairman", true),
  o("people-committee-vice-chairman", true),
  o("governor", true),
  o("vice-governor", true),
  o("mayor", true),
  o("vice-mayor", true),
  o("secretary-general"),
  o("director-general"),
  o("department-director"),
  o("division-head"),
  o("director"),
  o("managing-director"),
  o("ceo"),
  o("chairman"),
  o("vice-chairman"),
  o("president"),
  o("vice-president"),
  o("professor"),
];
const BY_KEY = new Map(OFFICES.map((x) => [x.key, x]));

type Offices = Pack["offices"];
/** Every office name of a pack with its office, longest first: "Vice Minister" before "Minister". */
const byWord = new WeakMap<Offices, { word: string; office: Office }[]>();
function wordsOf(offices: Offices, lang: Language) {
  let list = byWord.get(offices);
  if (list) return list;
  list = [];
  for (const [key, names] of Object.entries(offices.names)) {
    const office = BY_KEY.get(key);
    if (office) for (const word of names.words) list.push({ word: fold(word, lang), office });
  }
  // A stable sort: of two names as long, the office listed first in the pack wins (회장).
  list.sort((a, b) => b.word.length - a.word.length);
  byWord.set(offices, list);
  return list;
}

function fold(s: string, lang: Language): string {
  let t = s.normalize("NFC").toLocaleLowerCase(lang);
  // Spellings the pack says are the same (vi: uỷ and ủy, both in use) compare as one.
  for (const [from, to] of Object.entries(activePack(lang).offices.spellings ?? {}))
    t = t.replaceAll(
      from.normalize("NFC").toLocaleLowerCase(lang),
      to.normalize("NFC").toLocaleLowerCase(lang),
    );
  return t.replace(/\s+/g, " ").trim();
}

/**
 * The office a position names in one language, and whether the position is that office alone
 * ("Chief Executive Officer") or more ("Vice Minister of Trade, Industry and Energy").
 * English and Vietnamese positions start with the office; Korean ones end with it (경제부시장):
 * the pack's `offices.position` says which.
 */
export function matchOffice(
  position: string,
  lang: Language,
): { office: Office; exact: boolean } | undefined {
  const p = fold(position, lang);
  if (!p) return undefined;
  const offices = activePack(lang).offices;
  const words = wordsOf(offices, lang);
  const hit =
    offices.position === "end"
      ? words.find((w) => p.endsWith(w.word))
      : words.find((w) => p === w.word || p.startsWith(`${w.word} `) || p.startsWith(`${w.word},`));
  return hit ? { office: hit.office, exact: p === hit.word } : undefined;
}

/** The office's usual name in a language: the first of its words, if the pack names it. */
export function officeName(office: Office, lang: Language): string | undefined {
  return activePack(lang).offices.names[office.key]?.words[0];
}

/** The title a language says with the name of the office's holder (ko 차관, zh 主任), if any. */
export function officeTitle(office: Office, lang: Language): string | undefined {
  return activePack(lang).offices.names[office.key]?.title;
}
