import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { writeError } from "./fs-errors.js";

/** The lock file in an output folder: created with O_EXCL, it holds the pid of the build writing there. */
export const LOCK_FILE = ".conclave.lock";

/** Whether a process of this pid runs (ours counts: a lock of our own pid is never stale). */
export function running(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * Takes the output folder's lock, or refuses at once if another build holds it (two builds mixing
 * their files in one folder would leave a manifest true of neither). A lock whose process is gone
 * (kill -9, a power cut) is taken over. Returns the function that releases it.
 */
export function lockOutDir(root: string): () => void {
  const file = path.join(root, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw writeError(e, file);
      const holder = holderOf(file);
      if (holder === undefined || running(holder)) {
        throw new UserError(
          `another conclave build${holder ? ` (pid ${holder})` : ""} is writing into ${root}`,
          `Wait for it to finish, or choose another --out. If no build is running, delete ${file}.`,
        );
      }
      unlinkSync(file); // stale: its process is gone
      continue;
    }
    try {
      writeSync(fd, `${process.pid}\n`);
    } catch (e) {
      closeSync(fd);
      unlinkSync(file);
      throw writeError(e, file);
    }
    closeSync(fd);
    return () => {
      if (holderOf(file) === process.pid) unlinkSync(file);
    };
  }
  throw new UserError(
    `another conclave build is writing into ${root}`,
    "Wait for it to finish, or choose another --out.",
  );
}

/**
 * The pid in a lock file; `undefined` while a build that has just created it has not written its
 * pid yet (a few microseconds), NaN for a lock left empty by a run killed at that moment (older
 * than a few seconds), which counts as stale.
 */
function holderOf(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return Number.NaN; // gone meanwhile: take it
  }
  const pid = Number.parseInt(text, 10);
  if (Number.isInteger(pid) && pid > 0) return pid;
  try {
    return Date.now() - statSync(file).mtimeMs > 5000 ? Number.NaN : undefined;
  } catch {
    return Number.NaN;
  }
}
