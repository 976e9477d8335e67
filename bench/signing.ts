/**
 * What signing badge codes costs a badge run (issue: signing 100,000 codes adds under 2 s).
 * One generated event in two copies that differ only in `badge.qr`: a URL with the delegate's id,
 * and `signed` (with a key made by `conclave keys init`). `conclave badges` runs on each, a fresh
 * process into an empty out/, interleaved, URL first then signed in odd rounds and the other way
 * round in even ones; medians and the difference of the medians. The signing alone (the codes'
 * bodies and Ed25519 signatures, as the badge run makes them, in this one thread) is timed too:
 * what it costs in CPU, which the badge run overlaps with its compiles. `conclave checkin lists` (the
 * door's files, a material of its own) is timed once a round beside them, for the record.
 *
 *   npm run bench:signing -- [--delegates 100000] [--runs 3] [--no-lists]
 */
import { spawnSync } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { signCode } from "../src/checkin/code.js";
import { PRIVATE_KEY_FILE } from "../src/checkin/keys.js";
import { generateEvent } from "./generate.js";
import { resultFile, runMeasured } from "./run.js";

const { values } = parseArgs({
  options: {
    delegates: { type: "string", default: "100000" },
    runs: { type: "string", default: "3" },
    "no-lists": { type: "boolean", default: false },
  },
});
const delegates = Number(values.delegates);
const runs = Number(values.runs);
const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "bin/conclave.js");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = await mkdtemp(path.join(tmpdir(), "conclave-bench-signing-"));
const files = generateEvent(delegates, 50, 11);
const badge = (qr: string) =>
  `short_name: STS 2027\nbadge:\n  stock: a6-4up\n  qr: ${qr}\n  emergency_contact: "+84 28 5555 0199"\n  wifi: "STS2027 / trade2027"\n`;
const kinds = { url: '"https://checkin.example/sts2027/{id}"', signed: "signed" } as const;
for (const [kind, qr] of Object.entries(kinds)) {
  const event = path.join(dir, kind);
  await mkdir(event);
  for (const [name, content] of Object.entries(files))
    await writeFile(path.join(event, name), name === "event.yaml" ? content + badge(qr) : content);
}
const keys = spawnSync(process.execPath, [cli, "keys", "init", path.join(dir, "signed")], {
  encoding: "utf8",
});
if (keys.status !== 0) throw new Error(`conclave keys init failed: ${keys.stderr}`);

// The signatures alone, with the event's key, once a round: one thread, no drawing, no Typst.
const key = createPrivateKey(await readFile(path.join(dir, "signed", PRIVATE_KEY_FILE), "utf8"));
const signingAlone: number[] = [];
const signAll = () => {
  const started = performance.now();
  let length = 0;
  for (let i = 0; i < delegates; i++)
    length += signCode(
      {
        event: "0a1b2c3d",
        delegateId: `D${String(i).padStart(6, "0")}`,
        revision: 1,
        validFrom: "2027-05-11",
        validUntil: "2027-05-13",
        category: "delegate",
        zones: [i % 32, (i * 7) % 32].sort((a, b) => a - b),
      },
      key,
    ).length;
  signingAlone.push((performance.now() - started) / 1000);
  return length;
};

