/**
 * Validation benchmark: 100,000 delegates and 2,000 sessions (goal: under 3 s on a 2-core machine).
 * Measures the pure pipeline (decode → parse → schema → rules → glyphs → model) in process, and the
 * whole `conclave validate` command on files (node start-up, reading, fonts, report), side by side.
 *
 *   npm run bench:validate -- [--delegates 100000] [--sessions 2000] [--runs 5] [--quoted] [--peer DIR]…
 *
 * The command runs four ways, interleaved round by round: as shipped (a file past 1 MB read in a
 * second thread when a core is free), in one thread (CONCLAVE_CSV_THREAD=0), in two threads
 * whatever the load (CONCLAVE_CSV_THREAD=1), and, with --peer (repeatable), other checkouts of
 * conclave (built, e.g. the reader before csv-parse: `git worktree add /tmp/old 37443ee`, then
 * `npm ci && npm run build` there; a second --peer for this code before a change), on the same
 * files. The in-process runs read in one thread:
 * from the TypeScript sources there is no compiled reading thread to start.
 *
 * --quoted puts quotes around the first cell of every delegates.csv line, as a spreadsheet does for
 * cells with a comma: every line then goes through csv-parse, none is split directly.
 * The CPU time of the in-process runs is reported too: on a shared machine it is the fairer
 * figure to compare two versions by, wall time being whatever the other processes leave.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os, { tmpdir } from "node:os";
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
    peer: { type: "string", multiple: true },
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
/** Other checkouts run on the same files, in the same rounds (--peer, repeatable); the first is "the peer". */
const peerDirs = values.peer ?? [];
const peerBins = peerDirs.map((d) => path.resolve(d, "bin/conclave.js"));
const peerBin = peerBins[0];
/** CPU seconds of the children this process has waited for (Linux: cutime + cstime, in ticks of 10 ms). */
const childCpu = () => {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
};
/** Wall and CPU milliseconds of one `conclave validate` (CPU: both threads, on a shared machine the fairer figure). */
const validate = (script: string, env: NodeJS.ProcessEnv = {}) => {
  const t = performance.now();
  const cpu = childCpu();
  const r = spawnSync(process.execPath, [script, "validate", dir, "--quiet"], {
    encoding: "utf8",
    env: { ...process.env, CI: "1", ...env },
    // The report is not read, and a large one (thousands of warnings) would overflow spawnSync's buffer.
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} validate exited ${r.status}: ${r.stderr}`);
  return { wall: performance.now() - t, cpu: childCpu() - cpu };
};
const cli: number[] = [];
const cliOneThread: number[] = [];
const cliTwoThreads: number[] = [];
const cliPeer: number[] = [];
const cpuOf = {
  cli: [] as number[],
  oneThread: [] as number[],
  twoThreads: [] as number[],
  peer: [] as number[],
};
const peerWalls = peerBins.map(() => [] as number[]);
const peerCpus = peerBins.map(() => [] as number[]);
for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) {
  const a = validate(bin);
  cli.push(a.wall);
  cpuOf.cli.push(a.cpu);
  const b = validate(bin, { CONCLAVE_CSV_THREAD: "0" });
  cliOneThread.push(b.wall);
  cpuOf.oneThread.push(b.cpu);
  const d = validate(bin, { CONCLAVE_CSV_THREAD: "1" });
  cliTwoThreads.push(d.wall);
  cpuOf.twoThreads.push(d.cpu);
  peerBins.forEach((script, p) => {
    const c = validate(script);
    peerWalls[p]!.push(c.wall);
    peerCpus[p]!.push(c.cpu);
    if (p === 0) {
      cliPeer.push(c.wall);
      cpuOf.peer.push(c.cpu);
    }
  });
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
  cliOneThreadMedianSeconds: +(median(cliOneThread) / 1000).toFixed(3),
  cliTwoThreadsMedianSeconds: +(median(cliTwoThreads) / 1000).toFixed(3),
  cliTwoThreadsCpuMedianSeconds: +(median(cpuOf.twoThreads) / 1000).toFixed(3),
  cliCpuMedianSeconds: +(median(cpuOf.cli) / 1000).toFixed(3),
  cliOneThreadCpuMedianSeconds: +(median(cpuOf.oneThread) / 1000).toFixed(3),
  ...(peerBin ? { cliPeerCpuMedianSeconds: +(median(cpuOf.peer) / 1000).toFixed(3) } : {}),
  loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
  ...(peerBin
    ? {
        peer: peerDirs[0],
        peers: peerDirs.map((dir, p) => ({
          dir,
          wallMedianSeconds: +(median(peerWalls[p]!) / 1000).toFixed(3),
          cpuMedianSeconds: +(median(peerCpus[p]!) / 1000).toFixed(3),
          wallRuns: peerWalls[p]!.map((x) => +(x / 1000).toFixed(3)),
          ratio: +(median(cli) / median(peerWalls[p]!)).toFixed(3),
        })),
        cliRuns: cli.map((x) => +(x / 1000).toFixed(3)),
        cliPeerMedianSeconds: +(median(cliPeer) / 1000).toFixed(3),
        ratioToPeer: +(median(cli) / median(cliPeer)).toFixed(3),
      }
    : {}),
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
const runsOf = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(" ");
console.log(
  `    its CPU time      median ${result.cliCpuMedianSeconds.toFixed(3)} s   runs: ${runsOf(cpuOf.cli)}`,
);
console.log(
  `  … in one thread     median ${result.cliOneThreadMedianSeconds.toFixed(3)} s   runs: ${runsOf(cliOneThread)}   CPU ${result.cliOneThreadCpuMedianSeconds.toFixed(3)} s`,
);
console.log(
  `  … in two threads    median ${result.cliTwoThreadsMedianSeconds.toFixed(3)} s   runs: ${runsOf(cliTwoThreads)}   CPU ${result.cliTwoThreadsCpuMedianSeconds.toFixed(3)} s`,
);
peerDirs.forEach((dir, p) => {
  console.log(
    `  peer ${dir}   median ${(median(peerWalls[p]!) / 1000).toFixed(3)} s   runs: ${runsOf(peerWalls[p]!)}   CPU ${(median(peerCpus[p]!) / 1000).toFixed(3)} s   (ours / peer, wall: ${(median(cli) / median(peerWalls[p]!)).toFixed(3)})`,
  );
});
console.log(`  load average during the run: ${result.loadAverage.join(" ")}`);
console.log(
  `  goal: under ${result.goalSeconds} s → ${result.cliMedianSeconds < result.goalSeconds ? "met" : "NOT met"}`,
);
console.log(JSON.stringify(result));
