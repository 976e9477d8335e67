import {
  closeSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { writeError } from "./fs-errors.js";

/** The lock file in an output folder: created with O_EXCL, it holds the pid of the build writing there. */
export const LOCK_FILE = ".conclave.lock";

/**
 * When a process started, in clock ticks since boot (Linux: field 22 of /proc/<pid>/stat), or
 * undefined where /proc does not tell. Stored in the lock beside the pid: pids are reused (the
 * kernel's default pid_max is 32,768 and every thread takes one), so a pid alone could make a
 * lock left by a killed build look held by whatever process later got its number.
 */
export function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count from its end.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const tgid = readFileSync(`/proc/${pid}/status`, "utf8").match(/^Tgid:\s*(\d+)/m)?.[1];
    if (tgid !== String(pid)) return "thread"; // a thread of another process, never a build
    return fields[19];
  } catch {
    return undefined;
  }
}

/**
 * Whether the build that wrote a lock still runs: its pid is alive (ours counts) and, where the
 * lock and the system both know it, started when the lock says.
 */
export function running(pid: number, started?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false; // EPERM: alive, someone else's
  }
  if (started === undefined) return true;
  const now = startTime(pid);
  return now === undefined || now === started;
}

/**
 * Takes the output folder's lock, or refuses at once if another build holds it (two builds mixing
 * their files in one folder would leave a manifest true of neither). A lock whose process is gone
 * (kill -9, a power cut) is taken over. Returns the function that releases it.
 */
export function lockOutDir(root: string): () => void {
  const file = path.join(root, LOCK_FILE);
  const started = startTime(process.pid);
  const content = `${process.pid}${started && started !== "thread" ? ` ${started}` : ""}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = create(file, content);
    if (taken === "created") {
      removeLeftLockFiles(root);
      return () => {
        if (holderOf(file).pid === process.pid) unlinkSync(file);
      };
    }
    if (taken === "retry") continue;
    const { pid: holder, started: since } = holderOf(file);
    if (holder === undefined || running(holder, since)) {
      throw new UserError(
        `another conclave build${holder ? ` (pid ${holder})` : ""} is writing into ${root}`,
        `Wait for it to finish, or choose another --out. If no build is running, delete ${file}.`,
      );
    }
    unlinkSync(file); // stale: its process is gone
  }
  throw new UserError(
    `another conclave build is writing into ${root}`,
    "Wait for it to finish, or choose another --out.",
  );
}

/**
 * The lock's own temporary files that runs killed while taking it left (`.conclave.lock.<pid>.0.tmp`):
 * removed by the run that holds the lock, as the whole-folder clean-up would, since a build that
 * finds nothing changed skips that clean-up. Another run taking the lock at this moment finds its
 * file gone and tries again (`create`'s "retry").
 */
function removeLeftLockFiles(root: string): void {
  const own = `${LOCK_FILE}.${process.pid}.`;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith(`${LOCK_FILE}.`) && name.endsWith(".tmp") && !name.startsWith(own))
      rmSync(path.join(root, name), { force: true });
}

/**
 * Makes the lock file appear with its content already in it: written under a name of this
 * process's own, then hard-linked into place (link refuses an existing name, as O_EXCL does). A
 * lock created empty and then written would, if the build were killed between the two, look held
 * by a build that has not yet written its pid. Where the file system has no hard links, an
 * exclusive create and a write.
 */
function create(file: string, content: string): "created" | "exists" | "retry" {
  // Named like a temporary file (`.name.<pid>.<n>.tmp`), so a run killed here leaves nothing that
  // the next run's clean-up does not remove.
  const own = `${file}.${process.pid}.0.tmp`;
  try {
    rmSync(own, { force: true });
    writeFileSync(own, content, { flag: "wx" });
  } catch (e) {
    throw writeError(e, own);
  }
  try {
    linkSync(own, file);
    return "created";
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return "exists";
    if (code === "ENOENT") return "retry"; // our own file was cleaned up meanwhile
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw writeError(e, file);
  } finally {
    rmSync(own, { force: true });
  }
  let fd: number;
  try {
    fd = openSync(file, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return "exists";
    throw writeError(e, file);
  }
  try {
    writeSync(fd, content);
  } catch (e) {
    closeSync(fd);
    unlinkSync(file);
    throw writeError(e, file);
  }
  closeSync(fd);
  return "created";
}

/**
 * The pid in a lock file, with its process's start time when the lock recorded one; pid
 * `undefined` while a build that has just created it has not written its pid yet (a few
 * microseconds), NaN for a lock left empty by a run killed at that moment (older than a few
 * seconds), which counts as stale.
 */
function holderOf(file: string): { pid: number | undefined; started?: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { pid: Number.NaN }; // gone meanwhile: take it
  }
  const [first, started] = text.trim().split(/\s+/);
  const pid = Number.parseInt(first ?? "", 10);
  if (Number.isInteger(pid) && pid > 0) return started ? { pid, started } : { pid };
  try {
    return { pid: Date.now() - statSync(file).mtimeMs > 5000 ? Number.NaN : undefined };
  } catch {
    return { pid: Number.NaN };
  }
}
