import { type ByLanguage, byLanguage, fillLabel } from "../../model/i18n.js";
import type { Language } from "../../schema/fields.js";

/** Words the seating materials print, in each language. */
export interface SeatingWords {
  table: string;
  /** The head table: 주빈석 in Korean protocol (헤드 테이블 is a loan nobody prints). */
  head: string;
  findTable: string;
  /** Under the "find your table" title: how the list is ordered. */
  findTableHint: string;
  seat: string;
  scale: string;
  legend: string;
  stage: string;
  door: string;
  aisle: string;
  /** Under the scale when no room is given: the tables are to scale, their spacing is not. */
  schematic: string;
  /** Under the legend: the interpreters who sit behind head-table guests (on no seat). */
  behind: string;
  behindEntry: (name: string, seat: number) => string;
  /** "106 guests · 12 tables" with each language's plural and counter words. */
  counts: (guests: number, tables: number) => string;
  /** A sheet of a plan drawn in several: "sheet 2 of 3 · tables 41–80". */
  section: (sheet: number, of: number, first: string, last: string) => string;
}

/** From each language's pack (labels.seating); the counts take its plural forms. */
export const SEATING_WORDS: ByLanguage<SeatingWords> = byLanguage((l, lang) => ({
  ...l.seating,
  behindEntry: (name, seat) => fillLabel(lang, l.seating.behindEntry, { name, seat }),
  counts: (guests, tables) => fillLabel(lang, l.seating.counts, { guests, tables }),
  section: (sheet, of, first, last) => fillLabel(lang, l.seating.section, { sheet, of, first, last }),
}));

/** "Table 3", "테이블 3", "Bàn 3"; the head table by its name. */
export function tableLabel(table: string, lang: Language): string {
  const w = SEATING_WORDS(lang);
  return table === "head" ? w.head : `${w.table} ${table}`;
}
