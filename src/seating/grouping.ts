import { createRandom, randomInt } from "./random.js";

/**
 * The problem under a seating plan: split items into groups whose sizes lie in [lb, ub],
 * maximising the sum of the weights of the pairs that share a group (the maximally diverse
 * grouping problem, MDGP). Seating adds what a banquet needs: items that stand for several seats
 * (a guest with their interpreter), items fixed to a group, pairs that must never share a group,
 * and a per-group budget of a resource (accessible seats).
 */
export interface GroupingProblem {
  n: number;
  /** Symmetric n×n weights, row-major, 0 on the diagonal (the tables of sums count it). */
  weights: Float64Array;
  lower: readonly number[];
  upper: readonly number[];
  /** Seats each item takes (default 1). Group sizes count seats. */
  sizes?: readonly number[];
  /** Group an item must stay in (-1: free). */
  fixed?: readonly number[];
  /** Pairs that must never share a group. */
  apart?: readonly (readonly [number, number])[];
  /** Units of a resource each item uses, and each group's budget (accessible seats). */
  resource?: { use: readonly number[]; budget: readonly number[] };
  /**
   * What item i adds to the objective in group g, n×G row-major (default 0): the cost of moving a
   * guest away from their previous table (seating.weights.move) enters here, so that a re-solve
   * moves someone only when the pairs they gain outweigh it.
   */
  bias?: Float64Array;
  /**
   * Where a re-solve starts: the group each item had in the previous plan (-1: none, a new
   * guest). Such items are placed back there first, where it still fits; the others are placed
   * as in a first plan, and the search goes on from there.
   */
  start?: readonly number[];
  /**
   * The languages at each table: `spoken[k]`, a code for the language of each guest of item k who
   * speaks for themselves (interpreters do not), and `alone[k]`, the languages of item k whose one
   * speaker in it needs company (a guest with no interpreter; a number for one language, -1 for
   * none): that guest is alone with their language at a table where nobody else speaks it. Given, the search takes no step that leaves more guests alone than before it,
   * so a plan the language repair has cleared (banquet.ts) stays clear while it improves.
   */
  languages?: { spoken: readonly (readonly number[])[]; alone: readonly (number | readonly number[])[] };
}

export interface GroupingOptions {
  seed: number;
  /**
   * Safety cap on the wall clock, in milliseconds: the search stops at the first check past it even
   * if its work budget is not spent, and the result says so (`complete: false`), because a run cut
   * by the clock depends on the machine's speed and load and is not reproducible.
   */
  timeLimitMs: number;
  /**
   * The work budget: the search stops after this many iterations or after looking at this many
   * candidate moves and swaps, whichever comes first. Counted work rather than time makes the
   * result the same on every machine for a seed. Without either, the default budget
   * (`workBudget(1)`).
   */
  maxIterations?: number;
  maxWork?: number;
  /** Stop early once this value is reached (e.g. a proven optimum). */
  target?: number;
  /** Tabu tenure: iterations a moved item stays put (plus a random part of the same size). */
  tenure?: number;
  /** Iterations without a new best before the search is perturbed. */
  stall?: number;
  /** The clock, from the caller: the solver itself reads no time (tests pass a counter). */
  now: () => number;
  /**
   * How the swap scan reads the pairs (scanSwaps), for the tests that prove both ways give the same
   * plans and for measuring what the bound saves: "every pair" never skips one; "bounded" skips
   * what the bound allows on every iteration, even where that costs more. By default, the bound
   * where it pays.
   */
  swapScan?: "every pair" | "bounded";
  /**
   * Full scans past the scale where the search samples its steps (samplesSteps): the memetic
   * search's, where weights of many values at tables of 16 or more let the bounded scan make a
   * full scan cheap there (memetic.ts, fullScansPay). Counted work is then a full scan's, as
   * below that scale.
   */
  fullScans?: boolean;
}

export interface GroupingResult {
  group: Int32Array;
  value: number;
  iterations: number;
  /** Candidate moves and swaps looked at: the work the budget counts. */
  work: number;
  /**
   * True when the search ended on its own terms (work budget, target, nothing to move); false when
   * the time cap cut it short: then another run, or another machine, may give another result.
   */
  complete: boolean;
  /** Milliseconds from the start to the best solution found. */
  bestAtMs: number;
  /** Iterations whose swaps went through the bounded scan (scanSwaps), for tests and benchmarks. */
  boundedScans?: number;
}

/**
 * The default work budget, times `effort` (seating.effort): 8,000 iterations (what banquets of a
 * few hundred guests had before, when they finished within the old 3 s), or 400 million candidate
 * moves and swaps looked at, which binds first past about 300 guests (an iteration looks at every
 * move and every swap, about n²/2) and keeps a 3,000-guest gala to a few seconds (76 iterations).
 */
export function workBudget(effort = 1): { maxIterations: number; maxWork: number } {
  return { maxIterations: Math.max(1, Math.round(8000 * effort)), maxWork: 4e8 * effort };
}

/** Candidates a full scan looks at: every move of `movable` items to another of `G` groups, every swap. */
export function candidatesPerScan(movable: number, G: number): number {
  return movable * (G - 1) + (movable * (movable - 1)) / 2;
}

/**
 * Whether the tabu search samples its steps for `movable` items in `G` groups: past 10^5
 * candidates a scan (about 410 items at tables of ten; see solveGrouping).
 */
export function samplesSteps(movable: number, G: number): boolean {
  return candidatesPerScan(movable, G) > 1e5;
}

/** Distinct pair weights past which a problem's swaps seldom tie (fewWeightValues). */
const MANY_WEIGHT_VALUES = 256;

/**
 * Whether the pair weights take few values (at most 256): a banquet's, made of whole-number rule
 * weights (8 distinct at 200 guests, 13 at 1,000), where a thousand swaps an iteration tie at the
 * best gain and the bounded scan cannot skip them, unlike weights with decimals (MDGPLIB's: tens
 * of thousands of values). Stops counting at the 257th value. Where they take many, the memetic
 * search runs past the scale where the tabu search samples (memetic.ts, tableSearchOf), with full
 * scans (MDGPLIB RanReal n = 480, 1.2·10^11 work, seeds 1–5: 0.172 % below the best known in 93 s,
 * against 0.381 and 0.49 % on seeds 1–2 for the tabu search sampling, 1.5·10^10 in 72 s).
 */
