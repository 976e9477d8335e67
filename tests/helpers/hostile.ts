import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { bin, root } from "./cli.js";
import { readPdfData } from "./pdf.js";

/**
 * Helpers for running conclave on hostile event folders (tests/security/hostile.test.ts): an
 * isolated child (no network, a time box, a memory cap), a snapshot of a whole folder tree to prove
 * nothing outside out/ changed, and every file a run wrote, read back as text.
 */

const runner = path.join(import.meta.dirname, "isolated-run.mjs");

let unshareWorks: boolean | undefined;
/**
 * Whether `unshare -n` can make a network namespace here with its loopback up (as root it usually
 * can; in an unprivileged container it usually cannot).
 */
export function canUnshare(): boolean {
  unshareWorks ??=
    spawnSync("unshare", ["-n", "sh", "-c", "ip link set lo up"], { stdio: "ignore", timeout: 10_000 })
      .status === 0;
  return unshareWorks;
}

let prlimitWorks: boolean | undefined;
/** Whether util-linux's prlimit is here to cap a child's address space. */
function canLimit(): boolean {
  prlimitWorks ??= spawnSync("prlimit", ["--version"], { stdio: "ignore" }).status === 0;
  return prlimitWorks;
}

export interface IsolatedResult {
  /** Exit code, or null when killed by a signal. */
  code: number | null;
  signal: string | null;
  /** Killed because it ran past the time box. */
  timedOut: boolean;
  seconds: number;
  stdout: string;
  stderr: string;
  /** TCP connections the command made to the proxy planted in its environment. */
  connections: { at: string; firstBytes: string }[];
  /** Ran inside `unshare -n` (no network but the loopback). */
  namespaced: boolean;
}

/** Output past this is cut: a runaway child must not take the test's memory. */
const MAX_OUTPUT = 4 * 1024 * 1024;

/**
 * Runs `node bin/conclave.js …args` inside `unshare -n` where that works, with the planted proxy
 * (tests/helpers/isolated-run.mjs), killed after `timeoutMs`, its address space capped at
 * `memoryBytes` (where prlimit is here). The environment is the given one as is (plus NO_COLOR and
 * CI): pass the secrets.
 */
