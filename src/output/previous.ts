import { readFileSync } from "node:fs";
import path from "node:path";
import { describeFile, type Present, readJournal } from "./scan.js";

export interface ManifestEntry {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  sha256: string;
  size: number;
  material: string;
}

/** Whether a relative path (forward slashes) lies inside a relative folder. */
export const inside = (folder: string, p: string) => p.startsWith(`${folder}/`);

/**
 * What the output folder is known to hold from earlier runs: the previous manifest's files that
 * are still there, corrected by the journal of a run killed before it wrote its manifest (its
 * files are listed as they now are, with the material that made them).
 */
export function readPrevious(root: string, present: Present): Map<string, ManifestEntry> {
  const previous = new Map<string, ManifestEntry>();
  let listed: ManifestEntry[] = [];
  try {
    const parsed = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8")) as {
      files?: ManifestEntry[];
    };
    if (Array.isArray(parsed.files)) listed = parsed.files;
  } catch {
    // No manifest (a first build) or an unreadable one: nothing is known to be conclave's.
  }
  for (const f of listed) if (typeof f?.path === "string" && present.has(f.path)) previous.set(f.path, f);
  const describe = (rel: string, material: string) =>
    previous.set(rel, { path: rel, ...describeFile(root, rel), material });
  for (const line of readJournal(root)) {
    if (line.kind === "file") {
      if (present.has(line.path)) describe(line.path, line.material);
      else previous.delete(line.path);
    } else {
      for (const p of previous.keys()) if (inside(line.path, p)) previous.delete(p);
      for (const p of present) if (inside(line.path, p)) describe(p, line.material);
    }
  }
  return previous;
}