export function fewWeightValues(p: Pick<GroupingProblem, "n" | "weights">): boolean {
  // Once per weight table: a banquet's rounds and searches share one (at 1,000 guests 32 searches
  // of a table of half a million pairs, which counted afresh took 0.35 s in all).
  const known = fewValuesOf.get(p.weights);
  if (known !== undefined) return known;
  const seen = new Set<number>();
  let few = true;
  for (let i = 0; i < p.n && few; i++)
    for (let j = i + 1; j < p.n; j++) {
      seen.add(p.weights[i * p.n + j]!);
      if (seen.size > MANY_WEIGHT_VALUES) {
        few = false;
        break;
      }
    }
  fewValuesOf.set(p.weights, few);
  return few;
}
const fewValuesOf = new WeakMap<Float64Array, boolean>();

/** The budget of `options`: its own limits, or the default budget when it gives none. */
export function budgetOf(options: Pick<GroupingOptions, "maxIterations" | "maxWork">): {
  maxIterations?: number;
  maxWork?: number;
} {
  return options.maxIterations === undefined && options.maxWork === undefined
    ? workBudget(1)
    : {
        ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
        ...(options.maxWork !== undefined ? { maxWork: options.maxWork } : {}),
      };
}

export class GroupingInfeasible extends Error {}

/** What the full swap scan reads (see solveGrouping): the tables by position among the movable items. */
interface SwapScan {
  m: number;
  G: number;
  movable: Int32Array;
  gp: Int32Array;
  op: Float64Array;
  CTp: Float64Array;
  Dp: Float64Array;
  C: Float64Array;
  tabuUntil: Float64Array;
  /** The least of Dp (twice the least weight between two movable items). */
  dpMin: number;
  // Scratch, filled by each scan: move gains by position (delta[x·G + b]: item x to group b), their
  // most by group pair (most[b·G + a]: the best of b's items moving to a), the positions of each
  // group in order (members, from first[g]), a cursor into each, and the groups a row still needs.
  delta: Float64Array;
  most: Float64Array;
  members: Int32Array;
  first: Int32Array;
  cursor: Int32Array;
  open: Int32Array;
  wanted: Uint8Array;
  /** The iteration from which the bounded scan is tried again, and the wait after it if it does not pay (scanSwaps). */
  probeAt: number;
  probeEvery: number;
  boundedScans: number;
  /** The bound on every iteration, whether it pays or not (options.swapScan "bounded"). */
  always: boolean;
}

/**
 * Every swap of two movable items in different groups whose gain reaches `floor`, in order, each
 * handed to `take` (which returns the new floor). The floor is a local, renewed only when a
 * candidate is taken, not read from the search's best gain for each of the m²/2 pairs. Functions
 * of their own, apart from the search's closure, so that the engine compiles these loops, where an
 * iteration spends most of its time, once and small, not again each time the search's long body
 * meets a path it has not run yet.
 *
 * Two ways, the same candidates to `take` in the same order, so the same plans: every pair
 * (scanAll), or only the pairs a bound on their gain lets through (scanBounded). The bound pays
 * where gains spread wide and few swaps come near the best (MDGPLIB: about 1,100 of 28,680 pairs
 * looked at, n = 240), not where many are close to it (a gala's small whole weights: nearly every
 * pair passes, and the bound's own m·G work is extra). So the scan keeps the bound while it looks at
 * fewer than half the pairs, and otherwise tries it again after 32 iterations, then 64, up to 1,024; the choice is made
 * from counts, not the clock, and is as reproducible as the search.
 */
function scanSwaps(
  s: SwapScan,
  iter: number,
  floor: number,
  take: (gain: number, i: number, j: number, b: number, tabu: boolean) => number,
): void {
  if (iter < s.probeAt) {
    scanAll(s, iter, floor, take);
    return;
  }
  s.boundedScans++;
  if (scanBounded(s, iter, floor, take) < (s.m * (s.m - 1)) / 4 || s.always) s.probeEvery = PROBE;
  else {
    s.probeAt = iter + s.probeEvery;
    s.probeEvery = Math.min(MAX_PROBE, 2 * s.probeEvery);
  }
}

/** Iterations before the bounded scan is tried again where it looked at too many pairs, doubling while it does. */
const PROBE = 32;
const MAX_PROBE = 1024;

/** Every pair, in order. */
function scanAll(
  s: SwapScan,
  iter: number,
  floor: number,
  take: (gain: number, i: number, j: number, b: number, tabu: boolean) => number,
): void {
  for (let x = 0; x < s.m; x++) floor = scanRow(s, iter, x, floor, take, false);
}

/**
 * Row x of the scan: its swaps with the later items of other groups (only those `wanted` marks,
 * if `filtered`), in order, each whose gain reaches the floor handed to `take`; returns the floor
 * after them.
 */
function scanRow(
  s: SwapScan,
  iter: number,
  x: number,
  floor: number,
  take: (gain: number, i: number, j: number, b: number, tabu: boolean) => number,
  filtered: boolean,
): number {
  const { m, G, movable, gp, op, CTp, Dp, C, tabuUntil, wanted } = s;
  const i = movable[x]!;
  const a = gp[x]!;
  const base = op[x]!;
  const row = x * m;
  const rowC = i * G;
  const colA = a * m;
  const ti = tabuUntil[i]! > iter;
  for (let y = x + 1; y < m; y++) {
    const b = gp[y]!;
    if (a === b || (filtered && wanted[b] === 0)) continue;
    const gain = C[rowC + b]! - base + CTp[colA + y]! - op[y]! - Dp[row + y]!;
    if (gain < floor) continue;
    const j = movable[y]!;
    floor = take(gain, i, j, b, ti || tabuUntil[j]! > iter);
  }
  return floor;
}

/**
 * The pairs whose gain can reach the floor, in order, and how many candidates that looked at.
 * A swap's gain is what each item gains moving to the other's group, less twice their weight:
 * gain(x, y) = delta[x][b] + delta[y][a] − Dp[x][y] ≤ delta[x][b] + most[b][a] − dpMin. So a row x
 * skips every group b whose bound is under the floor, and looks only at the later members of the
 * groups left, in the order of the full scan: the candidates skipped are exactly those the full
 * scan would have found under its floor at that point (the bound is loosened by far more than its
 * rounding).
 */