export async function runIsolated(
  args: readonly string[],
  options: {
    env: NodeJS.ProcessEnv;
    cwd: string;
    timeoutMs: number;
    memoryBytes: number;
    workDir: string;
    /** Another script in place of bin/conclave.js (the harness's own tests). */
    script?: string;
  },
): Promise<IsolatedResult> {
  const reportDir = await mkdtemp(path.join(options.workDir, "report-"));
  const report = path.join(reportDir, "report.json");
  const inner = [
    process.execPath,
    runner,
    report,
    String(options.timeoutMs),
    String(canLimit() ? options.memoryBytes : 0),
    "--",
    process.execPath,
    options.script ?? bin,
    ...args,
  ];
  const namespaced = canUnshare();
  const [command, ...argv] = namespaced
    ? ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', ...inner]
    : inner;
  const env: NodeJS.ProcessEnv = { ...options.env, NO_COLOR: "1", CI: "true" };
  delete env.FORCE_COLOR;
  const child = spawn(command!, argv, {
    cwd: options.cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const collect = (into: Buffer[]) => {
    let size = 0;
    return (d: Buffer) => {
      if (size < MAX_OUTPUT) into.push(d);
      size += d.length;
    };
  };
  child.stdout.on("data", collect(out));
  child.stderr.on("data", collect(err));
  // The runner kills the command at the time box; this is the backstop if the runner itself hangs.
  let backstop = false;
  const timer = setTimeout(() => {
    backstop = true;
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
  }, options.timeoutMs + 30_000);
  await new Promise<void>((resolve) => child.on("close", () => resolve()));
  clearTimeout(timer);
  const text = await readFile(report, "utf8").catch(() => "");
  await rm(reportDir, { recursive: true, force: true });
  const r = text
    ? (JSON.parse(text) as Pick<IsolatedResult, "code" | "signal" | "timedOut" | "seconds" | "connections">)
    : { code: null, signal: "SIGKILL", timedOut: backstop, seconds: NaN, connections: [] };
  return {
    ...r,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
    namespaced,
  };
}

/** What a snapshot records of one path: enough to see any write, never opening a FIFO or device. */
export interface Entry {
  type: "file" | "dir" | "symlink" | "fifo" | "char" | "block" | "socket";
  size: number;
  mtimeMs: number;
  mode: number;
  /** sha256 of a regular file, the target of a symlink, the sorted names of a folder. */
  content: string;
}

/** Files this large are compared by size and time only (the sparse 300 MB CSV). */
const HASH_LIMIT = 32 * 1024 * 1024;

/**
 * Every path under `dir` (symlinks not followed) except the folders in `skip`, with type, size,
 * mtime, mode and a hash. A folder's mtime is left out where the folder holds a skipped one:
 * creating out/ changes its parent's mtime, and that is allowed.
 */
export function snapshot(dir: string, skip: readonly string[] = []): Map<string, Entry> {
  const result = new Map<string, Entry>();
  const skipped = new Set(skip.map((s) => path.resolve(s)));
  const parents = new Set([...skipped].map((s) => path.dirname(s)));
  const walk = (p: string) => {
    if (skipped.has(p)) return;
    const s = lstatSync(p);
    const rel = path.relative(dir, p) || ".";
    const base = { size: s.size, mtimeMs: s.mtimeMs, mode: s.mode };
    if (s.isSymbolicLink()) result.set(rel, { type: "symlink", ...base, content: readlinkSync(p) });
    else if (s.isDirectory()) {
      const names = readdirSync(p).sort();
      result.set(rel, {
        type: "dir",
        ...base,
        size: 0,
        mtimeMs: parents.has(p) ? 0 : s.mtimeMs,
        content: names.filter((n) => !skipped.has(path.join(p, n))).join("/"),
      });
      for (const n of names) walk(path.join(p, n));
    } else if (s.isFile()) {
      const content =
        s.size <= HASH_LIMIT ? createHash("sha256").update(readFileSync(p)).digest("hex") : "(large)";
      result.set(rel, { type: "file", ...base, content });
    } else {
      const type = s.isFIFO()
        ? "fifo"
        : s.isCharacterDevice()
          ? "char"
          : s.isBlockDevice()
            ? "block"
            : "socket";
      result.set(rel, { type, ...base, content: "" });
    }
  };
  walk(path.resolve(dir));
  return result;
}

/** Paths added, removed or changed between two snapshots, each with what changed. */
export function changes(before: Map<string, Entry>, after: Map<string, Entry>): string[] {
  const out: string[] = [];
  for (const [p, a] of after) {
    const b = before.get(p);
    if (!b) out.push(`created ${p} (${a.type})`);
    else {
      const diff = (["type", "size", "mtimeMs", "mode", "content"] as const).filter((k) => a[k] !== b[k]);
      if (diff.length > 0) out.push(`changed ${p} (${diff.join(", ")})`);
    }
  }
  for (const p of before.keys()) if (!after.has(p)) out.push(`removed ${p}`);
  return out.sort();
}

export interface WrittenFile {
  path: string;
  /**
   * Every text the file can hold a secret in: its bytes as UTF-8, Latin-1 and UTF-16, the inflated
   * streams of a PDF, and a PDF's text as a reader sees it (pdfjs).
   */
  texts: string[];
}

/**
 * Every regular file under `dir` (symlinks not followed: what they point at is the snapshot's
 * business), read back in each form a secret could hide in; non-regular entries are listed apart.
 * Reading a PDF's text costs ~30 ms (seconds for a whole build's 435 files on a loaded machine), so
 * a per-delegate PDF beside an all.pdf is read through all.pdf, which conclave puts together from
 * the same compiled pages (docs/templates.md); its bytes and streams are still searched.
 */
export async function readWritten(dir: string): Promise<{ files: WrittenFile[]; odd: string[] }> {
  const regular: string[] = [];
  const odd: string[] = [];
  const walk = (p: string) => {
    let s: ReturnType<typeof lstatSync>;
    try {
      s = lstatSync(p);
    } catch {
      return;
    }
    if (s.isDirectory()) for (const n of readdirSync(p).sort()) walk(path.join(p, n));
    else if (s.isFile()) regular.push(p);
    else odd.push(path.relative(dir, p));
  };
  walk(dir);
  const combined = new Set(regular.filter((p) => path.basename(p) === "all.pdf").map((p) => path.dirname(p)));
  const files: WrittenFile[] = [];
  for (const p of regular) {
    const bytes = readFileSync(p);
    const texts = [bytes.toString("utf8"), bytes.toString("latin1"), utf16(bytes, "be"), utf16(bytes, "le")];
    if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") {
      texts.push(...pdfStreams(bytes));
      if (path.basename(p) === "all.pdf" || !combined.has(path.dirname(p))) {
        try {
          texts.push((await readPdfData(new Uint8Array(bytes))).text.join("\n"));
        } catch (e) {
          texts.push(`(unreadable PDF: ${(e as Error).message})`);
        }
      }
    }
    files.push({ path: path.relative(dir, p), texts });
  }
  return { files, odd };
}

function utf16(bytes: Buffer, order: "be" | "le"): string {
  const b = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  if (order === "be") b.swap16();
  return b.toString("utf16le");
}

/** The Flate streams of a PDF, inflated (content streams, ToUnicode maps, embedded files, XMP). */
function pdfStreams(bytes: Buffer): string[] {
  const out: string[] = [];
  const latin = bytes.toString("latin1");
  const re = /stream\r?\n/g;
  for (let m = re.exec(latin); m; m = re.exec(latin)) {
    const start = m.index + m[0].length;
    const end = latin.indexOf("endstream", start);
    if (end < 0) break;
    try {
      out.push(inflateSync(bytes.subarray(start, end)).toString("latin1"));
    } catch {
      // Not Flate, or an image: its raw bytes are searched already.
    }
    re.lastIndex = end;
  }
  return out;
}

/** C0 and C1 controls but tab and line feed, and the bidi controls that reorder what a terminal shows. */
export const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The unsafe characters of a text, each with a little context, for a readable failure. */
export function unsafeCharacters(text: string): string[] {
  const found: string[] = [];
  const re = new RegExp(TERMINAL_UNSAFE.source, "g");
  for (let m = re.exec(text); m && found.length < 5; m = re.exec(text)) {
    const at = m.index;
    found.push(
      `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} in ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))}`,
    );
  }
  return found;
}

/** A stack trace or an internal error, as the CLI or node prints them. */
export const STACK_TRACE = /^\s+at \S.*(?:\(.*\)|:\d+:\d+)$|internal error|FATAL ERROR|Native stack trace/im;

export { root as repoRoot };
