import { describe, expect, it } from "vitest";
import { planProgramme } from "../../src/materials/agenda/plan.js";
import { byPrecedence, comparePrecedence, isRanked, rankOf } from "../../src/model/precedence.js";
import type { Delegate } from "../../src/model/types.js";
import { check, delegate, session } from "../helpers/make.js";

type P = Pick<Delegate, "id" | "precedence" | "position" | "category" | "country" | "line">;
let line = 1;
const person = (id: string, extra: Partial<P> = {}): P => ({
  id,
  category: "delegate",
  country: id.slice(0, 2),
  line: ++line,
  ...extra,
});
const ids = (list: readonly P[]) => list.map((d) => d.id);

describe("rankOf: the precedence column, else the office, else the category", () => {
  it.each([
    [{ en: "Vice Minister of Trade, Industry and Energy" }, 3],
    [{ ko: "산업통상자원부 차관" }, 3],
    [{ vi: "Thứ trưởng Bộ Công Thương" }, 3],
    [{ en: "Minister of Foreign Affairs" }, 2],
    [{ vi: "Bộ trưởng Bộ Ngoại giao" }, 2],
    [{ en: "Deputy Prime Minister" }, 2],
    [{ en: "Prime Minister" }, 1],
    [{ ko: "국회의원" }, 3],
    [{ vi: "Đại biểu Quốc hội" }, 3],
    [{ en: "Ambassador of the Republic of Korea to Viet Nam" }, 3],
    [{ en: "Vice Chairman of the People's Committee of Ho Chi Minh City" }, 4],
    [{ vi: "Phó Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh" }, 4],
    [{ vi: "Chủ tịch Ủy ban nhân dân tỉnh Bình Dương" }, 3],
    [{ en: "Vice Mayor for Economic Affairs" }, 4],
    [{ en: "Director of the Department of Planning and Investment" }, 5],
  ])("%o is an office of level %i", (position, level) => {
    expect(rankOf({ category: "delegate", position })).toMatchObject({ source: "office", value: level });
  });

  it("does not read an office into words that only contain one", () => {
    // 대사관 is the embassy, not the ambassador; a counsellor there has no office rank.
    expect(rankOf({ category: "delegate", position: { ko: "주한 베트남 대사관 참사관" } }).source).toBe(
      "category",
    );
    expect(rankOf({ category: "speaker", position: { en: "Chief Executive Officer" } })).toEqual({
      source: "category",
      value: 2,
    });
  });

  it("takes the number first and never ranks an interpreter", () => {
    expect(rankOf({ category: "vip", precedence: 7, position: { en: "Minister" } })).toEqual({
      source: "precedence",
      value: 7,
    });
    expect(isRanked({ category: "interpreter", precedence: 1 })).toBe(false);
    expect(isRanked({ category: "vip" })).toBe(true);
    expect(isRanked({ category: "delegate", position: { en: "Member of the National Assembly" } })).toBe(
      true,
    );
    expect(isRanked({ category: "speaker" })).toBe(false);
  });
});

describe("comparePrecedence", () => {
  it("puts the guest before the host at equal rank, whichever country's id sorts first", () => {
    const kr = person("KR-004", { precedence: 1, category: "vip" });
    const vn = person("VN-001", { precedence: 1, category: "vip" });
    // Hosted in Viet Nam: the Korean guest first. Hosted in Korea: the Vietnamese guest first.
    expect(ids(byPrecedence([vn, kr], "VN"))).toEqual(["KR-004", "VN-001"]);
    expect(ids(byPrecedence([kr, vn], "KR"))).toEqual(["VN-001", "KR-004"]);
  });

  it("breaks the remaining ties by the row order of delegates.csv, not by id", () => {
    const a = person("ZZ-9", { country: "KR", line: 5 });
    const b = person("AA-1", { country: "KR", line: 9 });
    expect(comparePrecedence("VN")(a, b)).toBeLessThan(0);
  });

  it("orders numbers, then offices, then categories", () => {
    const list = [
      person("KR-CEO", { category: "speaker" }),
      person("VN-MIN", { position: { en: "Minister of Industry and Trade" } }),
      person("KR-VIP", { category: "vip" }),
      person("KR-9", { precedence: 9 }),
      person("VN-2", { precedence: 2 }),
      person("KR-2", { precedence: 2 }),
      person("VN-DEL"),
    ];
    expect(ids(byPrecedence(list, "VN"))).toEqual([
      "KR-2",
      "VN-2",
      "KR-9",
      "VN-MIN",
      "KR-VIP",
      "KR-CEO",
      "VN-DEL",
    ]);
  });
});

describe("speakers in the programme follow precedence", () => {
  it("prints a session's speakers by rank, not in sessions.csv order, the moderator apart", () => {
    const r = check({
      delegates: [
        delegate("VN-CEO", {
          country: "VN",
          category: "speaker",
          given_name: "Van An",
          family_name: "Nguyen",
        }),
        delegate("VN-VC", {
          country: "VN",
          given_name: "Minh Tri",
          family_name: "Hoang",
          position: "Vice Chairman of the People's Committee of Ho Chi Minh City",
        }),
        delegate("KR-MP", { category: "vip", precedence: "1", family_name: "Moon", given_name: "Seung-min" }),
        delegate("VN-MP", {
          country: "VN",
          category: "vip",
          precedence: "1",
          family_name: "Ho",
          given_name: "Thu Hang",
        }),
        delegate("KR-MOD", { category: "organiser", family_name: "Park", given_name: "Ha-eun" }),
      ],
      sessions: [
        session("OPEN", { speakers: "VN-CEO;VN-VC;VN-MP;KR-MP", moderator: "KR-MOD", audience: "all" }),
      ],
      config: "country: VN\n",
    });
    if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
    const item = planProgramme(r.event, "en", { fonts: [] }).days[0]!.blocks[0]!.columns[0]!.items[0]!;
    // Rank 1 both: the Korean guest first; then the office (vice chair); then the category.
    expect(item.speakers.map((s) => s.id)).toEqual(["KR-MP", "VN-MP", "VN-VC", "VN-CEO"]);
    expect(item.moderator?.id).toBe("KR-MOD");
  });
});
