/**
 * Material benchmark: each material of a generated event made by the CLI as a user runs it, with
 * wall time and peak memory, medians over runs.
 *
 *   npm run bench:materials -- [--delegates 10000] [--sessions 2000] [--materials agenda,letters] [--runs 1]
 *
 * Goals (2-core machine): agenda (programme of 2,000 sessions + 10,000 personal agendas, PDF and
 * ICS) under 30 s; letters (10,000 invitations + all.pdf) under 20 s; site (out/site/ of 2,000
 * sessions in three languages, `conclave agenda --site`) under 5 s.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { CATEGORIES } from "../src/schema/delegates.js";
import { generateEvent } from "./generate.js";
import { runMeasured } from "./run.js";

const { values } = parseArgs({
  options: {
    delegates: { type: "string", default: "10000" },
    sessions: { type: "string", default: "2000" },
    materials: { type: "string", default: "agenda,letters,site" },
    runs: { type: "string", default: "1" },
  },
});
const root = path.resolve(import.meta.dirname, "..");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = await mkdtemp(path.join(tmpdir(), "conclave-bench-materials-"));
const event = path.join(dir, "event");
await mkdir(event);
const files = generateEvent(Number(values.delegates), Number(values.sessions), 13);
// The letters goal is one invitation per delegate (10,000): every category receives one here,
// where an event's default (letters.recipients) leaves out staff, press, interpreters, organisers.
files["event.yaml"] += `letters:\n  recipients:\n    categories: [${CATEGORIES.join(", ")}]\n`;
for (const [name, text] of Object.entries(files)) await writeFile(path.join(event, name), text);
process.stderr.write(`Generated ${values.delegates} delegates and ${values.sessions} sessions in ${event}\n`);

/**
 * Microseconds to create an empty file, over 2,000 new files in a fresh folder (removed with the
 * rest at the end), measured before each run: how fast this disk creates files just then. ext4
 * looks over its recently freed inodes for every new one, so for minutes after tens of thousands
 * of files were deleted (an earlier benchmark's out/) each new file costs the kernel about 0.4 ms
 * instead of 0.03 ms (`perf`: ext4's `recently_deleted`), and a run writing 10,000 letters is
 * seconds slower. A probe well above 100 µs says the run's time is not the code's alone.
 */
function createProbe(folder: string): number {
  mkdirSync(folder);
  const started = performance.now();
  for (let i = 0; i < 2000; i++) closeSync(openSync(path.join(folder, `${i}.pdf`), "wx"));
  return Math.round(((performance.now() - started) * 1000) / 2000);
}

const results: Record<string, unknown>[] = [];
for (const material of values.materials.split(",")) {
  const times: number[] = [];
  const probes: number[] = [];
  const peaks: number[] = [];
  let summary = "";
  for (let r = 0; r < Number(values.runs); r++) {
    const out = path.join(dir, `out-${material}-${r}`);
    // What earlier runs wrote is flushed to disk first, and their folders are removed only at the
    // end: on this machine's disk (ext4 with online discard) the kernel's work of writing back,
    // and of freeing the 30,000 files of an agenda and letters run just deleted, went on for
    // seconds and made every file created meanwhile several times slower (a site of 12,025 files:
    // 2.7 s wall on a quiet disk, 6.9 to 10.1 s right after an `rm -rf` of the last run).
    spawnSync("sync");
    probes.push(createProbe(path.join(dir, `probe-${material}-${r}`)));
    // The site is a part of the agenda material, made alone by `agenda --site`.
    const command = material === "site" ? ["agenda", event, "--site"] : [material, event];
    const run = await runMeasured(process.execPath, [
      path.join(root, "bin/conclave.js"),
      ...command,
      "--out",
      out,
    ]);
    if (run.code !== 0) throw new Error(`${material} failed:\n${run.stderr}`);
    times.push(run.seconds);
    if (run.peakMb !== null) peaks.push(run.peakMb);
    summary = run.stdout.split("\n").find((l) => l.startsWith(command[0]!)) ?? "";
  }
  const row = {
    material,
    delegates: Number(values.delegates),
    sessions: Number(values.sessions),
    runs: times.length,
    medianSeconds: Math.round(median(times) * 100) / 100,
    seconds: times.map((t) => Math.round(t * 100) / 100),
    peakMb: peaks.length ? median(peaks) : null,
    createMicros: probes,
    summary,
  };
  results.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
await rm(dir, { recursive: true, force: true });
