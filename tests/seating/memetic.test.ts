import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInstance } from "../../bench/mdgplib.js";
import {
  candidatesPerScan,
  fewWeightValues,
  GroupingInfeasible,
  type GroupingProblem,
  groupingValue,
  solveGrouping,
  workBudget,
} from "../../src/seating/grouping.js";
import {
  childWorkFor,
  fullScansPay,
  pairRichestSizes,
  sampledScale,
  solveMemetic,
  solveTables,
  tableSearchOf,
} from "../../src/seating/memetic.js";
import { createRandom } from "../../src/seating/random.js";
import { bruteForce, expectRulesOnRandomProblems, randomProblem, ticks } from "./problems.js";

const clock = () => ticks();
const open = { timeLimitMs: 1e12 };

/** The problem with a different decimal part added to each pair's weight (MDGPLIB's kind: many values), the diagonal 0. */
const withDecimals = (p: GroupingProblem): GroupingProblem => ({
  ...p,
  weights: p.weights.map((w, k) => {
    const [i, j] = [Math.floor(k / p.n), k % p.n];
    return i === j ? 0 : w + ((Math.min(i, j) * 7 + Math.max(i, j)) % 991) / 100;
  }),
});

describe("the memetic table search", () => {
  it("is what conclave runs where the budget holds enough plans, the tabu search elsewhere", () => {
    const p120 = randomProblem(120, new Array(12).fill(10), new Array(12).fill(10), 1);
    // A banquet of 120 at half the default effort (4,000 iterations of full scans): too few plans,
    // the tabu search; at the default effort (8,000 iterations) six plans fit, the memetic search.
    expect(tableSearchOf(p120, { seed: 1, ...open, ...workBudget(0.5), now: clock() })).toBe("tabu");
    expect(tableSearchOf(p120, { seed: 1, ...open, now: clock() })).toBe("memetic");
    expect(tableSearchOf(p120, { seed: 1, ...open, ...workBudget(1), now: clock() })).toBe("memetic");
    // Twice the effort, or a budget of candidates alone (the MDGPLIB yardstick): the memetic search.
    expect(tableSearchOf(p120, { seed: 1, ...open, ...workBudget(2), now: clock() })).toBe("memetic");
    expect(tableSearchOf(p120, { seed: 1, ...open, maxWork: 4.5e8, now: clock() })).toBe("memetic");
    // Past 10^5 candidates a scan (500 items in 50 groups) the tabu search samples its steps: the
    // tabu search alone, whatever the budget, with a banquet's kind of weights (few whole values).
    const p500 = randomProblem(500, new Array(50).fill(10), new Array(50).fill(10), 2);
    expect(tableSearchOf(p500, { seed: 1, ...open, maxWork: 1e12, now: clock() })).toBe("tabu");
    // The same criterion as the tabu search's own: 430 items in 43 groups are 110,295 candidates
    // a scan, sampled, so no memetic search there either (it once waited for 440 items).
    const p430 = randomProblem(430, new Array(43).fill(10), new Array(43).fill(10), 3);
    expect(sampledScale(p430)).toBe(true);
    expect(tableSearchOf(p430, { seed: 1, ...open, maxWork: 1e12, now: clock() })).toBe("tabu");
    const p400 = randomProblem(400, new Array(40).fill(10), new Array(40).fill(10), 4);
    expect(sampledScale(p400)).toBe(false);
    // Weights of many values (decimals, MDGPLIB's kind) at tables of 16 or more: the bounded scan
    // makes full scans cheap at that scale, so a budget that holds the plans runs the memetic search
    // (with full scans); the tabu search alone still samples there (a default budget holds few full
    // scans), and at tables of ten the bound's own work is too much: the tabu search.
    const wide = withDecimals(randomProblem(500, new Array(20).fill(25), new Array(20).fill(25), 5));
    const narrow = withDecimals(p500);
    expect(fewWeightValues(p500)).toBe(true);
    expect(fewWeightValues(wide)).toBe(false);
    expect([sampledScale(wide), fullScansPay(wide), fullScansPay(narrow), fullScansPay(p500)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(tableSearchOf(wide, { seed: 1, ...open, ...workBudget(1), now: clock() })).toBe("tabu");
    expect(tableSearchOf(wide, { seed: 1, ...open, maxWork: 1e12, now: clock() })).toBe("memetic");
    expect(tableSearchOf(narrow, { seed: 1, ...open, maxWork: 1e12, now: clock() })).toBe("tabu");
    const small = { seed: 3, ...open, maxWork: 3e4, now: clock() };
    const q = randomProblem(20, [5, 5, 5, 5], [5, 5, 5, 5], 9);
    expect(tableSearchOf(q, small)).toBe("tabu");
    expect(Array.from(solveTables(q, small).group)).toEqual(
      Array.from(solveGrouping(q, { ...small, now: clock() }).group),
    );
  });

  it("searches a child longer as n grows past 120, never shorter than 62.5·n², while 600 children fit", () => {
    // Up to 120 items, 62.5·n² whatever the budget.
    for (const n of [30, 106, 120])
      for (const rest of [1e6, 3e8, 1e12]) expect(childWorkFor(n, rest)).toBe(62.5 * n * n);
    // 240 items: 62.5·n² at the default budget (3·10^8 after the first plans), four times that
    // (250·n²) at the yardstick's 1.2·10^10 (9·10^9 after them).
    expect(childWorkFor(240, 3e8)).toBe(62.5 * 240 * 240);
    expect(childWorkFor(240, 9e9)).toBe(250 * 240 * 240);
    // 480 items at 1.2·10^11: sixteen times would leave fewer than 600 children, so 9·10^10 / 600.
    expect(childWorkFor(480, 9e10)).toBe(1.5e8);
  });

  it("runs full scans past the sampling scale where they pay, the plan within the rules and reproducible", () => {
    const p = randomProblem(450, new Array(18).fill(25), new Array(18).fill(25), 8);
    const wide = withDecimals(p);
    expect(sampledScale(wide) && fullScansPay(wide)).toBe(true);
    const options = { seed: 2, ...open, maxWork: 8 * 781 * 450 * 450 };
    const a = solveMemetic(wide, { ...options, now: clock() });
    const b = solveMemetic(wide, { ...options, now: clock() });
    expect(Array.from(a.group)).toEqual(Array.from(b.group));
    expect(a.value).toBeCloseTo(groupingValue(wide, a.group), 6);
    // A full scan's work per iteration (a sampled step counts about 20,000), on every search.
    expect(a.work / a.iterations).toBeGreaterThan(0.99 * candidatesPerScan(450, 18));
    const sizes = new Array<number>(18).fill(0);
    for (const g of a.group) sizes[g]!++;
    expect(sizes.every((s) => s === 25)).toBe(true);
    // Its searches alone, asked for full scans, count the same way; without, they sample.
    const full = solveGrouping(wide, { ...options, maxWork: 2e7, fullScans: true, now: clock() });
    const sampled = solveGrouping(wide, { ...options, maxWork: 2e7, now: clock() });
    expect(full.work / full.iterations).toBe(candidatesPerScan(450, 18));
    expect(sampled.work / sampled.iterations).toBeLessThan(candidatesPerScan(450, 18) / 2);
  });

  it("finds the optimum of small instances, and the same plan for the same seed and budget", () => {
    for (const [n, lower, upper] of [
      [9, [3, 3, 3], [3, 3, 3]],
      [10, [2, 2, 2], [4, 5, 3]],
    ] as const) {
      const p = randomProblem(n, [...lower], [...upper], n * 31);
      const best = bruteForce(p);
      for (const seed of [1, 2]) {
        const o = { seed, ...open, maxWork: 2e5, population: 6 };
        const a = solveMemetic(p, { ...o, now: clock() });
        const b = solveMemetic(p, { ...o, now: clock() });
        expect(a.value).toBeCloseTo(best, 6);
        expect(a.value).toBeCloseTo(groupingValue(p, a.group), 6);
        expect(Array.from(b.group)).toEqual(Array.from(a.group));
        expect(a.complete).toBe(true);
        expect(a.work).toBeGreaterThan(0);
      }
    }
  });

  it("never breaks a hard rule: sizes, seats per item, fixed groups, apart pairs, resource budgets (property)", () => {
    const options = (n: number, seed: number) => ({ seed, ...open, maxWork: 40 * n * n * 8, population: 8 });
    expectRulesOnRandomProblems({
      n: [8, 40],
      G: [2, 6],
      rules: { room: 1, lowerGap: 3, budget: (r) => 1 + Math.floor(r() * 2) },
      solve: (p, seed) => solveMemetic(p, { ...options(p.n, seed), now: clock() }),
      // The same seed and budget, the same plan.
      also: (p, seed, result) =>
        expect(Array.from(solveMemetic(p, { ...options(p.n, seed), now: clock() }).group)).toEqual(
          Array.from(result.group),
        ),
      numRuns: 60,
      seed: 20231129,
      minSolved: 30,
    });
  });

  it("stops at the time cap and says so", () => {
    const p = randomProblem(60, new Array(6).fill(10), new Array(6).fill(10), 4);
    const r = solveMemetic(p, { seed: 1, timeLimitMs: 200, maxWork: 1e9, now: clock() });
    expect(r.complete).toBe(false);
    expect(r.value).toBeCloseTo(groupingValue(p, r.group), 6);
    // A clock already past the cap: still a plan (the greedy one), said to be cut short.
    const late = solveMemetic(p, { seed: 1, timeLimitMs: 0, maxWork: 1e9, now: clock() });
    expect(late.complete).toBe(false);
    expect(late.group.every((g) => g >= 0 && g < 6)).toBe(true);
  });

  it("draws size patterns that hold the most pairs, within every group's bounds", () => {
    const pairs = (seats: number[]) => seats.reduce((sum, s) => sum + (s * (s - 1)) / 2, 0);
    // Three groups of 2 to 4 and 9 items: 4 + 3 + 2 in any order (10 pairs) is the most, 3 + 3 + 3 (9) is not.
    const p = randomProblem(9, [2, 2, 2], [4, 4, 4], 5);
    const draw = pairRichestSizes(p)!;
    const random = createRandom(3);
    const seen = new Set<string>();
    for (let k = 0; k < 40; k++) {
      const seats = draw(random);
      expect(seats.reduce((a, b) => a + b, 0)).toBe(9);
      expect(pairs(seats)).toBe(10);
      seen.add(seats.join(","));
    }
    // The ties are drawn at random: all six orders come up.
    expect(seen.size).toBe(6);
    // Units of two seats count two, and bounds that differ by group are kept.
    const units = { ...randomProblem(6, [2, 3, 0], [6, 4, 2], 6), sizes: [2, 2, 1, 1, 1, 1] };
    const u = pairRichestSizes(units)!(random);
    expect(u).toEqual([5, 3, 0]);
    // Fixed sizes, or pairs worth nothing on average: no pattern to choose.
    expect(pairRichestSizes(randomProblem(9, [3, 3, 3], [3, 3, 3], 5))).toBeUndefined();
    const negative = randomProblem(9, [2, 2, 2], [4, 4, 4], 5);
    expect(
      pairRichestSizes({ ...negative, weights: negative.weights.map((w) => -Math.abs(w) - 1) }),
    ).toBeUndefined();
  });

  // MDGPLIB Geo n120 ds 01 (../shared/bench/mdgplib/, beside the clone in CI): before the first plans
  // included pair-richest size patterns, seeds 2 and 5 settled on Σ s² = 1,538 (0.66 % under the best
  // known value), seeds 1, 3 and 4 on 1,546.
  const geo = path.resolve(import.meta.dirname, "../../../shared/bench/mdgplib/Geo_n120_ds_01.txt");
  it.skipIf(!existsSync(geo))(
    "reaches the pattern of the best plans on every seed (MDGPLIB Geo n120 ds 01)",
    async () => {
      const p = await readInstance(geo);
      for (const seed of [2, 5]) {
        const r = solveTables(p, { seed, ...open, maxWork: 4.5e8, now: clock() });
        const seats = new Array<number>(p.lower.length).fill(0);
        for (const g of r.group) seats[g]!++;
        expect(seats.reduce((sum, s) => sum + s * s, 0)).toBe(1546);
        expect(r.value).toBeGreaterThan(111_867.794 * (1 - 0.001));
      }
    },
    60_000,
  );
  it("makes a first plan where a greedy pass in drawn order cannot, and crosses from it", () => {
    // Two guests need the two accessible seats, both at table 0; a greedy pass that seats others
    // there first cannot place the second of them (most drawn orders here). The pass made again
    // with those guests first can.
    const p = {
      ...randomProblem(12, [4, 4, 4], [4, 4, 4], 5),
      resource: { use: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], budget: [2, 0, 0] },
    };
    const budget = { ...open, maxWork: 2e5, now: clock() };
    for (let seed = 1; seed <= 20; seed++) {
      for (const r of [
        solveGrouping(p, { ...budget, seed }),
        solveMemetic(p, { ...budget, seed, population: 2 }),
        solveMemetic(p, { ...budget, seed, population: 6 }),
      ]) {
        expect([r.group[0], r.group[1]]).toEqual([0, 0]);
        expect(r.value).toBeCloseTo(groupingValue(p, Array.from(r.group)), 6);
        expect(r.work).toBeGreaterThan(0);
      }
    }
    // Where no order can: infeasible, as before (three guests, two accessible seats).
    const q = { ...p, resource: { use: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], budget: [2, 0, 0] } };
    expect(() => solveGrouping(q, { ...budget, seed: 1 })).toThrow(GroupingInfeasible);
    expect(() => solveMemetic(q, { ...budget, seed: 1, population: 6 })).toThrow(GroupingInfeasible);
  });
});