function scanBounded(
  s: SwapScan,
  iter: number,
  floor: number,
  take: (gain: number, i: number, j: number, b: number, tabu: boolean) => number,
): number {
  const {
    m,
    G,
    movable,
    gp,
    op,
    CTp,
    Dp,
    C,
    tabuUntil,
    dpMin,
    delta,
    most,
    members,
    first,
    cursor,
    open,
    wanted,
  } = s;
  let looked = 2 * m * G;
  first.fill(0);
  for (let y = 0; y < m; y++) first[gp[y]! + 1]!++;
  for (let g = 0; g < G; g++) {
    first[g + 1]! += first[g]!;
    cursor[g] = first[g]!;
  }
  for (let y = 0; y < m; y++) members[cursor[gp[y]!]!++] = y;
  most.fill(Number.NEGATIVE_INFINITY);
  let scale = Math.abs(dpMin);
  for (let y = 0; y < m; y++) {
    const rowC = movable[y]! * G;
    const o = op[y]!;
    const at = gp[y]! * G;
    const dy = y * G;
    if (Math.abs(o) > scale) scale = Math.abs(o);
    for (let a = 0; a < G; a++) {
      const c = C[rowC + a]!;
      if (Math.abs(c) > scale) scale = Math.abs(c);
      const d = c - o;
      delta[dy + a] = d;
      if (d > most[at + a]!) most[at + a] = d;
    }
  }
  // The bound adds and subtracts in another order than the gain: a few units in the last place of
  // the largest term apart at most, far inside this.
  const slack = 1e-9 * (1 + 4 * scale);
  for (let g = 0; g < G; g++) cursor[g] = first[g]!;
  for (let x = 0; x < m; x++) {
    const a = gp[x]!;
    // cursor[g]: g's first member after x (every earlier one was a row already).
    cursor[a]!++;
    const dx = x * G;
    const reach = floor + dpMin - slack;
    let k = 0;
    for (let b = 0; b < G; b++) {
      if (b === a || cursor[b] === first[b + 1] || delta[dx + b]! + most[b * G + a]! < reach) continue;
      open[k++] = b;
    }
    if (k === 0) continue;
    if (k > 2) {
      // Many groups left (a floor still low): the row as the full scan reads it, those groups only.
      for (let t = 0; t < k; t++) wanted[open[t]!] = 1;
      looked += m - x;
      floor = scanRow(s, iter, x, floor, take, true);
      for (let t = 0; t < k; t++) wanted[open[t]!] = 0;
      continue;
    }
    const i = movable[x]!;
    const base = op[x]!;
    const row = x * m;
    const rowC = i * G;
    const colA = a * m;
    const ti = tabuUntil[i]! > iter;
    // One or two groups: their later members, merged in order of position.
    const b0 = open[0]!;
    const b1 = k === 2 ? open[1]! : -1;
    let u = cursor[b0]!;
    const uEnd = first[b0 + 1]!;
    let v = b1 >= 0 ? cursor[b1]! : 0;
    const vEnd = b1 >= 0 ? first[b1 + 1]! : 0;
    looked += uEnd - u + vEnd - v;
    while (u < uEnd || v < vEnd) {
      let y: number;
      let b: number;
      if (v >= vEnd || (u < uEnd && members[u]! < members[v]!)) {
        y = members[u++]!;
        b = b0;
      } else {
        y = members[v++]!;
        b = b1;
      }
      const gain = C[rowC + b]! - base + CTp[colA + y]! - op[y]! - Dp[row + y]!;
      if (gain < floor) continue;
      const j = movable[y]!;
      floor = take(gain, i, j, b, ti || tabuUntil[j]! > iter);
    }
  }
  return looked;
}

/** Greedy passes made again, in another order, before a problem is called infeasible. */
const CONSTRUCTION_RETRIES = 4;

/**
 * Iterated tabu search: a greedy construction that respects every hard rule, then a tabu search
 * over two neighbourhoods (move one item to another group; swap two items of different groups),
 * each move's gain computed incrementally from the table C[i][g] = sum of weights from item i to
 * the members of group g; when the search stalls, a perturbation of the best solution restarts it.
 */
