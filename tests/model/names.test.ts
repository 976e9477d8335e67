import { describe, expect, it } from "vitest";
import { addressOf, nameIn, officeOf, parseHonorific, personIn } from "../../src/model/names.js";
import type { Delegate } from "../../src/model/types.js";

type P = Parameters<typeof addressOf>[0] & Pick<Delegate, "organisation">;
const person = (p: Partial<P>): P => ({
  givenName: "Min-jun",
  familyName: "Kim",
  nativeName: "김민준",
  nameOrder: "family-first",
  country: "KR",
  organisation: { en: "Namsan Robotics" },
  ...p,
});

const mp = person({
  honorific: { en: "Hon." },
  sector: "parliament",
  position: { en: "Member of the National Assembly", ko: "국회의원", vi: "Đại biểu Quốc hội" },
  organisation: { en: "National Assembly of the Republic of Korea", ko: "대한민국 국회" },
});
const ceo = person({
  givenName: "Ji-hun",
  familyName: "Hong",
  nativeName: "홍지훈",
  honorific: { en: "Mr" },
  position: { en: "Chief Executive Officer", ko: "대표이사" },
});
const host = person({
  givenName: "Van An",
  familyName: "Nguyen",
  nativeName: "Nguyễn Văn An",
  country: "VN",
  honorific: { en: "Ông" },
  position: { en: "Director", vi: "Giám đốc" },
});
const hostess = person({
  givenName: "Thu Hang",
  familyName: "Ho",
  nativeName: "Hồ Thu Hằng",
  country: "VN",
  honorific: { en: "Bà" },
});
const western = person({
  givenName: "Anna",
  familyName: "Schmidt",
  nativeName: undefined,
  nameOrder: "given-first",
  country: "DE",
  honorific: { en: "Dr" },
});
const unknown = person({ honorific: undefined, position: undefined });
const excellency = person({
  givenName: "Kyung-soo",
  familyName: "Oh",
  nativeName: "오경수",
  honorific: { en: "H.E." },
  position: { en: "Vice Minister of Trade", ko: "산업통상자원부 차관", vi: "Thứ trưởng" },
});

describe("forms of address", () => {
  it.each([
    ["Korean parliamentarian", mp, "en", "Dear Hon. Kim,", "Hon. Kim"],
    ["Korean parliamentarian", mp, "ko", "존경하는 김민준 의원님께", "김민준 의원님"],
    ["Korean parliamentarian", mp, "vi", "Kính gửi: Ngài Kim Min-jun, Đại biểu Quốc hội", "Ngài Kim Min-jun"],
    ["Korean business leader", ceo, "ko", "존경하는 홍지훈 대표이사님께", "홍지훈 대표이사님"],
    ["Korean business leader", ceo, "en", "Dear Mr Hong,", "Mr Hong"],
    ["Vietnamese host", host, "vi", "Kính gửi: Ông Nguyễn Văn An", "Ông An"],
    ["Vietnamese host", host, "en", "Dear Mr An,", "Mr An"],
    ["Vietnamese host", host, "ko", "존경하는 Nguyễn Văn An 님께", "Nguyễn Văn An 님"],
    ["Vietnamese hostess", hostess, "vi", "Kính gửi: Bà Hồ Thu Hằng", "Bà Hằng"],
    ["Western doctor", western, "en", "Dear Dr Schmidt,", "Dr Schmidt"],
    ["Western doctor", western, "vi", "Kính gửi: Tiến sĩ Anna Schmidt", "Tiến sĩ Anna Schmidt"],
    ["Western doctor", western, "ko", "존경하는 Anna Schmidt 박사님께", "Anna Schmidt 박사님"],
    ["no honorific: neutral, no gender", unknown, "en", "Dear Kim Min-jun,", "Kim Min-jun"],
    ["no honorific: neutral, no gender", unknown, "vi", "Kính gửi: Kim Min-jun", "Kim Min-jun"],
    ["no honorific: neutral, no gender", unknown, "ko", "존경하는 김민준 님께", "김민준 님"],
    ["Excellency", excellency, "en", "Your Excellency,", "H.E. Oh"],
    ["Excellency", excellency, "ko", "존경하는 오경수 차관님께", "오경수 차관님"],
  ] as const)("%s in %s", (_what, p, lang, salutation, reference) => {
    const a = addressOf(p, lang);
    expect(a.salutation).toBe(salutation);
    expect(a.reference).toBe(reference);
  });

  it("writes Korean family names in capitals in English when asked", () => {
    expect(addressOf(mp, "en", { upperFamily: true }).formal).toBe("Hon. KIM Min-jun");
    expect(addressOf(host, "en", { upperFamily: true }).formal).toBe("Mr Nguyễn Văn An");
  });

  it("never infers a gender from anything but the honorific", () => {
    for (const h of ["Dr", "Prof.", "Hon.", "H.E.", "", "Excellency"]) {
      const g = parseHonorific({ en: h }).gender;
      expect(g).toBeUndefined();
    }
    expect(parseHonorific({ en: "Mrs." }).gender).toBe("female");
    expect(parseHonorific({ vi: "Ông" }).gender).toBe("male");
  });

  it("reads the office from sector and position", () => {
    expect(officeOf(mp)).toBe("parliamentarian");
    expect(officeOf(excellency)).toBe("vice-minister");
    expect(officeOf(ceo)).toBeUndefined();
  });

  it("names people as each language writes them", () => {
    expect(nameIn(mp, "ko")).toBe("김민준");
    expect(nameIn(mp, "en")).toBe("Kim Min-jun");
    expect(nameIn(host, "en")).toBe("Nguyễn Văn An");
    expect(personIn(mp, "ko", "en")).toEqual({ name: "김민준 의원", detail: "대한민국 국회 국회의원" });
    expect(personIn(mp, "en", "en")).toEqual({
      name: "Hon. Kim Min-jun",
      detail: "Member of the National Assembly, National Assembly of the Republic of Korea",
    });
  });
});
