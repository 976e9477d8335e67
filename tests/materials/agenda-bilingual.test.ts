import { describe, expect, it } from "vitest";
import { planPersonal, planProgramme, sessionsByDelegate } from "../../src/materials/agenda/plan.js";
import { contrast, LOGO_MIN_CONTRAST, placeLogo, svgColours } from "../../src/materials/logo.js";
import { keepPhrases, noBreakMatcher, noBreakPhrases } from "../../src/materials/typography.js";
import { check, delegate, session, venue } from "../helpers/make.js";

const organisers = `organisers:
  - name: { en: Namsan Business Forum, ko: 남산비즈니스포럼, vi: Diễn đàn Doanh nghiệp Namsan }
    role: host
  - name: { en: Da Nang City, ko: 다낭시, vi: Thành phố Đà Nẵng }
    role: co-organiser
`;

function event(extra = "") {
  const r = check({
    config: organisers + extra,
    delegates: [
      delegate("KR-1", {
        honorific: "Hon.",
        sector: "parliament",
        native_name: "백지우",
        organisation: "National Assembly",
        organisation_ko: "국회",
        organisation_vi: "Quốc hội Hàn Quốc",
        position: "Member of the National Assembly",
        position_ko: "국회의원",
        position_vi: "Nghị sĩ",
      }),
      delegate("VN-1", {
        given_name: "Thi Mai",
        family_name: "Tran",
        native_name: "Trần Thị Mai",
        country: "VN",
        honorific: "Bà",
        language: "vi",
        organisation: "Han River Foods",
        organisation_ko: "한강식품",
        organisation_vi: "Thực phẩm Sông Hàn",
        position: "Chief Executive Officer",
        position_ko: "대표이사",
        position_vi: "Tổng Giám đốc",
      }),
    ],
    venues: [
      venue("HALL", { venue_ko: "한강컨벤션센터", room_ko: "대강당" }),
      venue("ROOM-1"),
      venue("FARM", {
        venue: "Green Valley Farm",
        venue_ko: "그린밸리 농장",
        address: "3 Đường Làng, Hòa Vang",
        address_ko: "화방 마을길 3",
      }),
    ],
    sessions: [
      session("OPEN", {
        title: "Opening ceremony",
        title_ko: "개막식",
        type: "ceremony",
        speakers: "KR-1",
        moderator: "VN-1",
        description: "Dress code: business formal.",
        description_ko: "복장: 비즈니스 정장.",
        audience: "all",
      }),
      session("PANEL", {
        title: "Trade panel",
        title_ko: "무역 패널",
        type: "panel",
        section: "Trade",
        section_ko: "무역",
        start: "10:00",
        end: "11:00",
        moderator: "KR-1",
        speakers: "VN-1",
      }),
      session("VISIT", {
        title: "Farm visit",
        type: "visit",
        room: "FARM",
        start: "14:00",
        end: "16:00",
        description: "Coaches leave at 13:15.",
        audience: "all",
      }),
    ],
  });
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
  return r.event;
}

const items = (p: ReturnType<typeof planProgramme>) =>
  p.days.flatMap((d) => d.blocks.flatMap((b) => b.columns.flatMap((c) => c.items)));

