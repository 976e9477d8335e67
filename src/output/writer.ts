import { createHash } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";
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
 * Writes files atomically inside one output folder: each file goes to a temporary name beside its
 * target and is renamed into place, so an interrupted run leaves either the old file or the new
 * one, never half of one. Every file written is recorded for out/manifest.json.
 */
export class OutputWriter {
  private readonly entries = new Map<string, ManifestEntry>();
  private readonly pending = new Set<string>();
  private counter = 0;
  // Folders already made: 10,000 letters go to one folder, and asking for it each time costs seconds.
  private readonly folders = new Map<string, Promise<unknown>>();

  constructor(readonly root: string) {}

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
    const folder = path.dirname(target);
    let made = this.folders.get(folder);
    if (!made) {
      made = mkdir(folder, { recursive: true });
      this.folders.set(folder, made);
      made.catch(() => this.folders.delete(folder));
    }
    await made;
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
      await rm(tmp, { force: true });
      throw e;
    } finally {
      this.pending.delete(tmp);
    }
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

  /** Removes temporary files of writes still in flight (on Ctrl-C). */
  async abort(): Promise<void> {
    await Promise.all([...this.pending].map((p) => rm(p, { force: true })));
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
