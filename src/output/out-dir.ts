import { lstatSync, mkdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { writeError } from "./fs-errors.js";

/**
 * A path with symlinks resolved: the real path of its deepest existing ancestor, then the rest.
 * An ancestor that is a file, not a folder, is a clear error (`--out badges.pdf/x`).
 */
function realOrPlanned(p: string, shown: string): string {
  try {
    const real = realpathSync(p);
    if (!statSync(real).isDirectory()) {
      throw new UserError(`the output folder ${shown} is a file, not a folder`, "Choose another --out.");
    }
    return real;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") {
      throw new UserError(
        `the output folder ${shown} is inside a file, not a folder`,
        "Choose another --out.",
      );
    }
    if (code !== "ENOENT") throw writeError(e, p);
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realOrPlanned(parent, shown), path.basename(p));
  }
}

/**
 * The output folder for an event: `<event>/out` by default, with symlinks resolved. It may not be
 * the event folder itself nor contain it, so a build can never overwrite the data it was made from;
 * both are compared as real paths, so a link to the event folder is refused too.
 *
 * The folder itself may not be a symbolic link either (`--out print` where print → ~/Documents,
 * or an `out` link committed into a shared event folder): a build replaces whole folders and
 * files in it, and conclave never writes through links, in the output folder as below it. The
 * folders above it may be links (macOS's /tmp → /private/tmp, a home on another disk): that is
 * where the user's system keeps things, not something a build could be tricked by.
 */
export function resolveOutDir(eventDir: string, out?: string): string {
  const ev = realOrPlanned(path.resolve(eventDir), eventDir);
  const asked = out ? path.resolve(out) : path.join(path.resolve(eventDir), "out");
  const dir = realOrPlanned(asked, out ?? asked);
  const rel = path.relative(dir, ev);
  if (rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel))) {
    throw new UserError(
      `the output folder ${out ?? dir} ${rel === "" ? "is" : "contains"} the event folder`,
      "Choose another --out, such as <event>/out (the default).",
    );
  }
  refuseLink(asked, out ?? asked);
  return dir;
}

/** Refuses an output folder that is a symbolic link, naming where it points. */
function refuseLink(asked: string, shown: string): void {
  if (!lstatSync(asked, { throwIfNoEntry: false })?.isSymbolicLink()) return;
  let target: string;
  try {
    target = realpathSync(asked);
  } catch {
    target = path.resolve(path.dirname(asked), readlinkSync(asked));
  }
  throw new UserError(
    `the output folder ${shown} is a symbolic link to ${target}; conclave never writes through links`,
    `Pass the folder itself (--out ${target}), or remove the link and run again.`,
  );
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir reports ENOENT for a read-only disk,
 * where the message must say "read-only".
 */
export function makeFolders(dir: string): void {
  try {
    if (statSync(dir).isDirectory()) return;
  } catch {
    // missing: made below
  }
  const parent = path.dirname(dir);
  if (parent !== dir) makeFolders(parent);
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw writeError(e, dir);
  }
}
