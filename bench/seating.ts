/**
 * The seating solver against the research yardstick (MDGPLIB, ../shared/bench/mdgplib/):
 *
 *   npm run bench:seating -- <instance files…> [--work W] [--seconds S] [--seed N] [--seeds K] [--exact]
 *   npm run bench:seating -- --conference 200,1000 [--effort E] [--seconds S]
 *
 * prints one JSON line per instance and seed:
 *   {"instance","n","groups","value","bestKnown","gapPercent","seconds","iterations","work","complete","seed"}
 * bestKnown comes from best-known.tsv beside the instances, or, with --exact for n ≤ 30, from the
 * optimum proven by the HiGHS MILP solver (bench/exact.ts). The search stops on a budget of work,
 * as conclave's does, so the figures are the same on any machine: without --work, the yardstick's
 * time limit (1 s for n ≤ 30, 3 s for n = 120, 20 s for n = 240, 60 s for n = 480) at 50 million
 * candidate moves a second, more than one core of the CI machine looks at. --seconds is only a
 * safety cap (default: ten times the yardstick's time); a run it cuts short prints complete: false.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { planSeating } from "../src/seating/banquet.js";
import { groupingValue, solveGrouping } from "../src/seating/grouping.js";
import { DEFAULT_WEIGHTS } from "../src/seating/score.js";
import { solveExact } from "./exact.js";
import { checkedGala } from "./gala.js";
import { generateEvent } from "./generate.js";
import { readBestKnown, readInstance } from "./mdgplib.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: "string" },
    work: { type: "string" },
    effort: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    seeds: { type: "string", default: "1" },
    exact: { type: "boolean", default: false },
    conference: { type: "string" },
  },
});
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

if (values.conference) {
  // Conference scale with every rule: a generated gala (head table, interpreters, delegations,
  // accessible seats, must/prefer wishes), solved as `conclave seating` does, timed end to end.
  for (const size of values.conference.split(",").map(Number)) {
    const files = generateEvent(size + 20, 20, 7, { gala: size });
    const { event, session } = checkedGala(files);
    const started = performance.now();
    const result = planSeating({
      event,
      session,
      weights: DEFAULT_WEIGHTS,
      seed: Number(values.seed),
      effort: Number(values.effort),
      timeLimitMs: (values.seconds ? Number(values.seconds) : 120) * 1000,
      now: () => performance.now(),
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${JSON.stringify({
        conference: size,
        guests: result.seats.length,
        tables: result.tables.length,
        wishes: event.wishes.length,
        seconds: round(seconds, 2),
        iterations: result.iterations,
        work: result.work,
        complete: result.complete,
        objective: round(result.objective!),
        bound: round(result.bound!),
        gapToBoundPercent: round(((result.bound! - result.objective!) / result.bound!) * 100, 3),
        hardViolations: result.report.hard.reduce((n, h) => n + h.violations.length, 0),
        score: result.report.score,
        problems: result.report.problems.length,
      })}\n`,
    );
  }
  process.exit(0);
}
if (positionals.length === 0) {
  process.stderr.write(
    "usage: npm run bench:seating -- <instance files…> [--work W] [--seconds S] [--seed N] [--seeds K] [--exact]\n",
  );
  process.exit(2);
}
const yardstickSeconds = (n: number) => (n <= 30 ? 1 : n <= 120 ? 3 : n <= 240 ? 20 : 60);
/** Candidate moves and swaps per yardstick second: the work budget stands for the time limit. */
const RATE = 50e6;

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
      maxWork: values.work ? Number(values.work) : yardstickSeconds(p.n) * RATE,
      timeLimitMs: (values.seconds ? Number(values.seconds) : 10 * yardstickSeconds(p.n)) * 1000,
      target: proven ? bestKnown : undefined,
      now: () => performance.now(),
    });
    const seconds = (performance.now() - started) / 1000;
    const check = groupingValue(p, r.group);
    if (Math.abs(check - r.value) > 1e-6 * Math.max(1, Math.abs(check)))
      throw new Error(`${p.name}: incremental value ${r.value} differs from recomputed ${check}`);
    const gap = bestKnown !== undefined ? ((bestKnown - r.value) / bestKnown) * 100 : null;
    // Above the best known value (a negative gap): keep the assignment that proves it, re-scored
    // from scratch above, so anyone can check it against the instance file.
    let proof: string | undefined;
    if (gap !== null && gap < 0 && !proven) {
      const dir = path.join(import.meta.dirname, "results", "mdgplib-better");
      mkdirSync(dir, { recursive: true });
      proof = path.join(dir, `${p.name}-seed${seed}.txt`);
      writeFileSync(
        proof,
        `# ${p.name} seed ${seed}: value ${check} (best known ${bestKnown}); group of item i on line i+2 (items and groups from 0)\n${Array.from(r.group).join("\n")}\n`,
      );
    }
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
        work: r.work,
        complete: r.complete,
        seed,
        ...(proof ? { aboveBestKnown: path.relative(process.cwd(), proof) } : {}),
      })}\n`,
    );
  }
}
