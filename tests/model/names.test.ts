import { describe, expect, it } from "vitest";
import {
  addressOf,
  callName,
  nameIn,
  namingCustom,
  officeOf,
  officeWithOrganisation,
  type Person,
  parseHonorific,
  passportName,
  personIn,
  personLine,
  positionIn,
  signatureOf,
} from "../../src/model/names.js";

// Expected strings below are written from the style guides, not from the code's output:
// English diplomatic correspondence (honorifics before the full name in the address only;
// "Dear Mr X," / "Your Excellency,"; the body says "you"), Korean official letters (수신 line
// "기관 성명 직함님 귀하", "존경하는 … 님께", 직함 only for real offices, organisation-name-title
// order), and Nghị định 30/2020/NĐ-CP ("Kính gửi: Ông/Bà … , chức vụ", Ngài for foreign
// dignitaries only, signer's name without honorific).

const person = (p: Partial<Person>): Person => ({
  givenName: "Min-jun",
  familyName: "Kim",
  nativeName: "김민준",
  nameOrder: "family-first",
  country: "KR",
  organisation: { en: "Namsan Robotics" },
  ...p,
});

const moon = person({
  givenName: "Seung-min",
  familyName: "Moon",
  nativeName: "문승민",
  honorific: { en: "Hon." },
  gender: "male",
  sector: "parliament",
  position: { en: "Member of the National Assembly", ko: "국회의원", vi: "Nghị sĩ Quốc hội Hàn Quốc" },
  organisation: {
    en: "National Assembly of the Republic of Korea",
    ko: "대한민국 국회",
    vi: "Quốc hội Hàn Quốc",
  },
});
const mpNoGender = {
  ...moon,
  gender: undefined,
  givenName: "Ji-min",
  familyName: "Yoo",
  nativeName: "유지민",
};
const viceMinister = person({
  givenName: "Kyung-soo",
  familyName: "Oh",
  nativeName: "오경수",
  honorific: { en: "H.E." },
  position: {
    en: "Vice Minister of Trade, Industry and Energy",
    ko: "산업통상자원부 차관",
    vi: "Thứ trưởng Bộ Thương mại, Công nghiệp và Năng lượng",
  },
  organisation: {
    en: "Ministry of Trade, Industry and Energy",
    ko: "산업통상자원부",
    vi: "Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc",
  },
});
const ceo = person({
  givenName: "Hyun-woo",
  familyName: "Cho",
  nativeName: "조현우",
  honorific: { en: "Mr" },
  position: { en: "Chief Executive Officer" },
  organisation: { en: "Seoul Green Energy", ko: "서울그린에너지" },
});
const protocolOfficer = person({
  givenName: "So-hee",
  familyName: "Ahn",
  nativeName: "안소희",
  position: { en: "Protocol Officer", ko: "의전 담당" },
  organisation: { en: "Korea CEO Summit Association", ko: "한국CEO서밋협회" },
});
const viceChairman = person({
  givenName: "Minh Tri",
  familyName: "Hoang",
  nativeName: "Hoàng Minh Trí",
  nameKo: "호앙 민 찌",
  country: "VN",
  honorific: { en: "Ông" },
  position: {
    en: "Vice Chairman of the People's Committee of Ho Chi Minh City",
    ko: "호찌민시 인민위원회 부위원장",
    vi: "Phó Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh",
  },
  organisation: {
    en: "People's Committee of Ho Chi Minh City",
    ko: "호찌민시 인민위원회",
    vi: "Ủy ban nhân dân Thành phố Hồ Chí Minh",
  },
});
const vnDeputy = person({
  givenName: "Thu Hang",
  familyName: "Ho",
  nativeName: "Hồ Thu Hằng",
  country: "VN",
  honorific: { en: "Hon.", vi: "Bà" },
  sector: "parliament",
  position: { en: "Member of the National Assembly of Viet Nam", vi: "Đại biểu Quốc hội" },
  organisation: { en: "National Assembly of Viet Nam", vi: "Quốc hội Việt Nam" },
});
const staff = person({
  givenName: "Thuy Duong",
  familyName: "Ly",
  nativeName: "Lý Thùy Dương",
  country: "VN",
  position: undefined,
  organisation: { en: "CICON 2023 Secretariat", vi: "Ban Thư ký CICON 2023" },
});
const professor = person({
  givenName: "Yun-seo",
  familyName: "Song",
  nativeName: "송윤서",
  honorific: { en: "Prof" },
  position: { en: "Professor of Urban Engineering", ko: "도시공학과 교수" },
  organisation: { en: "Hanguk University of Technology", ko: "한국기술대학교" },
});
const departmentDirector = person({
  givenName: "Kim Oanh",
  familyName: "Vu",
  nativeName: "Vũ Kim Oanh",
  nameKo: "부 낌 오아인",
  country: "VN",
  honorific: { en: "Bà" },
  position: {
    en: "Director of the Department of Planning and Investment",
    ko: "기획투자국장",
    vi: "Giám đốc Sở Kế hoạch và Đầu tư",
  },
  organisation: {
    en: "People's Committee of Ho Chi Minh City",
    ko: "호찌민시 인민위원회",
    vi: "Ủy ban nhân dân Thành phố Hồ Chí Minh",
  },
});
const divisionHead = person({
  givenName: "Ha-eun",
  familyName: "Kwon",
  nativeName: "권하은",
  honorific: { en: "Ms" },
  position: { en: "Head of Overseas Business", ko: "해외사업본부장", vi: "Trưởng ban Kinh doanh Quốc tế" },
  organisation: { en: "Arirang Foods", ko: "아리랑푸드" },
});
const western = person({
  givenName: "Anna",
  familyName: "Schmidt",
  nativeName: undefined,
  nameOrder: "given-first",
  country: "DE",
  honorific: { en: "Dr" },
  position: { en: "Director" },
  organisation: { en: "Rhein Water GmbH" },
});
// A Korean who lives and works in Viet Nam: country VN, nationality KR.
const koreanInVietnam = person({
  givenName: "Min-jun",
  familyName: "Kim",
  country: "VN",
  honorific: { en: "Mr" },
  travel: { nationality: "KR" },
});
// Mongolian: the family_name column holds the patronymic; people are called by their given name.
const mongolian = person({
  givenName: "Batbold",
  familyName: "Tsendiin",
  nativeName: undefined,
  country: "MN",
  honorific: { en: "Mr" },
});
const primeMinister = person({
  givenName: "Jae-ho",
  familyName: "Lee",
  nativeName: "이재호",
  honorific: { en: "H.E." },
  position: { en: "Prime Minister" },
  organisation: { en: "Government of the Republic of Korea" },
});
const foreignAmbassador = person({
  givenName: "Ji-yeon",
  familyName: "Park",
  nativeName: "박지연",
  honorific: { en: "H.E." },
  gender: "female",
  position: { en: "Ambassador of the Republic of Korea to Viet Nam" },
  organisation: { en: "Embassy of the Republic of Korea" },
});

