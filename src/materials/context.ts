import type { Diagnostic } from "../diagnostics.js";
import type { Confinement } from "../load/confine.js";
import type { Event } from "../model/types.js";
import type { OutputWriter } from "../output/writer.js";
import type { CompiledPdf, CompileJob } from "../render/typst.js";
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
}

/** A material: the context plus its own command-line options. */
export type Material = (ctx: MaterialContext, options: Record<string, unknown>) => Promise<MaterialResult>;
