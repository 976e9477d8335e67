/**
 * Validation benchmark: 100,000 delegates and 2,000 sessions (goal: under 3 s on a 2-core machine).
 * Measures the pure pipeline (decode → parse → schema → rules → glyphs → model) in process, and the
 * whole `conclave validate` command on files (node start-up, reading, fonts, report), side by side.
 *
 *   npm run bench -- [--delegates 100000] [--sessions 2000] [--runs 5] [--quoted]
 *
 * --quoted puts quotes around the first cell of every delegates.csv line, as a spreadsheet does for
 * cells with a comma: every line then goes through csv-parse, none is split directly.
 * The CPU time of the in-process runs is reported too: on a shared machine it is the fairer
 * figure to compare two versions by, wall time being whatever the other processes leave.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadCoverage } from "../src/load/fonts.js";
import { parseEventConfig } from "../src/schema/event.js";
import { checkEvent } from "../src/validate/index.js";
import { generateEvent } from "./generate.js";

const { values } = parseArgs({
  options: {
    delegates: { type: "string", default: "100000" },
    sessions: { type: "string", default: "2000" },
    runs: { type: "string", default: "5" },
    quoted: { type: "boolean", default: false },
  },
});
const delegates = Number(values.delegates);
const sessions = Number(values.sessions);
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const files = generateEvent(delegates, sessions, 7);
if (values.quoted) files["delegates.csv"] = files["delegates.csv"].replace(/^([^,\n]*),/gm, '"$1",');
const parsed = parseEventConfig(files["event.yaml"]);
if (!parsed.ok) throw new Error("generated event.yaml is invalid");
const bytes = (s: string) => new TextEncoder().encode(s);
const input = {
  config: parsed.config,
  files: {
    delegates: { name: "delegates.csv", bytes: bytes(files["delegates.csv"]) },
    venues: { name: "venues.csv", bytes: bytes(files["venues.csv"]) },
    sessions: { name: "sessions.csv", bytes: bytes(files["sessions.csv"]) },
  },
  coverage: await loadCoverage(process.cwd(), []),
};
const rows = delegates + sessions;

const core: number[] = [];
const coreCpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = checkEvent(input);
  const used = process.cpuUsage(cpu);
  core.push(performance.now() - t);
  coreCpu.push((used.user + used.system) / 1000);
  if (r.diagnostics.some((d) => d.severity === "error"))
    throw new Error(`the generated event has errors: ${r.diagnostics[0]?.message}`);
}

const dir = await mkdtemp(path.join(tmpdir(), "conclave-bench-"));
for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
const bin = path.resolve(import.meta.dirname, "../bin/conclave.js");
const cli: number[] = [];
for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, "validate", dir, "--quiet"], {
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  cli.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`conclave validate exited ${r.status}: ${r.stderr}`);
}
await rm(dir, { recursive: true, force: true });

const result = {
  benchmark: "validate",
  delegates,
  sessions,
  runs,
  quoted: values.quoted,
  coreMedianSeconds: +(median(core) / 1000).toFixed(3),
  coreCpuMedianSeconds: +(median(coreCpu) / 1000).toFixed(3),
  cliMedianSeconds: +(median(cli) / 1000).toFixed(3),
  rowsPerSecondCore: Math.round(rows / (median(core) / 1000)),
  rowsPerSecondCli: Math.round(rows / (median(cli) / 1000)),
  goalSeconds: 3,
  node: process.version,
};
console.log(
  `validate ${delegates.toLocaleString("en")} delegates + ${sessions.toLocaleString("en")} sessions`,
);
console.log(
  `  core (in process)   median ${result.coreMedianSeconds.toFixed(3)} s   ${result.rowsPerSecondCore.toLocaleString("en")} rows/s   runs: ${core.map((x) => (x / 1000).toFixed(2)).join(" ")}`,
);
console.log(
  `  core CPU time       median ${result.coreCpuMedianSeconds.toFixed(3)} s   runs: ${coreCpu.map((x) => (x / 1000).toFixed(2)).join(" ")}`,
);
console.log(
  `  conclave validate   median ${result.cliMedianSeconds.toFixed(3)} s   ${result.rowsPerSecondCli.toLocaleString("en")} rows/s   runs: ${cli.map((x) => (x / 1000).toFixed(2)).join(" ")}`,
);
console.log(
  `  goal: under ${result.goalSeconds} s → ${result.cliMedianSeconds < result.goalSeconds ? "met" : "NOT met"}`,
);
console.log(JSON.stringify(result));
