import { describe, expect, it } from "vitest";
import { planLetters } from "../../src/materials/letters/plan.js";
import { speechRoleOf } from "../../src/model/roles.js";
import { check, delegate, session } from "../helpers/make.js";

function event(parts: Parameters<typeof check>[0]) {
  const r = check(parts);
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics, null, 2));
  return r.event;
}

const people = [
  delegate("KR-001", {
    honorific: "Hon.",
    gender: "female",
    given_name: "Ji-min",
    family_name: "Yoo",
    native_name: "유지민",
    category: "vip",
    sector: "parliament",
    position: "Member of the National Assembly",
    position_ko: "국회의원",
    language: "en",
    passport_number: "M00000001",
    passport_type: "official",
    nationality: "KR",
    date_of_birth: "1980-01-02",
    arrival: "2024-05-13",
    departure: "2024-05-16",
  }),
  delegate("KR-002", {
    honorific: "Mr",
    given_name: "Hyun-woo",
    family_name: "Hong",
    native_name: "홍현우",
    category: "delegate",
    language: "ko",
    passport_number: "M00000002",
    nationality: "KR",
    date_of_birth: "1983-09-16",
    arrival: "2024-05-13",
    departure: "2024-05-16",
  }),
  delegate("VN-001", {
    honorific: "Ông",
    given_name: "Minh Tri",
    family_name: "Hoang",
    native_name: "Hoàng Minh Trí",
    name_ko: "호앙 민 찌",
    country: "VN",
    category: "vip",
    position: "Vice Chairman of the People's Committee of Ho Chi Minh City",
    language: "vi",
    passport_number: "B0000003",
    nationality: "VN",
    date_of_birth: "1970-03-04",
    arrival: "2024-05-13",
    departure: "2024-05-16",
  }),
  delegate("KR-099", {
    category: "organiser",
    given_name: "Ha-eun",
    family_name: "Park",
    native_name: "박하은",
  }),
  delegate("VN-030", { category: "press", country: "VN", given_name: "Thi Mai", family_name: "Ho" }),
  delegate("VN-034", { category: "staff", country: "VN", given_name: "Thuy Duong", family_name: "Ly" }),
  delegate("VN-026", { category: "interpreter", country: "VN", given_name: "Thi Hoa", family_name: "Tran" }),
  delegate("KR-006", {
    honorific: "Dr",
    given_name: "Ki-beom",
    family_name: "Yoon",
    native_name: "윤기범",
    category: "vip",
    position: "President",
    position_ko: "회장",
    organisation: "Korea CEO Summit Association",
    organisation_ko: "한국CEO서밋협회",
  }),
];
const programme = [
  session("OPENING", {
    type: "ceremony",
    title: "Opening ceremony",
    speakers: "KR-006:opening;VN-001:welcome;KR-001:congratulatory",
    moderator: "KR-099",
  }),
  session("PANEL", {
    type: "panel",
    start: "10:00",
    end: "11:30",
    title: "Smart cities",
    speakers: "VN-001;KR-002",
  }),
];
const signed = `letters:
  invitation:
    reference: "INV/{id}"
    signatory:
      id: KR-006
      name: { en: Dr Yoon Ki-beom, ko: 윤기범, vi: Yoon Ki-beom }
  visa:
    reference: "VISA/{id}"
    language: vi
    embassy: { en: Embassy of Viet Nam, vi: Đại sứ quán Việt Nam }
    exemptions:
      - nationality: KR
        passports: [diplomatic, official]
country: VN
`;

describe("speech roles", () => {
  it("reads roles from the speakers column and derives the rest from the session", () => {
    const e = event({ delegates: people, sessions: programme, config: signed });
    const opening = e.sessionById.get("OPENING")!;
    expect(opening.speakers.map((d) => d.id)).toEqual(["KR-006", "VN-001", "KR-001"]);
    expect(opening.speakerRoles).toEqual({
      "KR-006": "opening",
      "VN-001": "welcome",
      "KR-001": "congratulatory",
    });
    // A ceremony's moderator is its master of ceremonies (사회), a panel's speakers are panellists.
    expect(speechRoleOf(opening, "KR-099")).toBe("mc");
    expect(speechRoleOf(e.sessionById.get("PANEL")!, "KR-002")).toBe("panellist");
    expect(speechRoleOf(opening, "KR-002")).toBeUndefined();
  });

  it("names the cell of an unknown role, with the roles it knows", () => {
    const r = check({
      delegates: people,
      sessions: [session("S1", { speakers: "KR-001:openning" })],
    });
    const d = r.diagnostics.find((x) => x.field === "speakers")!;
    expect(d.severity).toBe("error");
    expect(d).toMatchObject({ file: "sessions.csv", line: 2 });
    expect(d.column).toBeGreaterThan(0);
    expect(d.message).toContain('"openning" after KR-001 is not a speech role');
    expect(d.hint).toContain("opening, welcome, congratulatory, keynote");
  });
});

