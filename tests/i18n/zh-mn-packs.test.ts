import { describe, expect, it } from "vitest";
import {
  collatorFor,
  formatDateLong,
  formatDatePlain,
  formatDateRange,
  formatDateShort,
  formatDateTimePlain,
} from "../../src/model/i18n.js";
import { addressOf, nameIn, type Person } from "../../src/model/names.js";

// Table tests of the Chinese (zh-Hans) and Mongolian (mn) packs. The expected strings are written
// from the languages' own conventions, not from the code's output:
// - Chinese: names family name first with no space (王伟), foreign names in characters with the
//   original in full-width brackets; letters open 尊敬的 + full name + 先生/女士, or surname +
//   title (尊敬的李主任：), ending with the full-width colon; dates 2023年6月20日（星期二）, spans
//   with 至 as official documents write them; lists in Hanyu Pinyin order.
// - Mongolian: the patronymic's initial before the given name (Б. Батболд); letters open
//   "Эрхэм хүндэт ... танаа,"; dates "2023 оны 6-р сарын 20"; weekdays Даваа … Ням гараг;
//   lists in the order of the Mongolian Cyrillic alphabet (О before Ө, У before Ү).

const person = (p: Partial<Person>): Person => ({
  givenName: "Wei",
  familyName: "Wang",
  nameOrder: "family-first",
  country: "CN",
  organisation: { en: "Qingdao Port Group" },
  ...p,
});

const zh = "zh-Hans";

describe("zh-Hans names", () => {
  it.each([
    ["a Chinese name in characters", person({ nativeName: "王伟" }), "王伟"],
    ["a compound surname, as written", person({ nativeName: "欧阳娜娜" }), "欧阳娜娜"],
    ["a Chinese name given only in pinyin, family name first", person({}), "Wang Wei"],
    [
      "a Korean's own name in Hanja (native_name_zh)",
      person({
        givenName: "Seung-min",
        familyName: "Moon",
        nativeName: "문승민",
        country: "KR",
        nativeNames: { "zh-Hans": "文承敏" },
      }),
      "文承敏",
    ],
    [
      "a transcription (name_zh) with the name as its owner writes it",
      person({
        givenName: "Văn An",
        familyName: "Nguyễn",
        nativeName: "Nguyễn Văn An",
        country: "VN",
        transcriptions: { zh: "阮文安" },
      }),
      "阮文安（Nguyễn Văn An）",
    ],
    [
      "a Korean without Hanja: the Latin name, family first",
      person({ givenName: "Min-jun", familyName: "Kim", nativeName: "김민준", country: "KR" }),
      "Kim Min-jun",
    ],
    [
      "a Western name, given name first",
      person({ givenName: "Anna", familyName: "Schmidt", nameOrder: "given-first", country: "DE" }),
      "Anna Schmidt",
    ],
    [
      "a Hangul native name is not printed to Chinese readers",
      person({ givenName: "Ha-eun", familyName: "Kwon", nativeName: "권하은", country: "KR" }),
      "Kwon Ha-eun",
    ],
  ])("%s", (_, p, expected) => {
    expect(nameIn(p, zh)).toBe(expected);
  });
});

describe("zh-Hans salutations", () => {
  it.each([
    [
      "a man, no office: full name and 先生",
      person({ nativeName: "王伟", gender: "male" }),
      "尊敬的王伟先生：",
    ],
    ["a woman: 女士", person({ nativeName: "张丽", gender: "female" }), "尊敬的张丽女士："],
    [
      "an office director: surname and title",
      person({ nativeName: "李明", gender: "male", position: { "zh-Hans": "外事办公室主任" } }),
      "尊敬的李主任：",
    ],
    [
      "a vice mayor",
      person({ nativeName: "刘洋", gender: "male", position: { "zh-Hans": "青岛市副市长" } }),
      "尊敬的刘副市长：",
    ],
    [
      "a deputy to the National People's Congress",
      person({ nativeName: "孙静", gender: "female", position: { "zh-Hans": "全国人大代表" } }),
      "尊敬的孙代表：",
    ],
    [
      "a chairman of the board",
      person({ nativeName: "周涛", position: { "zh-Hans": "青岛港集团董事长" } }),
      "尊敬的周董事长：",
    ],
    [
      "a general manager",
      person({ nativeName: "吴磊", position: { "zh-Hans": "总经理" } }),
      "尊敬的吴总经理：",
    ],
    [
      "a professor: surname and 教授",
      person({ nativeName: "陈静", honorific: { en: "Prof." } }),
      "尊敬的陈教授：",
    ],
    ["no gender, no title: the full name alone", person({ nativeName: "赵强" }), "尊敬的赵强："],
    [
      "a Korean member of parliament, by the surname of the Hanja name",
      person({
        givenName: "Seung-min",
        familyName: "Moon",
        nativeName: "문승민",
        country: "KR",
        nativeNames: { "zh-Hans": "文承敏" },
        position: { en: "Member of the National Assembly" },
      }),
      "尊敬的文议员：",
    ],
  ])("%s", (_, p, expected) => {
    expect(addressOf(p, zh).salutation).toBe(expected);
  });

  it("refers to the reader as 您 in the body", () => {
    expect(addressOf(person({ nativeName: "王伟", gender: "male" }), zh).reference).toBe("您");
  });
});

