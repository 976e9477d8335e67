/**
 * Badge benchmark: 10,000 badges (a6-4up, duplex, QR on), made by conclave and by two peers a
 * typical Node project would use — pdfkit drawing directly, and headless Chromium printing an
 * equivalent HTML page (only where `chromium` is installed) — in the same run, interleaved, each
 * a fresh process. Reports medians and ratios; goals: conclave under 5 s, ≥ 3× pdfkit, ≥ 5× Chromium.
 *
 *   npm run bench:badges -- [--delegates 10000] [--runs 3] [--chromium-runs 1]
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateEvent } from "./generate.js";
import { peerInputFor } from "./peers/input.js";
import { resultFile } from "./run.js";

const { values } = parseArgs({
  options: {
    delegates: { type: "string", default: "10000" },
    runs: { type: "string", default: "3" },
    // Chromium takes minutes for 10,000 badges: one run of it is the default.
    "chromium-runs": { type: "string", default: "1" },
  },
});
const delegates = Number(values.delegates);
const runs = Number(values.runs);
const chromiumRuns = Number(values["chromium-runs"]);
const root = path.resolve(import.meta.dirname, "..");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = await mkdtemp(path.join(tmpdir(), "conclave-bench-badges-"));
const files = generateEvent(delegates, 50, 11);
files["event.yaml"] +=
  'short_name: STS 2027\nbadge:\n  stock: a6-4up\n  qr: "https://checkin.example/sts2027/{id}"\n  emergency_contact: "+84 28 5555 0199"\n  wifi: "STS2027 / trade2027"\n';
await mkdir(path.join(dir, "event"));
for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, "event", name), content);

// The peers draw the same texts, given to them ready-made as JSON (conclave also validates the CSVs).
const peerInput = await peerInputFor(path.join(dir, "event"));
const inputFile = path.join(dir, "faces.json");
await writeFile(inputFile, JSON.stringify(peerInput));

const chromium =
  process.env.CHROMIUM ?? (spawnSync("which", ["chromium"], { encoding: "utf8" }).stdout.trim() || undefined);
// Each conclave run writes into a folder of its own: a second run into the same out/ would find
// every sheet in the build cache and measure a copy, not a compile.
const tools: { name: string; args: string[] }[] = [
  {
    name: "conclave",
    args: [
      path.join(root, "bin/conclave.js"),
      "badges",
      path.join(dir, "event"),
      "--out",
      path.join(dir, "out-conclave"),
      "--quiet",
    ],
  },
  {
    name: "conclave, one file",
    args: [
      path.join(root, "bin/conclave.js"),
      "badges",
      path.join(dir, "event"),
      "--out",
      path.join(dir, "out-volumes"),
      "--quiet",
      "--volume-sheets",
      String(Math.ceil(delegates / 4)),
    ],
  },
  {
    name: "pdfkit",
    args: [
      "--import",
      "tsx",
      path.join(root, "bench/peers/pdfkit-badges.ts"),
      inputFile,
      path.join(dir, "pdfkit.pdf"),
    ],
  },
];
if (chromium)
  tools.push({
    name: "chromium",
    args: [
      "--import",
      "tsx",
      path.join(root, "bench/peers/chromium-badges.ts"),
      inputFile,
      path.join(dir, "chromium.pdf"),
    ],
  });

const times = new Map<string, number[]>(tools.map((t) => [t.name, []]));
for (let r = 0; r < runs; r++) {
  for (const tool of tools) {
    if (tool.name === "chromium" && r >= chromiumRuns) continue;
    const args = tool.args.map((a) => (/[\\/]out-(conclave|volumes)$/.test(a) ? `${a}-${r + 1}` : a));
    const t = performance.now();
    const res = spawnSync(process.execPath, args, {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CI: "1", CHROMIUM: chromium ?? "" },
      timeout: 1_800_000,
    });
    const s = (performance.now() - t) / 1000;
    if (res.status !== 0) throw new Error(`${tool.name} failed (${res.status}): ${res.stderr}`);
    times.get(tool.name)!.push(s);
    process.stderr.write(`run ${r + 1}/${runs} ${tool.name}: ${s.toFixed(2)} s\n`);
  }
}
await rm(dir, { recursive: true, force: true });

const m = Object.fromEntries([...times].filter(([, v]) => v.length > 0).map(([k, v]) => [k, median(v)]));
const result = {
  benchmark: "badges",
  delegates,
  stock: "a6-4up",
  duplex: true,
  qr: true,
  runs,
  chromiumRuns: chromium ? chromiumRuns : 0,
  medianSeconds: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, +v.toFixed(2)])),
  ratios: {
    pdfkitOverConclave: +(m.pdfkit! / m.conclave!).toFixed(2),
    ...(m.chromium ? { chromiumOverConclave: +(m.chromium / m.conclave!).toFixed(2) } : {}),
  },
  chromium: !chromium
    ? "skipped: chromium not installed"
    : chromiumRuns > 0
      ? "measured"
      : "skipped: --chromium-runs 0",
  goals: { conclaveSeconds: 5, pdfkitRatio: 3, chromiumRatio: 5 },
  node: process.version,
};
console.log(`badges: ${delegates.toLocaleString("en")} on a6-4up, duplex, QR codes — median of ${runs} runs`);
for (const [k, v] of Object.entries(m))
  console.log(
    `  ${k.padEnd(22)} ${v.toFixed(2).padStart(7)} s   (${times
      .get(k)!
      .map((x) => x.toFixed(2))
      .join(" ")})`,
  );
console.log(`  pdfkit / conclave   ${result.ratios.pdfkitOverConclave}×`);
if (m.chromium) console.log(`  chromium / conclave ${result.ratios.chromiumOverConclave}×`);
console.log(JSON.stringify(result));
const file = resultFile(root, "badges");
await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
process.stderr.write(`Saved ${path.relative(root, file)}\n`);
