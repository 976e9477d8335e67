import { describe, expect, it } from "vitest";
import { configurationBound, solveExact, type TypedGrouping } from "../../bench/exact.js";
import { type GroupingProblem, groupingUpperBound, solveGrouping } from "../../src/seating/grouping.js";
import { createRandom, randomInt } from "../../src/seating/random.js";

/**
 * A small fictional gala: guests with a country (the profile) and an organisation (the block),
 * weighed as the banquet weighs them: +2 for different countries, −8 for the same organisation,
 * plus a random part per pair of countries and per organisation and country pair, so that the
 * bound is tried on more than one weight pattern.
 */
function typedInstance(seed: number, n: number, lower: number[], upper: number[]) {
  const r = createRandom(seed);
  const countries = 2 + randomInt(r, 2);
  const orgs = 2 + randomInt(r, 2);
  const cross = Array.from({ length: countries }, () => new Array<number>(countries).fill(0));
  for (let p = 0; p < countries; p++)
    for (let q = p; q < countries; q++) {
      const v = (p === q ? 0 : 2) + randomInt(r, 3) - 1;
      cross[p]![q] = v;
      cross[q]![p] = v;
    }
  const same = Array.from({ length: orgs }, () => -8 + randomInt(r, 5));
  const country = Array.from({ length: n }, () => randomInt(r, countries));
  const org = Array.from({ length: n }, () => randomInt(r, orgs));
  const pair = (a: { c: number; o: number }, b: { c: number; o: number }) =>
    cross[a.c]![b.c]! + (a.o === b.o ? same[a.o]! : 0);
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (i !== j) weights[i * n + j] = pair({ c: country[i]!, o: org[i]! }, { c: country[j]!, o: org[j]! });
  const problem: GroupingProblem = { n, weights, lower, upper };
  const keys = [...new Set(country.map((c, i) => c * orgs + org[i]!))].sort((a, b) => a - b);
  const typeOf = country.map((c, i) => keys.indexOf(c * orgs + org[i]!));
  const of = (t: number) => ({ c: Math.floor(keys[t]! / orgs), o: keys[t]! % orgs });
  const solved = solveGrouping(problem, { seed: 1, timeLimitMs: 60_000, now: () => 0 });
  const start = lower.map((_, g) =>
    keys.map((_, t) => typeOf.filter((x, i) => x === t && solved.group[i] === g).length),
  );
  const typed: TypedGrouping = {
    count: keys.map((_, t) => typeOf.filter((x) => x === t).length),
    profile: keys.map((_, t) => of(t).c),
    block: keys.map((_, t) => of(t).o),
    weight: (t, u) => pair(of(t), of(u)),
    tables: lower.map((l, g) => ({ lower: l, upper: upper[g]! })),
    start,
  };
  return { problem, typed, searched: solved.value, country, org };
}

/**
 * The best split of twelve guests into three tables of four that `keeps` accepts, by brute force
 * (−∞ where none does). Tables are labelled in order of first use, so each split is tried once.
 */
function bestSplit(problem: GroupingProblem, keeps: (group: readonly number[]) => boolean): number {
  let best = Number.NEGATIVE_INFINITY;
  const group = new Array<number>(12).fill(-1);
  const fill = [0, 0, 0];
  const go = (i: number) => {
    if (i === 12) {
      if (!keeps(group)) return;
      let v = 0;
      for (let a = 0; a < 12; a++)
        for (let b = a + 1; b < 12; b++) if (group[a] === group[b]) v += problem.weights[a * 12 + b]!;
      best = Math.max(best, v);
      return;
    }
    const open = Math.min(3, Math.max(-1, ...group.slice(0, i)) + 2);
    for (let g = 0; g < open; g++) {
      if (fill[g] === 4) continue;
      group[i] = g;
      fill[g]!++;
      go(i + 1);
      fill[g]!--;
    }
    group[i] = -1;
  };
  go(0);
  return best;
}

