import { describe, expect, it } from "vitest";
import { withLanguagePacks } from "../../src/i18n/active.js";
import { builtinPacks } from "../../src/i18n/builtin.js";
import { combinePacks } from "../../src/i18n/packs.js";
import { initialOf } from "../../src/materials/seating/plan.js";
import { collatorFor } from "../../src/model/i18n.js";
import { addressOf, nameIn, type Person, parseHonorific, personLine } from "../../src/model/names.js";
import type { Language } from "../../src/schema/fields.js";

// What a language decides about names, letters and sorting is its pack's (names, address,
// collation, offices): an event's pack that changes them changes what is printed, without code.

const moon: Person = {
  givenName: "Seung-min",
  familyName: "Moon",
  nativeName: "문승민",
  nameOrder: "family-first",
  country: "KR",
  gender: "male",
  organisation: { en: "National Assembly of the Republic of Korea", ko: "대한민국 국회" },
  position: { en: "Member of the National Assembly", ko: "국회의원" },
};

const withPacks = <T>(files: { file: string; text: string }[], fn: () => T): T =>
  withLanguagePacks(combinePacks(builtinPacks(), files), fn);

describe("forms of address from the packs", () => {
  it("greet by the event's own formula when its pack changes the salutation", () => {
    const text = `language: en
address:
  salutation:
    gendered: "Dear {gender} {call}:"
    default: "Dear {name}:"
`;
    const a = withPacks([{ file: "i18n/en.yaml", text }], () => addressOf(moon, "en"));
    expect(a.salutation).toBe("Dear Mr Moon:");
    // Outside the event's scope, conclave's own pack.
    expect(addressOf(moon, "en").salutation).toBe("Dear Mr Moon,");
  });

  it("read an honorific word a new pack lists, and address by its words and order", () => {
    const text = `language: ja
name: 日本語
names:
  script: Latin
  transcribed: "{latin}"
  upper_family: []
  organisation_first: false
  join: " "
  honorifics:
    male: 様
  honorific_order: [male]
  read:
    mr: [sama]
  formal: "{name} {honorific}"
  office_with_organisation:
    default: "{organisation} {position}"
address:
  block: none
  salutation:
    default: "{formal}"
  reference:
    default: "{formal}"
  signature: "{name}"
`;
    withPacks([{ file: "i18n/ja.yaml", text }], () => {
      expect(parseHonorific({ en: "Sama" })).toEqual({ style: "mr", gender: "male" });
      const a = addressOf({ ...moon, gender: undefined, honorific: { en: "sama" } }, "ja" as Language);
      expect(a.salutation).toBe("Moon Seung-min 様");
      expect(a.block).toEqual([]);
    });
  });

  it("write a person's line organisation first where the pack says so", () => {
    const text = `language: en
names:
  organisation_first: true
  join: " / "
`;
    const line = withPacks([{ file: "i18n/en.yaml", text }], () => personLine(moon, "en", "en"));
    // The organisation, then the name; the title is the English position's last word only when
    // it is an office, which "Assembly" is not.
    expect(line).toBe(
      "National Assembly of the Republic of Korea / Member of the National Assembly / Moon Seung-min",
    );
  });

  it("capitalise family names only for the customs the pack lists", () => {
    expect(addressOf(moon, "en", { upperFamily: true }).formal).toBe("Mr MOON Seung-min");
    const text = "language: en\nnames:\n  upper_family: []\n";
    const a = withPacks([{ file: "i18n/en.yaml", text }], () => addressOf(moon, "en", { upperFamily: true }));
    expect(a.formal).toBe("Mr Moon Seung-min");
  });

  it("print a name in the readers' script as the pack names it", () => {
    expect(nameIn(moon, "ko")).toBe("문승민");
    expect(nameIn(moon, "en")).toBe("Moon Seung-min");
  });
});

describe("collation from the packs", () => {
  it("sorts with the pack's Intl.Collator locale", () => {
    const text = "language: en\ncollation:\n  locale: sv\n";
    // Swedish sorts Ö after Z; English with O.
    const names = ["Öberg", "Zander", "Olsson"];
    expect([...names].sort(collatorFor("en", { sensitivity: "base" }).compare)).toEqual([
      "Öberg",
      "Olsson",
      "Zander",
    ]);
    const sv = withPacks([{ file: "i18n/en.yaml", text }], () =>
      [...names].sort(collatorFor("en", { sensitivity: "base" }).compare),
    );
    expect(sv).toEqual(["Olsson", "Zander", "Öberg"]);
  });

  it("heads a group with a letter of the pack's alphabet, without its tone marks", () => {
    expect(initialOf("Ặng", "vi")).toBe("Ă");
    expect(initialOf("Ợi", "vi")).toBe("Ơ");
    expect(initialOf("Đặng", "vi")).toBe("Đ");
    expect(initialOf("Ánh", "vi")).toBe("A");
    expect(initialOf("Đặng", "en")).toBe("D");
    expect(initialOf("Ặng", "en")).toBe("A");
    expect(initialOf("김", "en")).toBe("ㄱ");
  });

  it("heads a Chinese name with the pinyin initial of its first character (zh-Hans collation.initials)", () => {
    // Surnames and their Hanyu Pinyin: Wáng, Lǐ, Chén, Ōuyáng, Zhào, Sūn, Ā, Bā, Hú, Rèn, Kǒng, Gù.
    const cases: [string, string][] = [
      ["王伟", "W"],
      ["李明", "L"],
      ["陈浩", "C"],
      ["欧阳晓玲", "O"],
      ["赵建国", "Z"],
      ["孙芳", "S"],
      ["阿丽", "A"],
      ["八一", "B"],
      ["胡", "H"],
      ["任", "R"],
      ["孔", "K"],
      ["顾", "G"],
    ];
    for (const [name, initial] of cases) expect(initialOf(name, "zh-Hans"), name).toBe(initial);
    // A Latin key in a Chinese list keeps its letter; a language without initials keeps the character.
    expect(initialOf("Whitcombe", "zh-Hans")).toBe("W");
    expect(initialOf("王伟", "en")).toBe("王");
  });
});