export function solveGrouping(p: GroupingProblem, options: GroupingOptions): GroupingResult {
  const { now } = options;
  const started = now();
  const deadline = started + options.timeLimitMs;
  const random = createRandom(options.seed);
  const { n, weights: D } = p;
  const G = p.lower.length;
  const size = p.sizes ?? new Array<number>(n).fill(1);
  const fixed = p.fixed ?? new Array<number>(n).fill(-1);
  const use = p.resource?.use ?? new Array<number>(n).fill(0);
  const budget = p.resource?.budget ?? new Array<number>(G).fill(Number.POSITIVE_INFINITY);
  const conflicts: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of p.apart ?? []) {
    conflicts[a]!.push(b);
    conflicts[b]!.push(a);
  }
  const hasConflicts = (p.apart?.length ?? 0) > 0;

  const group = new Int32Array(n).fill(-1);
  const load = new Float64Array(G); // seats used
  const spent = new Float64Array(G); // resource used
  // C[i·G + g]: the weights from item i to the members of g, plus i's bias for g. A bias is a
  // constant offset of C, so every move and swap gain below stays exact without a term of its own.
  const C = p.bias ? Float64Array.from(p.bias) : new Float64Array(n * G);
  // The same table by group (CT[g·n + k] = C[k·G + g]) and each item's weight to its own group
  // (own[k] = C[k·G + group[k]]): the swap scan reads them in order of k, where C by rows would
  // jump G places per item, a cache miss each at thousands of guests. Same sums, same bits.
  const CT = new Float64Array(G * n);
  /** CT of an empty plan: the biases alone (again when a first plan is made anew). */
  const emptyByGroup = () => {
    CT.fill(0);
    if (p.bias) for (let k = 0; k < n; k++) for (let g = 0; g < G; g++) CT[g * n + k] = p.bias[k * G + g]!;
  };
  emptyByGroup();
  const own = new Float64Array(n);
  // The full swap scan's tables by position among the movable items (x, y below) instead of by
  // item: CTp[g·m + y] = CT[g·n + movable[y]], Dp[x·m + y] = 2·D[movable[x]·n + movable[y]] (twice
  // a weight is exact), and per scan each movable item's group and own weight. Copies, so the same
  // sums in the same order and the same plans; the scan reads them in order without looking up
  // movable[y] for each of its m²/2 pairs (the 200-guest gala: 166 of 187 items movable; its plan
  // 1.03–1.10 → 0.96–1.05 s). Set up once the walk starts.
  let CTp = new Float64Array(0);
  let positional: Int32Array | undefined;
  const syncRow = (g: number) => {
    const mv = positional!;
    const mm = mv.length;
    const col = g * n;
    const at = g * mm;
    for (let y = 0; y < mm; y++) CTp[at + y] = CT[col + mv[y]!]!;
  };
  const K = new Int32Array(hasConflicts ? n * G : 0); // conflict partners of i in g
  // Languages: speakers of each language at each group, and of those the guests who could be
  // alone with it (no interpreter, no one of their language in their unit); per item its
  // languages, each once, with its speakers of it.
  const languages = p.languages;
  const alone = languages?.alone.map((a) => Int32Array.from(typeof a === "number" ? (a >= 0 ? [a] : []) : a));
  const L = languages ? 1 + Math.max(0, ...languages.spoken.flat(), ...alone!.flatMap((a) => [...a])) : 0;
  const speakers = new Int32Array(G * L);
  const loners = new Int32Array(G * L);
  const itemLanguages: Int32Array[] = [];
  const itemSpeakers: Int32Array[] = [];
  if (languages)
    for (let k = 0; k < n; k++) {
      const count = new Map<number, number>();
      for (const l of languages.spoken[k] ?? []) count.set(l, (count.get(l) ?? 0) + 1);
      itemLanguages.push(Int32Array.from(count.keys()));
      itemSpeakers.push(Int32Array.from(count.values()));
    }
  const NONE = new Int32Array(0);
  // The hot path reads an item's one such language as a number (-1: none, -2: more than one).
  const aloneOne = Int32Array.from(alone ?? [], (a) => (a.length === 0 ? -1 : a.length === 1 ? a[0]! : -2));
  const lonerOf = (k: number, l: number) =>
    aloneOne[k] === l || (aloneOne[k] === -2 && alone![k]!.includes(l)) ? 1 : 0;
  // Items whose languages, speakers and loneliness are the same leave every table's counts as they
  // were when swapped: one number per such kind, so that moreAlone answers those swaps at once
  // (most of a gala's, where guests of one country share a language).
  const speech = new Int32Array(languages ? n : 0);
  if (languages) {
    const kinds = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      const order = [...itemLanguages[k]!.keys()].sort(
        (x, y) => itemLanguages[k]![x]! - itemLanguages[k]![y]!,
      );
      const sig = `${order.map((x) => `${itemLanguages[k]![x]}:${itemSpeakers[k]![x]}`).join(",")}|${[...alone![k]!].sort((x, y) => x - y)}`;
      if (!kinds.has(sig)) kinds.set(sig, kinds.size);
      speech[k] = kinds.get(sig)!;
    }
  }

  // While the first plan is built, place() keeps the table by group only (CT): adding a guest to
  // group g then writes one row of it in order, where C by items would take a cache miss for each
  // of n items (a first plan of 1,000 items in 100 groups: 8.2 → 6.2 ms). C is CT transposed once
  // the plan is built: the same sums in the same order, the same bits.
  let building = true;
  const place = (i: number, g: number) => {
    group[i] = g;
    load[g]! += size[i]!;
    spent[g]! += use[i]!;
    const row = i * n;
    const col = g * n;
    if (building)
      for (let k = 0; k < n; k++) {
        const d = D[row + k]!;
        CT[col + k]! += d;
        if (group[k] === g) own[k]! += d;
      }
    else
      for (let k = 0; k < n; k++) {
        const d = D[row + k]!;
        C[k * G + g]! += d;
        CT[col + k]! += d;
        if (group[k] === g) own[k]! += d;
      }
    own[i] = CT[col + i]!;
    if (positional) syncRow(g);
    if (hasConflicts) for (const k of conflicts[i]!) K[k * G + g]!++;
    if (alone) {
      const ls = itemLanguages[i]!;
      for (let x = 0; x < ls.length; x++) speakers[g * L + ls[x]!]! += itemSpeakers[i]![x]!;
      if (aloneOne[i]! >= 0) loners[g * L + aloneOne[i]!]!++;
      else if (aloneOne[i] === -2) for (const l of alone[i]!) loners[g * L + l]!++;
    }
  };
  const remove = (i: number) => {
    const g = group[i]!;
    load[g]! -= size[i]!;
    spent[g]! -= use[i]!;
    const row = i * n;
    const col = g * n;
    for (let k = 0; k < n; k++) {
      const d = D[row + k]!;
      C[k * G + g]! -= d;
      CT[col + k]! -= d;
      if (group[k] === g) own[k]! -= d;
    }
    if (positional) syncRow(g);
    if (hasConflicts) for (const k of conflicts[i]!) K[k * G + g]!--;
    if (alone) {
      const ls = itemLanguages[i]!;
      for (let x = 0; x < ls.length; x++) speakers[g * L + ls[x]!]! -= itemSpeakers[i]![x]!;
      if (aloneOne[i]! >= 0) loners[g * L + aloneOne[i]!]!--;
      else if (aloneOne[i] === -2) for (const l of alone[i]!) loners[g * L + l]!--;
    }
    group[i] = -1;
  };
  /** Whether language l at group g leaves a guest alone, with ds more speakers and dl more loners. */
  const lonely = (g: number, l: number, ds: number, dl: number) =>
    speakers[g * L + l]! + ds === 1 && loners[g * L + l]! + dl === 1 ? 1 : 0;
  /** Whether more guests are alone with their language after i moves from a to b and j (if ≥ 0) from b to a. */
  const moreAlone = (i: number, j: number, a: number, b: number) => {
    if (j >= 0 && speech[i] === speech[j]) return false;
    let d = 0;
    const li = itemLanguages[i]!;
    const lj = j >= 0 ? itemLanguages[j]! : NONE;
    // Each language once: i's, then those of j's that i does not speak.
    for (let pass = 0; pass < 2; pass++) {
      const ls = pass === 0 ? li : lj;
      for (let x = 0; x < ls.length; x++) {
        const l = ls[x]!;
        if (pass === 1 && li.includes(l)) continue;
        const si = pass === 0 ? itemSpeakers[i]![x]! : 0;
        const yj = pass === 0 ? lj.indexOf(l) : x;
        const sj = yj >= 0 ? itemSpeakers[j]![yj]! : 0;
        const ds = sj - si;
        const dl = (j >= 0 ? lonerOf(j, l) : 0) - lonerOf(i, l);
        d += lonely(a, l, ds, dl) - lonely(a, l, 0, 0) + lonely(b, l, -ds, -dl) - lonely(b, l, 0, 0);
      }
    }
    return d > 0;
  };

  // Construction: fixed items first, then the rest by decreasing size (interpreter pairs before
  // single guests), each into the group where it gains most among those it may join. Groups still
  // under their lower bound are preferred, so every group reaches lb when the total allows it.
  const tie = Array.from({ length: n }, () => random());
  const byTie = (a: number, b: number) =>
    Number(fixed[b]! >= 0) - Number(fixed[a]! >= 0) || size[b]! - size[a]! || tie[a]! - tie[b]!;
  /** One greedy pass in `order`: undefined when every item is placed, else why not. */
  const construct = (order: readonly number[]): string | undefined => {
    for (const i of order) {
      if (fixed[i]! < 0) continue;
      const g = fixed[i]!;
      if (load[g]! + size[i]! > p.upper[g]! || spent[g]! + use[i]! > budget[g]!)
        return `item ${i} does not fit the group it is fixed to`;
      place(i, g);
    }
    // A re-solve: each item back in its previous group, while that group has room for it.
    if (p.start)
      for (const i of order) {
        const g = p.start[i] ?? -1;
        if (group[i]! >= 0 || g < 0 || g >= G) continue;
        if (load[g]! + size[i]! > p.upper[g]! || spent[g]! + use[i]! > budget[g]!) continue;
        if (hasConflicts && K[i * G + g]! > 0) continue;
        place(i, g);
      }
    for (const i of order) {
      if (group[i]! >= 0) continue;
      let best = -1;
      let bestKey = Number.NEGATIVE_INFINITY;
      for (let g = 0; g < G; g++) {
        if (load[g]! + size[i]! > p.upper[g]! || spent[g]! + use[i]! > budget[g]!) continue;
        if (hasConflicts && K[i * G + g]! > 0) continue;
        const short = load[g]! < p.lower[g]! ? 1e12 : 0;
        const key = short + CT[g * n + i]! + random() * 1e-9;
        if (key > bestKey) {
          bestKey = key;
          best = g;
        }
      }
      if (best < 0) return `item ${i} fits no group`;
      place(i, best);
    }
    for (let g = 0; g < G; g++) if (load[g]! < p.lower[g]!) return `group ${g} cannot reach its lower bound`;
    return undefined;
  };
  let failure = construct([...Array(n).keys()].sort(byTie));
  // A pass can fail on its order alone: guests who need an accessible seat come late, and the
  // tables that have those seats are full of others (a gala of 200 at ten times the effort: one
  // of the memetic search's first plans). The plan is made again with the items that use the
  // resource first, the most constrained first, and those kept apart from others next, before the
  // problem is called infeasible. A pass that succeeded is the plan it always was.
  for (let retry = 0; failure !== undefined && retry < CONSTRUCTION_RETRIES; retry++) {
    group.fill(-1);
    load.fill(0);
    spent.fill(0);
    own.fill(0);
    K.fill(0);
    speakers.fill(0);
    loners.fill(0);
    emptyByGroup();
    for (let k = 0; k < n; k++) tie[k] = random();
    const order = [...Array(n).keys()].sort(
      (a, b) =>
        Number(fixed[b]! >= 0) - Number(fixed[a]! >= 0) ||
        use[b]! - use[a]! ||
        conflicts[b]!.length - conflicts[a]!.length ||
        byTie(a, b),
    );
    failure = construct(order);
  }
  if (failure !== undefined) throw new GroupingInfeasible(failure);

  for (let k = 0; k < n; k++) for (let g = 0; g < G; g++) C[k * G + g] = CT[g * n + k]!;
  building = false;

  // Σ C counts each pair twice and each bias once: (Σ C + Σ bias) / 2 is pairs + biases.
  let value = 0;
  for (let i = 0; i < n; i++) value += C[i * G + group[i]!]! + (p.bias?.[i * G + group[i]!] ?? 0);
  value /= 2;

  const best = Int32Array.from(group);
  let bestValue = value;
  let bestAt = now() - started;
  // Typed, as the swap scan reads it n²/2 times an iteration.
  const movable = Int32Array.from([...Array(n).keys()].filter((i) => fixed[i]! < 0));
  if (movable.length === 0 || G < 2)
    return { group: best, value: bestValue, iterations: 0, work: 0, complete: true, bestAtMs: bestAt };

  const tabuUntil = new Float64Array(n);
  // Tuned on the MDGPLIB n = 120 instances (bench/seating.ts): a short tabu tenure, a restart
  // after 300 idle iterations (more for large n), a light perturbation that usually continues from
  // the current solution and sometimes from the best one.
  // At gala scale an item comes up for a move far less often (see `sampled` below), so its tenure
  // grows with n; below that scale the tuned 5 stays.
  const tenureBase = options.tenure ?? (n > 600 ? 5 + Math.round(n / 100) : 5);
  const stall = options.stall ?? Math.max(300, n * 2);
  let iter = 0;
  let sinceBest = 0;
  const canMove = (i: number, a: number, b: number) =>
    load[a]! - size[i]! >= p.lower[a]! &&
    load[b]! + size[i]! <= p.upper[b]! &&
    spent[b]! + use[i]! <= budget[b]! &&
    (!hasConflicts || K[i * G + b]! === 0) &&
    (!alone || !moreAlone(i, -1, a, b));
  const canSwap = (i: number, j: number, a: number, b: number) => {
    const ds = size[j]! - size[i]!;
    if (ds !== 0 && (load[a]! + ds < p.lower[a]! || load[a]! + ds > p.upper[a]!)) return false;
    if (ds !== 0 && (load[b]! - ds < p.lower[b]! || load[b]! - ds > p.upper[b]!)) return false;
    const du = use[j]! - use[i]!;
    if (du > 0 && spent[a]! + du > budget[a]!) return false;
    if (du < 0 && spent[b]! - du > budget[b]!) return false;
    if (hasConflicts) {
      const ij = conflicts[i]!.includes(j) ? 1 : 0;
      if (K[i * G + b]! - ij > 0 || K[j * G + a]! - ij > 0) return false;
    }
    return !alone || !moreAlone(i, j, a, b);
  };
  const uniformSizes = size.every((s) => s === 1) && !p.resource && !hasConflicts && !alone;
  const RESET = 0.1;
  const sameBounds = p.lower.every((l, g) => l === p.upper[g]);
  // A move there leaves one group short of its size and the other over it: no step but swaps.
  const swapsOnly = sameBounds && size.every((s) => s > 0);

  const limits =
    options.maxIterations === undefined && options.maxWork === undefined
      ? workBudget(1)
      : { maxIterations: options.maxIterations ?? Infinity, maxWork: options.maxWork ?? Infinity };
  // The work of one iteration: every move of a movable item to another group, every swap of two
  // movable items (the same count whatever the state, so the budget is a number of iterations
  // that depends on the instance only).
  const m = movable.length;
  const full = candidatesPerScan(m, G);
  // Past 10^5 candidates (about 410 items at tables of ten) a full scan (n·G moves + n²/2 swaps)
  // costs so much that the walk makes only a few hundred steps in its budget and never leaves the
  // greedy plan's neighbourhood. There each iteration looks at the moves and swaps of a few items drawn at random
  // (rows of the gain table, about SAMPLE candidates in all): a step costs far less, so many more
  // steps fit the same counted work, and the draw comes from the seeded generator (deterministic).
  // MDGPLIB n = 480, 10^8 work, seeds 1–3: gap 2.3/2.4/2.1 % with full scans, 1.0/1.3/1.7 %
  // sampled; at n = 240 the gain was small, so n ≤ 240 (and the example) keep full scans, and so
  // do the memetic search's searches where it runs at that scale (`fullScans`).
  const SAMPLE = 20000;
  const sampled = samplesSteps(m, G) && !options.fullScans;
  const rows = sampled ? Math.max(4, Math.ceil(SAMPLE / (G - 1 + m - 1))) : m;
  const perIteration = sampled ? rows * (G - 1 + m - 1) : full;
  // The iteration cap is meant for full scans; a sampled step is a fraction of one.
  const maxIterations = sampled ? limits.maxIterations * (full / perIteration) : limits.maxIterations;
  const picks = new Int32Array(rows);

  // Where every group's size is fixed (a step is a swap) and scans are full, a step is tabu when
  // it leads back to a plan the walk has visited, rather than when it moves an item moved in the
  // last few iterations: a plan is known by three hashes, each a sum of per-item random weights
  // times the item's group (so a step changes it by a sum of two terms), kept in bit tables sized
  // for the steps the budget allows (a false "visited" needs all three to collide). MDGPLIB
  // RanReal n = 120 ss, 4.5·10^8 candidates, seeds 1–10 (50 runs): 0.114 → 0.091 %. Where sizes
  // vary (moves), the item tenure did better (RanReal ds 0.204 → 0.263 % with hashes alone,
  // 0.268 % with both), and sampled steps keep the tenure tuned for them.
  const visited = sameBounds && !sampled;
  const hashRandom = createRandom(options.seed * 7919 + 5);
  // Steps the budget allows; a budget of time alone (or none that is a number) gets the largest table.
  const steps = Math.min(maxIterations, limits.maxWork / full);
  const HASH_SIZE = !visited
    ? 1
    : Number.isFinite(steps)
      ? Math.max(1 << 16, Math.min(1 << 24, Math.ceil(64 * steps))) | 1
      : (1 << 24) | 1;
  const hashWeights = [0, 1, 2].map(() =>
    Float64Array.from({ length: visited ? n : 0 }, () => Math.floor(hashRandom() * HASH_SIZE)),
  );
  const seen = [0, 1, 2].map(() => new Uint8Array(visited ? (HASH_SIZE >> 3) + 1 : 0));
  const hashes = [0, 0, 0];
  const nextHashes = [0, 0, 0];
  const wrap = (x: number) => ((x % HASH_SIZE) + HASH_SIZE) % HASH_SIZE;
  /** The hashes of the plan as it is, and the plan marked visited. */
  const markPlan = () => {
    for (let k = 0; k < 3; k++) {
      let h = 0;
      for (let i = 0; i < n; i++) h = wrap(h + hashWeights[k]![i]! * group[i]!);
      hashes[k] = h;
    }
    markHashes();
  };
  const markHashes = () => {
    for (let k = 0; k < 3; k++) seen[k]![hashes[k]! >> 3]! |= 1 << (hashes[k]! & 7);
  };
  /** Hash k of the plan after i moves from a to b (and j, if ≥ 0, from b to a). */
  const hashAfter = (k: number, i: number, j: number, a: number, b: number) => {
    const w = hashWeights[k]!;
    return wrap(hashes[k]! + (j < 0 ? w[i]! : w[i]! - w[j]!) * (b - a));
  };
  /** Whether that step leads to a visited plan. */
  const wasVisited = (i: number, j: number, a: number, b: number) => {
    for (let k = 0; k < 3; k++) {
      const h = hashAfter(k, i, j, a, b);
      if ((seen[k]![h >> 3]! & (1 << (h & 7))) === 0) return false;
    }
    return true;
  };
  if (visited) markPlan();
  const gp = new Int32Array(sampled ? 0 : m);
  const op = new Float64Array(sampled ? 0 : m);
  const Dp = new Float64Array(sampled ? 0 : m * m);
  let dpMin = Number.POSITIVE_INFINITY; // off the diagonal (the bounded scan's)
  if (!sampled) {
    for (let x = 0; x < m; x++) {
      const row = movable[x]! * n;
      for (let y = 0; y < m; y++) {
        const d = 2 * D[row + movable[y]!]!;
        Dp[x * m + y] = d;
        if (y !== x && d < dpMin) dpMin = d;
      }
    }
    CTp = new Float64Array(G * m);
    positional = movable;
    for (let g = 0; g < G; g++) syncRow(g);
  }
  const scan: SwapScan | undefined = sampled
    ? undefined
    : {
        m,
        G,
        movable,
        gp,
        op,
        CTp,
        Dp,
        C,
        tabuUntil,
        dpMin,
        delta: new Float64Array(m * G),
        most: new Float64Array(G * G),
        members: new Int32Array(m),
        first: new Int32Array(G + 1),
        cursor: new Int32Array(G),
        open: new Int32Array(G),
        wanted: new Uint8Array(G),
        probeAt: options.swapScan === "every pair" ? Number.POSITIVE_INFINITY : 0,
        always: options.swapScan === "bounded",
        probeEvery: PROBE,
        boundedScans: 0,
      };

  // The steps of a full scan at the best gain so far (offer, in the loop): items, group, gain (a
  // move's j is −1). The first is the one that reached that gain, checked when it came.
  let tied = 0;
  let tieI = new Int32Array(256);
  let tieJ = new Int32Array(256);
  let tieG = new Int32Array(256);
  let tieGain = new Float64Array(256);
  const growTies = () => {
    const longer = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    tieI = longer(tieI, new Int32Array(2 * tieI.length));
    tieJ = longer(tieJ, new Int32Array(2 * tieJ.length));
    tieG = longer(tieG, new Int32Array(2 * tieG.length));
    tieGain = longer(tieGain, new Float64Array(2 * tieGain.length));
  };
  /** Whether the tabu list lets a step of this gain through (a tabu step only to a new best). */
  const allowed = (gain: number, i: number, j: number, g: number, tabu: boolean) =>
    !(visited ? wasVisited(i, j, group[i]!, g) : tabu) || value + gain > bestValue + 1e-9;
  // The iteration's best step so far, and the steps that tie with it: listed (offer) in full scans
  // where the weights take few values, else each checked and drawn as it comes (consider). Sampled
  // steps do the latter, as listing ties was no faster there: 1,000-guest gala 3.1–4.2 s against
  // 3.3–3.8 s, two runs side by side, and 8 seeds' plans 4,359.8 against 4,363.8 on average.
  let bestGain = Number.NEGATIVE_INFINITY;
  let kind = 0; // the step taken: 1 move, 2 swap, 0 none yet
  let bi = -1;
  let bj = -1;
  let bg = -1;
  let ties = 0;
  /**
   * A step of a full scan whose gain reaches the best so far (a move, j < 0, has had its rules
   * checked already). One above it is checked now (a swap's rules where sizes, resources,
   * conflicts or languages can break one, then the tabu list) and, if allowed, starts the list of
   * steps at its gain; one that ties is listed unchecked: at a banquet's whole-number weights about
   * a thousand swaps an iteration tie (200 guests), and only the one drawn needs the checks. The
   * draw is even over the allowed ties, as the reservoir of checked ones in `consider` is, from
   * another stretch of the random stream (so other plans, equally good: 66 generated galas of
   * 20–400 guests, the sum of their values −0.04 %, 14 % less time).
   */
  const offer = (gain: number, i: number, j: number, g: number, tabu: boolean) => {
    if (gain > bestGain + 1e-12) {
      if (!keepsRules(i, j, g) || !allowed(gain, i, j, g, tabu)) return;
      bestGain = gain;
      tied = 0;
    } else if (!(gain > bestGain - 1e-12)) return;
    if (tied === tieI.length) growTies();
    tieI[tied] = i;
    tieJ[tied] = j;
    tieG[tied] = g;
    tieGain[tied] = gain;
    tied++;
  };
  const keepsRules = (i: number, j: number, g: number) =>
    j < 0 || uniformSizes || canSwap(i, j, group[i]!, g);
  const consider = (gain: number, k: number, i: number, j: number, g: number, isTabu: boolean) => {
    if (visited) isTabu = wasVisited(i, j, group[i]!, g);
    if (isTabu && value + gain <= bestValue + 1e-9) return;
    if (gain > bestGain + 1e-12) {
      bestGain = gain;
      kind = k;
      bi = i;
      bj = j;
      bg = g;
      ties = 1;
    } else if (gain > bestGain - 1e-12 && randomInt(random, ++ties) === 0) {
      kind = k;
      bi = i;
      bj = j;
      bg = g;
    }
  };
  // The swaps of a full scan (scanSwaps), made once: a closure made every iteration was garbage.
  // Ties are listed (offer) where the weights take few values, a banquet's, and many swaps tie;
  // elsewhere (MDGPLIB's decimals) a tie is rare, and each swap is checked and considered as it
  // comes, which keeps the plans made before ties were listed (with ties listed, RanReal n = 120
  // ds seeds 1–5 came out at 0.283 % against 0.234 %: another stretch of the random stream).
  const listTies = fewWeightValues(p);
  const takeSwap = (gain: number, i: number, j: number, b: number, tabu: boolean) => {
    offer(gain, i, j, b, tabu);
    return bestGain - 1e-12;
  };
  const takeChecked = (gain: number, i: number, j: number, b: number, tabu: boolean) => {
    if (uniformSizes || canSwap(i, j, group[i]!, b)) consider(gain, 2, i, j, b, tabu);
    return bestGain - 1e-12;
  };
  let work = 0;
  let complete = true;
  while (true) {
    // The budget first: a run that spent it is complete even when the clock has passed too.
    if (iter >= maxIterations || work >= limits.maxWork) break;
    if (options.target !== undefined && bestValue >= options.target - 1e-9) break;
    if ((iter & 15) === 0 && now() >= deadline) {
      complete = false;
      break;
    }
    iter++;
    work += perIteration;
    bestGain = Number.NEGATIVE_INFINITY;
    kind = 0;
    ties = 0;
    if (sampled) {
      for (let r = 0; r < rows; r++) picks[r] = movable[randomInt(random, m)]!;
      for (let r = 0; r < rows; r++) {
        const i = picks[r]!;
        const a = group[i]!;
        const ia = own[i]!;
        const tabu = tabuUntil[i]! > iter;
        for (let b = 0; b < G; b++) {
          // The gain before the rules, as for swaps: a move below the best so far is never taken.
          const gain = C[i * G + b]! - ia;
          if (b === a || gain < bestGain - 1e-12 || !canMove(i, a, b)) continue;
          consider(gain, 1, i, -1, b, tabu);
        }
        let floor = bestGain - 1e-12;
        const row = i * n;
        const rowC = i * G;
        const colA = a * n;
        for (let y = 0; y < m; y++) {
          const j = movable[y]!;
          const b = group[j]!;
          if (a === b) continue;
          const gain = C[rowC + b]! - ia + CT[colA + j]! - own[j]! - 2 * D[row + j]!;
          if (gain < floor) continue;
          if (!uniformSizes && !canSwap(i, j, a, b)) continue;
          consider(gain, 2, i, j, b, tabu || tabuUntil[j]! > iter);
          floor = bestGain - 1e-12;
        }
      }
    } else {
      tied = 0;
      // Moves (only where group sizes leave room: none where every group's size is fixed).
      if (!swapsOnly)
        for (const i of movable) {
          const a = group[i]!;
          const ca = C[i * G + a]!;
          const tabu = tabuUntil[i]! > iter;
          for (let b = 0; b < G; b++) {
            const gain = C[i * G + b]! - ca;
            if (b === a || gain < bestGain - 1e-12 || !canMove(i, a, b)) continue;
            if (listTies) offer(gain, i, -1, b, tabu);
            else consider(gain, 1, i, -1, b, tabu);
          }
        }
      // Swaps (scanSwaps), from each movable item's group and own weight as the moves left them.
      for (let y = 0; y < m; y++) {
        const j = movable[y]!;
        gp[y] = group[j]!;
        op[y] = own[j]!;
      }
      scanSwaps(scan!, iter, bestGain - 1e-12, listTies ? takeSwap : takeChecked);
      // One of the steps at the best gain, drawn evenly among those the rules and the tabu list
      // allow: the first to reach that gain was checked when it came, the others only if drawn.
      while (tied > 0) {
        const r = tied === 1 ? 0 : randomInt(random, tied);
        const i = tieI[r]!;
        const j = tieJ[r]!;
        const g = tieG[r]!;
        // The first was checked (and is never dropped); a step's tabu status is as the scan read it.
        const tabu = tabuUntil[i]! > iter || (j >= 0 && tabuUntil[j]! > iter);
        if (r === 0 || (keepsRules(i, j, g) && allowed(tieGain[r]!, i, j, g, tabu))) {
          kind = j < 0 ? 1 : 2;
          bi = i;
          bj = j;
          bg = g;
          break;
        }
        tied--;
        tieI[r] = tieI[tied]!;
        tieJ[r] = tieJ[tied]!;
        tieG[r] = tieG[tied]!;
        tieGain[r] = tieGain[tied]!;
      }
    }
    if (kind === 0) {
      // A sample where every step is barred says little about the rest: draw again.
      if (!sampled) perturb();
      continue;
    }
    // The step's hashes, from the groups before it (as the scan checked them).
    if (visited)
      for (let k = 0; k < 3; k++)
        nextHashes[k] = hashAfter(k, bi, kind === 1 ? -1 : bj, group[bi]!, kind === 1 ? bg : group[bj]!);
    if (kind === 1) {
      remove(bi);
      place(bi, bg);
      tabuUntil[bi] = iter + tenureBase + randomInt(random, tenureBase);
    } else {
      const a = group[bi]!;
      const b = group[bj]!;
      remove(bi);
      remove(bj);
      place(bi, b);
      place(bj, a);
      tabuUntil[bi] = iter + tenureBase + randomInt(random, tenureBase);
      tabuUntil[bj] = iter + tenureBase + randomInt(random, tenureBase);
    }
    if (visited) {
      for (let k = 0; k < 3; k++) hashes[k] = nextHashes[k]!;
      markHashes();
    }
    value += bestGain;
    if (value > bestValue + 1e-9) {
      bestValue = value;
      best.set(group);
      bestAt = now() - started;
      sinceBest = 0;
    } else if (++sinceBest > stall) {
      perturb();
    }
  }
  return {
    group: best,
    value: bestValue,
    iterations: iter,
    work,
    complete,
    bestAtMs: bestAt,
    ...(scan ? { boundedScans: scan.boundedScans } : {}),
  };

  /** Back to the best solution, then a few random feasible swaps and moves. */
  function perturb() {
    if (random() < RESET) {
      for (let i = 0; i < n; i++) if (group[i]! >= 0) remove(i);
      for (let i = 0; i < n; i++) place(i, best[i]!);
      value = bestValue;
    }
    // Size ranges: sometimes shift several seats from one group to another at once (the best
    // items to move, greedily), to reach size patterns that single moves cannot climb to.
    if (!sameBounds && random() < 0.5) {
      const a = randomInt(random, G);
      const b = randomInt(random, G);
      if (a !== b) {
        let t = 1 + randomInt(random, Math.max(1, Math.min(load[a]! - p.lower[a]!, p.upper[b]! - load[b]!)));
        while (t-- > 0) {
          let pick = -1;
          let pickGain = Number.NEGATIVE_INFINITY;
          for (const i of movable) {
            if (group[i] !== a || !canMove(i, a, b)) continue;
            const gain = C[i * G + b]! - C[i * G + a]!;
            if (gain > pickGain) {
              pickGain = gain;
              pick = i;
            }
          }
          if (pick < 0) break;
          remove(pick);
          place(pick, b);
          value += pickGain;
        }
      }
    }
    const PS = 0.03;
    const strength = Math.max(2, Math.round(movable.length * (PS + 2 * PS * random())));
    for (let s = 0; s < strength; s++) {
      const i = movable[randomInt(random, movable.length)]!;
      if (random() < 0.5) {
        // A random move changes the sizes of two groups: the way out of one size pattern.
        const a = group[i]!;
        const b = randomInt(random, G);
        if (b === a || !canMove(i, a, b)) continue;
        value += C[i * G + b]! - C[i * G + a]!;
        remove(i);
        place(i, b);
        continue;
      }
      const j = movable[randomInt(random, movable.length)]!;
      const a = group[i]!;
      const b = group[j]!;
      if (a === b || !canSwap(i, j, a, b)) continue;
      const gain = C[i * G + b]! - C[i * G + a]! + C[j * G + a]! - C[j * G + b]! - 2 * D[i * n + j]!;
      remove(i);
      remove(j);
      place(i, b);
      place(j, a);
      value += gain;
    }
    tabuUntil.fill(0);
    sinceBest = 0;
    if (visited) markPlan();
  }
}

