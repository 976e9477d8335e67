import { readdirSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/csv/parse.js";
import { countBySeverity } from "../../src/diagnostics.js";
import { BuildFailed, DataInvalid, UserError } from "../../src/errors.js";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { bundledFontFiles } from "../../src/load/fonts.js";
import { makeBadges } from "../../src/materials/badges/index.js";
import { previousTables } from "../../src/materials/seating/previous.js";
import { OutputWriter, resolveOutDir } from "../../src/output/writer.js";
import { builtinTemplatesDir } from "../../src/paths.js";
import { RenderPool } from "../../src/render/pool.js";
import { checkEvent } from "../../src/validate/index.js";
import { root } from "../helpers/cli.js";
import { changes, snapshot } from "../helpers/hostile.js";

/**
 * Issue #23's fuzz target: whole event folders, made by random edits of the example's CSVs and
 * event.yaml (rows and columns deleted, duplicated, swapped; cells and headers replaced with any
 * string, control characters, quotes, delimiters, very long values; YAML values, keys and lines
 * changed; files truncated; bytes flipped), each written to its own temporary folder and run
 * through what `conclave validate` and `conclave build --only badges` do, in process, with one
 * warm compiler pool for every run.
 *
 * The property: no crash (any error but UserError, DataInvalid and BuildFailed is one: the CLI
 * prints it as an internal error with its stack, src/cli/main.ts), and nothing written outside the
 * run's out/ folder (the run's folder compared before and after; the fuzz root empty at the end).
 *
 * Every run is validated; the badges of every BADGE_EVERY-th run are made as well when its data
 * is valid (a compile of 140 badges costs ~0.3 s, so all of them would not fit in CI's budget).
 * Fixed seed and 1,000 runs by default, for a reproducible CI; FUZZ_SEED and FUZZ_RUNS vary them.
 * On failure fast-check prints the seed, the path and the shrunk edits: rerun with
 * FUZZ_SEED=<seed> to see it again.
 */
const seed = Number(process.env.FUZZ_SEED ?? 20230620);
const numRuns = Number(process.env.FUZZ_RUNS ?? 1000);
const BADGE_EVERY = 10;

/**
 * STRICT GATE (as in hostile.test.ts). The crashes found on today's code are listed below and, until
 * they are fixed, are counted rather than failing the run; with CONCLAVE_HOSTILE_STRICT=1 they fail
 * it. Once the fixes are merged, drop the gate: make `strict` true (and empty KNOWN_CRASHES).
 */
const strict = process.env.CONCLAVE_HOSTILE_STRICT === "1";
const KNOWN_CRASHES: { signature: RegExp; reason: string }[] = [
  {
    // `edition: *undefined` (or any alias without its anchor) in event.yaml: the yaml package
    // throws a ReferenceError from Document.toJS in parseEventConfig, printed as an internal error.
    signature: /ReferenceError: Unresolved alias/,
    reason: "an alias with no anchor in event.yaml is an internal error, not an event-config diagnostic",
  },
  {
    // `  en: : : : …` (a few thousand `: `) in event.yaml: the yaml package's parser recurses once
    // per implicit key and overflows the stack, printed as an internal error.
    signature: /RangeError: Maximum call stack size exceeded[\s\S]*yaml\/dist\/parse/,
    reason: "deeply nested implicit keys in event.yaml overflow the yaml parser's stack",
  },
];
/** FUZZ_COLLECT=1: go on after a crash and list every distinct one at the end (a local hunt). */
const collect = process.env.FUZZ_COLLECT === "1";

const example = path.join(root, "fixtures/cicon-2023");
const CSVS = ["delegates.csv", "venues.csv", "sessions.csv", "seating.csv"] as const;
const original: Record<string, string> = Object.fromEntries(
  [...CSVS, "event.yaml"].map((f) => [f, readFileSync(path.join(example, f), "utf8")]),
);

// ---- what an edit can put in a cell, a header, a YAML key or value ----

const special = fc.constantFrom(
  "",
  " ",
  '"',
  '""',
  ",",
  ";",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\u0000",
  "\u001b[2J",
  "\u001b]0;pwned\u0007",
  "\u009b31m",
  "\u202e",
  "\u200b",
  "\ufeff",
  "\ud800",
  '=HYPERLINK("x")',
  "@SUM(A1)",
  "__proto__",
  "constructor",
  "toString",
  "KR-001",
  "VN-001",
  "GRAND-HALL",
  "BANQUET",
  "0",
  "-1",
  "1e309",
  "NaN",
  "99999999999999999999",
  "2023-06-20",
  "2023-02-30",
  "2023-06-20 25:61",
  "09:00",
  "24:00",
  "xx",
  "KR",
  "Nguyễn Văn Đức",
  "김민준",
  "Zoë Ångström-Łukasz",
  "../../etc/passwd",
  "CON",
  "a/b",
);
const text = fc.oneof(
  { weight: 3, arbitrary: special },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 4 }).map((s) => s.repeat(3000)),
  },
);

