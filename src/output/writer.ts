import { createHash } from "node:crypto";
import {
  appendFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.js";
import { writeError } from "./fs-errors.js";
import { lockOutDir } from "./lock.js";
import { makeFolders } from "./out-dir.js";
import { inside, type ManifestEntry, readPrevious } from "./previous.js";
import { JOURNAL_FILE, scanOutDir } from "./scan.js";

export { resolveOutDir } from "./out-dir.js";
export type { ManifestEntry } from "./previous.js";

const toPosix = (p: string) => p.split(path.sep).join("/");

/**
 * Writes files atomically inside one output folder, and keeps out/manifest.json true of it.
 *
 * - Each file goes to a temporary name beside its target and is renamed into place, so an
 *   interrupted run leaves either the old file or the new one, never half of one. A folder made
 *   whole by one run (every delegate's agenda or letter) is instead replaced as a whole: see
 *   `replaceFolder`.
 * - Nothing is written, replaced or deleted but regular files and folders under the (real) output
 *   folder; a symlink or a special file there is an error, and so is a file conclave did not make
 *   (not in the manifest) inside a folder it would replace.
 * - `open` takes the folder's lock and cleans up after killed runs; the manifest then lists what
 *   the previous one listed, corrected by the journal of a killed run, plus what this run writes,
 *   minus what a rebuilt material no longer makes (`complete`).
 */
export class OutputWriter {
  private readonly entries = new Map<string, ManifestEntry>();
  /** What the previous manifest (and a killed run's journal) listed and is still there. */
  private readonly previous = new Map<string, ManifestEntry>();
  private readonly pending = new Set<string>();
  private readonly journaled = new Set<string>();
  private counter = 0;
  /** Folders known to be real folders (not links): 10,000 letters go to one folder. */
  private readonly folders = new Set<string>();
  /** Folders being replaced as a whole: relative folder → the hidden folder they are written to. */
  private readonly staged = new Map<string, string>();
  private release: (() => void) | undefined;
  private opened = false;
  private aborted = false;

  constructor(readonly root: string) {}

  /**
   * Makes the output folder, takes its lock, cleans up after killed runs and reads what the
   * previous manifest lists. Nothing is written before; a dry run never calls it.
   */
  open(): void {
    makeFolders(this.root);
    this.release = lockOutDir(this.root);
    try {
      for (const [p, e] of readPrevious(this.root, scanOutDir(this.root))) this.previous.set(p, e);
    } catch (e) {
      this.close();
      throw writeError(e, this.root);
    }
    this.folders.add(this.root);
    this.opened = true;
  }

  /** Notes a file or folder in the journal before it changes, so a killed run can be accounted for. */
  private journal(kind: "file" | "folder", material: string, rel: string): void {
    const key = `${kind}\t${material}\t${rel}`;
    if (this.journaled.has(key)) return;
    appendFileSync(path.join(this.root, JOURNAL_FILE), `${key}\n`);
    this.journaled.add(key);
  }

  /**
   * Makes `dir` (absolute, under the root) and its parents as real folders, refusing a symlink or
   * a file where a folder goes.
   */
  private ensureFolder(dir: string): void {
    if (this.folders.has(dir)) return;
    if (dir !== this.root) this.ensureFolder(path.dirname(dir));
    let st: ReturnType<typeof lstatSync> | undefined;
    try {
      st = lstatSync(dir);
    } catch {
      mkdirSync(dir);
      st = lstatSync(dir);
    }
    if (st.isSymbolicLink()) {
      throw new UserError(
        `${dir} is a symbolic link inside the output folder`,
        "conclave never writes through links. Remove the link, or choose another --out.",
      );
    }
    if (!st.isDirectory()) {
      throw new UserError(
        `${dir} is a file where conclave makes a folder`,
        "Move the file out of the output folder.",
      );
    }
    this.folders.add(dir);
  }

  /**
   * From now on, files under `folder` (relative) go into a fresh hidden folder beside it, each
   * written once under its own name (the folder is the temporary: 20,000 files written and renamed
   * one by one cost seconds of system time), and `commitFolder` puts it in place of the old one.
   * Until then the old folder stays whole; an interrupted run leaves it as it was, with nothing
   * of the new run mixed in. Only for a folder the run makes completely: a reprint of a few
   * delegates writes file by file, keeping the others. The old folder may hold only files the
   * manifest lists (it is deleted): anything else is named and the build refused.
   */
  replaceFolder(folder: string): void {
    this.assertOpen();
    const final = this.resolve(folder);
    const key = toPosix(path.relative(this.root, final));
    try {
      this.ensureFolder(path.dirname(final));
      this.checkOwned(final, key);
      const staging = path.join(path.dirname(final), `.${path.basename(final)}.new-${process.pid}`);
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      this.folders.add(staging);
      this.staged.set(key, staging);
    } catch (e) {
      throw writeError(e, final);
    }
  }

  /** Refuses to replace a folder holding anything conclave did not make. */
  private checkOwned(final: string, key: string): void {
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(final);
    } catch {
      return; // not there yet
    }
    if (!st.isDirectory() || st.isSymbolicLink()) {
      throw new UserError(`${final} is not a folder conclave made`, "Move it out of the output folder.");
    }
    for (const entry of readdirSync(final, { recursive: true, withFileTypes: true })) {
      const full = path.join(entry.parentPath, entry.name);
      const rel = toPosix(path.relative(this.root, full));
      if (entry.isDirectory()) continue;
      if (!entry.isFile() || !this.previous.has(rel)) {
        throw new UserError(
          `${full} was not made by conclave (it is not in ${path.join(this.root, "manifest.json")}), and ${key}/ is about to be replaced`,
          "Move the file out of the output folder; conclave deletes only files it made.",
        );
      }
    }
  }

  /** Puts a folder begun with `replaceFolder` in place of the old one, which is then deleted. */
  async commitFolder(folder: string, material: string): Promise<void> {
    this.assertOpen();
    const final = this.resolve(folder);
    const key = toPosix(path.relative(this.root, final));
    const staging = this.staged.get(key);
    if (!staging) throw new Error(`${folder} is not being replaced`);
    const old = path.join(path.dirname(final), `.${path.basename(final)}.old-${process.pid}`);
    try {
      this.journal("folder", material, key);
      let hadOld = true;
      try {
        lstatSync(final);
      } catch {
        hadOld = false;
      }
      // Two renames with nothing between them (no await): Ctrl-C cannot land in the middle, and
      // a kill -9 there is undone by the next run (scan.ts puts the old folder back).
      if (hadOld) renameSync(final, old);
      renameSync(staging, final);
      this.staged.delete(key);
      for (const p of this.previous.keys())
        if (inside(key, p) && !this.entries.has(p)) this.previous.delete(p);
      if (hadOld) await rm(old, { recursive: true, force: true });
    } catch (e) {
      throw writeError(e, final);
    }
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
    this.assertOpen();
    const target = this.resolve(relative);
    const rel = toPosix(path.relative(this.root, target));
    const staged = this.stagedPath(target);
    try {
      if (staged !== undefined) {
        this.ensureFolder(path.dirname(staged));
        writeFileSync(staged, data, { flag: "wx" });
      } else {
        this.ensureFolder(path.dirname(target));
        this.journal("file", material, rel);
        this.writeInPlace(target, data);
      }
    } catch (e) {
      throw writeError(e, target);
    }
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    const entry: ManifestEntry = {
      path: rel,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      size: bytes.byteLength,
      material,
    };
    this.entries.set(entry.path, entry);
    return entry;
  }

  /**
   * Writes many small files into a folder being replaced (`replaceFolder`), several at a time:
   * creating a file is a wait on the file system, and 12,000 pages of a programme site created
   * one after another spend most of their time there. Each file is written once under its own
   * name, as `write` does in such a folder; anything else goes through `write`.
   */
  async writeMany(
    files: readonly { path: string; data: Uint8Array | string }[],
    material: string,
    concurrency = 8,
  ): Promise<ManifestEntry[]> {
    this.assertOpen();
    let next = 0;
    const out = new Array<ManifestEntry>(files.length);
    const one = async (i: number) => {
      const { path: relative, data } = files[i]!;
      const target = this.resolve(relative);
      const staged = this.stagedPath(target);
      if (staged === undefined) {
        out[i] = await this.write(relative, data, material);
        return;
      }
      try {
        this.ensureFolder(path.dirname(staged));
        await writeFile(staged, data, { flag: "wx" });
      } catch (e) {
        throw writeError(e, target);
      }
      this.assertOpen();
      const bytes = typeof data === "string" ? Buffer.from(data) : data;
      const entry: ManifestEntry = {
        path: toPosix(path.relative(this.root, target)),
        sha256: createHash("sha256").update(bytes).digest("hex"),
        size: bytes.byteLength,
        material,
      };
      this.entries.set(entry.path, entry);
      out[i] = entry;
    };
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, async () => {
        while (next < files.length) await one(next++);
      }),
    );
    return out;
  }

  private assertOpen(): void {
    // After a failure or Ctrl-C, compiles still in flight must not write: the run is over.
    if (this.aborted) throw new Error("the build was stopped: nothing more is written");
    if (!this.opened) throw new Error("the output folder is not open");
  }

  private writeInPlace(target: string, data: Uint8Array | string): void {
    try {
      const st = lstatSync(target);
      if (!st.isFile()) {
        throw new UserError(
          `${target} is ${st.isSymbolicLink() ? "a symbolic link" : st.isDirectory() ? "a folder" : "not a regular file"} where conclave writes a file`,
          "Move it out of the output folder; conclave replaces only regular files.",
        );
      }
    } catch (e) {
      if (e instanceof UserError) throw e;
    }
    const tmp = path.join(
      path.dirname(target),
      `.${path.basename(target)}.${process.pid}.${this.counter++}.tmp`,
    );
    this.pending.add(tmp);
    try {
      // Synchronous: a file here is a few kilobytes to a few megabytes, and 10,000 small files
      // written through promises cost the main thread seconds of bookkeeping while the
      // compile workers wait for their next job. "wx": never through a link planted at the name.
      writeFileSync(tmp, data, { flag: "wx" });
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    } finally {
      this.pending.delete(tmp);
    }
  }

  /**
   * Says that this run made every file of `material` that `covers` (relative paths): the files
   * of it the previous manifest lists and this run did not write are no longer made, and are
   * removed (badges-003.pdf after the run shrank to two volumes, the folder of a session no longer
   * seated). Only files the manifest lists are ever removed.
   */
  complete(material: string, covers: (relative: string) => boolean): void {
    this.assertOpen();
    for (const [p, entry] of [...this.previous]) {
      if (entry.material !== material || this.entries.has(p) || !covers(p)) continue;
      const full = path.join(this.root, p);
      try {
        if (lstatSync(full).isFile()) unlinkSync(full);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw writeError(e, full);
      }
      this.previous.delete(p);
      this.removeEmptyParents(path.dirname(full));
    }
  }

  private removeEmptyParents(dir: string): void {
    while (dir !== this.root && dir.startsWith(this.root)) {
      try {
        rmdirSync(dir);
      } catch {
        return; // not empty (or not ours to judge): stop
      }
      this.folders.delete(dir);
      dir = path.dirname(dir);
    }
  }

  /**
   * Removes what an unfinished run left: temporary files of writes in flight and folders begun
   * with `replaceFolder` and not committed (on Ctrl-C, or when a material fails). From now on
   * nothing more is written but the manifest.
   */
  async abort(): Promise<void> {
    this.aborted = true;
    const staged = [...this.staged];
    this.staged.clear();
    // Files written into a dropped folder are not in out/: they leave the manifest too.
    for (const p of this.entries.keys())
      if (staged.some(([folder]) => inside(folder, p))) this.entries.delete(p);
    await Promise.all([
      ...[...this.pending].map((p) => rm(p, { force: true })),
      ...staged.map(([, p]) => rm(p, { recursive: true, force: true })),
    ]);
  }

  /** What the output folder holds now: the previous manifest's files, updated by this run's. */
  get files(): ManifestEntry[] {
    const all = new Map(this.previous);
    for (const [p, e] of this.entries) all.set(p, e);
    all.delete("manifest.json");
    return [...all.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * out/manifest.json: every file with its hash, size and the material that made it; no
   * timestamps. Written after a failure too, so it stays true of what out/ holds; the journal is
   * then no longer needed.
   */
  async writeManifest(generator: string): Promise<void> {
    if (!this.opened) return;
    const manifest = { generator, files: this.files };
    const file = path.join(this.root, "manifest.json");
    try {
      this.writeInPlace(file, `${JSON.stringify(manifest, null, 2)}\n`);
      rmSync(path.join(this.root, JOURNAL_FILE), { force: true });
    } catch (e) {
      throw writeError(e, file);
    }
  }

  /** Releases the output folder's lock (idempotent). */
  close(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}