describe("English forms of address", () => {
  it.each([
    ["an MP with a gender", moon, "Dear Mr Moon,", "Hon. Moon Seung-min", "you"],
    ["an MP without a gender", mpNoGender, "Dear Honourable Member,", "Hon. Yoo Ji-min", "you"],
    ["a vice minister", viceMinister, "Your Excellency,", "H.E. Oh Kyung-soo", "Your Excellency"],
    ["a CEO", ceo, "Dear Mr Cho,", "Mr Cho Hyun-woo", "you"],
    ["a Vietnamese official (given name)", viceChairman, "Dear Mr Trí,", "Mr Hoàng Minh Trí", "you"],
    ["a Korean living in Viet Nam (family name)", koreanInVietnam, "Dear Mr Kim,", "Mr Kim Min-jun", "you"],
    ["a Mongolian (given name, not patronymic)", mongolian, "Dear Mr Batbold,", "Mr Tsendiin Batbold", "you"],
    ["a professor", professor, "Dear Professor Song,", "Professor Song Yun-seo", "you"],
    ["a Western doctor", western, "Dear Dr Schmidt,", "Dr Anna Schmidt", "you"],
    ["no honorific, no gender: the full name", protocolOfficer, "Dear Ahn So-hee,", "Ahn So-hee", "you"],
    ["an ambassador", foreignAmbassador, "Your Excellency,", "H.E. Park Ji-yeon", "Your Excellency"],
  ] as const)("%s", (_what, p, salutation, formal, reference) => {
    const a = addressOf(p, "en");
    expect(a.salutation).toBe(salutation);
    expect(a.formal).toBe(formal);
    expect(a.reference).toBe(reference);
    // Hon. and H.E. never in the salutation or the body.
    expect(a.salutation).not.toMatch(/Hon\.|H\.E\./);
  });

  it("gives the office once, with the organisation only where the office does not name it", () => {
    expect(addressOf(viceMinister, "en").block).toEqual([
      "H.E. Oh Kyung-soo",
      "Vice Minister of Trade, Industry and Energy",
    ]);
    expect(addressOf(moon, "en", { country: "Republic of Korea" }).block).toEqual([
      "Hon. Moon Seung-min",
      "Member of the National Assembly of the Republic of Korea",
      "Republic of Korea",
    ]);
    expect(addressOf(ceo, "en").block).toEqual([
      "Mr Cho Hyun-woo",
      "Chief Executive Officer, Seoul Green Energy",
    ]);
  });

  it("writes Korean family names in capitals when asked", () => {
    expect(addressOf(moon, "en", { upperFamily: true }).formal).toBe("Hon. MOON Seung-min");
    expect(addressOf(viceChairman, "en", { upperFamily: true }).formal).toBe("Mr Hoàng Minh Trí");
  });
});

