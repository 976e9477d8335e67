import {
  budgetOf,
  candidatesPerScan,
  fewWeightValues,
  GroupingInfeasible,
  type GroupingOptions,
  type GroupingProblem,
  type GroupingResult,
  samplesSteps,
  solveGrouping,
} from "./grouping.js";
import { createRandom, randomInt } from "./random.js";

/**
 * Tuned on MDGPLIB n = 120 (bench/seating.ts, seeds 1–5, 4.5·10^8 work, about 3 s here): 40 plans
 * shrinking to 6, a quarter of the budget for the first plans, and about 62.5·n² of work (a hundred
 * tabu iterations) for each child: RanReal ds 0.615 → 0.252 %, Geo ds 0.332 → 0.054 %, all 18
 * instances 0.257 → 0.108 % against the tabu search alone with the same work.
 */
const WORK_PER_PLAN = 781; // × n², over the whole run: 40 plans at 4.5·10^8 work for n = 120
const CHILD_WORK = 62.5; // × n², up to n = 120 (childWorkFor)
/** The fewest children the budget after the first plans must hold before a child's search grows. */
const MIN_CHILDREN = 600;

/**
 * The work of a child's search: 62.5·n² (about a hundred iterations of full scans) up to n = 120,
 * then growing with (n/120)², as a child of more items has more of them to put right, each step at
 * a scan's cost that grows with n²; but not past what leaves `MIN_CHILDREN` children in the work
 * `rest` after the first plans (never under 62.5·n², so the default budgets are as they were).
 * MDGPLIB RanReal n = 240 at 1.2·10^10 work (about 19 s here), seeds 1–5 of its six instances:
 * 125·n² 0.213 %, 250·n² (this rule) 0.148 %, 500·n² 0.190 % below the best known.
 */
export function childWorkFor(n: number, rest: number): number {
  const base = CHILD_WORK * n * n;
  return Math.max(base, Math.min(base * Math.max(1, (n / 120) ** 2), rest / MIN_CHILDREN));
}
const MAX_POPULATION = 40;
/** Fewer plans than this and the crossover has too little to choose from: the tabu search alone. */
const MIN_POPULATION = 6;
/** Children in a row that no plan could be made from, before the search gives up on crossing. */
const MAX_BARREN = 50;

const populationFor = (n: number, work: number) =>
  Math.min(MAX_POPULATION, Math.floor(work / (WORK_PER_PLAN * n * n)));

const movableOf = (p: GroupingProblem) => (p.fixed ? p.fixed.filter((f) => f < 0).length : p.n);

/**
 * Where the tabu search alone samples its steps (grouping.ts `samplesSteps`: about 410 movable
 * items at tables of ten). A child's short search of sampled steps is no search, so the memetic
 * search runs there only with full scans, where the bounded scan makes them cheap: weights of
 * many values (grouping.ts `fewWeightValues`), not a banquet's.
 */
export const sampledScale = (p: GroupingProblem) => samplesSteps(movableOf(p), p.lower.length);

/**
 * Whether full scans pay at that scale: weights of many values (few ties, grouping.ts
 * `fewWeightValues`) at tables of 16 or more on average, where the bound's own work (2·m·G a scan
 * for m items) is at most half of the m²/4 candidates past which the scan stops using it. MDGPLIB
 * n = 480 (tables of 24) is such a problem; a banquet (whole-number weights, tables of ten) is not.
 */
export const fullScansPay = (p: GroupingProblem) =>
  !fewWeightValues(p) && 16 * p.lower.length <= movableOf(p);

/** The work a budget allows: its candidates, or its iterations of full scans, whichever binds first. */
function effectiveWork(
  p: GroupingProblem,
  options: Pick<GroupingOptions, "maxIterations" | "maxWork">,
): number {
  const { maxIterations = Number.POSITIVE_INFINITY, maxWork = Number.POSITIVE_INFINITY } = budgetOf(options);
  return Math.min(maxWork, maxIterations * candidatesPerScan(movableOf(p), p.lower.length));
}

