import { createHash } from "node:crypto";
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type { OutputMemory } from "../materials/context.js";
import { writeError } from "../output/fs-errors.js";
import { qrDrawingFingerprint } from "../render/qr-encode.js";
import type { CompiledPdf, CompileJob } from "../render/typst.js";
import type { GroupingMemo, RememberedGrouping } from "../seating/memo.js";
import type { LastBuild } from "./unchanged.js";

/** Where a build keeps what it remembers, inside the output folder. */
export const STATE_DIR = ".conclave";
/** The version of state.json's layout; a newer one (a newer conclave) is not read. */
export const STATE_FORMAT = 1;

/** One remembered compile: the PDF Typst made for one fingerprint, kept in .conclave/cache/. */
interface StateEntry {
  sha256: string;
  size: number;
  pages: number;
  starts?: number[];
  file?: string;
}

/**
 * One output file a material made from a key of its own (src/materials/context.ts OutputMemory),
 * and the size and mtime (ms) it had in out/ when that build ended: a file still so is taken to
 * hold the same bytes, like the whole-build short cut does (src/build/unchanged.ts).
 */
interface FileRecord {
  key: string;
  /** The hash out/manifest.json listed: a killed run's journal that corrects it shows here. */
  sha256: string;
  size: number;
  mtime: number;
  pages?: number;
}

interface StateFile {
  format: number;
  generator: string;
  /** Which event made it (name and dates): another event's state is not used. */
  event: string;
  /** Fingerprint → the compiled PDF kept for it. */
  entries: Record<string, StateEntry>;
  /** sha256 of `entries` as written: a state edited by hand is not trusted. */
  checksum: string;
  /** The whole last build (src/build/unchanged.ts): lets a build with nothing changed stop early. */
  last?: LastBuild;
  /** sha256 of `last` as written, for the same reason. */
  lastChecksum?: string;
  /** Output path → what made it, for the files a material remembers one by one. */
  files?: Record<string, FileRecord>;
  /** sha256 of `files` as written. */
  filesChecksum?: string;
  /** The seating's table searches that ended on their own terms, by key (src/seating/memo.ts). */
  searches?: Record<string, RememberedGrouping>;
  /** sha256 of `searches` as written. */
  searchesChecksum?: string;
}

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

/**
 * What every document depends on besides its own data: conclave's version, every template file
 * (conclave's and the event's) and every font file (name, size, content). Computed once per build.
 */
export function worldFingerprint(
  generator: string,
  templates: ReadonlyMap<string, Uint8Array>,
  fontFiles: readonly string[],
): string {
  const h = createHash("sha256").update(`${generator}\n`);
  for (const [name, bytes] of [...templates].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    h.update(`template ${name} ${bytes.byteLength} ${sha256(bytes)}\n`);
  for (const file of fontFiles) {
    const bytes = readFileSync(file);
    h.update(`font ${path.basename(file)} ${bytes.byteLength} ${sha256(bytes)}\n`);
  }
  return h.digest("hex");
}

/** Every file under a folder, by relative path with forward slashes (the built-in templates). */
export function readTree(dir: string, prefix = ""): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(`${prefix}${path.relative(dir, full).split(path.sep).join("/")}`, readFileSync(full));
  }
  return files;
}

/**
 * The fingerprint of one compile: the world, the template named, the data given to Typst (its
 * JSON), the virtual files (by hash) and the QR codes to draw (by text), the PDF timestamp,
 * whether pieces are asked for and whether it is tagged. Two
 * jobs with one fingerprint make the same bytes: Typst is deterministic given all of these.
 */
export function jobFingerprint(world: string, job: CompileJob): string {
  const assets = Object.entries(job.assets ?? {})
    .map(([name, bytes]) => `${name} ${bytes.byteLength} ${sha256(bytes)}`)
    .sort();
  return sha256(
    JSON.stringify([
      world,
      job.template,
      job.timestamp,
      job.pieces === true,
      assets,
      job.data ?? null,
      ...(job.tagged ? ["tagged ua-1"] : []),
      // QR codes the compiling thread draws: their texts make their bytes (level M, least penalty).
      ...(job.qr?.length ? [qrDrawingFingerprint(), job.qr.map((q) => [q.path, q.mode, q.text])] : []),
    ]),
  );
}