describe("zh-Hans dates", () => {
  it.each([
    [formatDateLong("2023-06-20", zh), "2023年6月20日（星期二）"],
    [formatDateLong("2023-01-01", zh), "2023年1月1日（星期日）"],
    [formatDateLong("2024-02-29", zh), "2024年2月29日（星期四）"],
    [formatDateShort("2023-06-21", zh), "6月21日（周三）"],
    [formatDatePlain("2023-04-19", zh), "2023年4月19日"],
    [formatDateRange("2023-06-20", "2023-06-20", zh), "2023年6月20日"],
    [formatDateRange("2023-06-20", "2023-06-21", zh), "2023年6月20日至21日"],
    [formatDateRange("2023-06-30", "2023-07-02", zh), "2023年6月30日至7月2日"],
    [formatDateRange("2023-12-30", "2024-01-02", zh), "2023年12月30日至2024年1月2日"],
    [formatDateTimePlain("2023-06-19 14:35", zh), "2023年6月19日 14:35"],
  ])("%s", (got, expected) => {
    expect(got).toBe(expected);
  });
});

describe("zh-Hans collation", () => {
  it("sorts names in pinyin order", () => {
    // an bai chen deng fang guo huang li liu wang zhang zhao
    const sorted = [
      "安娜",
      "白雪",
      "陈静",
      "邓超",
      "方圆",
      "郭涛",
      "黄磊",
      "李明",
      "刘洋",
      "王芳",
      "张伟",
      "赵强",
    ];
    const shuffled = [
      "张伟",
      "安娜",
      "赵强",
      "李明",
      "王芳",
      "陈静",
      "刘洋",
      "黄磊",
      "白雪",
      "郭涛",
      "邓超",
      "方圆",
    ];
    expect(shuffled.sort(collatorFor(zh, { sensitivity: "base", numeric: true }).compare)).toEqual(sorted);
  });
});

const mongol = (p: Partial<Person>): Person =>
  person({ givenName: "Batbold", familyName: "Bayar", country: "MN", ...p });

describe("mn names", () => {
  it.each([
    [
      "the patronymic's initial before the given name",
      mongol({ nativeName: "Баярын Батболд" }),
      "Б. Батболд",
    ],
    ["another", mongol({ nativeName: "Энхбаатарын Сарангэрэл" }), "Э. Сарангэрэл"],
    ["a patronymic starting with Ө", mongol({ nativeName: "Өлзийн Түвшин" }), "Ө. Түвшин"],
    ["a hyphenated given name", mongol({ nativeName: "Доржийн Бат-Эрдэнэ" }), "Д. Бат-Эрдэнэ"],
    ["a given name alone", mongol({ nativeName: "Батболд" }), "Батболд"],
    [
      "a transcription (name_mn) with the Latin name",
      person({
        givenName: "Min-jun",
        familyName: "Kim",
        nativeName: "김민준",
        country: "KR",
        transcriptions: { mn: "Ким Минжүн" },
      }),
      "Ким Минжүн (Kim Min-jun)",
    ],
    [
      "a Korean without a transcription: the Latin name",
      person({ givenName: "Min-jun", familyName: "Kim", nativeName: "김민준", country: "KR" }),
      "Kim Min-jun",
    ],
    [
      "a Russian's Cyrillic name, as written",
      person({
        givenName: "Ivan",
        familyName: "Petrov",
        nameOrder: "given-first",
        nativeName: "Иван Петров",
        country: "RU",
      }),
      "Иван Петров",
    ],
  ])("%s", (_, p, expected) => {
    expect(nameIn(p, "mn")).toBe(expected);
  });
});

