import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.js";

export interface ManifestEntry {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  sha256: string;
  size: number;
  material: string;
}

/**
 * The output folder for an event: `<event>/out` by default. It may not be the event folder itself
 * nor contain it, so a build can never overwrite the data it was made from.
 */
export function resolveOutDir(eventDir: string, out?: string): string {
  const ev = path.resolve(eventDir);
  const dir = out ? path.resolve(out) : path.join(ev, "out");
  const rel = path.relative(dir, ev);
  if (rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel))) {
    throw new UserError(
      `the output folder ${out ?? dir} ${rel === "" ? "is" : "contains"} the event folder`,
      "Choose another --out, such as <event>/out (the default).",
    );
  }
  return dir;
}

/**
 * Deletes the hidden folders that runs killed without a chance to clean up (SIGKILL, a power cut)
 * left beside `name`: `.name.new-<pid>` and `.name.old-<pid>` of processes no longer running.
 */
function removeAbandoned(parent: string, name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  const prefix = `.${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const m = /^(?:new|old)-(\d+)$/.exec(entry.slice(prefix.length));
    if (!m || running(Number(m[1]))) continue;
    rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
}

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * Writes files atomically inside one output folder: each file goes to a temporary name beside its
 * target and is renamed into place, so an interrupted run leaves either the old file or the new
 * one, never half of one. A folder made whole by one run (every delegate's agenda or letter) can
 * instead be replaced as a whole: see `replaceFolder`. Every file written is recorded for
 * out/manifest.json.
 */
export class OutputWriter {
  private readonly entries = new Map<string, ManifestEntry>();
  private readonly pending = new Set<string>();
  private counter = 0;
  // Folders already made: 10,000 letters go to one folder, and asking for it each time costs seconds.
  private readonly folders = new Map<string, Promise<unknown>>();

  /** Folders being replaced as a whole: relative folder → the hidden folder they are written to. */
  private readonly staged = new Map<string, string>();

  constructor(readonly root: string) {}

  /**
   * From now on, files under `folder` (relative) go into a fresh hidden folder beside it, each
   * written once under its own name (the folder is the temporary: 20,000 files written and renamed
   * one by one cost seconds of system time), and `commitFolder` puts it in place of the old one.
   * Until then the old folder stays whole; an interrupted run leaves it as it was, with nothing
   * of the new run mixed in. Only for a folder the run makes completely: a reprint of a few
   * delegates writes file by file, keeping the others.
   */
  replaceFolder(folder: string): void {
    const final = this.resolve(folder);
    const staging = path.join(path.dirname(final), `.${path.basename(final)}.new-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    removeAbandoned(path.dirname(final), path.basename(final));
    for (const made of this.folders.keys()) if (made.startsWith(staging)) this.folders.delete(made);
    mkdirSync(staging, { recursive: true });
    this.staged.set(path.relative(this.root, final), staging);
  }

  /** Puts a folder begun with `replaceFolder` in place of the old one, which is then deleted. */
  async commitFolder(folder: string): Promise<void> {
    const final = this.resolve(folder);
    const key = path.relative(this.root, final);
    const staging = this.staged.get(key);
    if (!staging) throw new Error(`${folder} is not being replaced`);
    const old = path.join(path.dirname(final), `.${path.basename(final)}.old-${process.pid}`);
    const hadOld = existsSync(final);
    // Two renames with nothing between them (no await): Ctrl-C cannot land in the middle.
    if (hadOld) renameSync(final, old);
    renameSync(staging, final);
    this.staged.delete(key);
    if (hadOld) await rm(old, { recursive: true, force: true });
  }

  /** Where a file goes: inside a folder being replaced, or in place (then through a temporary). */
  private stagedPath(target: string): string | undefined {
    for (const [folder, staging] of this.staged) {
      const rel = path.relative(path.join(this.root, folder), target);
      if (rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel)) return path.join(staging, rel);
    }
    return undefined;
  }

  /** Absolute path of a relative output path, refusing anything that would land outside the folder. */
  resolve(relative: string): string {
    const target = path.resolve(this.root, relative);
    const rel = path.relative(this.root, target);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
      throw new Error(`refusing to write outside the output folder: ${relative}`);
    }
    return target;
  }

  async write(relative: string, data: Uint8Array | string, material: string): Promise<ManifestEntry> {
    const target = this.resolve(relative);
    const staged = this.stagedPath(target);
    const folder = path.dirname(staged ?? target);
    let made = this.folders.get(folder);
    if (!made) {
      made = mkdir(folder, { recursive: true });
      this.folders.set(folder, made);
      made.catch(() => this.folders.delete(folder));
    }
    await made;
    if (staged !== undefined) writeFileSync(staged, data);
    else this.writeInPlace(target, data);
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    const entry: ManifestEntry = {
      path: path.relative(this.root, target).split(path.sep).join("/"),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.byteLength,
      material,
    };
    this.entries.set(entry.path, entry);
    return entry;
  }

  private writeInPlace(target: string, data: Uint8Array | string): void {
    const tmp = path.join(
      path.dirname(target),
      `.${path.basename(target)}.${process.pid}.${this.counter++}.tmp`,
    );
    this.pending.add(tmp);
    try {
      // Synchronous: a file here is a few kilobytes to a few megabytes, and 10,000 small files
      // written through promises cost the main thread seconds of bookkeeping while the
      // compile workers wait for their next job.
      writeFileSync(tmp, data);
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    } finally {
      this.pending.delete(tmp);
    }
  }

  /**
   * Removes what an unfinished run left: temporary files of writes in flight and folders begun
   * with `replaceFolder` and not committed (on Ctrl-C, or when a material fails).
   */
  async abort(): Promise<void> {
    const staged = [...this.staged.values()];
    this.staged.clear();
    await Promise.all([
      ...[...this.pending].map((p) => rm(p, { force: true })),
      ...staged.map((p) => rm(p, { recursive: true, force: true })),
    ]);
  }

  get files(): ManifestEntry[] {
    return [...this.entries.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** out/manifest.json: every file with its hash, size and the material that made it; no timestamps. */
  async writeManifest(generator: string): Promise<void> {
    const manifest = { generator, files: this.files.filter((f) => f.path !== "manifest.json") };
    await this.write("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, "manifest");
  }
}
