import { constants } from "node:fs";
import { copyFile, lstat, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../errors.js";

/**
 * Writing starter files into a user's folder (`init`, `templates eject`): never through a
 * symlink (a dangling one would create its target anywhere), never over something that is not a
 * regular file, and a folder that cannot be written is a clear message, not a stack trace.
 */

/** What is at `file` now: nothing, a regular file, or something conclave refuses to replace. */
export async function existingTarget(file: string, shown: string): Promise<"none" | "file"> {
  const info = await lstat(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    if (e.code === "ENOTDIR")
      throw new UserError(`${path.dirname(shown)} is not a folder`, "Choose another folder.");
    throw cannotWrite(shown, e);
  });
  if (!info) return "none";
  if (info.isSymbolicLink())
    throw new UserError(
      `${shown} is a symbolic link; conclave does not write through links`,
      "Remove the link (or choose another folder), then run the command again.",
    );
  if (!info.isFile())
    throw new UserError(`${shown} exists and is not a file`, "Remove it or choose another folder.");
  return "file";
}

/** A folder to write into: made when missing; a file or a link in its place is refused. */
export async function ensureFolder(dir: string, shown: string): Promise<void> {
  const info = await lstat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw cannotWrite(shown, e);
  });
  if (info?.isSymbolicLink())
    throw new UserError(
      `${shown} is a symbolic link; conclave does not write through links`,
      "Remove the link (or choose another folder), then run the command again.",
    );
  if (info && !info.isDirectory())
    throw new UserError(`${shown} is a file, not a folder`, "Choose a folder (it is created when missing).");
  if (!info)
    await mkdir(dir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      throw cannotWrite(shown, e);
    });
}

/**
 * Writes one file: created exclusively when new (O_EXCL never follows a link that appeared in
 * between), replaced only when `replace` (the caller checked it is a regular file).
 */
export async function writeTarget(
  file: string,
  content: string | { copyFrom: string },
  replace: boolean,
  shown: string,
): Promise<void> {
  const done =
    typeof content === "string"
      ? writeFile(file, content, { flag: replace ? "w" : "wx" })
      : copyFile(content.copyFrom, file, replace ? 0 : constants.COPYFILE_EXCL);
  await done.catch((e: NodeJS.ErrnoException) => {
    if (e.code === "EEXIST")
      throw new UserError(`${shown} appeared while conclave was writing; nothing was overwritten`);
    throw cannotWrite(shown, e);
  });
}

function cannotWrite(shown: string, e: NodeJS.ErrnoException): UserError {
  const why =
    e.code === "EACCES" || e.code === "EPERM"
      ? "permission denied"
      : e.code === "EROFS"
        ? "the file system is read-only"
        : e.code === "ENOSPC"
          ? "the disk is full"
          : e.code === "ENOTDIR"
            ? "a part of the path is a file, not a folder"
            : (e.code ?? e.message);
  return new UserError(`cannot write ${shown}: ${why}`, "Choose a folder you can write to.");
}
