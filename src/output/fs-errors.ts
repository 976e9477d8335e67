import { UserError } from "../errors.js";

/** What a system error code means to someone running a build, and what to do about it. */
const CAUSES: Record<string, [cause: string, hint: string]> = {
  ENOSPC: ["the disk is full", "Free some space or choose another --out, and run again."],
  EDQUOT: ["the disk quota is used up", "Free some space or choose another --out, and run again."],
  EACCES: ["permission denied", "Make the folder writable for this user, or choose another --out."],
  EPERM: [
    "the operation is not permitted",
    "Make the folder writable for this user, or choose another --out.",
  ],
  EROFS: ["the file system is read-only", "Choose an --out on a writable disk."],
  ENOTDIR: ["a part of the path is a file, not a folder", "Choose another --out, or move that file away."],
  EISDIR: ["a folder is where a file goes", "Move that folder out of the output folder."],
  ENAMETOOLONG: ["the path is too long", "Choose an --out with a shorter path."],
  EMFILE: ["too many files are open", "Raise the limit (ulimit -n) or lower --jobs."],
  ENFILE: ["too many files are open on this system", "Close other programs or lower --jobs."],
  EIO: ["the disk reported an input/output error", "Check the disk, or choose another --out."],
};

/**
 * A failed file operation while writing outputs, as a `UserError` naming the path and the cause:
 * a full disk or a read-only folder is the environment, not a bug in conclave. Errors that are
 * not system errors (no `code`) are returned unchanged.
 */
export function writeError(e: unknown, file: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (e instanceof UserError || typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return e;
  const [cause, hint] = CAUSES[code] ?? [`${code}`, "Check the output folder and run again."];
  return new UserError(`cannot write ${file}: ${cause} (${code}); no file was left half-written`, hint);
}
