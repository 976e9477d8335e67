import type { Language } from "../../schema/fields.js";

/** Words the seating materials print. */
export const SEATING_WORDS: Record<
  Language,
  { table: string; head: string; findTable: string; seat: string; scale: string; legend: string }
> = {
  en: {
    table: "Table",
    head: "Head table",
    findTable: "Find your table",
    seat: "Seat",
    scale: "Scale",
    legend: "Guests",
  },
  ko: {
    table: "테이블",
    head: "헤드 테이블",
    findTable: "테이블 안내",
    seat: "좌석",
    scale: "축척",
    legend: "참석자",
  },
  vi: {
    table: "Bàn",
    head: "Bàn chính",
    findTable: "Tìm bàn của bạn",
    seat: "Ghế",
    scale: "Tỉ lệ",
    legend: "Khách mời",
  },
};

export function tableLabel(table: string, lang: Language): string {
  const w = SEATING_WORDS[lang];
  return table === "head" ? w.head : `${w.table} ${table}`;
}
