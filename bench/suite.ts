/**
 * The benchmark suite: for each size, every stage as a user runs it (a fresh `conclave` process
 * each: validate, seating, agenda, badges, letters) and the whole `conclave build`, with wall time
 * and peak memory; for the largest size only validate and badges (the 100,000-delegate goals).
 * Also, for each size:
 *   - read, parse, rules and model measured in process (what `validate` is made of);
 *   - the floor under the build's PDF stages: the same Typst documents compiled again by bare
 *     Typst with the same number of workers (bench/floor.ts), and the build's ratio to it: the
 *     build and the floor alternate `--runs` times and the ratio is of their medians;
 *   - the badge peers (pdfkit up to 10,000 delegates, Chromium at the smallest size, where
 *     installed) drawing the same badges, as ratios to conclave's badges stage.
 * validate, badges and build (with its floor) are run `--runs` times and reported by their median
 * (peak memory: the largest); the other stages once.
 * Prints a table and the growth exponent of each stage, and saves bench/results/suite-<date>.json.
 *
 *   npm run bench:suite -- [--sizes 1000,10000] [--large 100000] [--runs 3] [--no-peers]
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { decodeBytes } from "../src/csv/decode.js";
import { loadEventFolder } from "../src/load/event-folder.js";
import { buildEvent } from "../src/model/build.js";
import { readTable } from "../src/schema/table.js";
import { checkEvent, TABLE_SPECS, type TableKey } from "../src/validate/index.js";
import { typstFloor } from "./floor.js";
import { generateEvent } from "./generate.js";
import { peerInputFor } from "./peers/input.js";
import { resultFile, runMeasured } from "./run.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    large: { type: "string", default: "100000" },
    runs: { type: "string", default: "3" },
    "no-peers": { type: "boolean", default: false },
  },
});
const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin/conclave.js");
const sizes = values.sizes.split(",").map(Number);
const large = Number(values.large);
const runs = Math.max(1, Number(values.runs));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = await mkdtemp(path.join(tmpdir(), "conclave-bench-suite-"));

type Row = { delegates: number; stage: string; seconds: number; peakMb: number | null; runs?: number[] };
const rows: Row[] = [];

async function event(n: number): Promise<string> {
  const folder = path.join(dir, `event-${n}`);
  await mkdir(folder);
  // Sessions grow with the event (500 at 10,000 delegates); the gala seats up to 1,000.
  const files = generateEvent(n, Math.max(20, Math.round(n / 20)), 17, { gala: Math.min(n, 1000) });
  // Badges as bench/badges.ts makes them, so the peers draw the same faces: QR codes, duplex backs.
  files["event.yaml"] +=
    'short_name: STS 2027\nbadge:\n  stock: a6-4up\n  qr: "https://checkin.example/sts2027/{id}"\n  emergency_contact: "+84 28 5555 0199"\n  wifi: "STS2027 / trade2027"\n';
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  return folder;
}

function report(row: Row) {
  rows.push(row);
  process.stderr.write(
    `${String(row.delegates).padStart(7)}  ${row.stage.padEnd(20)} ${row.seconds.toFixed(2).padStart(8)} s  ${String(row.peakMb ?? "–").padStart(6)} MB${row.runs ? `   (runs: ${row.runs.join(" ")})` : ""}\n`,
  );
}
const r2 = (x: number) => Math.round(x * 100) / 100;

async function stage(
  n: number,
  name: string,
  args: string[],
  command = bin,
  env: NodeJS.ProcessEnv = {},
  times = 1,
) {
  const done = [];
  for (let r = 0; r < times; r++) {
    const run = await runMeasured(process.execPath, command ? [command, ...args] : args, env);
    if (run.code !== 0) throw new Error(`${name} at ${n} failed:\n${run.stderr.slice(-2000)}`);
    done.push(run);
  }
  // The median run (the machines are shared and noisy); memory: the largest peak of any run.
  const run = done.sort((a, b) => a.seconds - b.seconds)[Math.floor(done.length / 2)]!;
  const peaks = done.map((d) => d.peakMb).filter((p): p is number => p !== null);
  report({
    delegates: n,
    stage: name,
    seconds: r2(run.seconds),
    peakMb: peaks.length > 0 ? Math.max(...peaks) : null,
    ...(times > 1 ? { runs: done.map((d) => r2(d.seconds)).sort((a, b) => a - b) } : {}),
  });
  return run;
}

/**
 * Read, parse, rules and model, in this process (validate runs them all; here each is timed from
 * outside: the three main files decoded and parsed on their own, then the whole check without
 * the model, then the model).
 */