describe("a bilingual programme", () => {
  const e = event();
  const p = planProgramme(e, "ko", { fonts: [] }, "en");
  const byId = new Map(items(p).map((i) => [i.id, i]));

  it("names each speaker and moderator in both languages' forms", () => {
    const open = byId.get("OPEN")!;
    expect(open.speakers[0]).toMatchObject({
      name: "백지우 의원",
      name2: "Hon. Baek Ji-woo",
    });
    expect(open.speakers[0]!.detail2).toContain("Member of the National Assembly");
    // Korean: organisation, name, title (국회 백지우 의원), the office not said twice.
    expect(open.speakers[0]).toMatchObject({ detail: "국회", detailFirst: true });
    expect(open.speakers[0]!.detailFirst2).toBeUndefined();
    expect(open.moderator).toMatchObject({ name2: "Ms Trần Thị Mai" });
    expect(open.moderator!.detail).toContain("한강식품");
    expect(open.moderator!.detail2).toContain("Han River Foods");
  });

  it("prints rooms, venues, types, sections and descriptions in both languages", () => {
    const open = byId.get("OPEN")!;
    expect(open).toMatchObject({
      title: "개막식",
      title2: "Opening ceremony",
      type: "식순",
      type2: "Ceremony",
      room: "대강당",
      room2: "Room HALL",
      venue: "한강컨벤션센터",
      venue2: "Hanriver Convention Centre",
      description: "복장: 비즈니스 정장.",
      description2: "Dress code: business formal.",
    });
    expect(byId.get("PANEL")!.section).toMatchObject({ name: "무역", name2: "Trade" });
    // One language's text where the other has none: printed once, not twice.
    expect(byId.get("VISIT")!.description).toBe("Coaches leave at 13:15.");
    expect(byId.get("VISIT")!.description2).toBeUndefined();
  });

  it("calls the moderator of a ceremony 사회 and of a panel 좌장", () => {
    expect(byId.get("OPEN")).toMatchObject({
      moderatorLabel: "사회",
      moderatorLabel2: "Master of ceremonies",
    });
    expect(byId.get("PANEL")).toMatchObject({ moderatorLabel: "좌장", moderatorLabel2: "Moderator" });
  });

  it("gives an off-site session its venue and address; the main venue is named once", () => {
    expect(byId.get("VISIT")).toMatchObject({
      offsite: true,
      venue: "그린밸리 농장",
      venue2: "Green Valley Farm",
      address: "화방 마을길 3",
      address2: "3 Đường Làng, Hòa Vang",
    });
    expect(byId.get("OPEN")!.offsite).toBe(false);
    expect(p.venue).toMatchObject({ name: "한강컨벤션센터", name2: "Hanriver Convention Centre" });
  });

  it("lists host and co-organiser apart, in each language's words", () => {
    expect(p.cover.organisers).toEqual([
      { role: "host", label: "주최", names: ["남산비즈니스포럼"] },
      { role: "co-organiser", label: "공동 주최", names: ["다낭시"] },
    ]);
    expect(p.cover.organisers2!.map((o) => o.label)).toEqual(["Hosted by", "Co-organised by"]);
    const vi = planProgramme(e, "vi", { fonts: [] });
    expect(vi.cover.organisers.map((o) => o.label)).toEqual(["Đơn vị chủ trì", "Đơn vị đồng tổ chức"]);
  });

  it("indexes every person under both languages' names, days in both languages", () => {
    expect(p.index.map((i) => [i.name, i.name2])).toEqual([
      ["백지우", "Baek Ji-woo"],
      ["Trần Thị Mai", undefined],
    ]);
    expect(p.days[0]).toMatchObject({ label: "2024년 5월 14일 (화)", label2: "Tuesday, 14 May 2024" });
    expect(p.header).toBe("Test Summit · 프로그램 · Programme");
  });

  it("leaves descriptions out when agenda.descriptions is false", () => {
    const off = planProgramme(event("agenda:\n  descriptions: false\n"), "en", { fonts: [] });
    expect(items(off).every((i) => i.description === undefined)).toBe(true);
  });
});

describe("personal agendas", () => {
  const e = event();
  it("address Vietnamese delegates as Quý vị, mark the ceremony's 사회, print descriptions", () => {
    const vn = e.delegateById.get("VN-1")!;
    const data = planPersonal(e, vn, sessionsByDelegate(e).get("VN-1")!, { fonts: [] });
    expect(data.words.yourRoles).toBe("Vai trò của Quý vị");
    expect(data.words.noSessions).not.toMatch(/\bbạn\b/);
    // "Bà Trần Thị Mai" is more than "Tran Thi Mai" without accents only by its honorific.
    expect(data.delegate.showLatin).toBe(false);
    const kr = e.delegateById.get("KR-1")!;
    const ko = planPersonal(e, kr, sessionsByDelegate(e).get("KR-1")!, { fonts: [], lang: "ko" });
    expect(ko.delegate.showLatin).toBe(true);
    const panel = ko.days[0]!.items.find((i) => i.title === "무역 패널")!;
    expect(panel.role).toBe("좌장");
    const visit = ko.days[0]!.items.find((i) => i.title === "Farm visit")!;
    expect(visit).toMatchObject({ address: "화방 마을길 3", description: "Coaches leave at 13:15." });
  });
});