describe("Korean forms of address", () => {
  it.each([
    ["an MP", moon, "존경하는 문승민 의원님께", "대한민국 국회 문승민 의원님 귀하", "문승민 의원님"],
    [
      "a vice minister",
      viceMinister,
      "존경하는 오경수 차관님께",
      "산업통상자원부 오경수 차관님 귀하",
      "오경수 차관님",
    ],
    [
      "a CEO (office from the table)",
      ceo,
      "존경하는 조현우 대표이사님께",
      "서울그린에너지 조현우 대표이사님 귀하",
      "조현우 대표이사님",
    ],
    [
      "a job that is not an office: 님",
      protocolOfficer,
      "존경하는 안소희 님께",
      // 기관 직위 성명: the job is still said, before the name.
      "한국CEO서밋협회 의전 담당 안소희 님 귀하",
      "안소희 님",
    ],
    [
      "a Vietnamese official: Hangul with the Latin in brackets",
      viceChairman,
      "존경하는 호앙 민 찌(Hoàng Minh Trí) 부위원장님께",
      "호찌민시 인민위원회 호앙 민 찌(Hoàng Minh Trí) 부위원장님 귀하",
      "호앙 민 찌 부위원장님",
    ],
    [
      "the director of a city department is 국장, never a company's 이사",
      departmentDirector,
      "존경하는 부 낌 오아인(Vũ Kim Oanh) 국장님께",
      "호찌민시 인민위원회 부 낌 오아인(Vũ Kim Oanh) 국장님 귀하",
      "부 낌 오아인 국장님",
    ],
    [
      "a division head is 본부장",
      divisionHead,
      "존경하는 권하은 본부장님께",
      "아리랑푸드 권하은 본부장님 귀하",
      "권하은 본부장님",
    ],
    [
      "a professor",
      professor,
      "존경하는 송윤서 교수님께",
      "한국기술대학교 도시공학과 송윤서 교수님 귀하",
      "송윤서 교수님",
    ],
    [
      "a prime minister is 총리, not 장관",
      primeMinister,
      "존경하는 이재호 총리님께",
      "Government of the Republic of Korea 이재호 총리님 귀하",
      "이재호 총리님",
    ],
  ] as const)("%s", (_what, p, salutation, block, reference) => {
    const a = addressOf(p, "ko");
    expect(a.salutation).toBe(salutation);
    expect(a.block).toEqual([block]);
    expect(a.reference).toBe(reference);
  });

  it("prints programme lines as organisation, name, title", () => {
    expect(personLine(ceo, "ko", "en")).toBe("서울그린에너지 조현우 대표이사");
    expect(personLine(viceMinister, "ko", "en")).toBe("산업통상자원부 오경수 차관");
    expect(personLine(moon, "ko", "en")).toBe("대한민국 국회 문승민 의원");
    expect(personLine(viceChairman, "ko", "en")).toBe(
      "호찌민시 인민위원회 호앙 민 찌(Hoàng Minh Trí) 부위원장",
    );
  });

  it("signs organisation, title, name on one line", () => {
    const yoon = person({
      givenName: "Ki-beom",
      familyName: "Yoon",
      nativeName: "윤기범",
      honorific: { en: "Dr" },
      position: { en: "President", ko: "회장", vi: "Chủ tịch" },
      organisation: {
        en: "Korea CEO Summit Association",
        ko: "한국CEO서밋협회",
        vi: "Hiệp hội Hội nghị Thượng đỉnh CEO Hàn Quốc",
      },
    });
    expect(signatureOf(yoon, "ko", "en")).toEqual({ name: "한국CEO서밋협회 회장 윤기범", title: "" });
    expect(signatureOf(yoon, "en", "en")).toEqual({
      name: "Dr Yoon Ki-beom",
      title: "President, Korea CEO Summit Association",
    });
    // Nghị định 30/2020: no honorific or degree before the signer's name.
    expect(signatureOf(yoon, "vi", "en")).toEqual({
      name: "Yoon Ki-beom",
      title: "Chủ tịch Hiệp hội Hội nghị Thượng đỉnh CEO Hàn Quốc",
    });
  });
});