async function inProcess(n: number, folder: string) {
  let t = performance.now();
  const loaded = await loadEventFolder(folder);
  const read = performance.now() - t;
  const { config, files } = loaded.input;
  t = performance.now();
  for (const key of Object.keys(TABLE_SPECS) as TableKey[]) {
    const decoded = decodeBytes(files[key].bytes!, config.encodings[key]);
    if (decoded.ok) readTable(TABLE_SPECS[key], files[key].name, decoded.text, config.columns[key]);
  }
  const parse = performance.now() - t;
  t = performance.now();
  const checked = checkEvent({ ...loaded.input, buildModel: false });
  const rules = Math.max(0, performance.now() - t - parse);
  t = performance.now();
  buildEvent(checked.tables);
  const model = performance.now() - t;
  for (const [stage, ms] of Object.entries({ read, parse, rules, model }))
    report({ delegates: n, stage: `· ${stage}`, seconds: r2(ms / 1000), peakMb: null });
}

const PDF_MATERIALS = ["agenda", "badges", "letters"];
const PDF_TEMPLATES = /^(programme|personal-agenda|badge|letters\/)/;
type Overhead = { buildPdfSeconds: number; floorSeconds: number; ratio: number };
const overheads: Record<string, Overhead & { runs: Overhead[] }> = {};
const peers: Record<string, Record<string, number>> = {};

const pdfSeconds = (build: { materials: { material: string; seconds: number }[] }) =>
  build.materials.filter((m) => PDF_MATERIALS.includes(m.material)).reduce((a, m) => a + m.seconds, 0);

/**
 * The build, recording its compiles once; then the build and the same compiles by bare Typst,
 * alternately, `runs` times: the ratio of the medians, and each run's own.
 */
async function buildAndFloor(n: number, folder: string) {
  const recorded = path.join(dir, `compiles-${n}.jsonl`);
  const recordedOut = path.join(dir, `recorded-${n}`);
  const rec = await runMeasured(process.execPath, [bin, "build", folder, "--out", recordedOut, "--quiet"], {
    CONCLAVE_RECORD_COMPILES: recorded,
  });
  if (rec.code !== 0) throw new Error(`recorded build at ${n} failed:\n${rec.stderr.slice(-2000)}`);
  await rm(recordedOut, { recursive: true, force: true });
  const builds: Awaited<ReturnType<typeof runMeasured>>[] = [];
  const pdfs: number[] = [];
  const floors: number[] = [];
  for (let r = 0; r < runs; r++) {
    const out = path.join(dir, `build-${n}`);
    const run = await runMeasured(process.execPath, [bin, "build", folder, "--out", out, "--format", "json"]);
    if (run.code !== 0) throw new Error(`build at ${n} failed:\n${run.stderr.slice(-2000)}`);
    await rm(out, { recursive: true, force: true });
    builds.push(run);
    pdfs.push(pdfSeconds(JSON.parse(run.stdout)));
    floors.push((await typstFloor(recorded, (t) => PDF_TEMPLATES.test(t))).seconds);
  }
  await rm(recorded, { force: true });
  const peaks = builds.map((b) => b.peakMb).filter((p): p is number => p !== null);
  const sorted = builds.map((b) => r2(b.seconds)).sort((a, b) => a - b);
  report({
    delegates: n,
    stage: "build",
    seconds: median(sorted),
    peakMb: peaks.length > 0 ? Math.max(...peaks) : null,
    ...(runs > 1 ? { runs: sorted } : {}),
  });
  report({ delegates: n, stage: "typst floor", seconds: r2(median(floors)), peakMb: null });
  overheads[String(n)] = {
    buildPdfSeconds: r2(median(pdfs)),
    floorSeconds: r2(median(floors)),
    ratio: r2(median(pdfs) / median(floors)),
    runs: pdfs.map((p, i) => ({
      buildPdfSeconds: r2(p),
      floorSeconds: r2(floors[i]!),
      ratio: r2(p / floors[i]!),
    })),
  };
  process.stderr.write(
    `         build's PDF stages ${median(pdfs).toFixed(2)} s = ${(median(pdfs) / median(floors)).toFixed(2)}× the floor (medians of ${runs}; each run: ${pdfs.map((p, i) => `${(p / floors[i]!).toFixed(2)}×`).join(" ")})\n`,
  );
}

