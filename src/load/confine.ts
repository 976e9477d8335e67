import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";

/**
 * What conclave reads, and how much of it (README "Safety"). A real event never comes near these:
 * the 100,000-delegate benchmark's delegates.csv is 11 MB; a CJK font collection is about 30 MB.
 */
export const READ_LIMITS = {
  csv: 256 * 1024 * 1024,
  settings: 4 * 1024 * 1024,
  image: 20 * 1024 * 1024,
  font: 64 * 1024 * 1024,
  template: 4 * 1024 * 1024,
} as const;
export type ReadKind = keyof typeof READ_LIMITS;

/**
 * The folders conclave may read from: the event folder, and what the user allowed on purpose
 * (`--allow-outside`, `allow_outside:` in event.yaml), all as real paths (symlinks resolved).
 * It is plain data, so it crosses to the compile workers as it is.
 */
export interface Confinement {
  /** The event folder's real path. */
  root: string;
  /** Real paths of the allowed folders or files outside the event folder. */
  allowed: readonly string[];
}

const within = (p: string, dir: string) =>
  p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/** Whether a real path is inside the event folder or an allowed place. */
export function isAllowed(c: Confinement, real: string): boolean {
  return within(real, c.root) || c.allowed.some((a) => within(real, a));
}

const HINT_OUTSIDE =
  "conclave reads only files inside the event folder. For a shared logo or font, list its folder under allow_outside: in event.yaml or pass --allow-outside <folder> (see docs/data-format.md#reading-outside-the-event-folder).";

/**
 * The confinement of an event folder. `fromCli` paths are relative to the working directory,
 * `fromEvent` (event.yaml's allow_outside) to the event folder; a listed place that does not
 * exist is a configuration error, so a typo never silently allows nothing.
 */
export function confine(
  eventDir: string,
  fromCli: readonly string[] = [],
  fromEvent: readonly string[] = [],
) {
  const root = realpathSync(eventDir);
  const allowed: string[] = [];
  const add = (p: string, base: string, setting: string) => {
    try {
      allowed.push(realpathSync(path.resolve(base, p)));
    } catch {
      throw new UserError(
        `${setting} ${p} does not exist`,
        "List an existing folder (or file) to read from.",
      );
    }
  };
  for (const p of fromCli) add(p, process.cwd(), "--allow-outside");
  for (const p of fromEvent) add(p, root, "event.yaml allow_outside:");
  return { root, allowed } satisfies Confinement;
}

/** What a file is, in words, when it is not a regular file. */
function describeKind(s: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (s.isDirectory()) return "a folder";
  if (s.isFIFO()) return "a named pipe (FIFO)";
  if (s.isSocket()) return "a socket";
  return "a device or other special file";
}

const mib = (n: number) => `${n / 1024 / 1024} MiB`;

/**
 * Where a path named in the settings really is, after the one check every read goes through:
 * inside the event folder (or an allowed place) before and after symlinks are resolved. Returns
 * undefined when nothing is there. `label` names the setting in messages, e.g. `branding.logo: logo.svg`.
 */
export function resolveConfined(c: Confinement, name: string, label: string): string | undefined {
  const lexical = path.resolve(c.root, name);
  const outside = () => new UserError(`${label} is outside the event folder`, HINT_OUTSIDE);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch (e) {
    // Whether something exists outside is none of the event's business: refuse first.
    if (!isAllowed(c, lexical)) throw outside();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new UserError(`${label} cannot be read (${code})`, "Check the path and its permissions.");
  }
  if (!isAllowed(c, real)) {
    if (!isAllowed(c, lexical)) throw outside();
    throw new UserError(`${label} is a link to ${real}, outside the event folder`, HINT_OUTSIDE);
  }
  return real;
}

/**
 * Reads a regular file at a real path already checked, at most `READ_LIMITS[kind]` bytes.
 * FIFOs, devices and sockets are refused without blocking: the file is opened non-blocking and
 * the open descriptor (not the name, which could change in between) is checked before reading.
 */
export function readRegularFile(real: string, kind: ReadKind, label: string): Uint8Array {
  const limit = READ_LIMITS[kind];
  const before = statSync(real);
  if (!before.isFile())
    throw new UserError(
      `${label} is ${describeKind(before)}, not a file`,
      "conclave reads regular files only: replace it with a file, or remove it.",
    );
  if (before.size > limit) throw tooLarge(label, kind, before.size);
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    throw new UserError(`${label} cannot be read: ${(e as Error).message}`, "Check its permissions.");
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile())
      throw new UserError(
        `${label} is ${describeKind(info)}, not a file`,
        "conclave reads regular files only: replace it with a file, or remove it.",
      );
    // Read until the end or one byte past the limit, whatever the size said (it can grow).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limit) throw tooLarge(label, kind, total, true);
    }
    const all = Buffer.concat(chunks, total);
    return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  } finally {
    closeSync(fd);
  }
}

const KIND_WORDS: Record<ReadKind, string> = {
  csv: "a CSV file",
  settings: "event.yaml",
  image: "an image",
  font: "a font",
  template: "a template file",
};

/** `size` is the file's size, or (`grew`) what was read of a file that grew past its stat size. */
function tooLarge(label: string, kind: ReadKind, size: number, grew = false) {
  const has = grew ? `more than ${mib(READ_LIMITS[kind])}` : `${size.toLocaleString("en")} bytes`;
  return new UserError(
    `${label} is too large (${has}; conclave reads at most ${mib(READ_LIMITS[kind])} for ${KIND_WORDS[kind]})`,
    "Check that the setting names the right file; the limits are listed in README.md (Safety).",
  );
}

/**
 * Reads a file named in the settings, through the one check: inside the event folder (or an
 * allowed place) once resolved, a regular file, within the size limit. Undefined when absent.
 */
export function readConfined(
  c: Confinement,
  name: string,
  kind: ReadKind,
  label: string,
): Uint8Array | undefined {
  const real = resolveConfined(c, name, label);
  return real === undefined ? undefined : readRegularFile(real, kind, label);
}
