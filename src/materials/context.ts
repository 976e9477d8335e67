import type { Diagnostic } from "../diagnostics.js";
import type { Confinement } from "../load/confine.js";
import type { Event } from "../model/types.js";
import type { OutputWriter } from "../output/writer.js";
import type { CompiledPdf, CompileJob } from "../render/typst.js";
import type { GroupingMemo } from "../seating/memo.js";
import type { MaterialName } from "./names.js";

// The types every material shares, in a module of their own: a material imports these, never
// src/materials/index.ts (which imports every material) nor another material.

/** What a material reports after writing its files. */
export interface MaterialResult {
  material: MaterialName;
  files: number;
  pages: number;
  bytes: number;
  seconds: number;
  summary: string;
  /** Extra lines for stdout, such as the files a dry run would write. */
  lines?: string[];
  /** Delegates a material had to leave out (e.g. visa letters without passport data). */
  problems?: Diagnostic[];
  /** The seating material: each delegate's table in the first seated session ("7", "head"). */
  tables?: Map<string, string>;
}

export interface MaterialContext {
  event: Event;
  eventDir: string;
  /** Where the event may read from (README "Safety"); without it, the event folder alone. */
  confinement?: Confinement;
  writer: OutputWriter;
  /** Compiles a Typst document in the shared worker pool. */
  render: (job: CompileJob) => Promise<CompiledPdf>;
  /** How many documents the pool compiles at once (`--jobs`). */
  workers?: number;
  /** Font families for templates, in order of preference (bundled first, then event.yaml's). */
  fontFamilies: readonly string[];
  onProgress?: (done: number, total: number) => void;
  /** Each delegate's banquet table ("7", "Head table"), when a seating plan was made. */
  tables?: ReadonlyMap<string, string>;
  /** What the previous build made of each output file; absent in a dry run (src/build/state.ts). */
  outputs?: OutputMemory;
}

/**
 * Per-file memory of the previous build: a material that makes thousands of files (personal
 * agendas) asks, for each, whether out/ still holds it as made from the same fingerprint, and then
 * neither cuts nor writes it again. Keys are the material's own: equal keys must mean equal bytes.
 */
export interface OutputMemory {
  /** The fingerprint of a compile job (the world, template, data, assets, timestamp). */
  fingerprint(job: CompileJob): string;
  /**
   * What the previous build recorded for `rel` (a path relative to out/) made from `key`, if out/
   * still holds that file with the size and mtime recorded then, and the manifest now lists it
   * with the hash `sha256` it had then; undefined otherwise.
   */
  recall(rel: string, key: string, sha256: string | undefined): { size: number; pages?: number } | undefined;
  /** Whether out/ still holds `rel` as the previous build left it, whatever it was made from. */
  intact(rel: string, sha256: string | undefined): boolean;
  /** Records that this build made (or kept) `rel` from `key`. */
  note(rel: string, key: string, pages?: number): void;
  /** A compile not asked for, since every file it makes was kept: its stored PDF stays known. */
  retain(fingerprint: string, template: string): void;
  /** Whether the previous build recorded any file under `folder` (relative to out/). */
  remembers(folder: string): boolean;
  /** The seating's table searches, by what each was made from (src/seating/memo.ts). */
  readonly searches: GroupingMemo;
}

/** A material: the context plus its own command-line options. */
export type Material = (ctx: MaterialContext, options: Record<string, unknown>) => Promise<MaterialResult>;
