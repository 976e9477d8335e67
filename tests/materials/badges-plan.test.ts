import { describe, expect, it } from "vitest";
import { inkFor, planBadges, qrText, sortDelegates } from "../../src/materials/badges/plan.js";
import { STOCKS } from "../../src/materials/badges/stocks.js";
import { check, delegate } from "../helpers/make.js";

function event(rows: ReturnType<typeof delegate>[], config = "") {
  const r = check({ delegates: rows, config });
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
  return r.event;
}
const measurer = { width: (t: string) => Array.from(t).length * 0.55, lineHeight: 1.2 };
const base = {
  measurer,
  stock: STOCKS["a6-4up"]!,
  sort: "family" as const,
  skip: 0,
  calibrate: false,
  back: true,
  cutMarks: true,
  offset: [0, 0] as const,
  fonts: ["Pretendard"],
};

describe("planBadges", () => {
  const e = event([
    delegate("KR-1", {
      given_name: "Min-jun",
      family_name: "Kim",
      native_name: "김민준",
      email: "kim@example.kr",
      phone: "+82 10 5555 0101",
      passport_number: "M1234567",
      dietary: "vegan",
      accessibility: "wheelchair",
      date_of_birth: "1970-01-01",
      delegation: "B",
    }),
    delegate("VN-1", {
      given_name: "Van An",
      family_name: "Nguyen",
      native_name: "Nguyễn Văn An",
      country: "VN",
      category: "vip",
      delegation: "A",
    }),
    delegate("GB-1", { given_name: "Oliver", family_name: "Grant", country: "GB", category: "press" }),
  ]);

  it("never puts personal data on a badge", () => {
    const json = JSON.stringify(planBadges(e, base).data);
    for (const secret of ["kim@example.kr", "5555", "M1234567", "vegan", "wheelchair", "1970-01-01"])
      expect(json).not.toContain(secret);
  });

  it("writes names as people use them: romanised plus Hangul, Vietnamese in its own letters", () => {
    const faces = planBadges(e, base).data.badges;
    const byId = Object.fromEntries(faces.map((f) => [f.id, f]));
    expect(byId["KR-1"]).toMatchObject({
      name: "Kim Min-jun",
      native: "김민준",
      // Country names are never split: their spaces are no-break ones (typography.no_break).
      country: "Republic\u00a0of\u00a0Korea",
      label: "DELEGATE",
    });
    expect(byId["VN-1"]).toMatchObject({
      name: "Nguyễn Văn An",
      native: null,
      country: "Viet\u00a0Nam",
      label: "VIP",
    });
    expect(byId["GB-1"]).toMatchObject({ name: "Oliver Grant", native: null });
  });

  it("sorts by family name, by delegation or by category", () => {
    const ids = (sort: "family" | "delegation" | "category") =>
      sortDelegates(e.delegates, sort, "en").map((d) => d.id);
    expect(ids("family")).toEqual(["GB-1", "KR-1", "VN-1"]);
    expect(ids("delegation")).toEqual(["VN-1", "KR-1", "GB-1"]);
    expect(ids("category")).toEqual(["VN-1", "KR-1", "GB-1"]);
  });

  it("reprints a subset and rejects an unknown id with a suggestion", () => {
    expect(planBadges(e, { ...base, ids: ["VN-1"] }).data.badges.map((b) => b.id)).toEqual(["VN-1"]);
    expect(() => planBadges(e, { ...base, ids: ["VN-2"] })).toThrow(/no delegate with id VN-2/);
  });

  it("starts on the N+1th label of a used sheet with --skip", () => {
    const plan = planBadges(e, { ...base, skip: 3 });
    expect(plan.data.sheets).toEqual([
      [{ at: 3, badge: 0 }],
      [
        { at: 0, badge: 1 },
        { at: 1, badge: 2 },
      ],
    ]);
    expect(plan.sheets).toBe(2);
  });

  it("gives each language its own programme at a glance", () => {
    const d = planBadges(e, base).data;
    expect(d.backs.ko!.runs[0]!.text).toBe("프로그램 한눈에 보기");
    expect(d.backs.vi!.runs.map((r) => r.text)).toContain("Thứ Ba 14/5");
  });
});

describe("QR content and colours", () => {
  const d = event([delegate("KR 1/ä".replace(/[ /ä]/g, "-"), { email: "secret@example.kr" })]).delegates[0]!;
  it("holds the id, a URL, or a vCard without contact details", () => {
    expect(qrText("id", d, "en")).toBe(d.id);
    expect(qrText("https://checkin.example/{id}?e=1", d, "en")).toBe(`https://checkin.example/${d.id}?e=1`);
    const vcard = qrText("vcard", d, "en");
    expect(vcard).toContain("FN:Baek Ji-woo");
    expect(vcard).toContain("ORG:Namsan Robotics");
    expect(vcard).not.toContain("secret");
  });
  it("chooses black or white ink for contrast", () => {
    expect(inkFor("#1f4e79")).toBe("#ffffff");
    expect(inkFor("#ffeb3b")).toBe("#000000");
    expect(inkFor("#fff")).toBe("#000000");
  });
});
