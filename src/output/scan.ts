import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { LOCK_FILE } from "./lock.js";

/** Where a build notes, before it writes, each file and folder it is about to change. */
export const JOURNAL_FILE = ".conclave-journal";

/** What an output folder holds: its regular files, relative with forward slashes. */
export type Present = Set<string>;

// Hidden names conclave gives what it has not finished: `.name.new-<pid>` and `.name.old-<pid>`
// (a folder being swapped), `.name.<pid>.<n>.tmp` (a file being written).
const STAGING = /^\.(.+)\.(new|old)-\d+$/;
const TEMPORARY = /^\..+\.\d+\.\d+\.tmp$/;

/**
 * Walks the output folder once before a build writes into it. A symlink, FIFO, socket or device
 * anywhere in it stops the build, named (writing or deleting through it could reach outside).
 * What killed runs left is cleaned up: temporary files and half-made folders are removed, and a
 * folder swap cut between its two renames is finished backwards (the old folder is put back).
 * The caller holds the folder's lock, so nothing here belongs to a running build.
 */
export function scanOutDir(root: string): Present {
  const present: Present = new Set();
  const walk = (dir: string) => {
    const first = readdirSync(dir);
    for (const name of first) {
      const m = STAGING.exec(name);
      if (!m) continue;
      const full = path.join(dir, name);
      const original = path.join(dir, m[1]!);
      if (m[2] === "old" && !exists(original)) renameSync(full, original);
      else rmSync(full, { recursive: true, force: true });
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join("/");
      if (dir === root && (entry.name === LOCK_FILE || entry.name === JOURNAL_FILE)) continue;
      if (entry.isSymbolicLink()) {
        throw new UserError(
          `${full} is a symbolic link inside the output folder`,
          "conclave never writes through links (it could reach files outside the folder). Remove the link, or choose another --out.",
        );
      }
      if (entry.isDirectory()) walk(full);
      else if (!entry.isFile()) {
        throw new UserError(
          `${full} is not a regular file (a FIFO, socket or device) inside the output folder`,
          "Remove it, or choose another --out.",
        );
      } else if (TEMPORARY.test(entry.name)) rmSync(full, { force: true });
      else present.add(rel);
    }
  };
  walk(root);
  return present;
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** SHA-256 and size of a file already in the output folder (to list what a killed run wrote). */
export function describeFile(root: string, rel: string): { sha256: string; size: number } {
  const bytes = readFileSync(path.join(root, rel));
  return { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength };
}

/** One line of the journal: a file, or a whole folder, that a build is about to change. */
export interface JournalLine {
  kind: "file" | "folder";
  material: string;
  path: string;
}

export function readJournal(root: string): JournalLine[] {
  let text: string;
  try {
    text = readFileSync(path.join(root, JOURNAL_FILE), "utf8");
  } catch {
    return [];
  }
  const lines: JournalLine[] = [];
  for (const line of text.split("\n")) {
    const [kind, material, p] = line.split("\t");
    if ((kind === "file" || kind === "folder") && material && p) lines.push({ kind, material, path: p });
  }
  return lines;
}
