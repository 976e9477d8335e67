/**
 * The seating solver against the research yardstick (MDGPLIB, ../shared/bench/mdgplib/):
 *
 *   npm run bench:seating -- <instance files…> [--seconds S] [--seed N] [--seeds K] [--exact]
 *
 * prints one JSON line per instance and seed:
 *   {"instance","n","groups","value","bestKnown","gapPercent","seconds","seed"}
 * bestKnown comes from best-known.tsv beside the instances, or, with --exact for n ≤ 30, from the
 * optimum proven by the HiGHS MILP solver (bench/exact.ts). Without --seconds the time limit
 * follows the yardstick: 1 s for n ≤ 30, 3 s for n = 120, 20 s for n = 240, 60 s for n = 480.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { groupingValue, solveGrouping } from "../src/seating/grouping.js";
import { solveExact } from "./exact.js";
import { readBestKnown, readInstance } from "./mdgplib.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: "string" },
    seed: { type: "string", default: "1" },
    seeds: { type: "string", default: "1" },
    exact: { type: "boolean", default: false },
  },
});
if (positionals.length === 0) {
  process.stderr.write(
    "usage: npm run bench:seating -- <instance files…> [--seconds S] [--seed N] [--seeds K] [--exact]\n",
  );
  process.exit(2);
}
const limitFor = (n: number) =>
  values.seconds ? Number(values.seconds) : n <= 30 ? 1 : n <= 120 ? 3 : n <= 240 ? 20 : 60;
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

for (const file of positionals) {
  const p = await readInstance(file);
  const known = await readBestKnown(path.dirname(file));
  let bestKnown = known.get(p.name);
  let proven = false;
  if (bestKnown === undefined && values.exact && p.n <= 30) {
    const exact = await solveExact(p);
    bestKnown = exact.value;
    proven = exact.optimal;
  }
  for (let k = 0; k < Number(values.seeds); k++) {
    const seed = Number(values.seed) + k;
    const started = performance.now();
    const r = solveGrouping(p, {
      seed,
      timeLimitMs: limitFor(p.n) * 1000,
      target: proven ? bestKnown : undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    const check = groupingValue(p, r.group);
    if (Math.abs(check - r.value) > 1e-6 * Math.max(1, Math.abs(check)))
      throw new Error(`${p.name}: incremental value ${r.value} differs from recomputed ${check}`);
    const gap = bestKnown !== undefined ? ((bestKnown - r.value) / bestKnown) * 100 : null;
    process.stdout.write(
      `${JSON.stringify({
        instance: p.name,
        n: p.n,
        groups: p.lower.length,
        value: round(r.value),
        bestKnown: bestKnown === undefined ? null : round(bestKnown),
        ...(proven ? { proven: true } : {}),
        gapPercent: gap === null ? null : round(gap, 4),
        seconds: round(seconds, 2),
        bestAtSeconds: round(r.bestAtMs / 1000, 2),
        iterations: r.iterations,
        seed,
      })}\n`,
    );
  }
}
