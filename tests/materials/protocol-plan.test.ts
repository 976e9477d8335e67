import { describe, expect, it } from "vitest";
import {
  planCatererList,
  planProtocolList,
  protocolGuests,
  protocolLanguages,
} from "../../src/materials/protocol/plan.js";
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
      ["Head table", 2, ["Halal×1", "vegetarian×1"]],
      ["Table 2", 2, ["Halal×1"]],
    ]);
    expect(c.totals.map((n) => [n.need, n.count])).toEqual([
      ["Halal", 2],
      ["vegetarian", 1],
    ]);
    expect(c.covers).toBe(4);
  });

  it("puts everyone under No table when there is no seating plan", () => {
    const c = planCatererList(event(), "vi", undefined);
    expect(c.tables.map((t) => [t.table, t.guests])).toEqual([["Chưa xếp bàn", 5]]);
  });
});
