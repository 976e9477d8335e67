import type { Language } from "../../schema/fields.js";

/** Words only the badge backs print (the shared ones are UI_TEXT in src/model/i18n.ts). */
export const BADGE_WORDS: Record<
  Language,
  { badges: string; parallel: (n: number) => string; full: (url: string) => string; fullPrinted: string }
> = {
  en: {
    badges: "Badges",
    parallel: (n) => `${n} parallel sessions`,
    full: (url) => `Full programme: ${url}`,
    fullPrinted: "Full programme: see the printed programme",
  },
  ko: {
    badges: "명찰",
    parallel: (n) => `분과 세션 ${n}개 동시 진행`,
    full: (url) => `전체 프로그램: ${url}`,
    fullPrinted: "전체 프로그램은 인쇄된 프로그램북을 참고하십시오",
  },
  vi: {
    badges: "Thẻ đại biểu",
    parallel: (n) => `${n} phiên song song`,
    full: (url) => `Chương trình đầy đủ: ${url}`,
    fullPrinted: "Chương trình đầy đủ: xem chương trình in",
  },
};
