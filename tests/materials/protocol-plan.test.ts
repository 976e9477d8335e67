import { describe, expect, it } from "vitest";
import {
  planCatererList,
  planProtocolList,
  protocolGuests,
  protocolLanguages,
} from "../../src/materials/protocol/plan.js";
import { PROTOCOL_WORDS } from "../../src/materials/protocol/words.js";
import { check, delegate, session } from "../helpers/make.js";

function event(config = "") {
  const r = check({
    delegates: [
      delegate("VN-1", {
        country: "VN",
        category: "vip",
        precedence: "1",
        given_name: "Minh Tri",
        family_name: "Hoang",
        native_name: "Hoàng Minh Trí",
        language: "vi",
        dietary: "vegetarian",
      }),
      delegate("KR-1", {
        category: "vip",
        precedence: "1",
        given_name: "Kyung-soo",
        family_name: "Oh",
        native_name: "오경수",
        language: "ko",
        arrival: "2024-05-13 14:35",
        dietary: "Halal",
      }),
      delegate("VN-I", { country: "VN", category: "interpreter", interpreter_for: "KR-1", language: "vi" }),
      delegate("VN-S", {
        country: "VN",
        category: "staff",
        given_name: "Thu",
        family_name: "Tran",
        phone: "+84 90 555 0101",
      }),
      delegate("KR-D", { dietary: "halal ", language: "ko" }),
    ],
    sessions: [session("S1")],
    config: `country: VN\nprotocol:\n  liaisons:\n    KR-1: VN-S\n    VN-1: "Ms Le, desk 2"\n${config}`,
  });
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
  return r.event;
}

describe("the protocol list", () => {
  it("lists the ranked guests only, the guest first at equal rank, in the host's then the guests' language", () => {
    const e = event();
    expect(protocolGuests(e).map((d) => d.id)).toEqual(["KR-1", "VN-1"]);
    expect(protocolLanguages(e)).toEqual(["vi", "ko"]);
    expect(protocolLanguages(event("  languages: [en]\n"))).toEqual(["en"]);
  });

  it("names the interpreter, the liaison officer (a delegate, family name first for a Vietnamese, with their phone; or text) and the arrival", () => {
    const list = planProtocolList(event(), "en", new Map([["KR-1", "head"]]));
    const [kr, vn] = list.entries;
    expect(kr).toMatchObject({ order: 1, interpreter: "Baek Ji-woo", liaison: "Tran Thu, +84 90 555 0101" });
    expect(kr!.arrival).toBe("13 May 2024, 14:35");
    expect(kr!.table).toBe("Head table");
    expect(vn).toMatchObject({ order: 2, liaison: "Ms Le, desk 2", table: "", arrival: "" });
  });

  it("writes the arrival as each reader does: the hour before the day in Vietnamese, no comma in Korean", () => {
    expect(planProtocolList(event(), "vi", undefined).entries[0]!.arrival).toBe(
      "14:35 ngày 13 tháng 5 năm 2024",
    );
    expect(planProtocolList(event(), "ko", undefined).entries[0]!.arrival).toBe("2024년 5월 13일 14:35");
  });

  it("gives the Latin line in its owner's spelling, and only where the name line does not show it", () => {
    // Korean list: the Korean's Hangul name gets the romanised line; the Vietnamese name already
    // shows its Latin spelling in brackets (or in full without name_ko).
    const ko = planProtocolList(event(), "ko", undefined).entries;
    expect(ko.map((x) => [x.id, x.latin])).toEqual([
      ["KR-1", "Oh Kyung-soo"],
      ["VN-1", ""],
    ]);
    expect(ko[1]!.name).toContain("Hoàng Minh Trí");
    // Vietnamese list: "Ông Hoàng Minh Trí" is the name line; never "Hoang Minh Tri" below it.
    const vi = planProtocolList(event(), "vi", undefined).entries;
    expect(vi.map((x) => x.latin)).toEqual(["", ""]);
    expect(vi[1]!.name).toBe("Ông/Bà Hoàng Minh Trí");
    expect(PROTOCOL_WORDS("ko").position).toBe("소속");
  });
});

describe("the caterer's list", () => {
  it("counts each need per table and in total, whatever its case and spacing", () => {
    const c = planCatererList(
      event(),
      "en",
      new Map([
        ["KR-1", "head"],
        ["VN-1", "head"],
        ["KR-D", "2"],
        ["VN-I", "2"],
      ]),
    );
    expect(c.tables.map((t) => [t.table, t.guests, t.needs.map((n) => `${n.need}×${n.count}`)])).toEqual([
      ["Head table", 2, ["halal×1", "vegetarian×1"]],
      ["Table 2", 2, ["halal×1"]],
    ]);
    expect(c.totals.map((n) => [n.need, n.count])).toEqual([
      ["halal", 2],
      ["vegetarian", 1],
    ]);
    expect(c.covers).toBe(4);
  });

  it.each([
    ["vi", "vegetarian", "ăn chay"],
    ["vi", "No pork", "không ăn thịt lợn"],
    ["vi", "Halal", "halal"],
    ["ko", "vegetarian", "채식"],
    ["ko", "no  pork", "돼지고기 제외"],
    ["ko", "low salt", "low salt"],
  ] as const)(
    "writes the usual needs in the caterer's language (%s %s → %s), others as written",
    (lang, need, printed) => {
      const e = event();
      const delegates = e.delegates.map((d) => (d.id === "KR-D" ? { ...d, dietary: need } : d));
      const c = planCatererList(
        { ...e, delegates, delegateById: new Map(delegates.map((d) => [d.id, d])) },
        lang,
        new Map([["KR-D", "2"]]),
      );
      expect(c.tables[0]!.needs.map((n) => n.need)).toEqual([printed]);
    },
  );

  it("puts everyone under No table when there is no seating plan", () => {
    const c = planCatererList(event(), "vi", undefined);
    expect(c.tables.map((t) => [t.table, t.guests])).toEqual([["Chưa xếp bàn", 5]]);
  });
});
