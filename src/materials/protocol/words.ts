import type { Language } from "../../schema/fields.js";

/** Words of the protocol list and the caterer's list, per language. */
export interface ProtocolWords {
  title: string;
  order: string;
  name: string;
  position: string;
  interpreter: string;
  liaison: string;
  arrival: string;
  departure: string;
  table: string;
  caterer: string;
  needs: string;
  guests: string;
  total: string;
  /** After the number of guests served: "106 covers". */
  covers: string;
  none: string;
  noTable: string;
}

export const PROTOCOL_WORDS: Record<Language, ProtocolWords> = {
  en: {
    title: "Protocol list: guests in order of precedence",
    order: "No.",
    name: "Name",
    position: "Title",
    interpreter: "Interpreter",
    liaison: "Liaison officer",
    arrival: "Arrival",
    departure: "Departure",
    table: "Table",
    caterer: "Caterer's list: dietary needs by table",
    needs: "Dietary needs",
    guests: "Guests",
    total: "Total",
    covers: "covers",
    none: "no special needs",
    noTable: "No table",
  },
  ko: {
    title: "의전 명단 (의전 서열순)",
    order: "서열",
    name: "성명",
    // The name line carries the title (오경수 차관): this column is the organisation.
    position: "소속",
    interpreter: "통역",
    liaison: "연락관",
    arrival: "도착",
    departure: "출발",
    table: "테이블",
    caterer: "케이터링 명단: 테이블별 식이 요구",
    needs: "식이 요구",
    guests: "인원",
    total: "합계",
    covers: "명",
    none: "특별 요구 없음",
    noTable: "테이블 미배정",
  },
  vi: {
    title: "Danh sách khách mời theo thứ tự lễ tân",
    order: "STT",
    name: "Họ và tên",
    position: "Chức vụ",
    interpreter: "Phiên dịch",
    liaison: "Cán bộ liên lạc",
    arrival: "Đến",
    departure: "Đi",
    table: "Bàn",
    caterer: "Danh sách cho bộ phận ẩm thực: yêu cầu ăn uống theo bàn",
    needs: "Yêu cầu ăn uống",
    guests: "Số khách",
    total: "Tổng cộng",
    covers: "suất",
    none: "không có yêu cầu riêng",
    noTable: "Chưa xếp bàn",
  },
};

/**
 * The usual dietary needs in each language, by the need as delegates.csv writes it (lower case,
 * single spaces): a caterer in Ho Chi Minh City reads "không ăn thịt lợn", not "no pork". A need
 * not in this table is printed as written.
 */
const DIETARY: Record<string, Record<Language, string>> = {
  vegetarian: { en: "vegetarian", ko: "채식", vi: "ăn chay" },
  vegan: { en: "vegan", ko: "완전 채식(비건)", vi: "ăn chay thuần (vegan)" },
  halal: { en: "halal", ko: "할랄", vi: "halal" },
  kosher: { en: "kosher", ko: "코셔", vi: "kosher" },
  "no pork": { en: "no pork", ko: "돼지고기 제외", vi: "không ăn thịt lợn" },
  "no beef": { en: "no beef", ko: "소고기 제외", vi: "không ăn thịt bò" },
  "gluten-free": { en: "gluten-free", ko: "글루텐 제외", vi: "không gluten" },
  "gluten free": { en: "gluten-free", ko: "글루텐 제외", vi: "không gluten" },
  "lactose-free": { en: "lactose-free", ko: "유당 제외", vi: "không lactose" },
  "nut allergy": { en: "nut allergy", ko: "견과류 알레르기", vi: "dị ứng các loại hạt" },
  "seafood allergy": { en: "seafood allergy", ko: "해산물 알레르기", vi: "dị ứng hải sản" },
  "shellfish allergy": { en: "shellfish allergy", ko: "갑각류 알레르기", vi: "dị ứng giáp xác" },
};

/** A dietary need in one language, given its grouping key (see planCatererList). */
export function dietaryIn(key: string, written: string, lang: Language): string {
  return DIETARY[key]?.[lang] ?? written;
}
