import { readFile } from "node:fs/promises";
import path from "node:path";
import { BuildAborted, buildEventFolder } from "../build/index.js";
import { type Diagnostic, diag } from "../diagnostics.js";
import { BuildFailed, DataInvalid, UserError } from "../errors.js";
import { withLanguagePacks } from "../i18n/active.js";
import { loadEventFolder } from "../load/event-folder.js";
import type { Event } from "../model/types.js";
import { TemplateError } from "../render/typst.js";
import { checkEvent } from "../validate/index.js";
import type { BuiltFile } from "./views.js";
import { watchFolder } from "./watch.js";

/** What the preview shows now: the last build's files, or why there are none. */
export type PreviewState =
  | { kind: "starting" }
  | {
      kind: "built";
      event: Event;
      files: BuiltFile[];
      /** Warnings in the data: the build went on. */
      warnings: Diagnostic[];
      /** Problems a material reported (badge-overflow…). */
      problems: Diagnostic[];
      seconds: number;
    }
  /** The data or a template has errors: each at its file, line and column when it has them. */
  | { kind: "invalid"; diagnostics: Diagnostic[]; message: string; hint?: string; internal?: boolean };

export interface PreviewOptions {
  jobs: number;
  allowOutside: string[];
  /** The private output folder the preview builds into (never the user's out/). */
  out: string;
  /** A rebuild finished (`state` is new) or started. */
  onChange?: (event: "building" | "built") => void;
  /** A line for the terminal. */
  log?: (text: string) => void;
}

/** Changes closer together than this make one rebuild (an editor's save is several writes). */
const DEBOUNCE_MS = 150;

/**
 * One event folder under preview: builds it into a private folder (src/build/, as `conclave build`
 * does, so every later build reuses what did not change), rebuilds when a file of the folder
 * changes, and keeps what to show. A build under way when a file changes is stopped and started
 * again; nothing here throws at the server, a broken folder is a state.
 */
export class PreviewSession {
  state: PreviewState = { kind: "starting" };
  /** Counts the builds finished, well or not: a page made after build n reloads at n + 1. */
  generation = 0;
  building = false;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | undefined;
  private closed = false;

  constructor(
    readonly dir: string,
    private readonly options: PreviewOptions,
  ) {}

  /** The first build, and the watcher on the event folder. */
  start(): void {
    // Every file counts: CSVs, event.yaml, templates/, i18n/, logos and fonts. The user's own
    // builds (out/) and version control are not inputs, nor is the preview's folder.
    this.unwatch = watchFolder(
      path.resolve(this.dir),
      () => this.schedule(),
      (e) => this.options.log?.(`preview: watching ${this.dir} failed: ${e.message}`),
      [path.dirname(path.resolve(this.options.out))],
    );
    this.schedule(0);
  }

  private schedule(delay = DEBOUNCE_MS): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.rebuild(), delay);
  }

  /** Stops a build under way and builds anew, one build at a time, until nothing changed meanwhile. */
  private rebuild(): void {
    this.dirty = true;
    this.controller?.abort("changed");
    this.running ??= (async () => {
      while (this.dirty && !this.closed) {
        this.dirty = false;
        const controller = new AbortController();
        this.controller = controller;
        this.building = true;
        this.options.onChange?.("building");
        const state = await this.buildOnce(controller.signal);
        if (!state || this.closed) continue;
        this.state = state;
        this.building = this.dirty;
        this.generation++;
        this.options.onChange?.("built");
      }
      this.building = false;
      this.running = undefined;
    })();
  }

  private async buildOnce(signal: AbortSignal): Promise<PreviewState | undefined> {
    const { log } = this.options;
    let warnings: Diagnostic[] = [];
    try {
      const result = await buildEventFolder(
        this.dir,
        { out: this.options.out, jobs: this.options.jobs, allowOutside: this.options.allowOutside },
        {
          signal,
          onProgress: (p) => {
            if (p.kind === "validated") warnings = p.warnings;
          },
        },
      );
      const event = await this.readEvent();
      const manifest = JSON.parse(await readFile(path.join(result.out, "manifest.json"), "utf8")) as {
        files: BuiltFile[];
      };
      const problems = result.materials.flatMap((m) => m.problems ?? []);
      log?.(
        `Built ${manifest.files.length} files in ${result.seconds.toFixed(1)} s${problems.length ? ` (${problems.length} warnings)` : ""}.`,
      );
      return { kind: "built", event, files: manifest.files, warnings, problems, seconds: result.seconds };
    } catch (e) {
      if (e instanceof BuildAborted || signal.aborted) return undefined;
      const state = invalidState(e, path.resolve(this.dir));
      if (state.internal) log?.(e instanceof Error ? (e.stack ?? e.message) : String(e));
      log?.(
        `The preview shows ${state.diagnostics.length || "an"} error${state.diagnostics.length === 1 ? "" : "s"}: ${state.message}`,
      );
      return state;
    }
  }

  /** The event as the build saw it: the delegates to pick from, and the names of their files. */
  private async readEvent(): Promise<Event> {
    const loaded = await loadEventFolder(this.dir, {
      allowOutside: this.options.allowOutside,
      glyphs: false,
    });
    return withLanguagePacks(loaded.packs, () => {
      const checked = checkEvent(loaded.input);
      if (!checked.event) throw new DataInvalid(checked.diagnostics);
      return checked.event;
    });
  }

  /** Stops the watcher and any build (its compilers with it); waits until the build has let go. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.unwatch?.();
    this.controller?.abort("closed");
    await this.running?.catch(() => {});
  }
}

/**
 * Why nothing could be built, as the page shows it: the diagnostics of invalid data, a template's
 * errors at their file, line and column, or a configuration error's message and hint. Anything
 * else is a bug, shown with its message (the terminal has the stack).
 */
export function invalidState(e: unknown, dir?: string): Extract<PreviewState, { kind: "invalid" }> {
  // A template of the event folder is named as the other files are, relative to it.
  const shown = (file: string) =>
    dir && path.isAbsolute(file) && !path.relative(dir, file).startsWith("..")
      ? path.relative(dir, file).split(path.sep).join("/")
      : file;
  if (e instanceof DataInvalid) {
    const diagnostics = e.diagnostics.filter((d) => d.severity === "error");
    return {
      kind: "invalid",
      diagnostics: diagnostics.length ? diagnostics : [...e.diagnostics],
      message: e.message,
    };
  }
  if (e instanceof TemplateError)
    return {
      kind: "invalid",
      diagnostics: e.diagnostics.map((d) =>
        // No code: Typst's errors have none, and the terminal prints them without one too.
        diag("", "error", { file: shown(d.file), line: d.line, column: d.column }, d.message, e.hint),
      ),
      message: "a template has errors",
    };
  if (e instanceof UserError || e instanceof BuildFailed)
    return { kind: "invalid", diagnostics: [], message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  return {
    kind: "invalid",
    diagnostics: [],
    internal: true,
    message: `internal error: ${e instanceof Error ? e.message : String(e)}`,
    hint: "This is a bug in conclave, not in your data. Please report it with the command you ran.",
  };
}