describe("mn salutations", () => {
  it.each([
    [
      "a man",
      mongol({ nativeName: "Баярын Батболд", gender: "male" }),
      "Эрхэм хүндэт ноён Б. Батболд танаа,",
    ],
    [
      "a woman",
      mongol({ nativeName: "Энхбаатарын Сарангэрэл", gender: "female" }),
      "Эрхэм хүндэт хатагтай Э. Сарангэрэл танаа,",
    ],
    ["no gender", mongol({ nativeName: "Баярын Батболд" }), "Эрхэм хүндэт Б. Батболд танаа,"],
    [
      "a minister: the office before the name",
      mongol({ nativeName: "Баярын Батмөнх", gender: "male", position: { mn: "Гадаад харилцааны сайд" } }),
      "Эрхэм хүндэт сайд Б. Батмөнх танаа,",
    ],
    [
      "a vice minister, not a minister",
      mongol({ nativeName: "Доржийн Ганбаатар", position: { mn: "Эрчим хүчний дэд сайд" } }),
      "Эрхэм хүндэт дэд сайд Д. Ганбаатар танаа,",
    ],
    [
      "an ambassador, not a minister",
      mongol({ nativeName: "Доржийн Ганбаатар", position: { mn: "Элчин сайд" } }),
      "Эрхэм хүндэт Элчин сайд Д. Ганбаатар танаа,",
    ],
    [
      "a professor",
      mongol({ nativeName: "Өлзийн Түвшин", honorific: { en: "Prof." } }),
      "Эрхэм хүндэт профессор Ө. Түвшин танаа,",
    ],
    [
      "a doctor",
      mongol({ nativeName: "Өлзийн Түвшин", honorific: { en: "Dr" } }),
      "Эрхэм хүндэт доктор Ө. Түвшин танаа,",
    ],
    [
      "His Excellency",
      person({ givenName: "Min-jun", familyName: "Kim", country: "KR", honorific: { en: "H.E." } }),
      "Эрхэмсэг Kim Min-jun танаа,",
    ],
  ])("%s", (_, p, expected) => {
    expect(addressOf(p, "mn").salutation).toBe(expected);
  });
});

describe("mn dates", () => {
  it.each([
    [formatDatePlain("2023-06-20", "mn"), "2023 оны 6-р сарын 20"],
    [formatDateLong("2023-06-20", "mn"), "2023 оны 6-р сарын 20, Мягмар гараг"],
    [formatDateLong("2023-06-19", "mn"), "2023 оны 6-р сарын 19, Даваа гараг"],
    [formatDateLong("2023-07-02", "mn"), "2023 оны 7-р сарын 2, Ням гараг"],
    [formatDateLong("2023-06-24", "mn"), "2023 оны 6-р сарын 24, Бямба гараг"],
    [formatDateShort("2023-06-22", "mn"), "6-р сарын 22 (Пүрэв)"],
    [formatDateRange("2023-06-20", "2023-06-21", "mn"), "2023 оны 6-р сарын 20–21"],
    [formatDateRange("2023-06-30", "2023-07-02", "mn"), "2023 оны 6-р сарын 30 – 7-р сарын 2"],
    [formatDateRange("2023-12-30", "2024-01-02", "mn"), "2023 оны 12-р сарын 30 – 2024 оны 1-р сарын 2"],
    [formatDateTimePlain("2023-06-19 14:35", "mn"), "2023 оны 6-р сарын 19, 14:35"],
  ])("%s", (got, expected) => {
    expect(got).toBe(expected);
  });
});

describe("mn collation", () => {
  it("sorts names in the order of the Mongolian Cyrillic alphabet", () => {
    const sorted = [
      "Алтангэрэл",
      "Батболд",
      "Ганбаатар",
      "Дорж",
      "Жаргал",
      "Отгонбаяр",
      "Очир",
      "Өлзий",
      "Өнөр",
      "Пүрэвдорж",
      "Сүхбаатар",
      "Төмөр",
      "Ундраа",
      "Уянга",
      "Үүрцайх",
      "Хулан",
      "Цэцэг",
      "Энхжаргал",
    ];
    const shuffled = [...sorted].reverse();
    shuffled.push(...shuffled.splice(0, 5));
    expect(shuffled.sort(collatorFor("mn", { sensitivity: "base", numeric: true }).compare)).toEqual(sorted);
  });
});
