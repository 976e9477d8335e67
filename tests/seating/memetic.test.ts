import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupingValue, solveGrouping, workBudget } from "../../src/seating/grouping.js";
import { solveMemetic, solveTables, tableSearchOf } from "../../src/seating/memetic.js";
import { bruteForce, expectRules, randomProblem, randomRuleProblem, ticks } from "./problems.js";

const clock = () => ticks();
const open = { timeLimitMs: 1e12 };

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
    // Past 440 items the tabu search samples its steps: the tabu search alone, whatever the budget.
    const p500 = randomProblem(500, new Array(50).fill(10), new Array(50).fill(10), 2);
    expect(tableSearchOf(p500, { seed: 1, ...open, maxWork: 1e12, now: clock() })).toBe("tabu");
    const small = { seed: 3, ...open, maxWork: 3e4, now: clock() };
    const q = randomProblem(20, [5, 5, 5, 5], [5, 5, 5, 5], 9);
    expect(tableSearchOf(q, small)).toBe("tabu");
    expect(Array.from(solveTables(q, small).group)).toEqual(
      Array.from(solveGrouping(q, { ...small, now: clock() }).group),
    );
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
    let solved = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, G, seed) => {
          const p = randomRuleProblem(n, G, seed, {
            room: 1,
            lowerGap: 3,
            budget: (r) => 1 + Math.floor(r() * 2),
          });
          const o = { seed, ...open, maxWork: 40 * n * n * 8, population: 8 };
          let result: ReturnType<typeof solveMemetic>;
          try {
            result = solveMemetic(p, { ...o, now: clock() });
          } catch {
            return; // a random instance may have no plan at all
          }
          expectRules(p, result.group);
          expect(result.value).toBeCloseTo(groupingValue(p, result.group), 6);
          expect(Array.from(solveMemetic(p, { ...o, now: clock() }).group)).toEqual(Array.from(result.group));
          solved++;
        },
      ),
      { numRuns: 60, seed: 20231129 },
    );
    expect(solved).toBeGreaterThan(30);
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
});