describe("no-break phrases", () => {
  const e = event("typography:\n  no_break: [Hồ Chí Minh, Thủ Đức, A.B (C)]\n");
  const matcher = noBreakMatcher(e)!;
  const keep = (s: string) => keepPhrases(s, matcher);

  it("joins the event's list and the country names, longest first", () => {
    const phrases = noBreakPhrases(e);
    for (const p of ["Hồ Chí Minh", "Thủ Đức", "Việt Nam", "Viet Nam", "Hàn Quốc", "Republic of Korea"])
      expect(phrases, p).toContain(p);
    expect(phrases.indexOf("Đại Hàn Dân Quốc")).toBeLessThan(phrases.indexOf("Hàn Quốc"));
  });

  it("gives the phrases no-break spaces, whatever their case and spacing, not inside longer words", () => {
    expect(keep("Thành phố Hồ Chí Minh, Việt Nam")).toBe("Thành phố Hồ\u00a0Chí\u00a0Minh, Việt\u00a0Nam");
    expect(keep("VIỆT  NAM")).toBe("VIỆT\u00a0NAM");
    expect(keep("Viet Namese Thủ Đứcx")).toBe("Viet Namese Thủ Đứcx");
    expect(keep("see A.B (C) and AxB (C)")).toBe("see A.B\u00a0(C) and AxB (C)");
  });

  it("rewrites every string of a template's data, leaving other values", () => {
    const data = { a: ["Hàn Quốc"], b: { c: "Thủ Đức", n: 3, t: true, z: null } };
    expect(keepPhrases(data, matcher)).toEqual({
      a: ["Hàn\u00a0Quốc"],
      b: { c: "Thủ\u00a0Đức", n: 3, t: true, z: null },
    });
    expect(keepPhrases(data, undefined)).toBe(data);
  });
});

describe("the logo's ground", () => {
  const svg = (body: string) =>
    new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`);
  const rings = svg('<circle stroke="#ffffff" fill="none"/><circle style="stroke: #c8102e; fill: none"/>');
  const logo = { path: "/assets/logo.svg", bytes: rings };

  it("reads the colours an SVG names", () => {
    expect(svgColours(rings).sort()).toEqual(["#c8102e", "#ffffff"]);
    expect(svgColours(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toEqual([]);
  });

  it("keeps a white ring visible: on the dark cover as it is, on white on a plate", () => {
    const cover = placeLogo({ logo, ground: "#12355b", primary: "#12355b" });
    expect(cover).toMatchObject({ plate: null, ground: "#12355b" });
    const page = placeLogo({ logo, ground: "#ffffff", primary: "#12355b" });
    expect(page.plate).toBe("#12355b");
    for (const p of [cover, page])
      for (const c of svgColours(rings))
        expect(contrast(c, p.ground)).toBeGreaterThanOrEqual(LOGO_MIN_CONTRAST);
  });

  it("uses the logo_on_white variant on white, and a plate on a ground the logo's colour", () => {
    const onWhite = { path: "/assets/logo-on-white.svg", bytes: svg('<circle stroke="#12355b"/>') };
    expect(placeLogo({ logo, onWhite, ground: "white", primary: "#12355b" })).toMatchObject({
      src: onWhite.path,
      plate: null,
    });
    const navy = placeLogo({ logo: onWhite, ground: "#12355b", primary: "#12355b" });
    expect(navy.plate).toBe("#ffffff");
  });
});