// ---- CSV edits, on the parsed grid (indices are taken modulo the size, so they shrink well) ----

type CsvEdit =
  | { k: "deleteRow" | "duplicateRow" | "deleteColumn" | "duplicateColumn"; i: number }
  | { k: "swapRows" | "swapColumns"; i: number; j: number }
  | { k: "copyCell"; i: number; j: number; c: number }
  | { k: "cell"; i: number; c: number; v: string }
  | { k: "header"; c: number; v: string };

const csvEdit: fc.Arbitrary<CsvEdit> = fc.oneof(
  fc.record({
    k: fc.constantFrom("deleteRow", "duplicateRow", "deleteColumn", "duplicateColumn"),
    i: fc.nat(),
  }),
  fc.record({ k: fc.constantFrom("swapRows", "swapColumns"), i: fc.nat(), j: fc.nat() }),
  fc.record({ k: fc.constant("copyCell"), i: fc.nat(), j: fc.nat(), c: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ k: fc.constant("cell"), i: fc.nat(), c: fc.nat(), v: text }) },
  fc.record({ k: fc.constant("header"), c: fc.nat(), v: text }),
) as fc.Arbitrary<CsvEdit>;

function applyCsv(source: string, edits: readonly CsvEdit[]): string {
  const grid = parseCsv(source, ",").records.map((r) => [...r.cells]);
  if (grid.length === 0) return source;
  const body = () => grid.length - 1;
  const width = () => Math.max(1, ...grid.map((r) => r.length));
  for (const e of edits) {
    switch (e.k) {
      case "deleteRow":
        if (body() > 0) grid.splice(1 + (e.i % body()), 1);
        break;
      case "duplicateRow":
        if (body() > 0) grid.splice(1 + (e.i % body()), 0, [...grid[1 + (e.i % body())]!]);
        break;
      case "swapRows": {
        if (body() < 2) break;
        const a = 1 + (e.i % body());
        const b = 1 + (e.j % body());
        [grid[a], grid[b]] = [grid[b]!, grid[a]!];
        break;
      }
      case "deleteColumn":
        for (const r of grid) r.splice(e.i % width(), 1);
        break;
      case "duplicateColumn": {
        const c = e.i % width();
        for (const r of grid) r.splice(c, 0, r[c] ?? "");
        break;
      }
      case "swapColumns": {
        const w = width();
        for (const r of grid) {
          const [a, b] = [e.i % w, e.j % w];
          [r[a], r[b]] = [r[b] ?? "", r[a] ?? ""];
        }
        break;
      }
      case "copyCell": {
        if (body() === 0) break;
        const from = grid[1 + (e.i % body())]!;
        const to = grid[1 + (e.j % body())]!;
        to[e.c % width()] = from[e.c % width()] ?? "";
        break;
      }
      case "cell":
        if (body() > 0) grid[1 + (e.i % body())]![e.c % width()] = e.v;
        break;
      case "header":
        grid[0]![e.c % width()] = e.v;
        break;
    }
  }
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${grid.map((r) => r.map(cell).join(",")).join("\n")}\n`;
}

// ---- event.yaml edits, line by line: what a person editing it by hand can get wrong ----

type YamlEdit =
  | { k: "value" | "key"; line: number; v: string; quote: boolean }
  | { k: "deleteLine" | "duplicateLine"; line: number }
  | { k: "swapLines"; line: number; other: number }
  | { k: "indent"; line: number; by: number };

const yamlScalar = fc.oneof(
  text,
  fc.constantFrom(
    "[]",
    "{}",
    "~",
    "null",
    "true",
    "no",
    "0",
    "-5",
    "1e400",
    ".nan",
    "[a, b]",
    "{a: 1}",
    "&a [1, 2]",
    "*a",
    "*undefined",
    "!!binary aGVsbG8=",
    "!!js/function 'x'",
    "!!set {a, b}",
    "2023-13-45",
    "2023-06-21",
    "12:30",
    "'unterminated",
    '"unterminated',
    "|",
    ">-",
    "? x",
    "- item",
    "Europe/Atlantis",
    "asia/seoul",
    "UTC",
    "#ff0000",
    "cr80",
    "custom",
    "a6-4up",
    "missing.csv",
    "delegates.csv",
    "venues.csv",
    ".",
    "/",
  ),
);

const yamlEdit: fc.Arbitrary<YamlEdit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ k: fc.constant("value"), line: fc.nat(), v: yamlScalar, quote: fc.boolean() }),
  },
  fc.record({ k: fc.constant("key"), line: fc.nat(), v: text, quote: fc.boolean() }),
  fc.record({ k: fc.constantFrom("deleteLine", "duplicateLine"), line: fc.nat() }),
  fc.record({ k: fc.constant("swapLines"), line: fc.nat(), other: fc.nat() }),
  fc.record({ k: fc.constant("indent"), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
) as fc.Arbitrary<YamlEdit>;

const KEY_VALUE = /^(\s*(?:- )?)([^:#\s][^:#]*):(\s*)(.*)$/;

function applyYaml(source: string, edits: readonly YamlEdit[]): string {
  const lines = source.split("\n");
  // Edits of values and keys land on lines that have them (most lines do).
  const keyed = () => lines.map((l, i) => (KEY_VALUE.test(l) ? i : -1)).filter((i) => i >= 0);
  const scalar = (v: string, quote: boolean) => (quote ? JSON.stringify(v) : v);
  for (const e of edits) {
    if (lines.length === 0) break;
    const at = e.line % lines.length;
    switch (e.k) {
      case "value":
      case "key": {
        const ks = keyed();
        if (ks.length === 0) break;
        const n = ks[e.line % ks.length]!;
        const m = KEY_VALUE.exec(lines[n]!)!;
        lines[n] =
          e.k === "value"
            ? `${m[1]}${m[2]}: ${scalar(e.v, e.quote)}`
            : `${m[1]}${scalar(e.v, e.quote)}:${m[3]}${m[4]}`;
        break;
      }
      case "deleteLine":
        lines.splice(at, 1);
        break;
      case "duplicateLine":
        lines.splice(at, 0, lines[at]!);
        break;
      case "swapLines": {
        const b = e.other % lines.length;
        [lines[at], lines[b]] = [lines[b]!, lines[at]!];
        break;
      }
      case "indent":
        lines[at] =
          e.by >= 0 ? " ".repeat(e.by) + lines[at] : lines[at]!.replace(new RegExp(`^ {0,${-e.by}}`), "");
        break;
    }
  }
  return lines.join("\n");
}

// ---- byte edits of the written file: truncation, flipped bytes, raw text dropped in ----

type ByteEdit =
  | { k: "truncate"; at: number }
  | { k: "flip"; at: number; mask: number }
  | { k: "insert"; at: number; v: string };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ k: fc.constant("truncate"), at: fc.nat() }),
  fc.record({ k: fc.constant("flip"), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ k: fc.constant("insert"), at: fc.nat(), v: text }),
) as fc.Arbitrary<ByteEdit>;

function applyBytes(source: string, edits: readonly ByteEdit[]): Uint8Array {
  let bytes: Uint8Array = Buffer.from(source, "utf8");
  for (const e of edits) {
    const at = bytes.length === 0 ? 0 : e.at % (bytes.length + 1);
    if (e.k === "truncate") bytes = bytes.subarray(0, at);
    else if (e.k === "flip") {
      if (bytes.length === 0) continue;
      bytes = Uint8Array.from(bytes);
      bytes[at % bytes.length]! ^= e.mask;
    } else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(e.v, "utf8"), bytes.subarray(at)]);
  }
  return bytes;
}

/**
 * The edits of one file. A run leaves most files as they are and edits one or two a little (an
 * event folder wrong in every file at once only ever reaches the first error), a few at the byte
 * level: so that a good share of runs is still valid and goes on to the badges.
 */
const NO_EDITS = { edits: [], bytes: [] };
const fileEdits = <E>(edit: fc.Arbitrary<E>) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(NO_EDITS as { edits: E[]; bytes: ByteEdit[] }) },
    {
      weight: 1,
      arbitrary: fc.record({
        edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
        bytes: fc.oneof(
          { weight: 6, arbitrary: fc.constant([] as ByteEdit[]) },
          fc.array(byteEdit, { minLength: 1, maxLength: 3 }),
        ),
      }),
    },
  );

const folderEdits = fc.record({
  "delegates.csv": fileEdits(csvEdit),
  "venues.csv": fileEdits(csvEdit),
  "sessions.csv": fileEdits(csvEdit),
  "seating.csv": fileEdits(csvEdit),
  "event.yaml": fileEdits(yamlEdit),
});
type FolderEdits = typeof folderEdits extends fc.Arbitrary<infer T> ? T : never;

function files(edits: FolderEdits): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const f of CSVS) out[f] = applyBytes(applyCsv(original[f]!, edits[f].edits), edits[f].bytes);
  out["event.yaml"] = applyBytes(
    applyYaml(original["event.yaml"]!, edits["event.yaml"].edits),
    edits["event.yaml"].bytes,
  );
  return out;
}

// ---- one run: the folder written, validated, maybe its badges made, then checked ----

const expected = (e: unknown) =>
  e instanceof UserError || e instanceof DataInvalid || e instanceof BuildFailed;

let fuzzRoot: string;
let pool: RenderPool;
const tally = { runs: 0, valid: 0, badges: 0, refused: 0, seconds: 0 };
/** Badges refused with BuildFailed although the data was valid: not a crash, but worth a look. */
const buildFailures = new Set<string>();
/** Known (or, with FUZZ_COLLECT, all) crashes seen: first line and frame → how many runs. */
const crashes = new Map<string, { count: number; folder: string }>();

beforeAll(async () => {
  fuzzRoot = await mkdtemp(path.join(tmpdir(), "conclave-fuzz-"));
  // One warm pool for every run, as one build has: the built-in templates and bundled fonts
  // (the fuzz edits neither templates/ nor font files).
  pool = new RenderPool({ builtinDir: builtinTemplatesDir, fontFiles: bundledFontFiles() }, 2);
  pool.start();
});
afterAll(async () => {
  await pool?.close();
  // A failing run leaves its folder for a look; otherwise the root is gone.
  if (readdirSync(fuzzRoot).length === 0) await rm(fuzzRoot, { recursive: true, force: true });
});

/** What `conclave validate` does, then (when asked and valid) what `build --only badges` does. */
async function runFolder(dir: string, badges: boolean): Promise<void> {
  const loaded = await loadEventFolder(dir);
  const checked = checkEvent({ ...loaded.input, buildModel: false });
  if (countBySeverity(checked.diagnostics).errors > 0) throw new DataInvalid(checked.diagnostics);
  tally.valid++;
  if (!badges) return;
  const result = checkEvent(loaded.input);
  if (countBySeverity(result.diagnostics).errors > 0 || !result.event)
    throw new DataInvalid(result.diagnostics);
  const outDir = resolveOutDir(loaded.dir);
  const tables = await previousTables(outDir, result.event);
  const writer = new OutputWriter(outDir);
  const families = loaded.input.coverage?.fonts ?? ["Pretendard"];
  try {
    await makeBadges(
      {
        event: result.event,
        eventDir: loaded.dir,
        writer,
        render: (job) => pool.compile(job),
        workers: 2,
        fontFamilies: ["Pretendard", ...families.filter((f) => f !== "Pretendard")],
        ...(tables ? { tables } : {}),
      },
      {},
    );
    await writer.writeManifest("conclave fuzz");
    tally.badges++;
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

describe("fuzz: whole event folders through validate and build --only badges", () => {
  it(`${numRuns} runs (seed ${seed}): no crash, nothing written outside out/`, async () => {
    const started = performance.now();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(folderEdits, async (edits) => {
        const badges = n++ % BADGE_EVERY === 0;
        const runDir = await mkdtemp(path.join(fuzzRoot, "run-"));
        const dir = path.join(runDir, "event");
        await mkdir(dir);
        await cp(path.join(example, "logo.svg"), path.join(dir, "logo.svg"));
        await cp(path.join(example, "signature.svg"), path.join(dir, "signature.svg"));
        for (const [name, bytes] of Object.entries(files(edits)))
          await writeFile(path.join(dir, name), bytes);
        const out = path.join(dir, "out");
        const before = snapshot(runDir, [out]);
        tally.runs++;
        try {
          await runFolder(dir, badges);
        } catch (e) {
          if (!expected(e)) {
            const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
            const known = KNOWN_CRASHES.find((k) => k.signature.test(stack));
            if (collect || (known && !strict)) {
              const where = /\n\s+at .*\/src\/.*/.exec(stack)?.[0].trim() ?? "";
              const key = `${stack.split("\n")[0]} ${where}`;
              const seen = crashes.get(key);
              if (seen) seen.count++;
              else {
                // The first folder of each kind of crash is kept for a look (FUZZ_COLLECT).
                crashes.set(key, { count: 1, folder: collect ? runDir : "" });
                if (collect) return;
              }
            } else throw new Error(`crash (kept in ${runDir}): ${stack}`);
          } else {
            tally.refused++;
            if (e instanceof BuildFailed) buildFailures.add(e.message.split("\n")[0]!.slice(0, 200));
          }
        }
        const outside = changes(before, snapshot(runDir, [out]));
        if (outside.length > 0)
          throw new Error(`written outside out/ (kept in ${runDir}): ${outside.join("; ")}`);
        await rm(runDir, { recursive: true, force: true });
      }),
      { seed, numRuns, timeout: 20_000, endOnFailure: false },
    );
    tally.seconds = (performance.now() - started) / 1000;
    if (crashes.size > 0)
      console.log(
        `fuzz: crashes tolerated:\n${[...crashes].map(([k, v]) => `  ${v.count}× ${k} ${v.folder}`).join("\n")}`,
      );
    console.log(
      `fuzz: ${tally.runs} runs in ${tally.seconds.toFixed(1)} s, ${tally.valid} valid, ${tally.badges} made badges, ${tally.refused} refused (UserError/DataInvalid/BuildFailed)`,
    );
    if (buildFailures.size > 0)
      console.log(`fuzz: badges refused on valid data:\n  ${[...buildFailures].join("\n  ")}`);
    if (collect) expect([...crashes.keys()]).toEqual([]);
    // The fuzz root holds nothing but what the runs made, and they removed it.
    expect(readdirSync(fuzzRoot)).toEqual([]);
    // A fuzz whose edits were all refused, or never got to the badges, would prove little.
    expect(tally.valid).toBeGreaterThan(numRuns / 10);
    expect(tally.badges).toBeGreaterThan(numRuns / BADGE_EVERY / 10);
  }, 600_000);
});
