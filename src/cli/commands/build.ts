import path from "node:path";
import { countBySeverity } from "../../diagnostics.js";
import { saveSnapshot } from "../../diff/snapshot.js";
import { DataInvalid } from "../../errors.js";
import { loadEventFolder } from "../../load/event-folder.js";
import { bundledFontFiles, resolveFontFiles } from "../../load/fonts.js";
import { readEventTemplates } from "../../load/templates.js";
import {
  BUILD_ORDER,
  MATERIAL_NAMES,
  MATERIALS,
  type MaterialName,
  type MaterialResult,
} from "../../materials/index.js";
import { previousTables } from "../../materials/seating/previous.js";
import { OutputWriter, resolveOutDir } from "../../output/writer.js";
import { builtinTemplatesDir } from "../../paths.js";
import { RenderPool } from "../../render/pool.js";
import { checkEvent } from "../../validate/index.js";
import { version } from "../../version.js";
import { formatPretty } from "../report/pretty.js";
import type { Ui } from "../ui.js";

export interface BuildOptions {
  out?: string;
  /** `--allow-outside`: places outside the event folder it may read (shared logos, fonts). */
  allowOutside?: string[];
  only?: MaterialName[];
  jobs: number;
  format: "pretty" | "json";
  /** `--strict`: a warning (from the data or a material, such as badge-overflow) fails the build. */
  strict?: boolean;
  /** Options of single-material commands (`badges --stock cr80 …`), passed to that material. */
  materialOptions?: Record<string, unknown>;
}

/** Counts as "4,000": one formatter for the whole build (toLocaleString makes one per call). */
const count = new Intl.NumberFormat("en");

/**
 * `conclave build [dir]`: validate, refuse on errors, then make each material into the output
 * folder with one shared compiler pool, and write out/manifest.json.
 */