const times: Record<"url" | "signed" | "lists", number[]> = { url: [], signed: [], lists: [] };
const cpu: Record<"url" | "signed" | "lists", number[]> = { url: [], signed: [], lists: [] };
const loads: number[] = [];
const one = async (kind: "url" | "signed", r: number) => {
  const out = path.join(dir, `out-${kind}-${r}`);
  const res = await runMeasured(process.execPath, [
    cli,
    "badges",
    path.join(dir, kind),
    "--out",
    out,
    "--quiet",
  ]);
  if (res.code !== 0) throw new Error(`conclave badges (${kind}) failed (${res.code}): ${res.stderr}`);
  times[kind].push(res.seconds);
  if (res.cpuSeconds !== null) cpu[kind].push(res.cpuSeconds);
  process.stderr.write(
    `run ${r + 1}/${runs} badges ${kind}: ${res.seconds.toFixed(2)} s (CPU ${res.cpuSeconds} s)\n`,
  );
  if (kind === "signed" && !values["no-lists"]) {
    const lists = await runMeasured(process.execPath, [
      cli,
      "checkin",
      "lists",
      path.join(dir, "signed"),
      "--out",
      out,
      "--quiet",
    ]);
    if (lists.code !== 0) throw new Error(`conclave checkin lists failed (${lists.code}): ${lists.stderr}`);
    times.lists.push(lists.seconds);
    if (lists.cpuSeconds !== null) cpu.lists.push(lists.cpuSeconds);
    process.stderr.write(
      `run ${r + 1}/${runs} checkin lists: ${lists.seconds.toFixed(2)} s (CPU ${lists.cpuSeconds} s)\n`,
    );
  }
  await rm(out, { recursive: true, force: true });
};
for (let r = 0; r < runs; r++) {
  loads.push(loadavg()[0]!);
  const order = r % 2 === 0 ? (["url", "signed"] as const) : (["signed", "url"] as const);
  for (const kind of order) await one(kind, r);
  signAll();
  process.stderr.write(`run ${r + 1}/${runs} signing alone: ${signingAlone.at(-1)!.toFixed(2)} s\n`);
}
await rm(dir, { recursive: true, force: true });

const url = median(times.url);
const signed = median(times.signed);
const result = {
  benchmark: "signing",
  delegates,
  stock: "a6-4up",
  runs,
  medianSeconds: {
    badgesUrl: +url.toFixed(2),
    badgesSigned: +signed.toFixed(2),
    ...(times.lists.length ? { checkinLists: +median(times.lists).toFixed(2) } : {}),
  },
  seconds: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.map((x) => +x.toFixed(2))])),
  signedMinusUrl: +(signed - url).toFixed(2),
  signingAloneSeconds: {
    median: +median(signingAlone).toFixed(2),
    runs: signingAlone.map((x) => +x.toFixed(2)),
  },
  ...(cpu.url.length && cpu.signed.length
    ? {
        medianCpuSeconds: Object.fromEntries(
          Object.entries(cpu)
            .filter(([, v]) => v.length > 0)
            .map(([k, v]) => [k, +median(v).toFixed(2)]),
        ),
        cpuSeconds: cpu,
        signedMinusUrlCpu: +(median(cpu.signed) - median(cpu.url)).toFixed(2),
      }
    : {}),
  goal: { signedMinusUrlSeconds: 2 },
  met: signed - url < 2,
  loadAverage: loads.map((l) => +l.toFixed(2)),
  node: process.version,
};
console.log(`signing: ${delegates.toLocaleString("en")} badges on a6-4up — median of ${runs} runs`);
console.log(
  `  badges, URL codes     ${url.toFixed(2).padStart(7)} s   (${times.url.map((x) => x.toFixed(2)).join(" ")})`,
);
console.log(
  `  badges, signed codes  ${signed.toFixed(2).padStart(7)} s   (${times.signed.map((x) => x.toFixed(2)).join(" ")})`,
);
console.log(`  signed − URL          ${(signed - url).toFixed(2).padStart(7)} s   (goal: under 2 s)`);
console.log(
  `  signing alone         ${median(signingAlone).toFixed(2).padStart(7)} s   (one thread: ${delegates.toLocaleString("en")} bodies and Ed25519 signatures)`,
);
if (result.signedMinusUrlCpu !== undefined)
  console.log(
    `  CPU: URL ${median(cpu.url).toFixed(2)} s, signed ${median(cpu.signed).toFixed(2)} s, signed − URL ${result.signedMinusUrlCpu.toFixed(2)} s`,
  );
if (times.lists.length)
  console.log(
    `  checkin lists         ${median(times.lists).toFixed(2).padStart(7)} s   (${times.lists.map((x) => x.toFixed(2)).join(" ")})`,
  );
console.log(JSON.stringify(result));
const file = resultFile(root, "signing");
await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
process.stderr.write(`Saved ${path.relative(root, file)}\n`);
