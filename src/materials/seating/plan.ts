import type { Diagnostic } from "../../diagnostics.js";
import { activePack } from "../../i18n/active.js";
import { collatorFor } from "../../model/i18n.js";
import { latinName, nameIn, namingCustom, personIn } from "../../model/names.js";
import type { Delegate, Event } from "../../model/types.js";
import { type FittedText, type Measurer, textHeight } from "../../render/measure.js";
import type { Language } from "../../schema/fields.js";
import type { SeatingResult } from "../../seating/banquet.js";
import { fitOrReport, type SeatingMaterial } from "./fit.js";
import { nameField } from "./floor.js";
import { SEATING_WORDS, tableLabel } from "./words.js";

export { planFloor } from "./floor.js";

const MM = 72 / 25.4;

/** One side of a tent card, in one language: the name with its title, position, table. */
export interface CardSide {
  lang: Language;
  /** "문승민 의원", "Hon. Moon Seung-min", "Ông Hoàng Minh Trí": the real spelling, large. */
  name: FittedText;
  /** Position and organisation as the language writes them, small; null when the data has none. */
  detail: FittedText | null;
  table: string;
}

/** One tent card: `front` on the lower half of the sheet, `back` on the upper half (upside down). */
export interface PlaceCard {
  delegate: string;
  event: string;
  front: CardSide;
  back: CardSide;
}

/** Card geometry (templates/place-cards.typ): a half is 210 × 49.5 mm, inset 12 × 5 mm. */
export const CARD = {
  width: 186 * MM,
  height: 39.5 * MM,
  /** The event line (7 pt) and the table chip (9 pt, 1.2 mm inset) with the gaps around them. */
  fixed: 34,
  /** Between the name and its detail, in points (the template's `v(3pt)`). */
  gap: 3,
  leading: 0.2,
  name: { max: 36, oneLineMin: 20, min: 16 },
  detail: { max: 11, min: 8 },
};

/**
 * The languages of the two sides of a delegate's card. `seating.place_cards.languages` fixes them
 * for everyone; otherwise the host side is in the host country's language (event.yaml `country`),
 * the other in the delegate's own language, or, for a delegate of the host's language, in the
 * guests' most common language, so that both delegations at a table can read every card.
 */
export function cardLanguages(
  event: Event,
  seated: readonly Delegate[],
): (d: Delegate) => [Language, Language] {
  const { config } = event;
  const fixed = config.seating.place_cards?.languages;
  if (fixed && fixed.length > 0) return () => [fixed[0]!, fixed[1] ?? fixed[0]!];
  const host = hostLanguage(event);
  const counts = new Map<Language, number>();
  for (const d of seated) if (d.language !== host) counts.set(d.language, (counts.get(d.language) ?? 0) + 1);
  const guest =
    [...counts.entries()].sort(
      (a, b) => b[1] - a[1] || config.languages.indexOf(a[0]) - config.languages.indexOf(b[0]),
    )[0]?.[0] ??
    config.languages.find((l) => l !== host) ??
    host;
  return (d) => [host, d.language !== host ? d.language : guest];
}

/** The language of the host country when the event prints it, else the event's first language. */
export function hostLanguage(event: Event): Language {
  const country = event.config.country ?? "";
  const l = event.config.languages.find((lang) => activePack(lang).spoken_in.includes(country));
  return l ?? event.config.defaultLanguage;
}

/**
 * Place cards in table and seat order (the order the staff lay them out), each side in its own
 * language with the name in its real spelling (diacritics, Hangul) at the large size. A name that
 * does not fit one line from 36 down to 20 pt takes two lines down to 16 pt; below that it is cut
 * and reported (`seating-overflow`).
 */
export function planPlaceCards(
  event: Event,
  result: Pick<SeatingResult, "seats">,
  measurer: Measurer,
  problems: Diagnostic[] = [],
): PlaceCard[] {
  const fb = event.config.defaultLanguage;
  const seated = result.seats.map((s) => event.delegateById.get(s.delegate)!);
  const sides = cardLanguages(event, seated);
  const eventName = event.config.short_name ?? event.config.name[fb] ?? "";
  return result.seats.map((s) => {
    const d = event.delegateById.get(s.delegate)!;
    const [front, back] = sides(d);
    const side = (lang: Language): CardSide =>
      cardSide(event, d, lang, tableLabel(s.table, lang), measurer, problems);
    return { delegate: d.id, event: eventName, front: side(front), back: side(back) };
  });
}

