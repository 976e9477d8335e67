import { describe, expect, it } from "vitest";
import { planSeating } from "../../src/seating/banquet.js";
import { tableNumbers } from "../../src/seating/layout.js";
import { DEFAULT_WEIGHTS } from "../../src/seating/score.js";
import { check, delegate, session, venue } from "../helpers/make.js";

/**
 * A banquet of 40 in Viet Nam: a head table of 4, six round tables of 6. Eight VIPs ranked in
 * pairs (KR 1, VN 1, KR 2, VN 2, …), two interpreters, 30 delegates of both countries.
 */
function banquet(config = "") {
  const rows = [];
  for (let r = 1; r <= 4; r++)
    for (const c of ["KR", "VN"])
      rows.push(
        delegate(`${c}-V${r}`, {
          country: c,
          category: "vip",
          precedence: String(r),
          given_name: `Vip${r}`,
          family_name: c === "KR" ? "Kim" : "Nguyen",
          organisation: `${c} Ministry ${r}`,
          sessions: "GALA",
        }),
      );
  rows.push(
    delegate("VN-I1", { country: "VN", category: "interpreter", interpreter_for: "KR-V1", sessions: "GALA" }),
  );
  rows.push(
    delegate("VN-I2", { country: "VN", category: "interpreter", interpreter_for: "VN-V1", sessions: "GALA" }),
  );
  for (let k = 1; k <= 30; k++)
    rows.push(
      delegate(`${k % 2 ? "KR" : "VN"}-D${k}`, {
        country: k % 2 ? "KR" : "VN",
        given_name: `Guest${k}`,
        organisation: `Company ${k}`,
        sessions: "GALA",
      }),
    );
  const r = check({
    delegates: rows,
    venues: [
      venue("HALL", {
        layout: "banquet",
        capacity: "60",
        tables: "6",
        seats_per_table: "6",
        head_table_seats: "4",
      }),
    ],
    sessions: [session("GALA", { type: "banquet", seating: "assigned", start: "19:00", end: "21:00" })],
    config: `country: VN\n${config}`,
  });
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
  const event = r.event;
  return planSeating({
    event,
    session: event.sessionById.get("GALA")!,
    weights: DEFAULT_WEIGHTS,
    seed: 1,
    effort: 0.1,
    timeLimitMs: 60_000,
    now: () => 0,
  });
}

const tableOf = (r: ReturnType<typeof banquet>, id: string) => r.seats.find((s) => s.delegate === id)?.table;

describe("round tables by rank", () => {
  it("seats the VIPs who do not fit at the head table at the tables nearest it, never the last", () => {
    const r = banquet();
    expect(r.report.hard.filter((h) => !h.ok)).toEqual([]);
    // Head: 4 seats for KR-V1 + interpreter, VN-V1 + interpreter (guest before host at rank 1).
    expect(
      r.seats
        .filter((s) => s.table === "head")
        .map((s) => s.delegate)
        .sort(),
    ).toEqual(["KR-V1", "VN-I1", "VN-I2", "VN-V1"].sort());
    // The other six VIPs: at most three a table, from table 1 (the nearest) on.
    const vipTables = ["KR-V2", "VN-V2", "KR-V3", "VN-V3", "KR-V4", "VN-V4"].map((id) => tableOf(r, id));
    expect(vipTables).toEqual(["1", "1", "1", "2", "2", "2"]);
    for (const t of ["5", "6"]) expect(vipTables).not.toContain(t);
  });

  it("numbers the tables from the head table, skipping 4 when asked: there is no table 4", () => {
    const r = banquet("seating:\n  numbering:\n    skip: [4]\n");
    expect(r.tables.map((t) => t.id)).toEqual(["head", "1", "2", "3", "5", "6", "7"]);
    expect(r.seats.some((s) => s.table === "4")).toBe(false);
    expect(r.seats.filter((s) => s.table === "7").length).toBeGreaterThan(0);
    // Still the nearest tables for rank: table 1 is beside the head table.
    expect(tableOf(r, "KR-V2")).toBe("1");
  });

  it("puts the interpreters behind the head table when asked: the four seats go to the top four", () => {
    const r = banquet("seating:\n  head_table:\n    interpreters: behind\n");
    expect(r.report.hard.filter((h) => !h.ok)).toEqual([]);
    const head = r.seats.filter((s) => s.table === "head");
    // Long table of 4: host VN-V1 at 3, guest of honour KR-V1 on the host's right (2), KR-V2 on
    // the host's left (4), VN-V2 at 1.
    expect(head.map((s) => [s.seat, s.delegate])).toEqual([
      [1, "VN-V2"],
      [2, "KR-V1"],
      [3, "VN-V1"],
      [4, "KR-V2"],
    ]);
    expect(r.behind).toEqual([
      { delegate: "VN-I1", principal: "KR-V1" },
      { delegate: "VN-I2", principal: "VN-V1" },
    ]);
  });

  it("seats a round top table with the host at seat 1 facing the door", () => {
    const r = banquet("seating:\n  head_table:\n    custom: round\n    interpreters: behind\n");
    const head = new Map(r.seats.filter((s) => s.table === "head").map((s) => [s.seat, s.delegate]));
    // Host VN-V1 at 1, co-host (the host country's next, VN-V2) opposite at 3, the guest of
    // honour KR-V1 on the host's right (4), KR-V2 on the co-host's right (2).
    expect([...head].sort((a, b) => a[0] - b[0])).toEqual([
      [1, "VN-V1"],
      [2, "KR-V2"],
      [3, "VN-V2"],
      [4, "KR-V1"],
    ]);
  });
});