/**
 * The table search conclave runs: the memetic search where the budget holds enough plans for it
 * (`MIN_POPULATION`) and the tabu search takes full scans, the tabu search alone otherwise (past
 * about 290 units at the default effort, where its 4·10^8 candidates hold fewer than six plans,
 * and a gala of a thousand, where the tabu search samples its steps). The choice is a function
 * of the problem's size and the budget, so it is as reproducible as the searches.
 */
export function solveTables(p: GroupingProblem, options: GroupingOptions): GroupingResult {
  return tableSearchOf(p, options) === "memetic" ? solveMemetic(p, options) : solveGrouping(p, options);
}

/** Which search `solveTables` runs for a problem and budget. */
export function tableSearchOf(p: GroupingProblem, options: GroupingOptions): "tabu" | "memetic" {
  // The crossover's children are first plans, which the language rule does not hold for.
  if ((sampledScale(p) && !fullScansPay(p)) || p.lower.length < 2 || p.languages) return "tabu";
  return populationFor(p.n, effectiveWork(p, options)) >= MIN_POPULATION ? "memetic" : "tabu";
}

export interface MemeticOptions {
  /** Plans kept at first (default: as many as the budget holds at 781·n² each, up to 40). */
  population?: number;
  /** Plans kept at the end: the population shrinks to it as the budget is spent (default 15 %). */
  finalPopulation?: number;
  /** Share of the work budget spent making the first plans (default 0.25). */
  initShare?: number;
  /** The tabu search's work on each child, as a share of the budget (default: childWorkFor). */
  childShare?: number;
}

/**
 * A memetic search over `solveGrouping`: a few plans made by the tabu search from different
 * seeds, then children made from two of them, each by a crossover that keeps the parents' best
 * groups whole and a short tabu search from there; a child better than the worst plan
 * (and not already held) takes its place. The crossover hands the child, group by group and
 * taking turns between the parents, the parent's group (by its own label, so its bounds and
 * budget stay those of that table) whose members not yet placed weigh most together, per
 * member; what is left is placed as a first plan places it (`start`). Every draw comes from the
 * seeded generator and every step is counted work: the same seed and budget give the same plan.
 */