/** Why a state was not used, for the one-line notice. */
export type StateRejection = { reason: string };

/**
 * The build state of one output folder: a content-addressed store of compiled PDFs, one per
 * compile fingerprint (out/.conclave/cache/<fingerprint>.pdf), and state.json listing them with
 * their hash. A build asks `compile` for each document; a fingerprint the previous build made is
 * answered from the store (after checking the file still has its recorded hash), anything else
 * is compiled and stored. `save` writes the new state.json (atomically: a killed build leaves the
 * old one, still true) and then deletes stored PDFs the new state does not list.
 */
export class BuildState implements OutputMemory {
  private readonly previous = new Map<string, StateEntry>();
  /** The previous build's file records, and this build's (key and pages; sizes come at the end). */
  private readonly previousFiles = new Map<string, FileRecord>();
  private readonly nextFiles = new Map<string, { key: string; pages?: number }>();
  /** This build's file records with their sizes and mtimes, once it ended well (`recordFiles`). */
  private finalFiles: Record<string, FileRecord> | undefined;
  private readonly next = new Map<string, StateEntry>();
  private readonly previousSearches = new Map<string, RememberedGrouping>();
  private readonly nextSearches = new Map<string, RememberedGrouping>();
  /** The seating's searches: one of the previous build is kept when this build asks for it again. */
  readonly searches: GroupingMemo = {
    recall: (key) => {
      const found = this.nextSearches.get(key) ?? this.previousSearches.get(key);
      if (found) this.nextSearches.set(key, found);
      return found;
    },
    remember: (key, result) => {
      this.nextSearches.set(key, result);
    },
  };
  private readonly dir: string;
  private counter = 0;
  /** The previous build as a whole, when state.json had it (and it was not edited). */
  lastBuild: LastBuild | undefined;
  /** This build as a whole, written by `save`. */
  private nextLast: LastBuild | undefined;
  /** Documents answered from the store, and compiled anew. */
  reused = 0;
  compiled = 0;
  /** The same, by template: which documents a change touched. */
  readonly byTemplate: Record<string, { compiled: number; reused: number }> = {};

  constructor(
    readonly root: string,
    private readonly world: string,
    private readonly generator: string,
    private readonly event: string,
  ) {
    this.dir = path.join(root, STATE_DIR);
  }

  get file(): string {
    return path.join(this.dir, "state.json");
  }