export async function buildCommand(dir: string, options: BuildOptions, ui: Ui): Promise<number> {
  const started = performance.now();
  const task = ui.task(`Validating ${dir}`);
  let loaded: Awaited<ReturnType<typeof loadEventFolder>>;
  let fontFiles: string[];
  let eventFiles: Record<string, Uint8Array>;
  try {
    loaded = await loadEventFolder(dir, { allowOutside: options.allowOutside ?? [] });
    fontFiles = await resolveFontFiles(loaded.confinement, loaded.config.fonts);
    eventFiles = readEventTemplates(loaded.confinement);
  } catch (e) {
    task.fail("Cannot read the event");
    throw e;
  }
  const pool = new RenderPool(
    {
      builtinDir: builtinTemplatesDir,
      eventDir: path.join(loaded.dir, "templates"),
      eventFiles,
      fontFiles: [...fontFiles.filter((f) => !bundledFontFiles().includes(f)), ...bundledFontFiles()],
    },
    options.jobs,
  );
  // The compilers start (threads, Typst, fonts) on the other cores while the data is checked.
  pool.start();
  // Check the data and find the output folder; anything that stops the build here (invalid
  // data, a bad --out) stops the compilers too, or their threads would keep the process alive.
  const ready = async () => {
    const result = checkEvent(loaded.input);
    const { errors, warnings } = countBySeverity(result.diagnostics);
    if (errors > 0 || !result.event) {
      task.fail(`The data has ${errors} error${errors === 1 ? "" : "s"}: nothing was built`);
      throw new DataInvalid(result.diagnostics);
    }
    const c = result.rowCounts;
    task.succeed(
      `Valid: ${c.delegates} delegates, ${c.venues} rooms, ${c.sessions} sessions${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`,
    );
    if (warnings > 0 && !ui.quiet) ui.error(formatPretty(result.diagnostics, ui.color));
    const outDir = resolveOutDir(loaded.dir, options.out);
    // The folder is locked, checked (no links) and cleaned up after killed runs before anything
    // is read from it or written; a dry run leaves it untouched, not even made.
    const writer = new OutputWriter(outDir);
    if (!options.materialOptions?.dryRun) writer.open();
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
  const generator = `conclave ${version}`;
  // After a failure or a signal: nothing more is written, what was half made is removed, and the
  // manifest is made true of what out/ now holds (if the disk lets it: otherwise the journal left
  // in out/ lets the next run correct it).
  const settle = async () => {
    await Promise.all([pool.close(), writer.abort()]);
    await writer.writeManifest(generator).catch(() => {});
    writer.close();
  };
  const wanted = BUILD_ORDER.filter((m) => chosen.has(m));
  // Bundled Pretendard first (Hangul, Vietnamese, Latin), then the event's own fonts.
  const families = loaded.input.coverage?.fonts ?? ["Pretendard"];
  const fontFamilies = ["Pretendard", ...families.filter((f) => f !== "Pretendard")];
  const results: MaterialResult[] = [];
  const unavailable: MaterialName[] = [];
  // Ctrl-C (or a CI job cancelled: SIGTERM): stop the compilers and remove half-written
  // temporary files and folders, then exit 130 (143).
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    ui.error("\nInterrupted: stopping; no partial file is left behind.");
    void settle().finally(() => process.exit(signal === "SIGTERM" ? 143 : 130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    for (const name of wanted) {
      const material = MATERIALS[name];
      if (!material) {
        unavailable.push(name);
        continue;
      }
      const t = ui.task(`${name}…`);
      const materialStarted = performance.now();
      let shownAt = 0;
      let shownQuarter = 0;
      try {
        const r = await material(
          {
            event,
            eventDir: loaded.dir,
            confinement: loaded.confinement,
            writer,
            render: (job) => pool.compile(job),
            workers: options.jobs,
            fontFamilies,
            ...(tables ? { tables } : {}),
            onProgress: (done, total) => {
              // Called once per document, tens of thousands of times: the line is redrawn at most
              // ten times a second, and at each quarter (what a plain terminal prints).
              const now = performance.now();
              const quarter = Math.floor((done * 4) / total);
              if (now - shownAt < 100 && quarter === shownQuarter) return;
              shownAt = now;
              shownQuarter = quarter;
              t.update(
                `${name} ${count.format(done)}/${count.format(total)} · ${((now - materialStarted) / 1000).toFixed(0)} s`,
                done,
                total,
              );
            },
          },
          options.materialOptions ?? {},
        );
        if (r.problems && r.problems.length > 0) t.warn(r.summary);
        else t.succeed(r.summary);
        // With --format json, stdout is the JSON alone; the lines go into it.
        if (options.format !== "json") for (const line of r.lines ?? []) ui.out(line);
        if (r.problems && r.problems.length > 0) ui.error(formatPretty(r.problems, ui.color));
        results.push(r);
        if (r.tables) tables = r.tables;
        pool.evictAll();
      } catch (e) {
        // Stopped by a signal: the compile jobs fail on purpose; the handler cleans up and exits.
        if (stopping) await new Promise(() => {});
        t.fail(`${name} failed`);
        // The other compiles stop and write nothing more; a folder half made anew is dropped
        // (the old one stays).
        await settle();
        throw e;
      }
    }
    await writer.writeManifest(generator);
    if (!options.materialOptions?.dryRun) saveSnapshot(outDir, loaded, { materials: wanted });
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    await pool.close();
    writer.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const problems = results.flatMap((r) => r.problems ?? []);
  if (options.format === "json") {
    ui.out(
      JSON.stringify(
        {
          ok:
            !problems.some((p) => p.severity === "error") &&
            !(options.strict && (dataWarnings > 0 || problems.length > 0)),
          out: outDir,
          materials: results.map(({ tables: _tables, ...r }) => r),
          unavailable,
          seconds: round(seconds),
        },
        null,
        2,
      ),
    );
  } else {
    // The summary table:  material   files   pages    size    time
    const row = (cells: string[]) =>
      `${cells[0]!.padEnd(9)}${cells[1]!.padStart(7)}${cells[2]!.padStart(9)}${cells[3]!.padStart(10)}${cells[4]!.padStart(9)}`;
    if (results.length > 0) {
      ui.out(row(["material", "files", "pages", "size", "time"]));
      for (const r of results)
        ui.out(
          row([
            r.material,
            String(r.files),
            String(r.pages),
            `${(r.bytes / 1e6).toFixed(1)} MB`,
            `${r.seconds.toFixed(1)} s`,
          ]),
        );
      const sum = (f: (r: MaterialResult) => number) => results.reduce((n, r) => n + f(r), 0);
      if (results.length > 1)
        ui.out(
          row([
            "total",
            String(sum((r) => r.files)),
            String(sum((r) => r.pages)),
            `${(sum((r) => r.bytes) / 1e6).toFixed(1)} MB`,
            `${seconds.toFixed(1)} s`,
          ]),
        );
    }
    if (unavailable.length > 0) ui.out(`Not in this version yet: ${unavailable.join(", ")}.`);
    ui.out(
      `Built ${results.length} material${results.length === 1 ? "" : "s"} into ${outDir} (manifest.json lists every file) in ${seconds.toFixed(1)} s.`,
    );
  }
  // Files were written for everyone else, but a material that left someone out is not a success;
  // under --strict, neither is a warning.
  if (problems.some((p) => p.severity === "error")) return 1;
  if (options.strict && (dataWarnings > 0 || problems.length > 0)) {
    ui.log("--strict: warnings count as errors.");
    return 1;
  }
  return 0;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