describe("configurationBound (the bench's gala bound)", () => {
  it("is never below the proven optimum, and well below the cheap bound", async () => {
    const cases: [number, number[], number[]][] = [
      [12, [4, 4, 4], [4, 4, 4]],
      [12, [3, 3, 3, 3], [3, 3, 3, 3]],
      [12, [3, 3, 3], [5, 5, 5]],
    ];
    let tight = 0;
    let sharper = 0;
    for (const [n, lower, upper] of cases)
      for (const seed of [1, 2, 3]) {
        const { problem, typed, searched } = typedInstance(seed * 31 + n, n, lower, upper);
        const exact = await solveExact(problem, 120);
        expect(exact.optimal).toBe(true);
        const b = await configurationBound(typed, { integer: { maxArcs: 100_000 } });
        expect(b.converged).toBe(true);
        expect(b.bound).toBeGreaterThanOrEqual(exact.value - 1e-6);
        expect(b.bound).toBeGreaterThanOrEqual(searched - 1e-6);
        if (b.bound < exact.value + 1e-6) tight++;
        if (b.bound < groupingUpperBound(problem) - 1) sharper++;
        // The integer programme over the LP's graph is the instance itself: its optimum is the
        // proven optimum, never above the LP nor below what the search found.
        expect(b.integer?.exact).toBe(true);
        expect(b.integer!.bound).toBeCloseTo(exact.value, 6);
        expect(b.integer!.bound).toBeLessThanOrEqual(b.bound + 1e-6);
      }
    // The LP is exact on most of these, and the cheap bound (each item's best partners) never is.
    expect(tight).toBeGreaterThanOrEqual(6);
    expect(tight).toBeLessThan(9);
    expect(sharper).toBe(9);
  });

  it("with a rule on the tables, is never below the best grouping that keeps it", async () => {
    // Twelve guests in three tables of four; the rule: nobody the only one of their country.
    const rule = (n: readonly number[]) => n.every((k) => k !== 1);
    let lower = 0;
    let feasible = 0;
    let exact = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const { problem, typed, country } = typedInstance(seed * 7, 12, [4, 4, 4], [4, 4, 4]);
      const P = Math.max(...typed.profile) + 1;
      const best = bestSplit(problem, (group) =>
        [0, 1, 2].every((g) => {
          const n = new Array<number>(P).fill(0);
          group.forEach((x, k) => {
            if (x === g) n[country[k]!]!++;
          });
          return rule(n);
        }),
      );
      if (best === Number.NEGATIVE_INFINITY) continue;
      feasible++;
      const plain = await configurationBound(typed);
      const ruled = await configurationBound(
        {
          ...typed,
          tables: typed.tables.map((t) => ({ ...t, rule: true })),
          rule,
        },
        { integer: { maxArcs: 100_000 } },
      );
      expect(ruled.bound).toBeGreaterThanOrEqual(best - 1e-6);
      expect(ruled.bound).toBeLessThanOrEqual(plain.bound + 1e-6);
      if (ruled.bound < plain.bound - 1e-6) lower++;
      // The start (searched without the rule) may break it: the integer bound then starts from a
      // gap of its own, and is the best grouping that keeps the rule wherever it says exact.
      const integer = ruled.integer!;
      expect(integer.bound).toBeGreaterThanOrEqual(best - 1e-6);
      expect(integer.bound).toBeLessThanOrEqual(ruled.bound + 1e-6);
      if (integer.exact) {
        expect(integer.bound).toBeCloseTo(best, 6);
        exact++;
      }
    }
    expect(feasible).toBeGreaterThanOrEqual(3);
    expect(lower).toBeGreaterThanOrEqual(1);
    expect(exact).toBe(feasible);
  });

  it("with linked guests, is the best grouping that seats each linked pair at one table", async () => {
    // Twelve guests in three tables of four; two or three pairs of guests, mostly of different
    // organisations (blocks), must share a table: each such guest a type of their own.
    let crossing = 0;
    let checked = 0;
    // Instances where the links cost something: the optimum without them is higher.
    let binding = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { problem, typed, country, org } = typedInstance(seed * 13 + 5, 12, [4, 4, 4], [4, 4, 4]);
      const r = createRandom(seed);
      const guests = [...Array(12).keys()];
      const orgOf = (i: number) => org[i]!;
      const pairs: [number, number][] = [];
      const used = new Set<number>();
      for (let k = 0; k < 3; k++) {
        const free = guests.filter((i) => !used.has(i));
        const a = free[randomInt(r, free.length)]!;
        // A partner of the same country from another organisation where there is one: pairs
        // that the best grouping without links would often part.
        const alike = free.filter((i) => i !== a && org[i] !== org[a] && country[i] === country[a]);
        const rest = alike.length > 0 ? alike : free.filter((i) => i !== a);
        const b = rest[randomInt(r, rest.length)]!;
        pairs.push([a, b]);
        used.add(a).add(b);
        if (orgOf(a) !== orgOf(b)) crossing++;
      }
      // Types: (country, organisation) as before, each linked guest alone in a type.
      const keyOf = (i: number) => (used.has(i) ? `g${i}` : `${country[i]}:${orgOf(i)}`);
      const keys = [...new Set(guests.map(keyOf))];
      const typeOf = guests.map((i) => keys.indexOf(keyOf(i)));
      const first = (t: number) => guests.find((i) => typeOf[i] === t)!;
      const second = (t: number) => guests.filter((i) => typeOf[i] === t)[1];
      const linked: TypedGrouping = {
        count: keys.map((_, t) => typeOf.filter((x) => x === t).length),
        profile: keys.map((_, t) => country[first(t)]!),
        block: keys.map((_, t) => orgOf(first(t))),
        weight: (t, u) => {
          const b = t === u ? second(t) : first(u);
          return b === undefined ? 0 : problem.weights[first(t) * 12 + b]!;
        },
        tables: typed.tables,
        start: [],
        links: pairs.map(([a, b]) => [typeOf[a]!, typeOf[b]!] as [number, number]),
      };
      const best = bestSplit(problem, (group) => pairs.every(([a, b]) => group[a] === group[b]));
      const unlinked = await configurationBound({ ...linked, links: [] }, { integer: { maxArcs: 100_000 } });
      if (unlinked.integer!.bound > best + 1e-6) binding++;
      const b = await configurationBound(linked, { integer: { maxArcs: 100_000 } });
      expect(b.bound).toBeGreaterThanOrEqual(best - 1e-6);
      expect(b.bound).toBeLessThanOrEqual(unlinked.bound + 1e-6);
      expect(b.integer?.exact).toBe(true);
      expect(b.integer!.bound).toBeCloseTo(best, 6);
      // The optimum's tables: every item once, each link kept, worth the optimum.
      const tables = b.integer!.tables!;
      expect(tables).toHaveLength(3);
      for (const t of keys.keys()) expect(tables.reduce((n, x) => n + x.counts[t]!, 0)).toBe(linked.count[t]);
      for (const [x, y] of linked.links!)
        for (const table of tables) expect(table.counts[x]).toBe(table.counts[y]);
      let worth = 0;
      for (const { counts } of tables)
        for (let t = 0; t < keys.length; t++) {
          worth += ((counts[t]! * (counts[t]! - 1)) / 2) * linked.weight(t, t);
          for (let u = t + 1; u < keys.length; u++) worth += counts[t]! * counts[u]! * linked.weight(t, u);
        }
      expect(worth).toBeCloseTo(best, 6);
      checked++;
    }
    expect(checked).toBe(12);
    expect(crossing).toBeGreaterThanOrEqual(12);
    expect(binding).toBeGreaterThanOrEqual(3);
  });

  it("takes no start for a grouping unless it places every item once", async () => {
    // Three items in two tables of up to two, every pair worth 1: the best is one pair, 1. A start
    // that seats the middle item at both tables is worth 2 and must not be taken for a grouping.
    const b = await configurationBound(
      {
        count: [1, 1, 1],
        profile: [0, 1, 2],
        block: [0, 1, 2],
        weight: (t, u) => (t === u ? 0 : 1),
        tables: [
          { lower: 0, upper: 2 },
          { lower: 0, upper: 2 },
        ],
        start: [
          [1, 1, 0],
          [0, 1, 1],
        ],
      },
      { integer: { maxArcs: 1000 } },
    );
    expect(b.bound).toBeGreaterThanOrEqual(1 - 1e-6);
    expect(b.integer?.bound).toBeGreaterThanOrEqual(1 - 1e-6);
    if (b.integer?.exact) expect(b.integer.bound).toBeCloseTo(1, 6);
  });

  it("refuses weights that its blocks cannot express", async () => {
    await expect(
      configurationBound({
        count: [2, 2, 2, 2],
        profile: [0, 0, 1, 1],
        block: [0, 1, 1, 0],
        // Types 0–2 and 1–3 are both profiles 0 and 1 in different blocks, yet weigh 5 and 1.
        weight: (t, u) => (t + u === 2 && t !== u ? 5 : 1),
        tables: [
          { lower: 4, upper: 4 },
          { lower: 4, upper: 4 },
        ],
        start: [
          [1, 1, 1, 1],
          [1, 1, 1, 1],
        ],
      }),
    ).rejects.toThrow(/different blocks but weigh/);
  });
});