  /**
   * Reads the previous state. Returns why it was not used (unreadable, another event, a newer
   * format, edited), or undefined when it was used or there was none (a first build).
   */
  load(): StateRejection | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch {
      return undefined; // no state yet: a first build, nothing to say
    }
    let parsed: StateFile;
    try {
      parsed = JSON.parse(text) as StateFile;
    } catch {
      return { reason: "it is not valid JSON (truncated?)" };
    }
    if (typeof parsed !== "object" || parsed === null || typeof parsed.format !== "number")
      return { reason: "it is not a conclave build state" };
    if (parsed.format > STATE_FORMAT)
      return { reason: `it was written by a newer conclave (${String(parsed.generator)})` };
    if (parsed.format !== STATE_FORMAT) return { reason: "it is from an older conclave" };
    if (parsed.event !== this.event) return { reason: "it belongs to another event" };
    if (
      typeof parsed.entries !== "object" ||
      parsed.entries === null ||
      sha256(JSON.stringify(parsed.entries)) !== parsed.checksum
    )
      return { reason: "it was changed since conclave wrote it" };
    for (const [k, e] of Object.entries(parsed.entries)) this.previous.set(k, e);
    // A whole-build record that does not match its checksum is only not used: the entries are.
    if (parsed.last && sha256(JSON.stringify(parsed.last)) === parsed.lastChecksum)
      this.lastBuild = parsed.last;
    // The same for the file records: not trusted, the files are made again (never a wrong output).
    if (
      typeof parsed.files === "object" &&
      parsed.files !== null &&
      sha256(JSON.stringify(parsed.files)) === parsed.filesChecksum
    )
      for (const [rel, r] of Object.entries(parsed.files)) this.previousFiles.set(rel, r);
    // And for the searches: one edited by hand is searched again.
    if (
      typeof parsed.searches === "object" &&
      parsed.searches !== null &&
      sha256(JSON.stringify(parsed.searches)) === parsed.searchesChecksum
    )
      for (const [key, r] of Object.entries(parsed.searches)) this.previousSearches.set(key, r);
    return undefined;
  }

  /** Records this build as a whole, for the next one (written by `save`). */
  recordBuild(last: LastBuild): void {
    this.nextLast = last;
  }

  /** The compiled PDF for a job: from the store when the previous build made it, else compiled. */
  async compile(job: CompileJob, make: (job: CompileJob) => Promise<CompiledPdf>): Promise<CompiledPdf> {
    const key = jobFingerprint(this.world, job);
    const again = this.next.has(key);
    const known = this.next.get(key) ?? this.previous.get(key);
    if (known) {
      const pdf = this.read(key, known);
      if (pdf) {
        this.next.set(key, known);
        // A document this build already made (the logo's probe, in each material) is counted once.
        if (!again) {
          this.reused++;
          this.count(job.template).reused++;
        }
        return {
          pdf,
          pages: known.pages,
          ...(known.starts ? { starts: known.starts } : {}),
          ...(known.file ? { file: known.file } : {}),
        };
      }
    }
    const compiled = await make(job);
    this.store(key, compiled);
    this.compiled++;
    this.count(job.template).compiled++;
    return compiled;
  }

  fingerprint(job: CompileJob): string {
    return jobFingerprint(this.world, job);
  }

  recall(rel: string, key: string, sha256: string | undefined): { size: number; pages?: number } | undefined {
    const r = this.previousFiles.get(rel);
    if (!r || r.key !== key || !this.intact(rel, sha256)) return undefined;
    return r.pages === undefined ? { size: r.size } : { size: r.size, pages: r.pages };
  }

  intact(rel: string, sha256: string | undefined): boolean {
    const r = this.previousFiles.get(rel);
    if (!r || r.sha256 !== sha256) return false;
    try {
      const st = lstatSync(path.join(this.root, rel));
      return st.isFile() && st.size === r.size && st.mtimeMs === r.mtime;
    } catch {
      return false;
    }
  }

  note(rel: string, key: string, pages?: number): void {
    this.nextFiles.set(rel, pages === undefined ? { key } : { key, pages });
  }

  retain(fingerprint: string, template: string): void {
    const known = this.next.get(fingerprint) ?? this.previous.get(fingerprint);
    if (!known) return;
    if (!this.next.has(fingerprint)) {
      this.reused++;
      this.count(template).reused++;
    }
    this.next.set(fingerprint, known);
  }

  remembers(folder: string): boolean {
    const prefix = `${folder}/`;
    for (const rel of this.previousFiles.keys()) if (rel.startsWith(prefix)) return true;
    return false;
  }

  /**
   * After a build that ended well: the file records to keep, given what out/ now lists (path,
   * size, mtime, as recordOutputs read them; the hashes of the manifest just written). A file
   * this build made or kept gets its new record; one of a material not built this time (--only)
   * keeps its old record if it is still as it was; a file out/ no longer lists is forgotten.
   */
  recordFiles(outputs: readonly [string, number, number][], hashes: ReadonlyMap<string, string>): void {
    const files: Record<string, FileRecord> = {};
    for (const [rel, size, mtime] of [...outputs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const made = this.nextFiles.get(rel);
      const sha256 = hashes.get(rel);
      if (sha256 === undefined) continue;
      if (made) files[rel] = { ...made, sha256, size, mtime };
      else {
        const old = this.previousFiles.get(rel);
        if (old && old.sha256 === sha256 && old.size === size && old.mtime === mtime) files[rel] = old;
      }
    }
    this.finalFiles = files;
  }

  private count(template: string): { compiled: number; reused: number } {
    this.byTemplate[template] ??= { compiled: 0, reused: 0 };
    return this.byTemplate[template];
  }

  /** The stored bytes, if the file is there and still has the hash state.json recorded. */
  private read(key: string, entry: StateEntry): Uint8Array | undefined {
    try {
      const bytes = readFileSync(path.join(this.dir, "cache", `${key}.pdf`));
      if (bytes.byteLength === entry.size && sha256(bytes) === entry.sha256) return bytes;
    } catch {
      // gone or unreadable: compiled again
    }
    return undefined;
  }

  private store(key: string, compiled: CompiledPdf): void {
    const cache = path.join(this.dir, "cache");
    mkdirSync(cache, { recursive: true });
    const target = path.join(cache, `${key}.pdf`);
    writeWhole(target, path.join(cache, `.${key}.pdf.${process.pid}.${this.counter++}.tmp`), compiled.pdf);
    this.next.set(key, {
      sha256: sha256(compiled.pdf),
      size: compiled.pdf.byteLength,
      pages: compiled.pages,
      ...(compiled.starts ? { starts: compiled.starts } : {}),
      ...(compiled.file ? { file: compiled.file } : {}),
    });
  }

  /**
   * Writes state.json for this build. With `complete` (every material was built), what this build
   * did not use is forgotten and its files deleted; otherwise (--only, a failed material) the
   * previous entries are kept too, for the materials this build did not make.
   */
  save(complete: boolean): void {
    const entries: Record<string, StateEntry> = {};
    const all = complete ? this.next : new Map([...this.previous, ...this.next]);
    for (const key of [...all.keys()].sort()) entries[key] = all.get(key)!;
    const state: StateFile = {
      format: STATE_FORMAT,
      generator: this.generator,
      event: this.event,
      entries,
      checksum: sha256(JSON.stringify(entries)),
      ...(this.nextLast ? { last: this.nextLast, lastChecksum: sha256(JSON.stringify(this.nextLast)) } : {}),
    };
    // A build stopped early keeps the previous records: a file it rewrote has another mtime now,
    // so its old record no longer matches and the next build writes it again.
    const files = this.finalFiles ?? Object.fromEntries(this.previousFiles);
    if (Object.keys(files).length > 0) {
      state.files = files;
      state.filesChecksum = sha256(JSON.stringify(files));
    }
    const searches: Record<string, RememberedGrouping> = {};
    const allSearches = complete
      ? this.nextSearches
      : new Map([...this.previousSearches, ...this.nextSearches]);
    for (const key of [...allSearches.keys()].sort()) searches[key] = allSearches.get(key)!;
    if (Object.keys(searches).length > 0) {
      state.searches = searches;
      state.searchesChecksum = sha256(JSON.stringify(searches));
    }
    mkdirSync(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `.state.json.${process.pid}.${this.counter++}.tmp`);
    writeWhole(this.file, tmp, `${JSON.stringify(state)}\n`);
    const cache = path.join(this.dir, "cache");
    let names: string[] = [];
    try {
      names = readdirSync(cache);
    } catch {
      return;
    }
    for (const name of names) {
      const key = name.endsWith(".pdf") ? name.slice(0, -4) : "";
      if (!(key in entries)) rmSync(path.join(cache, name), { force: true });
    }
  }

  /** Forgets everything: `--full`, or a state that was not used (its files are deleted on save). */
  forget(): void {
    this.previous.clear();
    this.previousFiles.clear();
    this.previousSearches.clear();
  }

  /** Bytes the store holds after `save` (for the summary). */
  storedBytes(): number {
    let n = 0;
    for (const [key] of this.next) {
      try {
        n += statSync(path.join(this.dir, "cache", `${key}.pdf`)).size;
      } catch {}
    }
    return n;
  }
}

/**
 * Writes `target` through `tmp` (a killed build leaves whole files only; scan.ts removes the
 * rest). A full disk or a read-only folder is the user's environment: it becomes the same clear
 * error the output writer gives, and the partial temporary file is removed.
 */
function writeWhole(target: string, tmp: string, bytes: Uint8Array | string): void {
  try {
    writeFileSync(tmp, bytes, { flag: "wx" });
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeError(e, target);
  }
}

/** Which event a state belongs to: its name and dates from event.yaml. */
export function eventIdentity(config: { name: unknown; start: unknown; end?: unknown }): string {
  return sha256(JSON.stringify([config.name, config.start, config.end ?? null]));
}
