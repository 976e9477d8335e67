/**
 * Incremental build benchmark (issue 18, docs/changes.md): a generated event built in full, then
 * edited as a secretariat would (10 names corrected, 2 sessions moved, 5 delegates added) and
 * rebuilt, then rebuilt with no change. Wall times of the CLI as a user runs it, medians over
 * runs; the edited rebuild's out/ is compared with a clean build of the same data (manifests).
 *
 *   npm run bench:incremental -- [--delegates 10000] [--sessions 2000] [--runs 3] [--stable]
 *                                [--profile <dir>]
 *
 * --stable sets `seating.stable: true` in the generated event.yaml, as a secretariat does once the
 * place cards are printed (docs/seating.md): the rebuild re-solves the banquet from the last plan.
 * The out/ it makes is then compared with `--full` (a clean build: nothing remembered but the
 * last plan, which is an input of a stable build) into a copy of the out/ before the edits.
 *
 * --profile writes V8 CPU profiles of the first edited rebuild (every thread's, `--cpu-prof`) into
 * <dir>, to see where a rebuild's time goes.
 *
 * Goals: the edited rebuild ≤ 1/15 of the full build's time; the no-change rebuild < 1.5 s.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseCsv } from "../src/csv/parse.js";
import { generateEvent } from "./generate.js";
import { resultFile, runMeasured } from "./run.js";

const { values } = parseArgs({
  options: {
    delegates: { type: "string", default: "10000" },
    sessions: { type: "string", default: "2000" },
    runs: { type: "string", default: "3" },
    stable: { type: "boolean", default: false },
    profile: { type: "string" },
  },
});
const root = path.resolve(import.meta.dirname, "..");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 100) / 100;
const dir = await mkdtemp(path.join(tmpdir(), "conclave-bench-incremental-"));
const original = path.join(dir, "event");
await mkdir(original);
for (const [name, text] of Object.entries(
  generateEvent(Number(values.delegates), Number(values.sessions), 13),
))
  await writeFile(
    path.join(original, name),
    name === "event.yaml" && values.stable ? `${text}seating:\n  stable: true\n` : text,
  );
process.stderr.write(
  `Generated ${values.delegates} delegates and ${values.sessions} sessions in ${original}\n`,
);

/** A CSV cell quoted where it must be (the generated files quote nothing else). */
const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
async function editCsv(file: string, edit: (grid: string[][]) => string[][]): Promise<void> {
  const grid = parseCsv(await readFile(file, "utf8"), ",")
    .records.map((r) => r.cells)
    .filter((r) => r.join("") !== "");
  await writeFile(
    file,
    `${edit(grid)
      .map((r) => r.map(cell).join(","))
      .join("\n")}\n`,
  );
}
const shift = (hhmm: string, minutes: number) => {
  const [h, m] = hhmm.split(":").map(Number);
  const t = h! * 60 + m! + minutes;
  return `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
};

/** The edits: 10 family names corrected, 2 sessions moved 5 minutes earlier, 5 delegates added. */
async function edit(event: string): Promise<void> {
  await editCsv(path.join(event, "delegates.csv"), (g) => {
    const family = g[0]!.indexOf("family_name");
    const id = g[0]!.indexOf("id");
    const email = g[0]!.indexOf("email");
    const step = Math.floor((g.length - 1) / 10);
    const renamed = g.map((r, i) =>
      i > 0 && i % step === 0 && i / step <= 10 ? r.map((v, j) => (j === family ? `${v}-Yi` : v)) : r,
    );
    const added = [1, 2, 3, 4, 5].map((k) =>
      g[k]!.map((v, j) => (j === id ? `LATE${k}` : j === email ? `late${k}@example.org` : v)),
    );
    return [...renamed, ...added];
  });
  await editCsv(path.join(event, "sessions.csv"), (g) => {
    const [s, e] = [g[0]!.indexOf("start"), g[0]!.indexOf("end")];
    return g.map((r, i) =>
      i === 2 || i === 4 ? r.map((v, j) => (j === s || j === e ? shift(v, -5) : v)) : r,
    );
  });
}

interface Built {
  seconds: number;
  compiled: number;
  reused: number;
  byTemplate: Record<string, { compiled: number; reused: number }>;
  materials: { material: string; seconds: number }[];
}

/** One `conclave build --format json`, with `flags` for conclave and `node` for Node.js (--cpu-prof). */
async function build(event: string, out: string, flags: string[] = [], node: string[] = []): Promise<Built> {
  const run = await runMeasured(process.execPath, [
    ...node,
    path.join(root, "bin/conclave.js"),
    "build",
    event,
    "--out",
    out,
    "--format",
    "json",
    ...flags,
  ]);
  if (run.code !== 0) throw new Error(`build failed:\n${run.stderr}`);
  const summary = JSON.parse(run.stdout) as Omit<Built, "seconds">;
  return { seconds: run.seconds, ...summary };
}

const manifestOf = async (out: string) =>
  JSON.stringify(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")).files);

const full: number[] = [];
const rebuild: number[] = [];
const unchanged: number[] = [];
/** Seconds of each material in the edited rebuilds, and in the full builds: where the time goes. */
const rebuildBy: Record<string, number[]> = {};
const fullBy: Record<string, number[]> = {};
const note = (into: Record<string, number[]>, b: Built) => {
  for (const m of b.materials) {
    into[m.material] ??= [];
    into[m.material]!.push(m.seconds);
  }
};
const medians = (by: Record<string, number[]>) =>
  Object.fromEntries(Object.entries(by).map(([m, xs]) => [m, round(median(xs))]));
let counts = {};
let equal: boolean | undefined;
const load = [loadavg()[0]!];
for (let r = 0; r < Number(values.runs); r++) {
  const event = path.join(dir, `event-${r}`);
  await cp(original, event, { recursive: true });
  const out = path.join(dir, `out-${r}`);
  const a = await build(event, out);
  full.push(a.seconds);
  // A stable build's clean counterpart starts from the same last plan: out/ as the full build left it.
  const clean = path.join(dir, "clean");
  if (r === 0 && values.stable) await cp(out, clean, { recursive: true });
  await edit(event);
  const profile = r === 0 && values.profile ? path.resolve(values.profile) : undefined;
  if (profile) await mkdir(profile, { recursive: true });
  const b = await build(event, out, [], profile ? ["--cpu-prof", "--cpu-prof-dir", profile] : []);
  rebuild.push(b.seconds);
  note(fullBy, a);
  note(rebuildBy, b);
  const c = await build(event, out);
  unchanged.push(c.seconds);
  counts = {
    full: a.compiled,
    rebuildCompiled: b.compiled,
    rebuildReused: b.reused,
    unchangedCompiled: c.compiled,
    rebuildByTemplate: b.byTemplate,
  };
  process.stderr.write(
    `run ${r + 1}: full ${a.seconds.toFixed(1)} s, rebuild ${b.seconds.toFixed(1)} s (${b.compiled} compiled, ${b.reused} reused), no change ${c.seconds.toFixed(1)} s\n`,
  );
  if (r === 0) {
    // Once: the rebuilt out/ against a clean build of the same edited data.
    await build(event, clean, values.stable ? ["--full"] : []);
    equal = (await manifestOf(out)) === (await manifestOf(clean));
    await rm(clean, { recursive: true, force: true });
  }
  load.push(loadavg()[0]!);
  await rm(out, { recursive: true, force: true });
  await rm(event, { recursive: true, force: true });
}
const row = {
  delegates: Number(values.delegates),
  sessions: Number(values.sessions),
  runs: full.length,
  fullSeconds: round(median(full)),
  rebuildSeconds: round(median(rebuild)),
  unchangedSeconds: round(median(unchanged)),
  rebuildRatio: round(median(full) / median(rebuild)),
  ...counts,
  fullMaterialSeconds: medians(fullBy),
  rebuildMaterialSeconds: medians(rebuildBy),
  equalToClean: equal,
  stable: values.stable,
  loadAverage: load.map(round),
};
process.stdout.write(`${JSON.stringify(row)}\n`);
await writeFile(resultFile(root, "incremental"), `${JSON.stringify(row, null, 2)}\n`);
await rm(dir, { recursive: true, force: true });
