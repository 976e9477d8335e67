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

const enPlural = new Intl.PluralRules("en");
const en = (n: number, one: string, other: string) => `${n} ${enPlural.select(n) === "one" ? one : other}`;

export const SEATING_WORDS: Record<Language, SeatingWords> = {
  en: {
    table: "Table",
    head: "Head table",
    findTable: "Find your table",
    findTableHint: "In alphabetical order of family name",
    seat: "Seat",
    scale: "Scale",
    legend: "Guests",
    stage: "Stage",
    door: "Door",
    aisle: "Aisle",
    schematic: "Tables and seats to scale; the spacing between tables is not (no room in event.yaml)",
    behind: "Interpreters behind the head table",
    behindEntry: (name, seat) => `${name} (behind seat ${seat})`,
    counts: (g, t) => `${en(g, "guest", "guests")} · ${en(t, "table", "tables")}`,
    section: (k, n, a, b) => `sheet ${k} of ${n} · tables ${a}–${b}`,
  },
  ko: {
    table: "테이블",
    head: "주빈석",
    findTable: "테이블 안내",
    findTableHint: "성명 가나다순",
    seat: "좌석",
    scale: "축척",
    legend: "참석자",
    stage: "무대",
    door: "출입문",
    aisle: "통로",
    schematic: "테이블과 좌석은 축척대로, 테이블 간격은 축척과 다름 (event.yaml에 연회장 크기 없음)",
    behind: "주빈석 뒤 통역",
    behindEntry: (name, seat) => `${name} (${seat}번 좌석 뒤)`,
    // Korean counts people with 명 and tables with the counter 개 after the noun.
    counts: (g, t) => `${g}명 · 테이블 ${t}개`,
    section: (k, n, a, b) => `${n}매 중 ${k}매 · 테이블 ${a}–${b}`,
  },
  vi: {
    table: "Bàn",
    head: "Bàn chính",
    findTable: "Tìm bàn của Quý vị",
    findTableHint: "Xếp theo tên; khách nước ngoài theo họ",
    seat: "Ghế",
    scale: "Tỉ lệ",
    legend: "Khách mời",
    stage: "Sân khấu",
    door: "Cửa ra vào",
    aisle: "Lối đi",
    schematic:
      "Bàn và ghế theo tỉ lệ; khoảng cách giữa các bàn không theo tỉ lệ (event.yaml chưa có kích thước phòng)",
    behind: "Phiên dịch ngồi sau bàn chính",
    behindEntry: (name, seat) => `${name} (sau ghế ${seat})`,
    // Vietnamese nouns have no plural form.
    counts: (g, t) => `${g} khách · ${t} bàn`,
    section: (k, n, a, b) => `tờ ${k}/${n} · bàn ${a}–${b}`,
  },
};

/** "Table 3", "테이블 3", "Bàn 3"; the head table by its name. */
export function tableLabel(table: string, lang: Language): string {
  const w = SEATING_WORDS[lang];
  return table === "head" ? w.head : `${w.table} ${table}`;
}