function cardSide(
  event: Event,
  d: Delegate,
  lang: Language,
  table: string,
  m: Measurer,
  problems: Diagnostic[],
): CardSide {
  const who = personIn(d, lang, event.config.defaultLanguage);
  const where = { event, delegate: d, material: "place cards" as const };
  const { name: n, detail: dt } = CARD;
  const name = fitOrReport(
    m,
    who.name,
    [
      { width: CARD.width, maxSize: n.max, minSize: n.oneLineMin, maxLines: 1, weight: "bold" },
      { width: CARD.width, maxSize: n.oneLineMin, minSize: n.min, maxLines: 2, weight: "bold" },
    ],
    { ...where, field: nameField(d, nameIn(d, lang)) },
    problems,
  );
  // The detail gets what height the name leaves: two lines beside a one-line name, else one.
  const room = CARD.height - CARD.fixed - textHeight(m, name, CARD.leading) - CARD.gap;
  const lines = Math.max(1, Math.min(2, Math.floor(room / (dt.max * (m.lineHeight + CARD.leading)))));
  const detail = who.detail
    ? fitOrReport(
        m,
        who.detail,
        [{ width: CARD.width, maxSize: dt.max, minSize: dt.min, maxLines: lines, weight: "regular" }],
        { ...where, field: "position" },
        problems,
      )
    : null;
  return { lang, name, detail, table };
}

/** One guest on a "find your table" list: the name as looked up, the table, the fitted size. */
export interface TableListEntry {
  name: string;
  /** The name as printed: one line, or more when one would need a size below the format's minimum. */
  lines: string[];
  table: string;
  size: number;
}

/** A list in one language: guests grouped under the initial letter they are looked up by. */
export interface TableList {
  lang: Language;
  title: string;
  hint: string;
  groups: { heading: string; entries: TableListEntry[] }[];
}

/** How one list is printed: the column's width for a name and its sizes, in points. */
export interface ListFormat {
  material: SeatingMaterial;
  /** Width of a row (name, leader dots, table), in points: one of two columns between margins. */
  width: number;
  maxSize: number;
  minSize: number;
  /** What the template reads (templates/table-list.typ): paper, margins and gutter in mm, sizes in pt. */
  page: {
    paper: string;
    margin: number;
    gutter: number;
    size: number;
    title: number;
    subtitle: number;
    footer: number;
    leading: number;
  };
}

const GLUE = "\u00a0";

/** The spaces inside each bracketed part of a name, "(Han Jae-won)" or "（Li Ming）", made no-break. */
function keepBracketsWhole(name: string): string {
  return name.replace(/[(\uff08][^()\uff08\uff09]*[)\uff09]/g, (part) => part.replaceAll(" ", GLUE));
}

/** Indent of a name's second line on a "find your table" list, in em (templates/table-list.typ reads it). */
export const LIST_INDENT = 1.5;

/** The A4 list for the desk: two columns at 11 pt. */
export const A4_LIST: ListFormat = {
  material: "table list",
  width: ((210 - 2 * 14 - 8) / 2) * MM,
  maxSize: 11,
  minSize: 8,
  page: { paper: "a4", margin: 14, gutter: 8, size: 11, title: 18, subtitle: 11, footer: 8, leading: 0.35 },
};
/** The A2 poster for the easel at the door: two columns, names of 24–28 pt, readable at 2 m. */
export const A2_POSTER: ListFormat = {
  material: "table poster",
  width: ((420 - 2 * 20 - 16) / 2) * MM,
  maxSize: 28,
  minSize: 24,
  page: { paper: "a2", margin: 20, gutter: 16, size: 28, title: 64, subtitle: 26, footer: 14, leading: 0.3 },
};

/**
 * "Find your table" in one language: every guest by the name they look themselves up by, in that
 * language's collation: by family name, written family-first for Korean and Vietnamese names and
 * "Family, Given" for others; on a Vietnamese list Vietnamese guests by their given name (tên), as
 * Vietnamese lists are ordered. Each row's name is shrunk to fit beside its table (never below
 * the format's minimum; past it, cut and reported).
 */
