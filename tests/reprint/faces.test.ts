import { describe, expect, it } from "vitest";
import { layoutBadges, planBadges } from "../../src/materials/badges/plan.js";
import { STOCKS } from "../../src/materials/badges/stocks.js";
import { compareFaces, printedFaces, printedLetters } from "../../src/reprint/faces.js";
import { listCsv } from "../../src/reprint/list.js";
import { check, delegate } from "../helpers/make.js";

type Row = ReturnType<typeof delegate>;
function event(rows: Row[]) {
  const r = check({ delegates: rows });
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
const people = (edit: (id: string) => Partial<Row> = () => ({})): Row[] => [
  delegate("KR-1", { given_name: "Min-jun", family_name: "Kim", phone: "+82 10 5555 0101", ...edit("KR-1") }),
  delegate("VN-1", { given_name: "Van An", family_name: "Nguyen", country: "VN", ...edit("VN-1") }),
  delegate("GB-1", { given_name: "Oliver", family_name: "Grant", category: "press", ...edit("GB-1") }),
];

describe("printedFaces", () => {
  const before = printedFaces(event(people()), base);

  it("is the same for the same data, and changes with what the badge prints", () => {
    expect(printedFaces(event(people()), base)).toEqual(before);
    const renamed = printedFaces(event(people((id) => (id === "KR-1" ? { family_name: "Kimm" } : {}))), base);
    expect(renamed.get("KR-1")!.fingerprint).not.toBe(before.get("KR-1")!.fingerprint);
    expect(renamed.get("VN-1")).toEqual(before.get("VN-1"));
  });

  it("does not change when only an unprinted column changes (a phone, an email)", () => {
    const now = printedFaces(
      event(people((id) => (id === "KR-1" ? { phone: "+82 10 0000 0000", email: "k@example.kr" } : {}))),
      base,
    );
    expect(compareFaces(before, now)).toEqual({ print: [], destroy: [] });
  });

  it("does not depend on the badge's place in the run (a delegate added before it)", () => {
    const now = printedFaces(
      event([delegate("AA-1", { given_name: "Ann", family_name: "Abel" }), ...people()]),
      base,
    );
    const changes = compareFaces(before, now);
    expect(changes.print.map((p) => [p.face.id, p.reason])).toEqual([["AA-1", "added"]]);
    expect(changes.destroy).toEqual([]);
  });
});

describe("printedLetters", () => {
  it("changes with what the invitation says, not with a phone", () => {
    const before = printedLetters(event(people()));
    expect(before.has("KR-1")).toBe(true);
    const phoned = printedLetters(
      event(people((id) => (id === "KR-1" ? { phone: "+82 10 0000 0000" } : {}))),
    );
    expect(compareFaces(before, phoned).print).toEqual([]);
    const renamed = printedLetters(event(people((id) => (id === "KR-1" ? { family_name: "Kimm" } : {}))));
    expect(compareFaces(before, renamed).print.map((p) => p.face.id)).toEqual(["KR-1"]);
  });
});

describe("compareFaces", () => {
  const before = printedFaces(event(people()), base);

  it("prints the changed and the added, and destroys the old version of the changed and the removed", () => {
    const rows = people((id) => (id === "VN-1" ? { given_name: "Van Anh" } : {})).filter(
      (r) => r.id !== "GB-1",
    );
    const now = printedFaces(
      event([...rows, delegate("KR-9", { given_name: "Da-eun", family_name: "Seo" })]),
      base,
    );
    const c = compareFaces(before, now);
    expect(c.print.map((p) => [p.face.id, p.reason]).sort()).toEqual([
      ["KR-9", "added"],
      ["VN-1", "changed"],
    ]);
    expect(c.destroy.map((d) => [d.face.id, d.face.name, d.reason]).sort()).toEqual([
      ["GB-1", "Grant Oliver", "removed"],
      ["VN-1", "Nguyen Van An", "changed"],
    ]);
    expect(
      listCsv(c, [{ category: "press", count: 2 }], [{ face: now.get("KR-9")!, reason: "added" }])
        .replace(/^\uFEFF/, "")
        .trim()
        .split(/\r?\n/),
    ).toEqual([
      "material,action,id,name,category,reason",
      "badge,print,KR-9,Seo Da-eun,delegate,added",
      "badge,print,VN-1,Nguyen Van Anh,delegate,changed",
      "badge,print,,,press,blank",
      "badge,print,,,press,blank",
      "letter,print,KR-9,Seo Da-eun,delegate,added",
      "badge,destroy,GB-1,Grant Oliver,press,removed",
      "badge,destroy,VN-1,Nguyen Van An,delegate,changed",
    ]);
  });

  it("with --delegates, reprints exactly those, changed or not", () => {
    const c = compareFaces(before, before, ["GB-1"]);
    expect(c.print.map((p) => p.face.id)).toEqual(["GB-1"]);
    expect(c.destroy.map((d) => d.face.id)).toEqual(["GB-1"]);
  });
});

describe("badges for a reprint", () => {
  const e = event(people());

  it("blank badges: a band and a header, no name and no QR code, after the delegates", () => {
    const plan = planBadges(e, { ...base, ids: ["KR-1"], blanks: ["delegate", "press"] });
    expect(plan.data.badges.map((b) => [b.id, b.name, b.qr === null, b.runs.length])).toEqual([
      ["KR-1", "Kim Min-jun", false, plan.data.badges[0]!.runs.length],
      ["", "", true, 0],
      ["", "", true, 0],
    ]);
    expect(plan.data.badges[0]!.runs.length).toBeGreaterThan(0);
    expect(plan.qr).toHaveLength(1);
    const bands = plan.data.badges.slice(1).map((b) => plan.data.bands[b.band]!.label.text);
    expect(bands).toEqual(["DELEGATE", "PRESS"].map((t) => expect.stringMatching(new RegExp(t, "i"))));
  });

  it("only blanks: no delegate's badge (an empty list of ids is not everyone)", () => {
    const plan = layoutBadges(e, { ...base, ids: [], blanks: ["staff"] });
    expect(plan.delegates).toEqual([]);
    expect(plan.blanks).toBe(1);
    expect(plan.data.sheets).toEqual([[{ at: 0, badge: 0 }]]);
  });

  it("--start-at 3: positions 1 and 2 of the first sheet stay empty", () => {
    const plan = layoutBadges(e, { ...base, ids: ["KR-1", "VN-1", "GB-1"], skip: 2 });
    expect(plan.data.sheets.map((s) => s.map((x) => x.at))).toEqual([[2, 3], [0]]);
  });
});
