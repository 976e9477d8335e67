/**
 * The seating solver against the research yardstick (MDGPLIB, ../shared/bench/mdgplib/):
 *
 *   npm run bench:seating -- <instance files…> [--seconds S] [--seed N] [--seeds K] [--exact]
 *   npm run bench:seating -- --conference 200,1000
 *
 * prints one JSON line per instance and seed:
 *   {"instance","n","groups","value","bestKnown","gapPercent","seconds","seed"}
 * bestKnown comes from best-known.tsv beside the instances, or, with --exact for n ≤ 30, from the
 * optimum proven by the HiGHS MILP solver (bench/exact.ts). Without --seconds the time limit
 * follows the yardstick: 1 s for n ≤ 30, 3 s for n = 120, 20 s for n = 240, 60 s for n = 480.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { parseEventConfig } from "../src/schema/event.js";
import { planSeating } from "../src/seating/banquet.js";
import { groupingValue, solveGrouping } from "../src/seating/grouping.js";
import { DEFAULT_WEIGHTS } from "../src/seating/score.js";
import { checkEvent } from "../src/validate/index.js";
import { solveExact } from "./exact.js";
import { generateEvent } from "./generate.js";
import { readBestKnown, readInstance } from "./mdgplib.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: "string" },
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
    const parsed = parseEventConfig(files["event.yaml"]);
    if (!parsed.ok) throw new Error("generated event.yaml is invalid");
    const enc = (t: string) => new TextEncoder().encode(t);
    const checked = checkEvent({
      config: parsed.config,
      files: {
        delegates: { name: "delegates.csv", bytes: enc(files["delegates.csv"]) },
        venues: { name: "venues.csv", bytes: enc(files["venues.csv"]) },
        sessions: { name: "sessions.csv", bytes: enc(files["sessions.csv"]) },
        seating: { name: "seating.csv", bytes: enc(files["seating.csv"]) },
      },
    });
    if (!checked.event) throw new Error(JSON.stringify(checked.diagnostics.slice(0, 3)));
    const session = checked.event.sessions.find((x) => x.seating === "assigned")!;
    const limit = values.seconds ? Number(values.seconds) : size <= 200 ? 1 : 5;
    const started = performance.now();
    const result = planSeating({
      event: checked.event,
      session,
      weights: DEFAULT_WEIGHTS,
      seed: Number(values.seed),
      // The time goal includes everything after the data is read; leave a margin for placing seats.
      timeLimitMs: limit * 1000 * 0.8,
      now: () => performance.now(),
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${JSON.stringify({
        conference: size,
        guests: result.seats.length,
        tables: result.tables.length,
        wishes: checked.event.wishes.length,
        seconds: round(seconds, 2),
        goalSeconds: limit,
        iterations: result.iterations,
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
    "usage: npm run bench:seating -- <instance files…> [--seconds S] [--seed N] [--seeds K] [--exact]\n",
  );
  process.exit(2);
}
const limitFor = (n: number) =>
  values.seconds ? Number(values.seconds) : n <= 30 ? 1 : n <= 120 ? 3 : n <= 240 ? 20 : 60;

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
      now: () => performance.now(),
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