export function planTableList(
  event: Event,
  result: Pick<SeatingResult, "seats">,
  lang: Language,
  measurer: Measurer,
  format: ListFormat = A4_LIST,
  problems: Diagnostic[] = [],
): TableList {
  const collator = collatorFor(lang, { sensitivity: "base", numeric: true });
  const entries = result.seats.map((s) => {
    const d = event.delegateById.get(s.delegate)!;
    const written = nameIn(d, lang);
    const { name, key } = lookupKey(d, lang);
    const table = tableLabel(s.table, lang);
    // The table label and at least 8 mm of leader dots stand beside the name.
    const tableWidth = measurer.width(table, "bold") * format.maxSize + 8 * MM;
    const oneLine = {
      width: format.width - tableWidth,
      maxSize: format.maxSize,
      minSize: format.minSize,
      maxLines: 1,
      weight: "regular",
    } as const;
    // A name too long for one line at the smallest size goes on up to four (the next ones
    // indented by LIST_INDENT em, templates/table-list.typ) rather than being cut: a guest who finds
    // "Han Jae-w…" on the poster may not know it is him. A bracketed transcription is kept on
    // one line when it can be ("Хан Жэ Вон / (Han Jae-won)", not "Хан Жэ Вон (Han / Jae-won)").
    const glued = keepBracketsWhole(name);
    const fitted = fitOrReport(
      measurer,
      name,
      [1, 2, 3, 4].flatMap((maxLines) => {
        const o = {
          ...oneLine,
          width: oneLine.width - (maxLines > 1 ? LIST_INDENT * format.maxSize : 0),
          maxLines,
        };
        return maxLines > 1 && glued !== name ? [{ ...o, text: glued }, o] : [o];
      }),
      { event, delegate: d, material: format.material, field: nameField(d, written) },
      problems,
    );
    const lines = glued === name ? fitted.lines : fitted.lines.map((l) => l.replaceAll(GLUE, " "));
    return { name: lines.join(" "), lines, table, size: fitted.size, key };
  });
  entries.sort((a, b) => collator.compare(a.key, b.key));
  const groups: TableList["groups"] = [];
  for (const { key, ...e } of entries) {
    const heading = initialOf(key, lang);
    const last = groups.at(-1);
    if (last && last.heading === heading) last.entries.push(e);
    else groups.push({ heading, entries: [e] });
  }
  return { lang, title: SEATING_WORDS(lang).findTable, hint: SEATING_WORDS(lang).findTableHint, groups };
}

/**
 * How a list in `lang` writes a name and files it: family-first as Korean and Vietnamese write
 * them, "Family, Given" for others; the key it is sorted by, Vietnamese guests on a Vietnamese
 * list by their given name (tên). The "find your table" list and the check-in lists share it.
 */
export function lookupKey(d: Delegate, lang: Language): { name: string; key: string } {
  const written = nameIn(d, lang);
  const localScript = written !== latinName(d);
  const name = localScript || d.nameOrder === "family-first" ? written : `${d.familyName}, ${d.givenName}`;
  const key = activePack(lang).collation.by_given_name.includes(namingCustom(d))
    ? `${written.split(/\s+/).at(-1)} ${written}`
    : localScript
      ? written
      : `${d.familyName} ${d.givenName}`;
  return { name, key };
}

const initialLists = new Map<
  string,
  { list: [string, string][]; compare: (a: string, b: string) => number } | null
>();

/** The pack's `collation.initials` in the collation's order, with its comparer, once per pack. */
function initialsOf(lang: Language) {
  const pack = activePack(lang);
  const key = `${lang}\u0000${pack.collation.locale}\u0000${JSON.stringify(pack.collation.initials ?? null)}`;
  if (!initialLists.has(key)) {
    const initials = pack.collation.initials;
    if (!initials) initialLists.set(key, null);
    else {
      const compare = new Intl.Collator(pack.collation.locale).compare;
      const list = Object.entries(initials).sort((a, b) => compare(a[1], b[1]));
      initialLists.set(key, { list, compare });
    }
  }
  return initialLists.get(key)!;
}

/** Initial consonants of Hangul syllables, doubled ones under their single (ㄲ under ㄱ). */
const CHOSEONG = "ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ";

/**
 * The letter a key is filed under: its first letter in capitals without its marks, but for the
 * letters of the alphabet the pack lists (`collation.letters`: vi Ă Â Đ Ê Ô Ơ Ư, whose tone marks
 * alone go); Hangul its initial consonant.
 */
export function initialOf(key: string, lang: Language): string {
  const ch = Array.from(key.trim())[0] ?? "";
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0xac00 && cp <= 0xd7a3) return CHOSEONG[Math.floor((cp - 0xac00) / 588)]!;
  const byInitial = initialsOf(lang);
  if (byInitial && /\p{Script=Han}/u.test(ch)) {
    let heading = "";
    for (const [initial, first] of byInitial.list) if (byInitial.compare(first, ch) <= 0) heading = initial;
    if (heading) return heading;
  }
  const upper = ch.toLocaleUpperCase(lang);
  const [base = "", ...marks] = Array.from(upper.normalize("NFD"));
  // The pack's letter whose marks are all among this one's: Ặ (A, dot below, breve) is under Ă.
  let best = "";
  for (const letter of activePack(lang).collation.letters) {
    const [b = "", ...own] = Array.from(letter.normalize("NFD"));
    if (b === base && own.every((m) => marks.includes(m)) && letter.length >= best.length) best = letter;
  }
  if (best) return best.normalize("NFC");
  // Đ has no decomposition: a list that has no such letter files it under D.
  return base === "Đ" ? "D" : base;
}
