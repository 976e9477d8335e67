import { describe, expect, it } from "vitest";
import { findMojibake } from "../../src/validate/mojibake.js";
import { assessLegacyVietnamese } from "../../src/validate/text.js";
import { isVietnameseSyllable, readTcvn3, readVni } from "../../src/validate/vietnamese.js";

describe("the shape of a Vietnamese syllable", () => {
  it.each([
    "Nguyễn",
    "Minh",
    "Nguyen",
    "Hương",
    "Được",
    "khuya",
    "nghiêng",
    "Quốc",
    "giữ",
    "Thuý",
    "Thúy",
    "Ke",
  ])("%s is one", (w) => expect(isVietnameseSyllable(w)).toBe(true));
  // Two syllables, a final Vietnamese has not (l, s), k before a, a stop with the grave tone.
  it.each(["Carmen", "Raphặl", "Jỗo", "Anna", "Smith", "Kan", "Ce", "bàt", "Łukasz"])("%s is not", (w) =>
    expect(isVietnameseSyllable(w)).toBe(false),
  );
});

describe("reading VNI and TCVN3 back", () => {
  it("turns VNI's marks into Vietnamese letters", () => {
    expect(readVni("Nguyeãn")).toEqual({ text: "Nguyễn", signs: 1, strong: 1 });
    expect(readVni("Ñöôïc")?.text).toBe("Được");
    expect(readVni("Höông")?.text).toBe("Hương");
    expect(readVni("Thò")?.text).toBe("Thị");
    // A French diaeresis is a VNI mark too, but one that proves nothing.
    expect(readVni("Loïc")).toEqual({ text: "Lọc", signs: 1, strong: 0 });
    expect(readVni("Minh")).toBeUndefined();
  });

  it("turns TCVN3's Latin-1 positions into Vietnamese letters", () => {
    expect(readTcvn3("NguyÔn")).toEqual({ text: "Nguyễn", signs: 1, strong: 0 });
    expect(readTcvn3("V¨n")).toEqual({ text: "Văn", signs: 1, strong: 1 });
    expect(readTcvn3("§µ")?.text).toBe("Đà");
    expect(readTcvn3("Łukasz")).toBeUndefined();
  });
});

describe("legacy Vietnamese encodings: errors only on unambiguous evidence", () => {
  it.each([
    ["Nguyeãn Vaên Minh", false, "VNI", "Nguyễn Văn Minh"],
    ["Vaên Hoaøng", false, "VNI", "Văn Hoàng"],
    ["Nguyeãn", true, "VNI", "Nguyễn"],
    ["Ñöôïc", false, "VNI", "Được"],
    ["NguyÔn V¨n B×nh", false, "TCVN3 (ABC)", "Nguyễn Văn Bình"],
    ["§µ N½ng", false, "TCVN3 (ABC)", "Đà Nẵng"],
  ])("%s is an error", (value, vn, kind, reading) => {
    expect(assessLegacyVietnamese(value, vn)).toEqual({ kind, severity: "error", reading });
  });

  it("makes one VNI word outside a Vietnamese delegate's row a warning", () => {
    expect(assessLegacyVietnamese("Nguyeãn", false)).toMatchObject({ kind: "VNI", severity: "warning" });
  });

  it.each([
    "Zoë Ångström-Łukasz",
    "Loïc Tan",
    "Seán Ó Sé",
    "Mª Carmen",
    "Marcel·lí Vil·la",
    "João Leão",
    "Daniël Gaétan",
    "Anaïs Noël",
    "Raúl Muñoz",
    "Bjørn Løvås",
    "Hoàng Thị Thuý Xuân",
    "Công ty Thuê mua Uống Nước",
    "Lê Hà",
  ])("%s is nothing, even in a Vietnamese delegate's row", (value) => {
    expect(assessLegacyVietnamese(value, true)).toBeUndefined();
  });
});

describe("UTF-8 re-saved by a spreadsheet as Windows-1252", () => {
  it("is an error with the text it was, when a three-byte letter or two letters show it", () => {
    expect(findMojibake("Nguyá»…n Văn An")).toEqual({ severity: "error", repaired: "Nguyễn Văn An" });
    expect(findMojibake("ZoÃ« Ã…ngstrÃ¶m")).toEqual({ severity: "error", repaired: "Zoë Ångström" });
    expect(findMojibake("ê¹€ë¯¼ì¤€")).toEqual({ severity: "error", repaired: "김민준" });
  });

  it("is a warning on one two-byte letter", () => {
    expect(findMojibake("MÃ¼ller")).toEqual({ severity: "warning", repaired: "Müller" });
  });

  it.each(["JOSÉ–MARÍA", "«ANDRÉ» Dupont", "Zoé»", "Renée O´Brien", "Ÿvonne Šárka", "Łukasz Żółć"])(
    "leaves %s alone",
    (value) => expect(findMojibake(value)).toBeUndefined(),
  );
});
