import fc from "fast-check";
import { expect } from "vitest";
import { type GroupingProblem, type GroupingResult, groupingValue } from "../../src/seating/grouping.js";
import { createRandom } from "../../src/seating/random.js";

/** A clock that advances one "millisecond" per call: searches end after the same work on any machine. */
export const ticks = () => {
  let t = 0;
  return () => t++;
};

/** A grouping problem with seeded random weights from −20 to 80. */
export function randomProblem(n: number, lower: number[], upper: number[], seed: number): GroupingProblem {
  const r = createRandom(seed);
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const w = Math.round(r() * 100) - 20;
      weights[i * n + j] = w;
      weights[j * n + i] = w;
    }
  return { n, weights, lower, upper };
}

/** The optimum by enumerating every assignment (small n only; items of one seat, no other rule). */
export function bruteForce(p: GroupingProblem): number {
  const G = p.lower.length;
  const group = new Array<number>(p.n).fill(0);
  let best = Number.NEGATIVE_INFINITY;
  const sizes = new Array<number>(G).fill(0);
  const go = (i: number) => {
    if (i === p.n) {
      if (sizes.every((s, g) => s >= p.lower[g]!)) best = Math.max(best, groupingValue(p, group));
      return;
    }
    for (let g = 0; g < G; g++) {
      if (sizes[g]! >= p.upper[g]!) continue;
      group[i] = g;
      sizes[g]!++;
      go(i + 1);
      sizes[g]!--;
    }
  };
  go(0);
  return best;
}

export type RuleProblem = GroupingProblem &
  Required<Pick<GroupingProblem, "sizes" | "fixed" | "apart" | "resource">>;

/**
 * A seeded problem with every hard rule a banquet has: items of two seats (a guest and their
 * interpreter), items fixed to a group, apart pairs, a resource per group. Tables hold `room`
 * seats over an even share; a table's lower bound is `lowerGap` under its upper one (0 when
 * absent); `budget` draws each group's resource budget (else `n`, never binding); `ties`: weights
 * of that many whole values (0, 1, …), a banquet's kind, where many steps tie at the best gain.
 */
export interface RandomRules {
  room: number;
  lowerGap?: number;
  budget?: (r: () => number) => number;
  ties?: number;
}

export function randomRuleProblem(n: number, G: number, seed: number, rules: RandomRules): RuleProblem {
  const r = createRandom(seed);
  const sizes = Array.from({ length: n }, () => (r() < 0.2 ? 2 : 1));
  const seats = sizes.reduce((a, b) => a + b, 0);
  const upper = Array.from({ length: G }, () => Math.ceil(seats / G) + rules.room);
  const lower = upper.map((u) => (rules.lowerGap === undefined ? 0 : Math.max(0, u - rules.lowerGap)));
  const fixed = sizes.map(() => (r() < 0.1 ? Math.floor(r() * G) : -1));
  const apart: [number, number][] = [];
  for (let k = 0; k < n / 4; k++) {
    const a = Math.floor(r() * n);
    const b = Math.floor(r() * n);
    if (a !== b && !(fixed[a]! >= 0 && fixed[a] === fixed[b])) apart.push([a, b]);
  }
  const use = sizes.map(() => (r() < 0.15 ? 1 : 0));
  const budget = upper.map(() => (rules.budget ? rules.budget(r) : n));
  const p = randomProblem(n, lower, upper, seed);
  if (rules.ties !== undefined)
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        p.weights[i * n + j] = p.weights[j * n + i] = Math.floor(r() * rules.ties);
  return { ...p, sizes, fixed, apart, resource: { use, budget } };
}

/** Every hard rule holds in `group`: sizes in bounds, fixed items in place, apart pairs apart, budgets kept. */
export function expectRules(p: RuleProblem, group: Int32Array): void {
  const G = p.lower.length;
  const load = new Array<number>(G).fill(0);
  const spent = new Array<number>(G).fill(0);
  group.forEach((g, i) => {
    expect(g).toBeGreaterThanOrEqual(0);
    expect(g).toBeLessThan(G);
    load[g]! += p.sizes[i]!;
    spent[g]! += p.resource.use[i]!;
  });
  for (let g = 0; g < G; g++) {
    expect(load[g]).toBeLessThanOrEqual(p.upper[g]!);
    expect(load[g]).toBeGreaterThanOrEqual(p.lower[g]!);
    expect(spent[g]).toBeLessThanOrEqual(p.resource.budget[g]!);
  }
  p.fixed.forEach((g, i) => {
    if (g >= 0) expect(group[i]).toBe(g);
  });
  for (const [a, b] of p.apart) expect(group[a]).not.toBe(group[b]);
}

/**
 * The property every table search is held to: on seeded random problems with every hard rule
 * (`randomRuleProblem`, n items and G groups drawn from the ranges), `solve` keeps each rule and
 * reports its plan's true value, and `also` checks what that search promises beyond it. A random
 * instance may have no plan at all (the search says so by throwing): it is skipped, and at least
 * `minSolved` of the runs must have one, so that the rules are checked on real plans.
 */
export function expectRulesOnRandomProblems(options: {
  n: [number, number];
  G: [number, number];
  rules: RandomRules;
  solve: (p: RuleProblem, seed: number) => GroupingResult;
  also?: (p: RuleProblem, seed: number, result: GroupingResult) => void;
  numRuns: number;
  seed: number;
  minSolved: number;
}): void {
  let solved = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: options.n[0], max: options.n[1] }),
      fc.integer({ min: options.G[0], max: options.G[1] }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      (n, G, seed) => {
        const p = randomRuleProblem(n, G, seed, options.rules);
        let result: GroupingResult;
        try {
          result = options.solve(p, seed);
        } catch {
          return;
        }
        expectRules(p, result.group);
        expect(result.value).toBeCloseTo(groupingValue(p, result.group), 6);
        options.also?.(p, seed, result);
        solved++;
      },
    ),
    { numRuns: options.numRuns, seed: options.seed },
  );
  expect(solved).toBeGreaterThan(options.minSolved);
}
