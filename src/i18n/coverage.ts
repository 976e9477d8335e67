import type { PackEntry } from "./packs.js";
import type { Pack } from "./schema.js";

/** What a pack covers, as `conclave languages` shows it. */
export interface PackCoverage {
  language: string;
  name: string;
  source: PackEntry["source"];
  files: string[];
  /** Whether the pack has its own month and weekday names and date patterns (not English's). */
  dates: boolean;
  /** Labels it translates, of the labels a pack can hold. */
  labels: { translated: number; total: number };
  /** Countries it names otherwise than Intl does. */
  countries: number;
  /** Keys printed in English because the pack lacks them. */
  missing: string[];
}

/** Every text (or list) of a section: `labels.roles.mc.letter` counts once. */
function leaves(value: unknown, prefix: string): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, `${prefix}.${k}`));
}

/** A pack's coverage, counted against the English pack's keys. Pure. */
export function coverageOf(entry: PackEntry, english: Pack): PackCoverage {
  const labels = leaves(english.labels, "labels");
  const missing = new Set(entry.missing);
  return {
    language: entry.language,
    name: entry.pack.name,
    source: entry.source,
    files: entry.files,
    dates: !entry.missing.some((k) => k.startsWith("dates.")),
    labels: { translated: labels.filter((k) => !missing.has(k)).length, total: labels.length },
    countries: Object.keys(entry.pack.countries).length,
    missing: entry.missing,
  };
}
