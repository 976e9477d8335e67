/**
 * The benchmark suite: for each size, every stage as a user runs it (a fresh `conclave` process
 * each: validate, seating, agenda, badges, letters) and the whole `conclave build`, with wall time
 * and peak memory; for the largest size only validate and badges (the 100,000-delegate goals).
 * Prints a table and the growth exponent of each stage, and saves bench/results/suite-<date>.json.
 *
 *   npm run bench:suite -- [--sizes 1000,10000] [--large 100000]
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateEvent } from "./generate.js";
import { runMeasured } from "./run.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    large: { type: "string", default: "100000" },
  },
});
const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin/conclave.js");
const sizes = values.sizes.split(",").map(Number);
const large = Number(values.large);
const dir = await mkdtemp(path.join(tmpdir(), "conclave-bench-suite-"));

type Row = { delegates: number; stage: string; seconds: number; peakMb: number | null };
const rows: Row[] = [];

async function event(n: number): Promise<string> {
  const folder = path.join(dir, `event-${n}`);
  await mkdir(folder);
  // Sessions grow with the event (500 at 10,000 delegates); the gala seats up to 1,000.
  const files = generateEvent(n, Math.max(20, Math.round(n / 20)), 17, { gala: Math.min(n, 1000) });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  return folder;
}

async function stage(n: number, name: string, args: string[]) {
  const run = await runMeasured(process.execPath, [bin, ...args]);
  if (run.code !== 0) throw new Error(`${name} at ${n} failed:\n${run.stderr.slice(-2000)}`);
  const row = { delegates: n, stage: name, seconds: Math.round(run.seconds * 100) / 100, peakMb: run.peakMb };
  rows.push(row);
  process.stderr.write(
    `${String(n).padStart(7)}  ${name.padEnd(9)} ${row.seconds.toFixed(2).padStart(8)} s  ${String(row.peakMb ?? "–").padStart(6)} MB\n`,
  );
}

for (const n of [...sizes, ...(large > 0 ? [large] : [])]) {
  const folder = await event(n);
  const out = path.join(dir, `out-${n}`);
  await stage(n, "validate", ["validate", folder, "--quiet"]);
  const materials =
    n === large && !sizes.includes(n) ? ["badges"] : ["seating", "agenda", "badges", "letters"];
  for (const m of materials) await stage(n, m, [m, folder, "--out", out, "--quiet"]);
  if (materials.length > 1)
    await stage(n, "build", ["build", folder, "--out", path.join(dir, `build-${n}`), "--quiet"]);
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
const result = { date: new Date().toISOString().slice(0, 10), node: process.version, rows, growth };
const file = path.join(root, "bench/results", `suite-${result.date}.json`);
await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify({ rows, growth })}\n`);
process.stderr.write(`Saved ${path.relative(root, file)}\n`);
await rm(dir, { recursive: true, force: true });