describe("table numbers", () => {
  it("skips numbers, puts table 1 at the far end, or odd and even on either side of the aisle", () => {
    expect(tableNumbers(6, { skip: [4, 13], first: "nearest_head", sides: "none" })).toEqual([
      1, 2, 3, 5, 6, 7,
    ]);
    expect(tableNumbers(4, { skip: [], first: "far_end", sides: "none" })).toEqual([4, 3, 2, 1]);
    // Nearest first, alternating left and right of the aisle: 1 | 2, 3 | 6 (4 skipped), 5 | 8.
    expect(tableNumbers(6, { skip: [4], first: "nearest_head", sides: "odd_even" })).toEqual([
      1, 2, 3, 6, 5, 8,
    ]);
    expect(tableNumbers(5, { skip: [], first: "far_end", sides: "odd_even" })).toEqual([5, 4, 3, 2, 1]);
  });
});

describe("free seats at the head table", () => {
  it("go to the next guests by precedence, never to staff, press or interpreters", () => {
    const rows = [
      delegate("KR-V1", { country: "KR", category: "vip", precedence: "1", sessions: "GALA" }),
      delegate("VN-V1", { country: "VN", category: "vip", precedence: "1", sessions: "GALA" }),
      delegate("VN-I1", {
        country: "VN",
        category: "interpreter",
        interpreter_for: "KR-V1",
        sessions: "GALA",
      }),
      delegate("VN-S1", { country: "VN", category: "staff", sessions: "GALA" }),
      delegate("KR-P1", { country: "KR", category: "press", sessions: "GALA" }),
      delegate("KR-SP1", { country: "KR", category: "speaker", sessions: "GALA" }),
      delegate("VN-D1", { country: "VN", sessions: "GALA" }),
      delegate("KR-D2", { country: "KR", sessions: "GALA" }),
      delegate("VN-D3", { country: "VN", sessions: "GALA" }),
    ];
    const r = check({
      delegates: rows,
      venues: [
        venue("HALL", {
          layout: "banquet",
          capacity: "20",
          tables: "2",
          seats_per_table: "6",
          head_table_seats: "4",
        }),
      ],
      sessions: [session("GALA", { type: "banquet", seating: "assigned", start: "19:00", end: "21:00" })],
      config: "country: VN\nseating:\n  head_table:\n    interpreters: behind\n",
    });
    const event = r.event!;
    const plan = planSeating({
      event,
      session: event.sessionById.get("GALA")!,
      weights: DEFAULT_WEIGHTS,
      seed: 1,
      effort: 0.1,
      timeLimitMs: 60_000,
      now: () => 0,
    });
    const head = plan.seats.filter((s) => s.table === "head").map((s) => s.delegate);
    expect(head).toHaveLength(4);
    // The two VIPs, then the speaker (category rank 2), then a delegate: the guest country's
    // before the host's (Viet Nam) at equal rank.
    expect(new Set(head)).toEqual(new Set(["KR-V1", "VN-V1", "KR-SP1", "KR-D2"]));
    expect(plan.behind).toEqual([{ delegate: "VN-I1", principal: "KR-V1" }]);
    expect(plan.report.problems.join("\n")).not.toMatch(/head-table seat/);
  });
});