describe("who receives an invitation", () => {
  const e = event({ delegates: people, sessions: programme, config: signed });
  const ids = (extra: Parameters<typeof planLetters>[1] = { kind: "invitation", order: e.delegates }) =>
    planLetters(e, extra).letters.map((l) => l.delegate.id);

  it("by default: guests, speakers and VIPs; never the signatory, staff, interpreters or press", () => {
    expect(ids()).toEqual(["KR-001", "KR-002", "VN-001"]);
  });

  it("staff and interpreters only when their category is asked for", () => {
    const asked = event({
      delegates: people,
      sessions: programme,
      config: `${signed.replace("letters:\n", "letters:\n  recipients:\n    categories: [vip, staff, interpreter]\n    roles: []\n")}`,
    });
    expect(
      planLetters(asked, { kind: "invitation", order: asked.delegates }).letters.map((l) => l.delegate.id),
    ).toEqual(["KR-001", "VN-001", "VN-034", "VN-026"]);
  });
});

describe("what an invitation says", () => {
  const e = event({ delegates: people, sessions: programme, config: signed });
  const letter = (id: string, lang?: "en" | "ko" | "vi") =>
    planLetters(e, { kind: "invitation", order: e.delegates, ids: [id], ...(lang ? { lang } : {}) })
      .letters[0]!.data;

  it("lists every session of a speaker once, with the role's words in the letter's language", () => {
    const vi = letter("VN-001");
    expect(vi.roles.map((r) => [r.role, r.letter])).toEqual([
      ["welcome", "phát biểu chào mừng tại"],
      ["panellist", "tham gia tọa đàm tại"],
    ]);
    expect(letter("VN-001", "ko").roles.map((r) => r.letter)).toEqual(["환영사를", "토론자를"]);
    const en = letter("KR-001");
    expect(en.roles).toEqual([
      {
        role: "congratulatory",
        letter: "deliver congratulatory remarks at",
        label: "Congratulatory remarks",
        title: "Opening ceremony",
        date: "14 May 2024",
        from: "09:00",
        to: "10:00",
        room: "Room HALL",
      },
    ]);
  });

  it("addresses the recipient as the letter's language does", () => {
    const en = letter("KR-001");
    expect(en.salutation).toBe("Dear Ms Yoo,");
    expect(en.name_ref).toBe("you");
    expect(en.recipient.formal).toBe("Hon. Yoo Ji-min");
    const ko = letter("VN-001", "ko");
    expect(ko.salutation).toBe("존경하는 호앙 민 찌(Hoàng Minh Trí) 부위원장님께");
    const vi = letter("VN-001");
    expect(vi.name_ref).toBe("Ông");
  });

  it("offers the protocol paragraph to visiting dignitaries, not to the host country's officials", () => {
    expect(letter("KR-001").protocol).toBe(true);
    expect(letter("VN-001").protocol).toBe(false);
    expect(letter("KR-002").protocol).toBe(false);
  });

  it("signs in each language's order, from the signatory's row", () => {
    expect(letter("KR-002").signatory).toMatchObject({ name: "한국CEO서밋협회 회장 윤기범", title: "" });
    expect(letter("KR-001").signatory).toMatchObject({
      name: "Dr Yoon Ki-beom",
      title: "President, Korea CEO Summit Association",
    });
  });
});

describe("visa letters", () => {
  const e = event({ delegates: people, sessions: programme, config: signed });
  const plan = planLetters(e, { kind: "visa", order: e.delegates });

  it("leave out the host's nationals and the exempt passports", () => {
    // KR-001 travels on an official passport (exempt); VN-001 is a host national.
    expect(plan.letters.map((l) => l.delegate.id)).toEqual(["KR-002"]);
    expect(plan.exempt).toBe(1);
    expect(plan.hostNationals).toBe(1);
  });

  it("are written in the embassy's language with the passport's name, no honorific", () => {
    const v = plan.letters[0]!;
    expect(v.lang).toBe("vi");
    expect(v.data.visa?.name).toBe("HONG HYUNWOO");
    expect(v.data.visa?.embassy).toBe("Đại sứ quán Việt Nam");
    // The labels say "Ngày sinh", "Ngày nhập cảnh": the fields are figures, never "ngày 16 tháng 9…".
    expect(v.data.visa?.date_of_birth).toBe("16/9/1983");
    expect(v.data.visa?.arrival).toBe("13/5/2024");
  });
});

describe("letters settings in event.yaml", () => {
  it("names a wrong exemption or recipient at its line", async () => {
    const { parseEventConfig } = await import("../../src/schema/event.js");
    const { baseConfigYaml } = await import("../helpers/make.js");
    const r = parseEventConfig(
      `${baseConfigYaml}letters:\n  recipients:\n    categories: [vip, guests]\n  visa:\n    reference: "V/{id}"\n    exemptions:\n      - nationality: Korea\n        passports: [official]\n`,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.diagnostics.map((d) => [d.line, d.message]);
    expect(lines.some(([line, m]) => line === 9 && /categories/.test(String(m)))).toBe(true);
    expect(lines.some(([line, m]) => line === 13 && /nationality|ISO/.test(String(m)))).toBe(true);
  });
});
