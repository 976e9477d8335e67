import { describe, expect, it } from "vitest";
import { checkedGala } from "../../bench/gala.js";
import { generateEvent } from "../../bench/generate.js";
import type { Event, Session } from "../../src/model/types.js";
import { pairWeights, planSeating, type SeatingResult } from "../../src/seating/banquet.js";
import type { GroupingMemo, RememberedGrouping } from "../../src/seating/memo.js";
import { DEFAULT_WEIGHTS } from "../../src/seating/score.js";
import { galaEvent, galaFiles } from "./busy.js";

describe("the language repair after the table search", () => {
  it("leaves nobody alone with their language and keeps most of what the search found", () => {
    // The generated 200-guest gala: 15 % of the guests speak English, and the search alone
    // spreads them one a table, so the repair has a few dozen guests to move.
    const { event, session } = checkedGala(generateEvent(220, 20, 7, { gala: 200 }));
    const result = planSeating({
      event,
      session,
      weights: DEFAULT_WEIGHTS,
      seed: 1,
      timeLimitMs: 60_000,
      now: () => performance.now(),
    });
    const round = new Set(result.tables.filter((t) => t.kind === "round").map((t) => t.id));
    const seated = result.seats.filter((s) => round.has(s.table));
    const guests = seated.map((s) => event.delegateById.get(s.delegate)!);
    const w = pairWeights(guests, new Map(), DEFAULT_WEIGHTS);
    let pairs = 0;
    let alone = 0;
    for (let a = 0; a < guests.length; a++) {
      const mates = seated.flatMap((s, b) => (b !== a && s.table === seated[a]!.table ? [b] : []));
      for (const b of mates) if (b > a) pairs += w(a, b);
      const d = guests[a]!;
      if (d.category !== "interpreter" && !mates.some((b) => guests[b]!.language === d.language)) alone++;
    }
    expect(alone).toBe(0);
    // The pairs without the prefer wishes (which the first search's objective of 800 includes):
    // taking the first swap that worked left 580 here, taking the cheapest leaves 766.
    expect(pairs).toBeGreaterThanOrEqual(0.95 * result.firstObjective!);
    // The second search keeps the rule and starts from the repaired plan: never above the first.
    expect(result.objective!).toBeLessThanOrEqual(result.firstObjective!);
  });
});

describe("rounds of the table search at gala scale", () => {
  it("seat a 1,000-guest gala with nobody alone with their language, the same plan again, remembered as a whole", () => {
    const { event, session } = galaEvent(1000);
    const store = new Map<string, RememberedGrouping>();
    let recalled = 0;
    const memo: GroupingMemo = {
      recall: (k) => {
        const v = store.get(k);
        if (v) recalled++;
        return v;
      },
      remember: (k, v) => {
        store.set(k, v);
      },
    };
    // A quarter of the default effort: four rounds (a round for each 25·n² of the budget).
    const seat = (withMemo?: GroupingMemo) =>
      planSeating({
        event,
        session,
        weights: DEFAULT_WEIGHTS,
        seed: 2,
        effort: 0.25,
        timeLimitMs: 600_000,
        now: () => performance.now(),
        ...(withMemo ? { memo: withMemo } : {}),
      });
    const fresh = seat();
    expect(fresh.complete).toBe(true);
    expect(fresh.report.hard.every((h) => h.violations.length === 0)).toBe(true);
    expect(aloneAt(event, fresh)).toBe(0);
    // The rounds' second searches keep the rule: the plan holds what the first search found, less
    // what being among speakers of one's language costs, and never more than it.
    expect(fresh.objective!).toBeLessThanOrEqual(fresh.firstObjective!);
    expect(fresh.objective!).toBeGreaterThanOrEqual(0.97 * fresh.firstObjective!);
    // One record for all the rounds, and the same plan from it as from the search.
    const first = seat(memo);
    expect(store.size).toBe(1);
    expect(first.seats).toEqual(fresh.seats);
    const again = seat(memo);
    expect(recalled).toBe(1);
    expect(again.seats).toEqual(fresh.seats);
    expect(again.work).toBe(fresh.work);
  }, 120_000);
});

describe("the rounds' record in the build state", () => {
  it("is not answered for a plan where a guest placed by rank is now fixed to that table by seating.csv", () => {
    // D71 is placed at table 2 by rank, and the language repair moves them (to table 64, seed 1):
    // the table search's problem is the same with a fixed-table wish for D71 at table 2, but
    // the repair may no longer move them, so a remembered plan of the rounds must not answer.
    const files = galaFiles(1000);
    const before = checkedGala(files);
    const fixed = checkedGala({
      ...files,
      "seating.csv": `${files["seating.csv"]!.trimEnd()}\nfixed-table,D71,2,must,GALA,\n`,
    });
    const store = new Map<string, RememberedGrouping>();
    const memo: GroupingMemo = { recall: (k) => store.get(k), remember: (k, v) => void store.set(k, v) };
    const seat = (e: { event: Event; session: Session }) =>
      planSeating({
        ...e,
        weights: DEFAULT_WEIGHTS,
        seed: 1,
        effort: 0.25,
        timeLimitMs: 600_000,
        now: () => performance.now(),
        memo,
      });
    const tableOf = (r: SeatingResult, id: string) => r.seats.find((s) => s.delegate === id)?.table;
    expect(tableOf(seat(before), "D71")).not.toBe("2");
    const after = seat(fixed);
    expect(tableOf(after, "D71")).toBe("2");
    expect(after.report.hard.every((h) => h.violations.length === 0)).toBe(true);
    expect(store.size).toBe(2);
  }, 120_000);
});

/** Guests at a round table where nobody else speaks their language (interpreters work, and do not count). */
function aloneAt(event: Event, result: SeatingResult): number {
  const round = new Set(result.tables.filter((t) => t.kind === "round").map((t) => t.id));
  const seated = result.seats.filter((s) => round.has(s.table));
  const guest = (id: string) => event.delegateById.get(id)!;
  let alone = 0;
  for (const s of seated) {
    const d = guest(s.delegate);
    if (d.category === "interpreter") continue;
    const others = seated.filter(
      (o) => o !== s && o.table === s.table && guest(o.delegate).category !== "interpreter",
    );
    if (!others.some((o) => guest(o.delegate).language === d.language)) alone++;
  }
  return alone;
}
