import type { Event } from "../model/types.js";
import type { OutputWriter } from "../output/writer.js";

export const MATERIAL_NAMES = ["agenda", "badges", "letters", "seating"] as const;
export type MaterialName = (typeof MATERIAL_NAMES)[number];

/** What a material reports after writing its files. */
export interface MaterialResult {
  material: MaterialName;
  files: number;
  pages: number;
  bytes: number;
  seconds: number;
  summary: string;
}

export interface MaterialContext {
  event: Event;
  eventDir: string;
  writer: OutputWriter;
  jobs: number;
  onProgress?: (done: number, total: number) => void;
}

export type Material = (ctx: MaterialContext) => Promise<MaterialResult>;

/**
 * The materials this version can make. A material appears here once its issue lands; the CLI
 * reports the others as not available rather than pretending to build them.
 */
export const MATERIALS: Partial<Record<MaterialName, Material>> = {};
