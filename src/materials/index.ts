import type { Diagnostic } from "../diagnostics.js";
import type { Confinement } from "../load/confine.js";
import type { Event } from "../model/types.js";
import type { OutputWriter } from "../output/writer.js";
import type { CompiledPdf, CompileJob } from "../render/typst.js";
import { type AgendaCliOptions, makeAgenda } from "./agenda/index.js";
import { type BadgeCliOptions, makeBadges } from "./badges/index.js";
import { type LetterCliOptions, makeLetters } from "./letters/index.js";
import type { MaterialName } from "./names.js";
import { makeProtocol } from "./protocol/index.js";
import { makeSeating, type SeatingCliOptions } from "./seating/index.js";

export { MATERIAL_NAMES, type MaterialName } from "./names.js";

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

/** Seating goes first: badges, personal agendas and the protocol lists print each delegate's table. */
export const BUILD_ORDER: readonly MaterialName[] = ["seating", "agenda", "badges", "letters", "protocol"];

/**
 * The materials this version can make. A material appears here once its issue lands; the CLI
 * reports the others as not available rather than pretending to build them.
 */
export const MATERIALS: Partial<Record<MaterialName, Material>> = {
  agenda: (ctx, options) => makeAgenda(ctx, options as AgendaCliOptions),
  badges: (ctx, options) => makeBadges(ctx, options as BadgeCliOptions),
  letters: (ctx, options) => makeLetters(ctx, options as LetterCliOptions),
  seating: (ctx, options) => makeSeating(ctx, options as SeatingCliOptions),
  protocol: (ctx) => makeProtocol(ctx),
};