describe("Vietnamese forms of address", () => {
  it.each([
    [
      "a Vietnamese Vice Chairman: Ông, with his office",
      viceChairman,
      "Kính gửi: Ông Hoàng Minh Trí, Phó Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh",
      "Ông",
    ],
    [
      "a Vietnamese deputy: Bà, never Ngài",
      vnDeputy,
      "Kính gửi: Bà Hồ Thu Hằng, Đại biểu Quốc hội Việt Nam",
      "Bà",
    ],
    ["a Korean MP: Ngài, Nghị sĩ", moon, "Kính gửi: Ngài Moon Seung-min, Nghị sĩ Quốc hội Hàn Quốc", "Ngài"],
    [
      "a Korean vice minister",
      viceMinister,
      "Kính gửi: Ngài Oh Kyung-soo, Thứ trưởng Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc",
      "Ngài",
    ],
    [
      "a Korean vice mayor written Mr in the data: still Ngài",
      person({
        givenName: "Ji-hun",
        familyName: "Hong",
        nativeName: "홍지훈",
        honorific: { en: "Mr" },
        position: {
          en: "Vice Mayor for Economic Affairs",
          ko: "경제부시장",
          vi: "Phó Thị trưởng phụ trách Kinh tế",
        },
        organisation: { en: "Busan Metropolitan City", vi: "Thành phố Busan" },
      }),
      "Kính gửi: Ngài Hong Ji-hun, Phó Thị trưởng phụ trách Kinh tế, Thành phố Busan",
      "Ngài",
    ],
    [
      "no honorific: the neutral Ông/Bà",
      staff,
      "Kính gửi: Ông/Bà Lý Thùy Dương, Ban Thư ký CICON 2023",
      "Ông/Bà",
    ],
    [
      "a CEO: the office from the table",
      ceo,
      "Kính gửi: Ông Cho Hyun-woo, Tổng Giám đốc Seoul Green Energy",
      "Ông",
    ],
    [
      "a Western doctor without a gender",
      western,
      "Kính gửi: Tiến sĩ Anna Schmidt, Giám đốc Rhein Water GmbH",
      "Tiến sĩ",
    ],
  ] as const)("%s", (_what, p, salutation, reference) => {
    const a = addressOf(p, "vi");
    expect(a.salutation).toBe(salutation);
    expect(a.reference).toBe(reference);
  });
});

describe("naming customs", () => {
  it("takes the custom from naming_custom, then nationality, then country", () => {
    expect(namingCustom(koreanInVietnam)).toBe("ko");
    expect(namingCustom(viceChairman)).toBe("vi");
    expect(namingCustom(mongolian)).toBe("mn");
    expect(namingCustom(western)).toBe("western");
    expect(namingCustom({ ...western, namingCustom: "hu" })).toBe("hu");
  });

  it("calls people by the part of the name their custom uses, or addressed_as", () => {
    expect(callName(viceChairman)).toBe("Trí");
    expect(callName(koreanInVietnam)).toBe("Kim");
    expect(callName(mongolian)).toBe("Batbold");
    expect(callName({ ...western, addressedAs: "Schmidt-Rhein" })).toBe("Schmidt-Rhein");
    expect(addressOf({ ...mongolian, addressedAs: "Bat" }, "en").salutation).toBe("Dear Mr Bat,");
  });
});

describe("offices", () => {
  it("reads the office from the position in any language, longest name first", () => {
    expect(officeOf(viceMinister)?.key).toBe("vice-minister");
    expect(officeOf(primeMinister)?.key).toBe("prime-minister");
    expect(officeOf(viceChairman)?.key).toBe("people-committee-vice-chairman");
    expect(officeOf(moon)?.key).toBe("member-of-parliament");
    expect(officeOf(protocolOfficer)).toBeUndefined();
    expect(officeOf({ ...protocolOfficer, position: { ko: "경제부시장" } })?.key).toBe("vice-mayor");
  });

  it("translates a position that is exactly an office when its column is missing", () => {
    expect(positionIn(ceo, "ko", "en")).toBe("대표이사");
    expect(positionIn(ceo, "vi", "en")).toBe("Tổng Giám đốc");
    expect(positionIn({ ...ceo, position: { en: "Chairman" } }, "vi", "en")).toBe("Chủ tịch");
    // Not an office alone: the default language's text is kept rather than half translated.
    expect(positionIn(viceMinister, "en", "en")).toBe("Vice Minister of Trade, Industry and Energy");
    expect(positionIn({ ...protocolOfficer, position: { en: "Protocol Officer" } }, "vi", "en")).toBe(
      "Protocol Officer",
    );
  });

  it("does not repeat the organisation the office names", () => {
    expect(
      officeWithOrganisation(
        "Vice Minister of Trade, Industry and Energy",
        "Ministry of Trade, Industry and Energy",
        "en",
      ),
    ).toBe("Vice Minister of Trade, Industry and Energy");
    expect(
      officeWithOrganisation(
        "Vice Chairman of the People's Committee of Ho Chi Minh City",
        "People's Committee of Ho Chi Minh City",
        "en",
      ),
    ).toBe("Vice Chairman of the People's Committee of Ho Chi Minh City");
    expect(officeWithOrganisation("산업통상자원부 차관", "산업통상자원부", "ko")).toBe("산업통상자원부 차관");
    expect(officeWithOrganisation("Director", "Rhein Water GmbH", "en")).toBe("Director, Rhein Water GmbH");
  });
});