/** pdfkit (and Chromium at the smallest size) drawing the same badges, as fresh processes. */
async function peerRuns(n: number, folder: string) {
  if (values["no-peers"]) return;
  const input = path.join(dir, `faces-${n}.json`);
  await writeFile(input, JSON.stringify(await peerInputFor(folder)));
  const conclave = rows.find((r) => r.delegates === n && r.stage === "badges")!.seconds;
  const mine: Record<string, number> = {};
  const tsx = ["--import", "tsx"];
  const pk = await stage(
    n,
    "peer pdfkit",
    [...tsx, path.join(root, "bench/peers/pdfkit-badges.ts"), input, path.join(dir, "pdfkit.pdf")],
    "",
  );
  mine.pdfkitOverConclave = r2(pk.seconds / conclave);
  const chromium = spawnSync("which", ["chromium"], { encoding: "utf8" }).stdout.trim();
  if (chromium && n === Math.min(...sizes)) {
    const ch = await stage(
      n,
      "peer chromium",
      [...tsx, path.join(root, "bench/peers/chromium-badges.ts"), input, path.join(dir, "chromium.pdf")],
      "",
      { CHROMIUM: chromium },
    );
    mine.chromiumOverConclave = r2(ch.seconds / conclave);
  }
  peers[String(n)] = mine;
  await rm(path.join(dir, "pdfkit.pdf"), { force: true });
  await rm(path.join(dir, "chromium.pdf"), { force: true });
}

for (const n of [...sizes, ...(large > 0 ? [large] : [])]) {
  const folder = await event(n);
  const out = path.join(dir, `out-${n}`);
  await stage(n, "validate", ["validate", folder, "--quiet"], bin, {}, runs);
  await inProcess(n, folder);
  const materials =
    n === large && !sizes.includes(n) ? ["badges"] : ["seating", "agenda", "badges", "letters"];
  for (const m of materials)
    await stage(n, m, [m, folder, "--out", out, "--quiet"], bin, {}, m === "badges" ? runs : 1);
  if (materials.includes("badges") && n <= 10_000) await peerRuns(n, folder);
  if (materials.length > 1) await buildAndFloor(n, folder);
  await rm(out, { recursive: true, force: true });
  await rm(path.join(dir, `build-${n}`), { recursive: true, force: true });
}

// Growth exponent per stage between the smallest and largest size measured: time ∝ n^k.
const growth: Record<string, number> = {};
for (const name of new Set(rows.map((r) => r.stage))) {
  const mine = rows.filter((r) => r.stage === name).sort((a, b) => a.delegates - b.delegates);
  if (mine.length < 2) continue;
  const [a, b] = [mine[0]!, mine.at(-1)!];
  growth[`${name} ${a.delegates}→${b.delegates}`] =
    Math.round((Math.log(b.seconds / a.seconds) / Math.log(b.delegates / a.delegates)) * 100) / 100;
}
const result = {
  date: new Date().toISOString().slice(0, 10),
  node: process.version,
  rows,
  growth,
  overheads,
  peers,
};
const file = resultFile(root, "suite", result.date);
await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ rows, growth, overheads, peers })}\n`);
process.stderr.write(`Saved ${path.relative(root, file)}\n`);
await rm(dir, { recursive: true, force: true });
