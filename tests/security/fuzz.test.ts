import { readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { editedFiles, example, folderEdits } from "../helpers/fuzz-edits.js";
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

/** FUZZ_COLLECT=1: go on after a crash and list every distinct one at the end (a local hunt). */
const collect = process.env.FUZZ_COLLECT === "1";

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
  writer.open(); // as build does: the folder locked, checked for links, cleaned of killed runs
  const families = loaded.input.coverage?.fonts ?? ["Pretendard"];
  try {
    await makeBadges(
      {
        event: result.event,
        eventDir: loaded.dir,
        confinement: loaded.confinement,
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
  } finally {
    writer.close();
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
        for (const [name, bytes] of Object.entries(editedFiles(edits)))
          await writeFile(path.join(dir, name), bytes);
        const out = path.join(dir, "out");
        const before = snapshot(runDir, [out]);
        tally.runs++;
        try {
          await runFolder(dir, badges);
        } catch (e) {
          if (!expected(e)) {
            const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
            if (collect) {
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