describe("names and programme lines", () => {
  it("names people as each language writes them", () => {
    expect(nameIn(moon, "ko")).toBe("문승민");
    expect(nameIn(moon, "en")).toBe("Moon Seung-min");
    expect(nameIn(viceChairman, "en")).toBe("Hoàng Minh Trí");
    expect(nameIn(viceChairman, "ko")).toBe("호앙 민 찌(Hoàng Minh Trí)");
    expect(nameIn(western, "ko")).toBe("Anna Schmidt");
  });

  it("gives a programme's name and detail in each language", () => {
    expect(personIn(moon, "en", "en")).toEqual({
      name: "Hon. Moon Seung-min",
      detail: "Member of the National Assembly of the Republic of Korea",
    });
    // The title once: "오경수 차관, 산업통상자원부 차관" repeated it.
    expect(personIn(viceMinister, "ko", "en")).toEqual({ name: "오경수 차관", detail: "산업통상자원부" });
    expect(personIn(professor, "ko", "en")).toEqual({
      name: "송윤서 교수",
      detail: "한국기술대학교 도시공학과",
    });
    expect(personIn(protocolOfficer, "ko", "en")).toEqual({
      name: "안소희",
      detail: "한국CEO서밋협회 의전 담당",
    });
    expect(personLine(ceo, "en", "en")).toBe("Mr Cho Hyun-woo, Chief Executive Officer, Seoul Green Energy");
    expect(personLine(moon, "vi", "en")).toBe("Ngài Moon Seung-min, Nghị sĩ Quốc hội Hàn Quốc");
  });

  it("says a professor's title once", () => {
    const prof = { ...professor, position: { ...professor.position, vi: "Giáo sư Kỹ thuật Đô thị" } };
    // Not "Professor Song Yun-seo, Professor of Urban Engineering, …".
    expect(personLine(prof, "en", "en")).toBe(
      "Professor Song Yun-seo, Urban Engineering, Hanguk University of Technology",
    );
    expect(personIn(prof, "vi", "en")).toEqual({
      name: "Giáo sư Song Yun-seo",
      detail: "Kỹ thuật Đô thị, Hanguk University of Technology",
    });
    // A position that is the title alone is kept.
    const bare = { ...professor, position: { en: "Professor" } };
    expect(personIn(bare, "en", "en").detail).toBe("Professor, Hanguk University of Technology");
  });
});

describe("passport names for visa letters", () => {
  it.each([
    [person({ givenName: "Hyun-woo", familyName: "Hong" }), "HONG HYUNWOO"],
    [viceChairman, "HOANG MINH TRI"],
    [person({ givenName: "Kim Oanh", familyName: "Đỗ" }), "DO KIM OANH"],
    [western, "SCHMIDT ANNA"],
    [{ ...western, passportName: "SCHMIDT-RHEIN ANNA MARIA" }, "SCHMIDT-RHEIN ANNA MARIA"],
  ])("%#: %s", (p, expected) => {
    expect(passportName(p)).toBe(expected);
  });
});

describe("honorifics", () => {
  it("never infers a gender from anything but the data", () => {
    for (const h of ["Dr", "Prof.", "Hon.", "H.E.", "", "Excellency"])
      expect(parseHonorific({ en: h }).gender).toBeUndefined();
    expect(parseHonorific({ en: "Mrs." }).gender).toBe("female");
    expect(parseHonorific({ vi: "Ông" }).gender).toBe("male");
    // The style from the first that reads, a gender from any.
    expect(parseHonorific({ en: "Hon.", vi: "Bà" })).toEqual({ style: "hon", gender: "female" });
  });
});
