import highsModule from "highs";
import type { GroupingProblem } from "../src/seating/grouping.js";

/**
 * The proven optimum of a small grouping instance, with the HiGHS MILP solver (devDependency,
 * used only by the yardstick and its tests).
 *
 * Equal group sizes (MDGPLIB "ss"): one binary y_ij per pair ("i and j share a group"), each item
 * with exactly m − 1 partners, and the triangle inequalities y_ij + y_jk − y_ik ≤ 1 that make
 * "shares a group" transitive. This clique-partitioning form has no group labels, hence no
 * symmetry, and a strong LP bound.
 * Size ranges ("ds"): assignment variables x_ig, the bounds per group, and y_ij ≤ 1 − x_ig + x_jg.
 */
export async function solveExact(
  p: GroupingProblem,
  timeLimitSeconds = 300,
): Promise<{ value: number; optimal: boolean; group: number[] }> {
  // The package is CommonJS with ESM types: its default export is the loader function.
  const loadHighs = ((highsModule as unknown as { default?: unknown }).default ??
    highsModule) as () => Promise<{
    solve(
      problem: string,
      options?: Record<string, unknown>,
    ): {
      Status: string;
      ObjectiveValue: number;
      Columns: Record<string, unknown>;
    };
  }>;
  const highs = await loadHighs();
  const { n } = p;
  const G = p.lower.length;
  const w = (i: number, j: number) => p.weights[i * n + j]!;
  const y = (i: number, j: number) => (i < j ? `y${i}_${j}` : `y${j}_${i}`);
  const equal = p.lower.every((l, g) => l === p.upper[g] && l === p.lower[0]);
  const lines: string[] = ["Maximize", " obj:"];
  const terms: string[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (w(i, j) !== 0) terms.push(`${w(i, j) >= 0 ? "+" : "-"} ${Math.abs(w(i, j))} ${y(i, j)}`);
  for (let k = 0; k < terms.length; k += 8) lines.push(`  ${terms.slice(k, k + 8).join(" ")}`);
  lines.push("Subject To");
  let r = 0;
  const binaries: string[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) binaries.push(y(i, j));
  if (equal && choose(n, p.lower[0]!) <= 200_000) return solveSetPartition(highs, p, timeLimitSeconds);
  if (equal) return solveCliques(highs, p, y, lines, binaries, timeLimitSeconds);
  {
    const x = (i: number, g: number) => `x${i}_${g}`;
    for (let i = 0; i < n; i++) {
      lines.push(` r${r++}: ${[...Array(G).keys()].map((g) => x(i, g)).join(" + ")} = 1`);
      for (let g = 0; g < G; g++) binaries.push(x(i, g));
    }
    for (let g = 0; g < G; g++) {
      const sum = [...Array(n).keys()].map((i) => x(i, g)).join(" + ");
      lines.push(` r${r++}: ${sum} >= ${p.lower[g]}`, ` r${r++}: ${sum} <= ${p.upper[g]}`);
    }
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        for (let g = 0; g < G; g++) {
          lines.push(` r${r++}: ${y(i, j)} + ${x(i, g)} - ${x(j, g)} <= 1`);
          if (w(i, j) < 0) lines.push(` r${r++}: ${y(i, j)} - ${x(i, g)} - ${x(j, g)} >= -1`);
        }
  }
  lines.push("Binary", ...chunks(binaries, 10).map((c) => ` ${c.join(" ")}`), "End");
  const result = highs.solve(lines.join("\n"), { output_flag: false, time_limit: timeLimitSeconds });
  if (result.Status !== "Optimal" && result.Status !== "Time limit reached")
    throw new Error(`HiGHS ended with status ${result.Status}`);
  // Groups from the pair variables: connected components of "shares a group".
  const group = new Array<number>(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (group[i]! >= 0) continue;
    group[i] = next;
    for (let j = i + 1; j < n; j++)
      if ((result.Columns[y(i, j)] as { Primal: number } | undefined)?.Primal ?? 0 > 0.5) group[j] = next;
    next++;
  }
  return { value: result.ObjectiveValue, optimal: result.Status === "Optimal", group };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Highs = {
  solve(
    problem: string,
    options?: Record<string, unknown>,
  ): { Status: string; ObjectiveValue: number; Columns: Record<string, unknown> };
};

/**
 * Equal sizes: the clique-partitioning model with its triangle inequalities added lazily. Solve
 * with the degree rows only, find the triangles the solution breaks (i~j, j~k, but not i~k), add
 * those, solve again. When a solution breaks none, it is a partition, and optimal for the full
 * model because every other row only removes solutions: a proof, without 12,000 rows at once.
 */
function solveCliques(
  highs: Highs,
  p: GroupingProblem,
  y: (i: number, j: number) => string,
  objective: string[],
  binaries: string[],
  timeLimitSeconds: number,
): { value: number; optimal: boolean; group: number[] } {
  const { n } = p;
  const m = p.lower[0]!;
  const degree: string[] = [];
  for (let i = 0; i < n; i++) {
    const partners = [...Array(n).keys()].filter((j) => j !== i).map((j) => y(i, j));
    degree.push(` d${i}: ${partners.join(" + ")} = ${m - 1}`);
  }
  const triangles = new Set<string>();
  const cuts: string[] = [];
  const started = performance.now();
  for (;;) {
    const left = timeLimitSeconds - (performance.now() - started) / 1000;
    if (left <= 0) return { value: Number.NaN, optimal: false, group: [] };
    const model = [
      ...objective,
      ...degree,
      ...cuts,
      "Binary",
      ...chunks(binaries, 10).map((c) => ` ${c.join(" ")}`),
      "End",
    ];
    const r = highs.solve(model.join("\n"), { output_flag: false, time_limit: left });
    if (r.Status !== "Optimal") return { value: Number.NaN, optimal: false, group: [] };
    const on = (i: number, j: number) =>
      ((r.Columns[y(i, j)] as { Primal: number } | undefined)?.Primal ?? 0) > 0.5;
    let added = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        if (j === i || !on(i, j)) continue;
        for (let k = j + 1; k < n; k++) {
          if (k === i || !on(i, k) || on(j, k)) continue;
          const key = [i, j, k].sort((a, b) => a - b).join(",");
          if (triangles.has(key)) continue;
          triangles.add(key);
          const [a, b, c] = key.split(",").map(Number) as [number, number, number];
          cuts.push(
            ` t${cuts.length}: ${y(a, b)} + ${y(b, c)} - ${y(a, c)} <= 1`,
            ` t${cuts.length + 1}: ${y(a, b)} - ${y(b, c)} + ${y(a, c)} <= 1`,
            ` t${cuts.length + 2}: - ${y(a, b)} + ${y(b, c)} + ${y(a, c)} <= 1`,
          );
          added++;
        }
      }
    if (added === 0) {
      const group = new Array<number>(n).fill(-1);
      let next = 0;
      for (let i = 0; i < n; i++) {
        if (group[i]! >= 0) continue;
        group[i] = next;
        for (let j = i + 1; j < n; j++) if (on(i, j)) group[j] = next;
        next++;
      }
      return { value: r.ObjectiveValue, optimal: true, group };
    }
  }
}

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/**
 * Equal sizes, small n: every group of m items is a column, and the model picks n / m disjoint
 * columns covering every item; its LP relaxation is tight. Used up to 200,000 columns: at 30
 * items in groups of 6 (593,775 columns) HiGHS did not get through reading the model in 10 min.
 */
function solveSetPartition(
  highs: Highs,
  p: GroupingProblem,
  timeLimitSeconds: number,
): { value: number; optimal: boolean; group: number[] } {
  const { n } = p;
  const m = p.lower[0]!;
  const columns: number[][] = [];
  const values: number[] = [];
  const pick: number[] = [];
  const walk = (start: number, sum: number) => {
    if (pick.length === m) {
      columns.push([...pick]);
      values.push(sum);
      return;
    }
    for (let i = start; i <= n - (m - pick.length); i++) {
      let add = 0;
      for (const j of pick) add += p.weights[i * n + j]!;
      pick.push(i);
      walk(i + 1, sum + add);
      pick.pop();
    }
  };
  walk(0, 0);
  const rows: string[][] = Array.from({ length: n }, () => []);
  columns.forEach((col, k) => {
    for (const i of col) rows[i]!.push(`c${k}`);
  });
  const out: string[] = ["Maximize", " obj:"];
  for (let k = 0; k < columns.length; k += 10)
    out.push(
      `  ${values
        .slice(k, k + 10)
        .map((v, j) => `${v >= 0 ? "+" : "-"} ${Math.abs(v).toFixed(6)} c${k + j}`)
        .join(" ")}`,
    );
  out.push("Subject To");
  for (let i = 0; i < n; i++) {
    const terms = rows[i]!;
    const chunked: string[] = [];
    for (let k = 0; k < terms.length; k += 20) chunked.push(terms.slice(k, k + 20).join(" + "));
    out.push(` r${i}: ${chunked.join("\n  + ")} = 1`);
  }
  out.push("Binary");
  for (let k = 0; k < columns.length; k += 20)
    out.push(
      ` ${columns
        .slice(k, k + 20)
        .map((_, j) => `c${k + j}`)
        .join(" ")}`,
    );
  out.push("End");
  const r = highs.solve(out.join("\n"), { output_flag: false, time_limit: timeLimitSeconds });
  if (r.Status !== "Optimal") return { value: Number.NaN, optimal: false, group: [] };
  const group = new Array<number>(n).fill(-1);
  let g = 0;
  columns.forEach((col, k) => {
    if (((r.Columns[`c${k}`] as { Primal: number } | undefined)?.Primal ?? 0) > 0.5) {
      for (const i of col) group[i] = g;
      g++;
    }
  });
  return { value: r.ObjectiveValue, optimal: true, group };
}

/**
 * A grouping problem whose items come in types: `count[t]` interchangeable items of type t, and
 * the weight of a pair depends only on the two types (`weight(t, u)`; `weight(t, t)` is the weight
 * of two items of the same type). Each type has a profile and a block (for a gala's guests: the
 * profile is country, delegation, language and role; the block is the organisation), and a pair of
 * different blocks must weigh what its two profiles say, whatever the blocks: that is what lets
 * `configurationBound` price a table by dynamic programming over the blocks. `tables` are the
 * groups' size ranges (each item one seat).
 */
export interface TypedGrouping {
  count: readonly number[];
  profile: readonly number[];
  block: readonly number[];
  weight: (t: number, u: number) => number;
  /** `rule`: the table's composition must pass `rule` (below). */
  tables: readonly { lower: number; upper: number; rule?: boolean }[];
  /**
   * A rule on a table's count of each profile (e.g. nobody alone with their language): only
   * compositions it accepts are priced for tables marked `rule`.
   */
  rule?: (profiles: readonly number[]) => boolean;
  /** A known solution, as items of each type per table: the first columns of the LP. */
  start: readonly (readonly number[])[];
  /**
   * Pairs of types of one item each that every grouping seats at one table (guests who must sit
   * together, or whose wish the caller grants): a table has both or neither.
   */
  links?: readonly (readonly [number, number])[];
}

export interface ConfigurationBound {
  /** An upper bound on the objective of every grouping of the instance. */
  bound: number;
  /** The LP's value in the last round (equal to the bound once no column prices out). */
  lp: number;
  rounds: number;
  /** True when no column prices out: the bound is the LP optimum, not only a Lagrangian value. */
  converged: boolean;
  /**
   * With `options.integer`: a bound at or below `bound` from the integer programme (`closeGap`);
   * `exact` when it is the optimum of the instance, `arcs` the integer programme's size. Absent
   * where the start is not a grouping of the instance or the compositions were too many.
   */
  integer?: { bound: number; exact: boolean; arcs: number; tables?: { counts: number[]; range: number }[] };
}

/**
 * The configuration LP (Dantzig–Wolfe) bound of a typed grouping problem, by column generation
 * with HiGHS. A column is a table's composition c (items of each type) and its value v(c), the
 * pairs it holds; the LP picks a fractional number of tables of each composition, covering every
 * item once and using each table once. Its dual gives prices π per type, and for any π
 *   Σ_t count[t]·π_t + Σ_tables max_c (v(c) − π·c)
 * is an upper bound on every grouping (each table of a grouping is one c, and the π terms cancel);
 * the max is found exactly by a dynamic programme over the blocks whose state is the table's
 * count of each profile. The bound returned is the least of these over the rounds, so it is valid
 * whatever the LP does; it equals the LP optimum once no composition prices out. It knows no
 * rule but the sizes (and `rule` and `links`, where given): fixed tables, must-apart pairs and
 * accessible seats can only lower the optimum, so the bound holds with them too. A link between
 * two blocks is a bit of the programme's state from the first block to the second (whether the
 * table took the first item; the second must follow it): the states grow by 2^(links open at once).
 */
export async function configurationBound(
  m: TypedGrouping,
  options: { maxRounds?: number; integer?: { maxArcs: number } } = {},
): Promise<ConfigurationBound> {
  const maxRounds = options.maxRounds ?? 400;
  const highs = await loadHighsSolver();
  const T = m.count.length;
  const P = Math.max(...m.profile) + 1;
  const links = m.links ?? [];
  for (const [t, u] of links)
    if (m.count[t] !== 1 || m.count[u] !== 1)
      throw new Error(`configurationBound: linked types ${t} and ${u} must be single items`);
  // A link between two blocks is one bit of the programme's state from the first block to the
  // second (did the table take the first item?): the blocks go in the order that leaves the
  // fewest links open at once.
  const blocks = orderBlocks(
    [...new Set(m.block)].sort((a, b) => a - b),
    links.map(([t, u]) => [m.block[t]!, m.block[u]!]),
  );
  const position = new Map(blocks.map((b, x) => [b, x]));
  const crossing = links
    .filter(([t, u]) => m.block[t] !== m.block[u])
    .map(
      ([t, u]) =>
        (position.get(m.block[t]!)! < position.get(m.block[u]!)! ? [t, u] : [u, t]) as [number, number],
    )
    .sort((a, b) => position.get(m.block[a[0]]!)! - position.get(m.block[b[0]]!)!);
  // Bits by interval colouring: a link closed at a block frees its bit for one opened there.
  const bitOf: number[] = [];
  const freeFrom: number[] = [];
  for (const [t, u] of crossing) {
    const from = position.get(m.block[t]!)!;
    let bit = freeFrom.findIndex((f) => f <= from);
    if (bit < 0) bit = freeFrom.push(0) - 1;
    freeFrom[bit] = position.get(m.block[u]!)!;
    bitOf.push(bit);
  }
  const W = freeFrom.length;
  const M = 1 << W;
  // Weight of two profiles in different blocks, checked on every pair of types of different blocks.
  const cross = Array.from({ length: P }, () => new Float64Array(P).fill(Number.NaN));
  for (let t = 0; t < T; t++)
    for (let u = 0; u < T; u++) {
      if (m.block[t] === m.block[u]) continue;
      const w = m.weight(t, u);
      const p = m.profile[t]!;
      const q = m.profile[u]!;
      if (Number.isNaN(cross[p]![q]!)) cross[p]![q] = w;
      else if (Math.abs(cross[p]![q]! - w) > 1e-9)
        throw new Error(
          `configurationBound: types ${t} and ${u} are in different blocks but weigh ${w}, not ${cross[p]![q]} as their profiles do; give them other profiles`,
        );
    }
  for (const row of cross) for (let q = 0; q < P; q++) if (Number.isNaN(row[q]!)) row[q] = 0;
  const U = Math.max(...m.tables.map((t) => t.upper));
  // States: profile count vectors of at most U items, coded in base U + 1.
  const radix = U + 1;
  if (radix ** P > 5e6)
    throw new Error(`configurationBound: ${P} profiles at tables of ${U} are too many states`);
  const codes: number[] = [];
  const sizeOf: number[] = [];
  const vec: number[][] = [];
  const walk = (p: number, left: number, code: number, v: number[]) => {
    if (p === P) {
      codes.push(code);
      sizeOf.push(U - left);
      vec.push([...v]);
      return;
    }
    for (let k = 0; k <= left; k++) {
      v.push(k);
      walk(p + 1, left - k, code + k * radix ** p, v);
      v.pop();
    }
  };
  walk(0, U, 0, []);
  const S = codes.length;
  const stateOf = new Int32Array(radix ** P).fill(-1);
  codes.forEach((c, s) => {
    stateOf[c] = s;
  });
  // The cross-block pairs of a table depend only on its profile counts.
  const crossValue = vec.map((n) => {
    let v = 0;
    for (let p = 0; p < P; p++) {
      v += ((n[p]! * (n[p]! - 1)) / 2) * cross[p]![p]!;
      for (let q = p + 1; q < P; q++) v += n[p]! * n[q]! * cross[p]![q]!;
    }
    return v;
  });
  // Tables of one size range (and rule) are priced once.
  const rangeKey = (t: TypedGrouping["tables"][number]) => `${t.lower},${t.upper},${t.rule ? 1 : 0}`;
  const ranges = [...new Set(m.tables.map(rangeKey))];
  if (m.tables.some((t) => t.rule) && !m.rule)
    throw new Error("configurationBound: tables marked rule but no rule");
  const allowed = vec.map((n) => (m.rule ? m.rule(n) : true));
  /** Whether a start's table (items per type) keeps every link. */
  const keepsLinks = (c: readonly number[]) => links.every(([t, u]) => (c[t] ?? 0) === (c[u] ?? 0));
  // Each block's choices: how many of each of its types, and what their pairs add beyond `cross`.
  const choices = blocks.map((b) => {
    const types = [...Array(T).keys()].filter((t) => m.block[t] === b);
    const out: { counts: number[]; code: number; size: number; pairs: number; need: number; open: number }[] =
      [];
    const pick: number[] = [];
    const inBlock = links
      .map(([t, u]) => [types.indexOf(t), types.indexOf(u)] as const)
      .filter(([x, y]) => x >= 0 && y >= 0);
    // The links this block closes (its item is the second) and opens (the first), as bits.
    const closes = crossing.flatMap(([, u], l) => (m.block[u] === b ? [[types.indexOf(u), bitOf[l]!]] : []));
    const opens = crossing.flatMap(([t], l) => (m.block[t] === b ? [[types.indexOf(t), bitOf[l]!]] : []));
    const go = (k: number, left: number) => {
      if (k === types.length) {
        // A choice that takes one of two linked items without the other is no table of a grouping.
        if (inBlock.some(([x, y]) => pick[x] !== pick[y])) return;
        let need = 0;
        for (const [x, bit] of closes) if (pick[x!]) need |= 1 << bit!;
        let open = 0;
        for (const [x, bit] of opens) if (pick[x!]) open |= 1 << bit!;
        let code = 0;
        let size = 0;
        let pairs = 0;
        types.forEach((t, x) => {
          const c = pick[x]!;
          code += c * radix ** m.profile[t]!;
          size += c;
          const p = m.profile[t]!;
          pairs += ((c * (c - 1)) / 2) * (m.weight(t, t) - cross[p]![p]!);
          for (let y = x + 1; y < types.length; y++) {
            const u = types[y]!;
            pairs += c * pick[y]! * (m.weight(t, u) - cross[p]![m.profile[u]!]!);
          }
        });
        out.push({ counts: [...pick], code, size, pairs, need, open });
        return;
      }
      for (let c = 0; c <= Math.min(left, m.count[types[k]!]!); c++) {
        pick.push(c);
        go(k + 1, left - c);
        pick.pop();
      }
    };
    go(0, U);
    let shut = 0;
    for (const [, bit] of closes) shut |= 1 << bit!;
    return { types, out, shut };
  });
  const SX = S * M;
  /**
   * The state a block's choice k leads to from state x (profile counts x >> W, open links' bits
   * x & (M − 1)), or −1 where the table would be too big or would part a linked pair.
   */
  const step = (b: number, x: number, k: number) => {
    const s = x >> W;
    const mask = x & (M - 1);
    const { out, shut } = choices[b]!;
    const o = out[k]!;
    if (sizeOf[s]! + o.size > U || (mask & shut) !== o.need) return -1;
    return stateOf[codes[s]! + o.code]! * M + ((mask & ~shut) | o.open);
  };
  const value = (c: readonly number[]) => {
    let v = 0;
    for (let t = 0; t < T; t++) {
      v += ((c[t]! * (c[t]! - 1)) / 2) * m.weight(t, t);
      for (let u = t + 1; u < T; u++) v += c[t]! * c[u]! * m.weight(t, u);
    }
    return v;
  };
  /** What each block's choices add at prices π: their pairs beyond `cross`, less their prices. */
  const costsAt = (pi: Float64Array) =>
    choices.map(({ types, out }) =>
      out.map((o) => o.pairs - o.counts.reduce((s, c, x) => s + c * pi[types[x]!]!, 0)),
    );
  /**
   * The dynamic programme over the blocks at prices π: `vals[b][s]`, the most that blocks before b
   * add reaching profile counts s (−∞ where they cannot), and the choice that reached it.
   */
  const forward = (pi: Float64Array) => {
    const costs = costsAt(pi);
    let val = new Float64Array(SX).fill(Number.NEGATIVE_INFINITY);
    val[0] = 0;
    const vals: Float64Array[] = [val];
    const back: { x: Int32Array; k: Int32Array }[] = [];
    choices.forEach(({ out, shut }, b) => {
      // Taking nobody from this block keeps the state, unless a link needs its second item.
      const next = Float64Array.from(val, (v, x) =>
        (x & (M - 1) & shut) === 0 ? v : Number.NEGATIVE_INFINITY,
      );
      const fromX = new Int32Array(SX).fill(-1);
      const fromK = new Int32Array(SX).fill(-1);
      const cost = costs[b]!;
      for (let x = 0; x < SX; x++) {
        if (val[x] === Number.NEGATIVE_INFINITY) continue;
        for (let k = 1; k < out.length; k++) {
          const nx = step(b, x, k);
          if (nx < 0) continue;
          const v = val[x]! + cost[k]!;
          if (v > next[nx]!) {
            next[nx] = v;
            fromX[nx] = x;
            fromK[nx] = k;
          }
        }
      }
      back.push({ x: fromX, k: fromK });
      vals.push(next);
      val = next;
    });
    return { vals, back, costs };
  };
  /**
   * The best composition of each size range at prices π: max_c v(c) − π·c, and a c reaching it
   * (from the dynamic programme at π, where the caller has it already).
   */
  const price = (pi: Float64Array, { vals, back } = forward(pi)) => {
    const val = vals[vals.length - 1]!;
    return ranges.map((r) => {
      const [lower, upper, ruled] = r.split(",").map(Number);
      // Every link is closed after the last block: the final states are those with no bit set.
      let best = -1;
      for (let s = 0; s < S; s++) {
        const x = s * M;
        if (sizeOf[s]! >= lower! && sizeOf[s]! <= upper! && val[x]! > Number.NEGATIVE_INFINITY)
          if (best < 0 || val[x]! + crossValue[s]! > val[best * M]! + crossValue[best]!)
            if (!ruled || allowed[s]) best = s;
      }
      if (best < 0) throw new Error(`configurationBound: no table of ${lower}–${upper} items can be made`);
      const c = new Array<number>(T).fill(0);
      let x = best * M;
      for (let b = choices.length - 1; b >= 0; b--) {
        const k = back[b]!.k[x]!;
        if (k < 0) continue; // this block adds nobody on the way to x
        choices[b]!.out[k]!.counts.forEach((n, y) => {
          c[choices[b]!.types[y]!] = n;
        });
        x = back[b]!.x[x]!;
      }
      return { lower: lower!, upper: upper!, reduced: val[best * M]! + crossValue[best]!, c };
    });
  };
  const tablesIn = ranges.map((r) => m.tables.filter((t) => rangeKey(t) === r).length);
  const columns: { c: number[]; range: number; v: number }[] = [];
  const key = new Set<string>();
  const add = (c: readonly number[], range: number) => {
    const k = `${range}:${c.join(",")}`;
    if (key.has(k)) return false;
    key.add(k);
    columns.push({ c: [...c], range, v: value(c) });
    return true;
  };
  for (const c of m.start) {
    const n = c.reduce((s, x) => s + x, 0);
    const counts = new Array<number>(P).fill(0);
    c.forEach((k, t) => {
      counts[m.profile[t]!]! += k;
    });
    const r = ranges.findIndex((x) => {
      const [lo, up, ruled] = x.split(",").map(Number);
      return n >= lo! && n <= up! && (!ruled || m.rule!(counts));
    });
    if (r >= 0 && keepsLinks(c)) add(c, r);
  }
  // A start that breaks the rule leaves the LP without a solution: one artificial column per row,
  // at a price no real table reaches, keeps it feasible until real columns replace them.
  let most = 0;
  for (let t = 0; t < T; t++) for (let u = 0; u < T; u++) most = Math.max(most, Math.abs(m.weight(t, u)));
  const artificial = 10 * (most + 1) * U * U;
  let bound = Number.POSITIVE_INFINITY;
  let bestPi: Float64Array | undefined;
  let lp = Number.NaN;
  let rounds = 0;
  let converged = false;
  for (; rounds < maxRounds; rounds++) {
    const lines = ["Minimize", " obj:"];
    columns.forEach((col, j) => {
      lines.push(`  ${col.v >= 0 ? "-" : "+"} ${Math.abs(col.v)} x${j}`);
    });
    for (let t = 0; t < T + ranges.length; t++) lines.push(`  + ${artificial} a${t}`);
    lines.push("Subject To");
    for (let t = 0; t < T; t++) {
      const terms = columns.flatMap((col, j) => (col.c[t]! > 0 ? [`+ ${col.c[t]} x${j}`] : []));
      lines.push(` n${t}: ${terms.join(" ")} + a${t} = ${m.count[t]}`);
    }
    ranges.forEach((_, r) => {
      const terms = columns.flatMap((col, j) => (col.range === r ? [`+ x${j}`] : []));
      lines.push(` g${r}: ${terms.join(" ")} + a${T + r} = ${tablesIn[r]}`);
    });
    lines.push("End");
    const res = highs.solve(lines.join("\n"), { output_flag: false });
    if (res.Status !== "Optimal")
      throw new Error(`configurationBound: HiGHS ended the LP with status ${res.Status}`);
    lp = -res.ObjectiveValue;
    // Prices of the items: HiGHS's row duals of the minimisation, negated for the maximisation.
    const rows = res.Rows;
    const pi = Float64Array.from({ length: T }, (_, t) => -rows[t]!.Dual);
    const best = price(pi);
    let ub = 0;
    for (let t = 0; t < T; t++) ub += m.count[t]! * pi[t]!;
    let added = 0;
    best.forEach((b, r) => {
      ub += tablesIn[r]! * b.reduced;
      const sigma = -rows[T + r]!.Dual;
      if (b.reduced > sigma + 1e-7 && add(b.c, r)) added++;
    });
    if (ub < bound) {
      bound = ub;
      bestPi = pi;
    }
    if (added === 0) {
      converged = true;
      rounds++;
      break;
    }
  }
  const integer = options.integer && bestPi ? closeGap(bestPi, bound, options.integer.maxArcs) : undefined;
  return { bound, lp, rounds, converged, ...(integer ? { integer } : {}) };

  /**
   * The integer optimum, or a bound below the LP's, by the prices' own argument: at prices π every
   * grouping is worth UB(π) + Σ_tables δ, where δ ≤ 0 is how far its table falls short of the best
   * composition of its size range (`most` below). A grouping worth at least UB − gap therefore uses
   * only compositions with δ ≥ −gap. With gap = UB − the start's value, those are every table of
   * every grouping as good as the start. They are too many to list (organisations alike in all but
   * name make a hundred thousand at 200 guests), so the integer programme is the pricing
   * programme's own graph as a flow (arc-flow): a table is a path through the blocks, an arc is one
   * block's choice from one state, and only arcs on some path within the gap are kept. HiGHS solves
   * it exactly; every integer flow is a grouping and every grouping as good as the start is a
   * flow. Where the arcs are too many (or the start breaks the rule), a smaller gap is tried: if
   * the flow then stays below UB − gap, nothing reaches UB − gap, which is the bound.
   */
  function closeGap(pi: Float64Array, ub: number, maxArcs: number) {
    // The start's value, where it is a grouping of the instance (every item once, each table in
    // its range and keeping its rule); else a gap of 5 % to begin with.
    let target: number | undefined = m.start.length === m.tables.length ? 0 : undefined;
    for (let t = 0; t < T; t++)
      if (m.start.reduce((s, c) => s + (c[t] ?? 0), 0) !== m.count[t]) target = undefined;
    for (const [g, c] of m.start.entries()) {
      const table = m.tables[g];
      if (!table) break;
      const n = c.reduce((s, x) => s + x, 0);
      const counts = new Array<number>(P).fill(0);
      c.forEach((k, t) => {
        counts[m.profile[t]!]! += k;
      });
      if (n < table.lower || n > table.upper || (table.rule && !m.rule!(counts)) || !keepsLinks(c))
        target = undefined;
      if (target !== undefined) target += value(c);
    }
    if (target !== undefined && ub - target <= 1e-9) return { bound: ub, exact: true, arcs: 0 };
    const programme = forward(pi);
    const { vals, costs } = programme;
    const most = price(pi, programme).map((b) => b.reduced);
    const B = choices.length;
    /** Whether a state ends a table of range r: no link open, the size and the rule kept. */
    const ends = ranges.map((r) => {
      const [lower, upper, ruled] = r.split(",").map(Number);
      return (x: number) => {
        const s = x >> W;
        return (x & (M - 1)) === 0 && sizeOf[s]! >= lower! && sizeOf[s]! <= upper! && (!ruled || allowed[s]!);
      };
    });
    // For each range, the most that the blocks from b on can add from state x to a table of it.
    const rest = ranges.map((_, r) => {
      const after: Float64Array[] = new Array(B + 1);
      after[B] = Float64Array.from({ length: SX }, (_, x) =>
        ends[r]!(x) ? crossValue[x >> W]! : Number.NEGATIVE_INFINITY,
      );
      for (let b = B - 1; b >= 0; b--) {
        const next = after[b + 1]!;
        const here = new Float64Array(SX).fill(Number.NEGATIVE_INFINITY);
        for (let x = 0; x < SX; x++)
          for (let k = 0; k < choices[b]!.out.length; k++) {
            const nx = step(b, x, k);
            if (nx >= 0 && costs[b]![k]! + next[nx]! > here[x]!) here[x] = costs[b]![k]! + next[nx]!;
          }
        after[b] = here;
      }
      return after;
    });
    for (
      let gap = target === undefined ? 0.05 * Math.abs(ub) + 1 : ub - target, tries = 0;
      tries < 8;
      tries++, gap /= 2
    ) {
      const near = (r: number, v: number) => v >= most[r]! - gap - 1e-6;
      const arcs: { b: number; s: number; k: number; to: number }[] = [];
      for (let b = 0; b < B && arcs.length <= maxArcs; b++)
        for (let s = 0; s < SX; s++) {
          if (vals[b]![s] === Number.NEGATIVE_INFINITY) continue;
          for (let k = 0; k < choices[b]!.out.length; k++) {
            const to = step(b, s, k);
            if (to < 0) continue;
            const v = vals[b]![s]! + costs[b]![k]!;
            if (ranges.some((_, r) => near(r, v + rest[r]![b + 1]![to]!))) arcs.push({ b, s, k, to });
          }
        }
      if (arcs.length > maxArcs) continue;
      const finals: { s: number; r: number }[] = [];
      for (let s = 0; s < SX; s++)
        ranges.forEach((_, r) => {
          if (ends[r]!(s) && near(r, vals[B]![s]! + crossValue[s >> W]!)) finals.push({ s, r });
        });
      const lines = ["Maximize", " obj:"];
      arcs.forEach(({ b, k }, j) => {
        const v = choices[b]!.out[k]!.pairs;
        if (v !== 0) lines.push(`  ${v > 0 ? "+" : "-"} ${Math.abs(v)} a${j}`);
      });
      finals.forEach(({ s }, j) => {
        const v = crossValue[s >> W]!;
        lines.push(`  ${v >= 0 ? "+" : "-"} ${Math.abs(v)} z${j}`);
      });
      lines.push("Subject To");
      const row = (name: string, terms: string[], rhs: number) => {
        const body: string[] = [];
        for (let i = 0; i < terms.length; i += 20) body.push(terms.slice(i, i + 20).join(" "));
        lines.push(` ${name}: ${body.length ? body.join("\n  ") : "0 z0"} = ${rhs}`);
      };
      // Flow through each state of each block boundary: tables start empty and end in a range.
      const into = new Map<string, string[]>();
      const outOf = new Map<string, string[]>();
      const push = (map: Map<string, string[]>, node: string, term: string) => {
        const list = map.get(node);
        if (list) list.push(term);
        else map.set(node, [term]);
      };
      arcs.forEach(({ b, s, to }, j) => {
        push(outOf, `${b}_${s}`, `+ a${j}`);
        push(into, `${b + 1}_${to}`, `+ a${j}`);
      });
      finals.forEach(({ s }, j) => {
        push(outOf, `${B}_${s}`, `+ z${j}`);
      });
      const nodes = new Set([...into.keys(), ...outOf.keys()]);
      const source = "0_0";
      let v = 0;
      for (const node of nodes) {
        if (node === source) continue;
        const terms = [...(into.get(node) ?? []), ...(outOf.get(node) ?? []).map((t) => t.replace("+", "-"))];
        row(`v${v++}`, terms, 0);
      }
      row("source", outOf.get(source) ?? [], m.tables.length);
      ranges.forEach((_, r) => {
        row(
          `g${r}`,
          finals.flatMap((f, j) => (f.r === r ? [`+ z${j}`] : [])),
          tablesIn[r]!,
        );
      });
      for (let t = 0; t < T; t++) {
        const b = choices.findIndex((c) => c.types.includes(t));
        const x = choices[b]!.types.indexOf(t);
        const terms = arcs.flatMap((a, j) => {
          const n = a.b === b ? choices[b]!.out[a.k]!.counts[x]! : 0;
          return n > 0 ? [`+ ${n} a${j}`] : [];
        });
        row(`n${t}`, terms, m.count[t]!);
      }
      lines.push("General");
      const names = [...arcs.map((_, j) => `a${j}`), ...finals.map((_, j) => `z${j}`)];
      for (let i = 0; i < names.length; i += 20) lines.push(` ${names.slice(i, i + 20).join(" ")}`);
      lines.push("End");
      /**
       * The optimum's tables: the integer flow cut into paths from the source, each a table (its
       * items of each type, and its range as an index into the tables' distinct ranges).
       */
      const paths = (columns: ReturnType<HighsLp["solve"]>["Columns"]) => {
        const flow = arcs.map((_, j) => Math.round(columns[`a${j}`]?.Primal ?? 0));
        const ending = finals.map((_, j) => Math.round(columns[`z${j}`]?.Primal ?? 0));
        const leaving = new Map<string, number[]>();
        arcs.forEach(({ b, s }, j) => {
          const list = leaving.get(`${b}_${s}`);
          if (list) list.push(j);
          else leaving.set(`${b}_${s}`, [j]);
        });
        const out: { counts: number[]; range: number }[] = [];
        for (let table = 0; table < m.tables.length; table++) {
          const counts = new Array<number>(T).fill(0);
          let x = 0;
          for (let b = 0; b < B; b++) {
            const j = (leaving.get(`${b}_${x}`) ?? []).find((a) => flow[a]! > 0);
            if (j === undefined) throw new Error("configurationBound: the integer flow does not decompose");
            flow[j]!--;
            choices[b]!.out[arcs[j]!.k]!.counts.forEach((n, y) => {
              counts[choices[b]!.types[y]!]! += n;
            });
            x = arcs[j]!.to;
          }
          const f = finals.findIndex((e, j) => e.s === x && ending[j]! > 0);
          if (f < 0) throw new Error("configurationBound: the integer flow does not decompose");
          ending[f]!--;
          out.push({ counts, range: finals[f]!.r });
        }
        return out;
      };
      let res: ReturnType<HighsLp["solve"]>;
      try {
        res = highs.solve(lines.join("\n"), { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 });
      } catch {
        // HiGHS (WebAssembly, 2 GB at most) gives up on the largest programmes: no integer bound.
        return undefined;
      }
      const floor = ub - gap;
      if (res.Status === "Infeasible") return { bound: floor, exact: false, arcs: arcs.length };
      if (res.Status !== "Optimal")
        throw new Error(`configurationBound: HiGHS ended the integer programme with status ${res.Status}`);
      const z = res.ObjectiveValue;
      if (z >= floor - 1e-6) return { bound: z, exact: true, arcs: arcs.length, tables: paths(res.Columns) };
      return { bound: floor, exact: false, arcs: arcs.length };
    }
    return undefined;
  }
}

/**
 * The blocks in the order that keeps the fewest links open at once (a link is open from its first
 * block to its second): every order of up to eight blocks is tried, else the given order is kept.
 */
function orderBlocks(blocks: number[], links: readonly (readonly [number, number])[]): number[] {
  const cross = links.filter(([a, b]) => a !== b);
  if (cross.length === 0 || blocks.length > 8) return blocks;
  const widest = (order: readonly number[]) => {
    const at = new Map(order.map((b, x) => [b, x]));
    let most = 0;
    for (let cut = 1; cut < order.length; cut++) {
      let open = 0;
      for (const [a, b] of cross)
        if (Math.min(at.get(a)!, at.get(b)!) < cut && Math.max(at.get(a)!, at.get(b)!) >= cut) open++;
      most = Math.max(most, open);
    }
    return most;
  };
  let best = blocks;
  let bestWidth = widest(blocks);
  const permute = (prefix: number[], left: number[]) => {
    if (left.length === 0) {
      const w = widest(prefix);
      if (w < bestWidth) {
        best = [...prefix];
        bestWidth = w;
      }
      return;
    }
    for (let x = 0; x < left.length; x++)
      permute([...prefix, left[x]!], [...left.slice(0, x), ...left.slice(x + 1)]);
  };
  permute([], blocks);
  return best;
}

type HighsLp = {
  solve(
    problem: string,
    options?: Record<string, unknown>,
  ): {
    Status: string;
    ObjectiveValue: number;
    Rows: { Dual: number }[];
    Columns: Record<string, { Primal: number } | undefined>;
  };
};

async function loadHighsSolver(): Promise<HighsLp> {
  // The package is CommonJS with ESM types: its default export is the loader function.
  const load = ((highsModule as unknown as { default?: unknown }).default ??
    highsModule) as () => Promise<HighsLp>;
  return load();
}
