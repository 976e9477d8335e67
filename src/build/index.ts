import { existsSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { countBySeverity } from "../diagnostics.js";
import { saveSnapshot } from "../diff/snapshot.js";
import { DataInvalid, UserError } from "../errors.js";
import { withLanguagePacks } from "../i18n/active.js";
import type { LanguagePacks } from "../i18n/packs.js";
import { loadEventFolder } from "../load/event-folder.js";
import { completeCheckin } from "../materials/checkin/index.js";
import {
  BUILD_ORDER,
  MATERIAL_NAMES,
  MATERIALS,
  type MaterialName,
  type MaterialResult,
} from "../materials/index.js";
import { previousTables } from "../materials/seating/previous.js";
import { lockOutDir } from "../output/lock.js";
import { JOURNAL_FILE } from "../output/scan.js";
import { OutputWriter, resolveOutDir } from "../output/writer.js";
import { builtinTemplatesDir } from "../paths.js";
import type { RenderPool } from "../render/pool.js";
import { pdfTimestamp } from "../render/typst.js";
import { closest } from "../util/suggest.js";
import { checkEvent } from "../validate/index.js";
import { version } from "../version.js";
import { eventRenderPool } from "./event-pool.js";
import { BuildState, eventIdentity, readTree, STATE_DIR, worldFingerprint } from "./state.js";
import { inputsFingerprint, type LastBuild, outputsIntact, recordOutputs } from "./unchanged.js";

export interface BuildOptions {
  /** The output folder (default: `<folder>/out`). */
  out?: string;
  /** Places outside the event folder it may read (shared logos, fonts). */
  allowOutside?: string[];
  /** Only these materials (default: every one this version has). */
  only?: MaterialName[];
  /** How many documents compile at once. */
  jobs: number;
  /** Options of one material (`badges --stock cr80 …`), passed to it. */
  materialOptions?: Record<string, unknown>;
  /** Compile everything, ignoring what the previous build remembered (`--full`). */
  full?: boolean;
}

/** What the build reports as it goes; the command line turns these into its lines and spinners. */
export type BuildProgress =
  | { kind: "validated"; delegates: number; venues: number; sessions: number; warnings: Diagnostic[] }
  /** A one-line notice: the previous build state was not used, and why. */
  | { kind: "notice"; text: string }
  | { kind: "material-start"; material: MaterialName }
  | { kind: "material-progress"; material: MaterialName; done: number; total: number; seconds: number }
  | { kind: "material-done"; result: MaterialResult }
  | { kind: "material-failed"; material: MaterialName };

export interface BuildHooks {
  /** Writes out/; without one, the build makes an OutputWriter for the output folder. */
  writer?: OutputWriter;
  onProgress?: (event: BuildProgress) => void;
  /** Aborting stops the compilers, removes what was half made and rejects with BuildAborted. */
  signal?: AbortSignal;
}

export interface BuildResult {
  out: string;
  materials: MaterialResult[];
  /** Materials asked for that this version does not have. */
  unavailable: MaterialName[];
  /** Warnings in the data (the build went on). */
  dataWarnings: Diagnostic[];
  /** Compiles answered from the previous build's state, and compiled anew. */
  reused: number;
  compiled: number;
  /** The same by template (`badge.typ`, `letter.typ`…). */
  byTemplate: Record<string, { compiled: number; reused: number }>;
  seconds: number;
}

/** The build was stopped through its AbortSignal (Ctrl-C); out/ holds whole files and a true manifest. */
export class BuildAborted extends Error {
  constructor(readonly reason: unknown) {
    super("the build was stopped");
  }
}

/**
 * Builds an event folder: loads and validates it (invalid data throws DataInvalid, nothing is
 * written), then makes each material into the output folder with one shared compiler pool and
 * writes out/manifest.json. Each compile is fingerprinted (src/build/state.ts): one the previous
 * build made with the same inputs is taken from out/.conclave/ instead of compiled again.
 */
export async function buildEventFolder(
  folder: string,
  options: BuildOptions,
  hooks: BuildHooks = {},
): Promise<BuildResult> {
  const started = performance.now();
  const emit = hooks.onProgress ?? (() => {});
  const signal = hooks.signal;
  if (signal?.aborted) throw new BuildAborted(signal.reason);
  const loaded = await loadEventFolder(folder, { allowOutside: options.allowOutside ?? [] });
  checkLanguageOption(options.materialOptions?.lang, loaded.packs);
  // The event's language packs are in effect for everything the build makes (src/i18n/active.ts).
  return withLanguagePacks(loaded.packs, async () => {
    const { pool, eventFiles, fontFiles: engineFonts } = await eventRenderPool(loaded, options.jobs);
    const dryRun = options.materialOptions?.dryRun === true;
    const generator = `conclave ${version}`;
    // The build state: what the previous build compiled, by fingerprint. A dry run compiles
    // nothing and writes nothing, so it has none.
    let state: BuildState | undefined;
    let rejected: ReturnType<BuildState["load"]>;
    let inputs: string | undefined;
    if (!dryRun) {
      const templates = readTree(builtinTemplatesDir);
      for (const [name, bytes] of Object.entries(eventFiles)) templates.set(`event:${name}`, bytes);
      const world = worldFingerprint(generator, templates, engineFonts);
      // --keep names a file the seating material reads itself: such a build is never skipped.
      if (options.materialOptions?.keep === undefined)
        inputs = inputsFingerprint(world, loaded, options, pdfTimestamp(loaded.config.start, process.env));
      state = new BuildState(
        hooks.writer?.root ?? resolveOutDir(loaded.dir, options.out),
        world,
        generator,
        eventIdentity(loaded.config),
      );
      if (!options.full) rejected = state.load();
      // Nothing changed since the last build, and out/ is as it left it: nothing to do.
      if (inputs && !options.full && state.lastBuild?.inputs === inputs) {
        const same = unchangedResult(state.root, state.lastBuild, emit, started);
        if (same) return same;
      }
    }
    // The compilers start (threads, Typst, fonts) on the other cores while the data is checked;
    // not for `agenda --site`, which compiles nothing (a compiler warming up would take the cores
    // the site's 12,000 pages are written with).
    if (options.materialOptions?.site !== true) pool.start();
    let validated: LastBuild["validated"] | undefined;
    // Check the data and find the output folder; anything that stops the build here (invalid
    // data, a bad --out) stops the compilers too, or their threads would keep the process alive.
    const ready = async () => {
      const result = checkEvent(loaded.input);
      const { errors } = countBySeverity(result.diagnostics);
      if (errors > 0 || !result.event) throw new DataInvalid(result.diagnostics);
      const c = result.rowCounts;
      const warnings = result.diagnostics.filter((d) => d.severity !== "error");
      validated = { delegates: c.delegates, venues: c.venues, sessions: c.sessions, warnings };
      emit({ kind: "validated", ...validated });
      const outDir = hooks.writer?.root ?? resolveOutDir(loaded.dir, options.out);
      // The folder is locked, checked (no links) and cleaned up after killed runs before anything
      // is read from it or written; a dry run leaves it untouched, not even made.
      const writer = hooks.writer ?? new OutputWriter(outDir);
      if (!dryRun) writer.open();
      const chosen = new Set(options.only ?? MATERIAL_NAMES);
      // Without seating in this run, the tables of an earlier run's assignment.csv are used.
      try {
        const tables = chosen.has("seating") ? undefined : await previousTables(outDir, result.event);
        return { event: result.event, outDir, chosen, tables, writer, warnings };
      } catch (e) {
        writer.close();
        throw e;
      }
    };
    const {
      event,
      outDir,
      chosen,
      tables: earlier,
      writer,
      warnings: dataWarnings,
    } = await ready().catch(async (e: unknown) => {
      await pool.close();
      throw e;
    });
    let tables = earlier;
    if (rejected)
      emit({
        kind: "notice",
        text: `${path.join(outDir, STATE_DIR, "state.json")}: not used, ${rejected.reason}; building everything.`,
      });
    const render = state
      ? (job: Parameters<RenderPool["compile"]>[0]) => state.compile(job, (j) => pool.compile(j))
      : (job: Parameters<RenderPool["compile"]>[0]) => pool.compile(job);
    // After a failure or a signal: nothing more is written, what was half made is removed, and the
    // manifest is made true of what out/ now holds (if the disk lets it: otherwise the journal left
    // in out/ lets the next run correct it).
    let settling: Promise<void> | undefined;
    const settle = () => {
      settling ??= (async () => {
        await Promise.all([pool.close(), writer.abort()]);
        await writer.writeManifest(generator).catch(() => {});
        // What was compiled before the stop is whole and stays known to the next build.
        try {
          state?.save(false);
        } catch {}
        writer.close();
      })();
      return settling;
    };
    const onAbort = () => void settle();
    signal?.addEventListener("abort", onAbort, { once: true });
    // The check-in lists are made for signed badge codes only: a build of an event without them
    // makes none (and removes an earlier build's, below) unless they are asked for by name.
    const checkinApplies = event.config.badge.qr === "signed" || options.only?.includes("checkin") === true;
    const wanted = BUILD_ORDER.filter((m) => chosen.has(m) && (m !== "checkin" || checkinApplies));
    // Bundled Pretendard first (Hangul, Vietnamese, Latin), then the event's own fonts.
    const families = loaded.input.coverage?.fonts ?? ["Pretendard"];
    const fontFamilies = ["Pretendard", ...families.filter((f) => f !== "Pretendard")];
    const results: MaterialResult[] = [];
    const unavailable: MaterialName[] = [];
    const stopped = async () => {
      await settle();
      return new BuildAborted(signal?.reason);
    };
    try {
      for (const name of wanted) {
        if (signal?.aborted) throw await stopped();
        const material = MATERIALS[name];
        if (!material) {
          unavailable.push(name);
          continue;
        }
        emit({ kind: "material-start", material: name });
        const materialStarted = performance.now();
        try {
          const r = await material(
            {
              event,
              eventDir: loaded.dir,
              confinement: loaded.confinement,
              writer,
              render,
              workers: options.jobs,
              fontFamilies,
              ...(tables ? { tables } : {}),
              ...(state ? { outputs: state } : {}),
              onProgress: (done, total) =>
                emit({
                  kind: "material-progress",
                  material: name,
                  done,
                  total,
                  seconds: (performance.now() - materialStarted) / 1000,
                }),
            },
            options.materialOptions ?? {},
          );
          if (signal?.aborted) throw await stopped();
          emit({ kind: "material-done", result: r });
          results.push(r);
          if (r.tables) tables = r.tables;
          pool.evictAll();
        } catch (e) {
          // Stopped by the signal: the compile jobs fail on purpose.
          if (e instanceof BuildAborted) throw e;
          if (signal?.aborted) throw await stopped();
          emit({ kind: "material-failed", material: name });
          // The other compiles stop and write nothing more; a folder half made anew is dropped
          // (the old one stays).
          await settle();
          throw e;
        }
      }
      if (chosen.has("checkin") && !checkinApplies && !dryRun) completeCheckin(writer);
      await writer.writeManifest(generator);
      // What this build was made from, for `conclave diff` (after the manifest: a full disk here
      // leaves a true manifest).
      // An event without signed codes has its check-in lists as they should be: none.
      if (!dryRun)
        saveSnapshot(outDir, loaded, {
          materials: chosen.has("checkin") && !checkinApplies ? [...wanted, "checkin"] : wanted,
        });
      // What out/ now holds, read once: for the whole-build record and the per-file records.
      const outputs = state ? recordOutputs(outDir) : undefined;
      if (state && outputs)
        state.recordFiles(outputs.outputs, new Map(writer.files.map((f) => [f.path, f.sha256])));
      if (state && outputs && inputs && validated)
        state.recordBuild({
          inputs,
          ...outputs,
          validated,
          materials: results.map(({ tables: _tables, ...r }) => r),
          unavailable,
          compiles: state.reused + state.compiled,
          byTemplate: Object.fromEntries(
            Object.entries(state.byTemplate).map(([t, n]) => [
              t,
              { compiled: 0, reused: n.reused + n.compiled },
            ]),
          ),
        });
      // Every material of this version built: what no document used any more is forgotten.
      state?.save(wanted.every((m) => MATERIALS[m]) && MATERIAL_NAMES.every((m) => chosen.has(m)));
    } finally {
      signal?.removeEventListener("abort", onAbort);
      await pool.close();
      writer.close();
    }
    return {
      out: outDir,
      materials: results,
      unavailable,
      dataWarnings,
      reused: state?.reused ?? 0,
      compiled: state?.compiled ?? 0,
      byTemplate: state?.byTemplate ?? {},
      seconds: (performance.now() - started) / 1000,
    };
  });
}

/**
 * The result of a build that had nothing to do: the inputs are those of the last build and out/
 * still holds what it wrote (checked with the output folder locked, after a killed run's leftovers
 * are cleaned up). What the last build reported is reported again, with no time spent; undefined
 * when out/ changed since, and the build runs.
 */
function unchangedResult(
  outDir: string,
  last: LastBuild,
  emit: (event: BuildProgress) => void,
  started: number,
): BuildResult | undefined {
  // A killed run's journal means out/ may be half changed: the full path puts it right. The
  // lock alone (not the writer's whole-folder scan, a third of a second at 10,000 delegates)
  // keeps another build from changing out/ while it is checked.
  if (existsSync(path.join(outDir, JOURNAL_FILE))) return undefined;
  let release: () => void;
  try {
    release = lockOutDir(outDir);
  } catch {
    return undefined; // locked by another build, or not writable: the full path says why
  }
  try {
    if (!outputsIntact(outDir, last)) return undefined;
  } finally {
    release();
  }
  emit({ kind: "validated", ...last.validated });
  emit({
    kind: "notice",
    text: "Nothing changed since the last build: out/ is up to date (--full builds anew).",
  });
  const materials = last.materials.map((r) => ({ ...r, seconds: 0 }));
  for (const r of materials) {
    emit({ kind: "material-start", material: r.material });
    emit({ kind: "material-done", result: r });
  }
  return {
    out: outDir,
    materials,
    unavailable: last.unavailable,
    dataWarnings: last.validated.warnings,
    reused: last.compiles,
    compiled: 0,
    byTemplate: last.byTemplate,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * `--lang` (letters, agenda) names a language with a pack: conclave's or the event's own. One
 * without is a usage error, with the nearest tag as a hint, before anything is compiled.
 */
function checkLanguageOption(asked: unknown, packs: LanguagePacks): void {
  if (typeof asked !== "string") return;
  const known = packs.entries.map((e) => e.language);
  if (known.includes(asked)) return;
  // The event has the pack's file, but it did not read: its own errors say why.
  const broken = packs.diagnostics.filter(
    (d) => d.severity === "error" && d.file.replace(/^.*\//, "") === `${asked}.yaml`,
  );
  if (broken.length > 0) throw new DataInvalid(broken, `the language pack of --lang ${asked} has errors`);
  const near = closest(asked, known);
  throw new UserError(
    `--lang ${asked}: there is no language pack for ${asked}`,
    `${near ? `Did you mean --lang ${near}? ` : ""}The languages with a pack: ${known.join(", ")}; an event adds one in i18n/${asked}.yaml (docs/languages.md).`,
  );
}