/** The objective of a grouping, computed from scratch (for tests and reports). */
export function groupingValue(
  p: Pick<GroupingProblem, "n" | "weights" | "bias" | "lower">,
  group: ArrayLike<number>,
): number {
  let v = 0;
  for (let i = 0; i < p.n; i++)
    for (let j = i + 1; j < p.n; j++) if (group[i] === group[j]) v += p.weights[i * p.n + j]!;
  if (p.bias) for (let i = 0; i < p.n; i++) v += p.bias[i * p.lower.length + group[i]!]!;
  return v;
}

/**
 * An upper bound on the objective, cheap enough for every plan: a group of U seats holds item i
 * and at most U − size(i) others, so i's pairs add at most its U − size(i) largest positive
 * weights (U the largest group), plus its largest bias; every pair is counted from both ends,
 * hence the halving of the pair part. Loose where sizes vary, but never below the optimum.
 */
export function groupingUpperBound(
  p: Pick<GroupingProblem, "n" | "weights" | "bias" | "upper" | "sizes">,
): number {
  const U = Math.max(...p.upper);
  const G = p.upper.length;
  const row = new Float64Array(p.n);
  let pairs = 0;
  let biases = 0;
  for (let i = 0; i < p.n; i++) {
    let m = 0;
    for (let j = 0; j < p.n; j++)
      if (j !== i && p.weights[i * p.n + j]! > 0) row[m++] = p.weights[i * p.n + j]!;
    const top = row.subarray(0, m).sort().reverse();
    const k = Math.min(m, Math.max(0, U - (p.sizes?.[i] ?? 1)));
    for (let t = 0; t < k; t++) pairs += top[t]!;
    if (p.bias) {
      let b = Number.NEGATIVE_INFINITY;
      for (let g = 0; g < G; g++) b = Math.max(b, p.bias[i * G + g]!);
      biases += b;
    }
  }
  return pairs / 2 + biases;
}
