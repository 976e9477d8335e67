import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import type { LoadedEvent } from "../load/event-folder.js";
import { writeError } from "../output/fs-errors.js";
import { makeFolders } from "../output/out-dir.js";
import { version } from "../version.js";

/** Where a build keeps what it was made from: out/.conclave/last-build/. */
export const SNAPSHOT_DIR = path.join(".conclave", "last-build");
const META = "snapshot.json";
const FORMAT = "conclave-last-build";

export type SnapshotKey = "event" | "delegates" | "venues" | "sessions" | "seating";

/** out/.conclave/last-build/snapshot.json. */
export interface SnapshotMeta {
  format: typeof FORMAT;
  version: 1;
  generator: string;
  /** The materials that build made (a `conclave badges` run makes one). */
  materials: string[];
  /** The event folder it was made from (absolute). */
  event: string;
  /** Each input: the name it has in the event (files.delegates…), its copy here, its hash. */
  files: Partial<Record<SnapshotKey, { name: string; file: string; sha256: string; size: number }>>;
}

export interface Snapshot {
  meta: SnapshotMeta;
  /** The bytes of each input, checked against their hashes. */
  bytes: Partial<Record<SnapshotKey, Uint8Array>>;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/**
 * Saves the inputs of a finished build, exactly as they were read (event.yaml and every CSV),
 * into out/.conclave/last-build/ with their hashes. The folder is made whole under a hidden name
 * (`.last-build.new-<pid>`) and swapped in with two renames, as the output writer replaces
 * folders: a killed build leaves the previous snapshot or the new one, never a mix, and the next
 * build's scan of out/ removes (or puts back) what a kill between the renames left.
 */
export function saveSnapshot(
  outDir: string,
  loaded: LoadedEvent,
  info: { materials?: readonly string[] } = {},
): void {
  const final = path.join(outDir, SNAPSHOT_DIR);
  const parent = path.dirname(final);
  const staging = path.join(parent, `.last-build.new-${process.pid}`);
  const old = path.join(parent, `.last-build.old-${process.pid}`);
  const inputs: [SnapshotKey, string, Uint8Array | null | undefined][] = [
    ["event", "event.yaml", loaded.eventYaml],
    ...(["delegates", "venues", "sessions", "seating"] as const).map(
      (k) =>
        [k, loaded.input.files[k]?.name ?? loaded.config.files[k], loaded.input.files[k]?.bytes] as [
          SnapshotKey,
          string,
          Uint8Array | null | undefined,
        ],
    ),
  ];
  const meta: SnapshotMeta = {
    format: FORMAT,
    version: 1,
    generator: `conclave ${version}`,
    materials: [...(info.materials ?? [])],
    event: loaded.dir,
    files: {},
  };
  try {
    makeFolders(parent);
    rmSync(staging, { recursive: true, force: true });
    // The copies hold the personal columns the CSVs hold (passports, phones): readable by the
    // user who built, not by everyone who can read the printed files beside them.
    mkdirSync(staging, { mode: 0o700 });
    for (const [key, name, bytes] of inputs) {
      if (!bytes) continue;
      // Stored under the key, not the name: files.delegates may name a path in a subfolder.
      const file = key === "event" ? "event.yaml" : `${key}.csv`;
      writeFileSync(path.join(staging, file), bytes, { flag: "wx", mode: 0o600 });
      meta.files[key] = { name, file, sha256: sha256(bytes), size: bytes.byteLength };
    }
    writeFileSync(path.join(staging, META), `${JSON.stringify(meta, null, 2)}\n`, {
      flag: "wx",
      mode: 0o600,
    });
    const hadOld = statSync(final, { throwIfNoEntry: false }) !== undefined;
    if (hadOld) renameSync(final, old);
    renameSync(staging, final);
    if (hadOld) rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw writeError(e, final);
  }
}

/**
 * The snapshot of the last build in `outDir`, checked: undefined when there is none; a clear
 * error when it was damaged (a file missing, edited or of another version).
 */
export function readSnapshot(outDir: string): Snapshot | undefined {
  const dir = path.join(outDir, SNAPSHOT_DIR);
  let text: string;
  try {
    text = readFileSync(path.join(dir, META), "utf8");
  } catch {
    return undefined;
  }
  const damaged = (why: string) =>
    new UserError(
      `the record of the last build in ${dir} is damaged (${why})`,
      "Run `conclave build` again to make a new one, or compare with --from <folder|git revision>.",
    );
  let meta: SnapshotMeta;
  try {
    meta = JSON.parse(text) as SnapshotMeta;
  } catch {
    throw damaged(`${META} is not JSON`);
  }
  if (meta?.format !== FORMAT || meta.version !== 1 || typeof meta.files !== "object" || meta.files === null)
    throw damaged(`${META} is not a snapshot this version of conclave reads`);
  const bytes: Snapshot["bytes"] = {};
  for (const [key, f] of Object.entries(meta.files) as [SnapshotKey, SnapshotMeta["files"]["event"]][]) {
    if (!f || typeof f.file !== "string" || path.basename(f.file) !== f.file)
      throw damaged(`${META} lists a bad file`);
    let b: Uint8Array;
    try {
      b = new Uint8Array(readFileSync(path.join(dir, f.file)));
    } catch {
      throw damaged(`${f.file} is missing`);
    }
    if (sha256(b) !== f.sha256) throw damaged(`${f.file} was changed after the build`);
    bytes[key] = b;
  }
  if (!bytes.event) throw damaged("event.yaml is missing");
  return { meta, bytes };
}
