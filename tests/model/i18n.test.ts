import { describe, expect, it } from "vitest";
import {
  CATEGORY_LABELS,
  formatDateField,
  formatDateRange,
  formatDateTimePlain,
} from "../../src/model/i18n.js";

// Written from the style guides: Korean marks ranges with the 물결표 (한글 맞춤법 문장 부호,
// 2015: "기간이나 거리 또는 범위를 나타낼 때"); Vietnamese administrative writing gives the hour
// before the day ("14 giờ 35, ngày …" / "14:35 ngày …"); English day–month–year with an en dash.
describe("date spans", () => {
  it.each([
    ["en", "2023-06-20", "2023-06-21", "20–21 June 2023"],
    ["en", "2023-06-30", "2023-07-01", "30 June – 1 July 2023"],
    ["ko", "2023-06-20", "2023-06-21", "2023년 6월 20~21일"],
    ["ko", "2023-06-30", "2023-07-01", "2023년 6월 30일~7월 1일"],
    ["ko", "2023-12-31", "2024-01-01", "2023년 12월 31일~2024년 1월 1일"],
    ["ko", "2023-06-20", "2023-06-20", "2023년 6월 20일"],
    ["vi", "2023-06-20", "2023-06-21", "20–21/6/2023"],
  ] as const)("%s %s..%s → %s", (lang, start, end, expected) => {
    expect(formatDateRange(start, end, lang)).toBe(expected);
  });
});

describe("a date with its time", () => {
  it.each([
    ["en", "19 June 2023, 14:35"],
    ["ko", "2023년 6월 19일 14:35"],
    ["vi", "14:35 ngày 19 tháng 6 năm 2023"],
  ] as const)("%s → %s", (lang, expected) => {
    expect(formatDateTimePlain("2023-06-19 14:35", lang)).toBe(expected);
    expect(formatDateTimePlain("2023-06-19", lang)).toBe(expected.replace(/,? ?14:35 ?/, ""));
  });
});

describe("a date in a form's field", () => {
  // After a label that says "Ngày sinh" / "Ngày nhập cảnh", Vietnamese writes the date in figures.
  it.each([
    ["vi", "1983-09-16", "16/9/1983"],
    ["vi", "2023-06-19 14:35", "14:35 ngày 19/6/2023"],
    ["ko", "1983-09-16", "1983년 9월 16일"],
    ["en", "1983-09-16", "16 September 1983"],
  ] as const)("%s %s → %s", (lang, value, expected) => {
    expect(formatDateField(value, lang)).toBe(expected);
  });
});

describe("category words", () => {
  // One person's badge: 대표단 is a delegation (a group), 주최측 is written 주최 측, 프레스 is 취재.
  it.each([
    ["ko", "delegate", "참가자"],
    ["ko", "organiser", "주최 측"],
    ["ko", "press", "취재"],
    ["vi", "delegate", "ĐẠI BIỂU"],
    ["vi", "organiser", "BAN TỔ CHỨC"],
    ["en", "delegate", "DELEGATE"],
  ] as const)("%s %s → %s", (lang, category, word) => {
    expect(CATEGORY_LABELS(lang)[category]).toBe(word);
  });
});
