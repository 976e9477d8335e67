import type { Category } from "../schema/delegates.js";
import type { Language } from "../schema/fields.js";

const WEEKDAYS: Record<Language, { long: string[]; short: string[] }> = {
  en: {
    long: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    short: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  },
  ko: {
    long: ["일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"],
    short: ["일", "월", "화", "수", "목", "금", "토"],
  },
  vi: {
    long: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
    short: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
  },
};
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function parts(iso: string): { y: number; m: number; d: number; wd: number } {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return { y, m, d, wd: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

/**
 * A date in each language's own long form:
 *   en "Tuesday, 20 June 2023" · ko "2023년 6월 20일 (화)" · vi "Thứ Ba, ngày 20 tháng 6 năm 2023"
 */
export function formatDateLong(iso: string, lang: Language): string {
  const { y, m, d, wd } = parts(iso);
  if (lang === "ko") return `${y}년 ${m}월 ${d}일 (${WEEKDAYS.ko.short[wd]})`;
  if (lang === "vi") return `${WEEKDAYS.vi.long[wd]}, ngày ${d} tháng ${m} năm ${y}`;
  return `${WEEKDAYS.en.long[wd]}, ${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** A short day label: en "Tue 20 June" · ko "6월 20일 (화)" · vi "Thứ Ba 20/6". */
export function formatDateShort(iso: string, lang: Language): string {
  const { m, d, wd } = parts(iso);
  if (lang === "ko") return `${m}월 ${d}일 (${WEEKDAYS.ko.short[wd]})`;
  if (lang === "vi") return `${WEEKDAYS.vi.long[wd]} ${d}/${m}`;
  return `${WEEKDAYS.en.short[wd]} ${d} ${MONTHS_EN[m - 1]}`;
}

/**
 * The span of an event: en "20–21 June 2023" · ko "2023년 6월 20~21일" · vi "20–21/6/2023".
 * Korean marks a range with the 물결표 (한글 맞춤법 문장 부호, 2015), as its times do (09:00~09:45).
 */
export function formatDateRange(start: string, end: string, lang: Language): string {
  const a = parts(start);
  const b = parts(end);
  const same = start === end;
  if (lang === "ko") {
    if (same) return `${a.y}년 ${a.m}월 ${a.d}일`;
    if (a.y !== b.y) return `${a.y}년 ${a.m}월 ${a.d}일~${b.y}년 ${b.m}월 ${b.d}일`;
    return a.m === b.m ? `${a.y}년 ${a.m}월 ${a.d}~${b.d}일` : `${a.y}년 ${a.m}월 ${a.d}일~${b.m}월 ${b.d}일`;
  }
  if (lang === "vi") {
    if (same) return `${a.d}/${a.m}/${a.y}`;
    return a.m === b.m && a.y === b.y
      ? `${a.d}–${b.d}/${a.m}/${a.y}`
      : `${a.d}/${a.m}/${a.y} – ${b.d}/${b.m}/${b.y}`;
  }
  if (same) return `${a.d} ${MONTHS_EN[a.m - 1]} ${a.y}`;
  return a.m === b.m && a.y === b.y
    ? `${a.d}–${b.d} ${MONTHS_EN[a.m - 1]} ${a.y}`
    : `${a.d} ${MONTHS_EN[a.m - 1]} – ${b.d} ${MONTHS_EN[b.m - 1]} ${b.y}`;
}

/** Minutes since midnight as 24-hour HH:MM. */
export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export const CATEGORY_LABELS: Record<Language, Record<Category, string>> = {
  en: {
    vip: "VIP",
    delegate: "DELEGATE",
    speaker: "SPEAKER",
    press: "PRESS",
    staff: "STAFF",
    interpreter: "INTERPRETER",
    organiser: "ORGANISER",
  },
  ko: {
    vip: "VIP",
    // 대표단 is a delegation (a group); one person's badge says 참가자.
    delegate: "참가자",
    speaker: "연사",
    press: "취재",
    staff: "스태프",
    interpreter: "통역",
    organiser: "주최 측",
  },
  vi: {
    vip: "VIP",
    delegate: "ĐẠI BIỂU",
    speaker: "DIỄN GIẢ",
    press: "BÁO CHÍ",
    staff: "NHÂN VIÊN",
    interpreter: "PHIÊN DỊCH",
    organiser: "BAN TỔ CHỨC",
  },
};

/** Country names as protocol writes them, where it differs from the common name. */
const COUNTRY_OVERRIDES: Record<string, Partial<Record<Language, string>>> = {
  KR: { en: "Republic of Korea", ko: "대한민국", vi: "Hàn Quốc" },
  KP: { en: "Democratic People's Republic of Korea" },
  VN: { en: "Viet Nam", ko: "베트남", vi: "Việt Nam" },
};

/** One region-name formatter per language: a badge run asks for a country name per delegate. */
const regionNames = new Map<Language, Intl.DisplayNames>();

export function countryName(code: string, lang: Language): string {
  const override = COUNTRY_OVERRIDES[code]?.[lang];
  if (override) return override;
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: "region" });
    regionNames.set(lang, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export const UI_TEXT: Record<
  Language,
  { programme: string; emergency: string; wifi: string; table: string }
> = {
  en: { programme: "Programme at a glance", emergency: "Emergency", wifi: "Wi-Fi", table: "Banquet table" },
  ko: { programme: "프로그램 한눈에 보기", emergency: "긴급 연락처", wifi: "와이파이", table: "만찬 테이블" },
  vi: { programme: "Chương trình tóm tắt", emergency: "Liên hệ khẩn cấp", wifi: "Wi-Fi", table: "Bàn tiệc" },
};

/** A date without weekday, as letters write it: en "19 April 2023" · ko "2023년 4월 19일" · vi "ngày 19 tháng 4 năm 2023". */
export function formatDatePlain(iso: string, lang: Language): string {
  const { y, m, d } = parts(iso);
  if (lang === "ko") return `${y}년 ${m}월 ${d}일`;
  if (lang === "vi") return `ngày ${d} tháng ${m} năm ${y}`;
  return `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** A date with an optional HH:MM, e.g. an arrival: "19 April 2023, 14:35" · "2023년 4월 19일 14:35" · "14:35 ngày 19 tháng 4 năm 2023". */
export function formatDateTimePlain(value: string, lang: Language): string {
  const [date, time] = value.split(" ");
  const d = formatDatePlain(date!, lang);
  if (!time) return d;
  // Vietnamese administrative writing puts the hour before the day ("14:35 ngày 19 tháng 6 năm
  // 2023"); Korean writes the time straight after the date, without a comma.
  if (lang === "vi") return `${time} ${d}`;
  if (lang === "ko") return `${d} ${time}`;
  return `${d}, ${time}`;
}

/**
 * A date (and time) as the field of a form writes it, after a label that already says "Ngày …":
 * vi "16/9/1983" · "14:35 ngày 19/6/2023", never "Ngày sinh: ngày 16 tháng 9 năm 1983"; the
 * other languages as formatDateTimePlain.
 */
export function formatDateField(value: string, lang: Language): string {
  if (lang !== "vi") return formatDateTimePlain(value, lang);
  const [date, time] = value.split(" ");
  const { y, m, d } = parts(date!);
  return time ? `${time} ngày ${d}/${m}/${y}` : `${d}/${m}/${y}`;
}