export function solveMemetic(p: GroupingProblem, options: GroupingOptions & MemeticOptions): GroupingResult {
  const { now } = options;
  const started = now();
  const deadline = started + options.timeLimitMs;
  const random = createRandom(options.seed * 7919 + 17);
  const { maxIterations } = budgetOf(options);
  const { n } = p;
  const atScale = sampledScale(p) && fullScansPay(p);
  const W = effectiveWork(p, options);
  const P = Math.max(2, options.population ?? populationFor(n, W));
  const Pend = Math.max(2, Math.min(P, options.finalPopulation ?? Math.round(P * 0.15)));
  const initShare = options.initShare ?? 0.25;
  const initWork = (W * initShare) / P;
  const childWork =
    options.childShare !== undefined ? W * options.childShare : childWorkFor(n, W * (1 - initShare));
  const G = p.lower.length;
  const D = p.weights;
  let work = 0;
  let iterations = 0;
  let complete = true;
  let subSeed = options.seed * 1_000_003;
  const pool: GroupingResult[] = [];
  const run = (
    start: number[] | undefined,
    budget: number,
    within: GroupingProblem = p,
  ): GroupingResult | undefined => {
    const left = deadline - now();
    // The first plan is always made, as the tabu search alone makes its greedy one: a clock
    // already past the cap cuts the search short, it does not make the banquet infeasible.
    if (left <= 0 && pool.length > 0) {
      complete = false;
      return undefined;
    }
    try {
      const r = solveGrouping(start ? { ...within, start } : within, {
        ...options,
        seed: ++subSeed,
        maxWork: budget,
        ...(maxIterations !== undefined ? { maxIterations } : {}),
        timeLimitMs: Math.max(0, left),
        // Past the tabu search's sampling scale, where they pay (tableSearchOf runs this search
        // there only then; called directly on another problem, its searches sample).
        fullScans: atScale,
      });
      work += r.work;
      iterations += r.iterations;
      if (!r.complete) complete = false;
      return r;
    } catch (e) {
      // A child, a size pattern or a seed's greedy first plan that the rules cannot keep (units
      // of two seats, accessible seats, guests kept apart): no plan from it, and the caller goes
      // on without it; with no plan at all the problem is infeasible (below).
      if (e instanceof GroupingInfeasible) return undefined;
      throw e;
    }
  };

  let best: GroupingResult | undefined;
  let bestAt = 0;
  const offer = (r: GroupingResult) => {
    if (!best || r.value > best.value + 1e-9) {
      best = r;
      bestAt = now() - started;
    }
  };
  // Every second first plan is searched within a size pattern that holds the most pairs (drawn
  // among the ties), the others as the tabu search alone finds them: children then cross plans of
  // both kinds, with the group sizes free again.
  const patternOf = p.start ? undefined : pairRichestSizes(p);
  for (let k = 0; k < P && complete; k++) {
    const seats = k % 2 === 1 && patternOf ? patternOf(random) : undefined;
    const r =
      (seats && run(undefined, initWork, { ...p, lower: seats, upper: seats })) || run(undefined, initWork);
    // No plan from this seed: the next one's may place the guests (once the clock has run out,
    // the loop ends with the plans made so far).
    if (!r) continue;
    offer(r);
    pool.push(r);
  }
  if (!best) throw new GroupingInfeasible("no plan could be made");
  if (options.target !== undefined && best.value >= options.target - 1e-9) return finish(best);
  // One plan is nothing to cross: the rest of the budget searches on from it.
  if (pool.length < 2) {
    const r = complete && work < W ? run(Array.from(best.group), W - work) : undefined;
    if (r) offer(r);
    return finish(best);
  }

  const taken = new Uint8Array(n);
  const child = new Array<number>(n);
  /** The members of each group of a plan. */
  const membersOf = (group: Int32Array) => {
    const m: number[][] = Array.from({ length: G }, () => []);
    for (let i = 0; i < n; i++) m[group[i]!]!.push(i);
    return m;
  };
  const crossover = (a: Int32Array, b: Int32Array, truncate: boolean) => {
    taken.fill(0);
    child.fill(-1);
    const ma = membersOf(a);
    const mb = membersOf(b);
    // Items fixed to a group stay there (solveGrouping places them first).
    const fixed = p.fixed;
    if (fixed)
      for (let i = 0; i < n; i++)
        if (fixed[i]! >= 0) {
          child[i] = fixed[i]!;
          taken[i] = 1;
        }
    const labelUsed = new Uint8Array(G);
    let turn = randomInt(random, 2);
    for (let step = 0; step < G; step++, turn ^= 1) {
      const members = turn === 0 ? ma : mb;
      let pick = -1;
      let pickScore = Number.NEGATIVE_INFINITY;
      for (let g = 0; g < G; g++) {
        if (labelUsed[g]) continue;
        const free = members[g]!.filter((i) => !taken[i]);
        if (free.length === 0) continue;
        let sum = 0;
        for (let x = 0; x < free.length; x++) {
          const row = free[x]! * n;
          for (let y = x + 1; y < free.length; y++) sum += D[row + free[y]!]!;
        }
        work += (free.length * (free.length - 1)) / 2;
        // Pairs' weight per member: a whole good group, not merely a big one.
        const score = sum / free.length + random() * 1e-9;
        if (score > pickScore) {
          pickScore = score;
          pick = g;
        }
      }
      if (pick < 0) break;
      labelUsed[pick] = 1;
      let room = truncate ? p.lower[pick]! : p.upper[pick]!;
      for (const i of members[pick]!) {
        if (taken[i] || room <= 0) continue;
        child[i] = pick;
        taken[i] = 1;
        room -= p.sizes?.[i] ?? 1;
      }
    }
    return child.slice();
  };

  const worstOf = () => {
    let worst = 0;
    for (let k = 1; k < pool.length; k++) if (pool[k]!.value < pool[worst]!.value) worst = k;
    return worst;
  };
  const better = (r: GroupingResult) => {
    const worst = worstOf();
    if (r.value <= pool[worst]!.value + 1e-9) return;
    if (pool.some((q) => Math.abs(q.value - r.value) <= 1e-9)) return;
    pool[worst] = r;
  };
  let barren = 0;
  while (work < W && complete) {
    if (options.target !== undefined && best.value >= options.target - 1e-9) break;
    const x = randomInt(random, pool.length);
    let y = randomInt(random, pool.length - 1);
    if (y >= x) y++;
    const a = pool[x]!.group;
    const b = pool[y]!.group;
    const budget = Math.min(childWork, W - work);
    const r = run(crossover(a, b, false), budget) ?? run(crossover(a, b, true), budget);
    if (!r) {
      // Children that no plan can be made from (rules the parents' tables cannot keep together):
      // after a run of them the search ends with the best plan it has, rather than spinning.
      if (!complete || ++barren >= MAX_BARREN) break;
      continue;
    }
    barren = 0;
    offer(r);
    better(r);
    // The population shrinks as the budget is spent: many plans to draw from early, then
    // children of the best few.
    const target = Math.max(2, Math.round(P - (P - Pend) * Math.min(1, work / W)));
    while (pool.length > target) pool.splice(worstOf(), 1);
  }
  return finish(best);

  function finish(r: GroupingResult): GroupingResult {
    return { group: r.group, value: r.value, iterations, work, complete, bestAtMs: bestAt };
  }
}

