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