/**
 * Where groups may differ in size, the size pattern decides much of a plan's value: with pairs
 * worth w̄ on average, a plan is worth about w̄ · Σ s(s−1)/2, so for w̄ > 0 the patterns that put
 * the most seats into the fewest groups, within their bounds. A search from the greedy plan
 * settles on whichever pattern it reaches first and seldom leaves it (MDGPLIB Geo n120 ds 01,
 * seeds 2 and 5: Σ s² 1,538 against 1,546, 0.66 % below the other seeds). This draws such a
 * pattern, the seats of each group, by a dynamic programme over the groups (ties drawn at random).
 * Undefined where the sizes are fixed or pairs are worth nothing on average.
 */
export function pairRichestSizes(p: GroupingProblem): ((random: () => number) => number[]) | undefined {
  const { n } = p;
  const G = p.lower.length;
  if (p.lower.every((l, g) => l === p.upper[g])) return undefined;
  const size = p.sizes ?? new Array<number>(n).fill(1);
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sum += p.weights[i * n + j]!;
  if (!(sum > 0)) return undefined;
  const total = size.reduce((a, b) => a + b, 0);
  const best: Float64Array[] = Array.from({ length: G + 1 }, () => new Float64Array(total + 1).fill(-1));
  best[G]![0] = 0;
  for (let g = G - 1; g >= 0; g--)
    for (let t = 0; t <= total; t++)
      for (let s = p.lower[g]!; s <= Math.min(p.upper[g]!, t); s++) {
        const rest = best[g + 1]![t - s]!;
        if (rest < 0) continue;
        const v = rest + (s * (s - 1)) / 2;
        if (v > best[g]![t]!) best[g]![t] = v;
      }
  if (best[0]![total]! < 0) return undefined;
  return (random: () => number) => {
    const seats = new Array<number>(G);
    for (let g = 0, t = total; g < G; g++) {
      const ties: number[] = [];
      for (let s = p.lower[g]!; s <= Math.min(p.upper[g]!, t); s++) {
        const rest = best[g + 1]![t - s]!;
        if (rest >= 0 && rest + (s * (s - 1)) / 2 === best[g]![t]) ties.push(s);
      }
      const s = ties[randomInt(random, ties.length)]!;
      seats[g] = s;
      t -= s;
    }
    return seats;
  };
}
