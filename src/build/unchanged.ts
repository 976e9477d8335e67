import { createHash, randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PRIVATE_KEY_FILE, REVISIONS_FILE } from "../checkin/keys.js";
import type { Diagnostic } from "../diagnostics.js";
import { readConfined } from "../load/confine.js";
import type { LoadedEvent } from "../load/event-folder.js";
import type { MaterialName, MaterialResult } from "../materials/index.js";

/**
 * What a whole build was made from and what it left in out/, kept in state.json so that a build
 * with nothing changed can stop before it validates, plans or compiles anything. A build is a
 * pure function of its inputs (Typst and the solver are deterministic, see state.ts), so equal
 * inputs and an out/ still as that build left it mean the build would write the same bytes.
 */
export interface LastBuild {
  /** inputsFingerprint of that build. */
  inputs: string;
  /** sha256 of out/manifest.json as that build wrote it. */
  manifest: string;
  /** Every file the manifest lists (and the manifest itself): path, size, mtime in ms. */
  outputs: [string, number, number][];
  /** What the build reported, shown again when nothing changed. */
  validated: { delegates: number; venues: number; sessions: number; warnings: Diagnostic[] };
  materials: Omit<MaterialResult, "tables">[];
  unavailable: MaterialName[];
  compiles: number;
  byTemplate: Record<string, { compiled: number; reused: number }>;
}

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

/**
 * The fingerprint of everything a build reads: the world (conclave's version, templates, fonts),
 * the bytes of event.yaml, of each CSV and logo, the PDF timestamp (SOURCE_DATE_EPOCH) and the
 * options that change what is made. `--jobs` is left out: it changes how fast, not what.
 */
export function inputsFingerprint(
  world: string,
  loaded: LoadedEvent,
  options: {
    only?: readonly string[];
    materialOptions?: Record<string, unknown>;
    allowOutside?: readonly string[];
  },
  timestamp: unknown,
): string {
  const h = createHash("sha256").update(`${world}\n`);
  h.update(`event.yaml ${sha256(loaded.eventYaml)}\n`);
  for (const [key, file] of Object.entries(loaded.input.files).sort(([a], [b]) => (a < b ? -1 : 1)))
    h.update(`file ${key} ${file?.name} ${file?.bytes ? sha256(file.bytes) : "none"}\n`);
  // The images the materials read themselves (logos, the letterhead, signatures), by content,
  // through the same confined read the materials use: a link out of the event folder, a named
  // pipe or an oversized file is never opened here either. One that cannot be read makes
  // a fingerprint no build matches, so the build runs and reports the problem where it belongs.
  for (const name of imageFiles(loaded.config)) {
    let digest: string;
    try {
      const bytes = readConfined(loaded.confinement, name, "image", name);
      digest = bytes ? sha256(bytes) : "missing";
    } catch {
      digest = `unreadable ${randomUUID()}`;
    }
    h.update(`image ${name} ${digest}\n`);
  }
  // Signed badge codes are made from the signing key and the badges' revisions: a new key or a
  // raised revision changes the codes. The key enters as a hash (of a hash), never as itself.
  if (loaded.config.badge.qr === "signed")
    for (const [name, kind] of [
      [PRIVATE_KEY_FILE, "settings"],
      [REVISIONS_FILE, "csv"],
    ] as const) {
      let digest: string;
      try {
        const bytes = readConfined(loaded.confinement, name, kind, name);
        digest = bytes ? sha256(sha256(bytes)) : "missing";
      } catch {
        digest = `unreadable ${randomUUID()}`;
      }
      h.update(`signing ${name} ${digest}\n`);
    }
  // The event's language packs (conclave's own are templates, in the world's fingerprint).
  for (const pack of loaded.packs.files) h.update(`pack ${pack.file} ${sha256(pack.text)}\n`);
  h.update(
    `options ${JSON.stringify([
      options.only ? [...options.only].sort() : null,
      options.materialOptions ?? {},
      options.allowOutside ?? [],
      timestamp ?? null,
    ])}\n`,
  );
  return h.digest("hex");
}

/** Every image file event.yaml names: the branding logos, the letterhead's, each signatory's. */
function imageFiles(config: LoadedEvent["config"]): string[] {
  const names: unknown[] = [config.branding.logo, config.branding.logo_on_white];
  const letters = config.letters as unknown as Record<
    string,
    { logo?: unknown; signatory?: { signature?: unknown } }
  >;
  for (const key of Object.keys(letters).sort())
    names.push(letters[key]?.logo, letters[key]?.signatory?.signature);
  return names.filter((n): n is string => typeof n === "string" && n !== "");
}

/** Reads what out/ holds after a build: the manifest's hash and each listed file's size and mtime. */
export function recordOutputs(outDir: string): { manifest: string; outputs: [string, number, number][] } {
  const file = path.join(outDir, "manifest.json");
  const bytes = readFileSync(file);
  const listed = (JSON.parse(bytes.toString("utf8")) as { files: { path: string }[] }).files;
  const outputs: [string, number, number][] = [];
  for (const rel of ["manifest.json", ...listed.map((f) => f.path)]) {
    const st = statSync(path.join(outDir, rel));
    outputs.push([rel, st.size, st.mtimeMs]);
  }
  return { manifest: sha256(bytes), outputs };
}

/**
 * Whether out/ still holds exactly what the last build left: the same manifest, and every file
 * it lists with the size and modification time it had then. A file deleted, replaced or edited
 * by hand (its mtime moves) makes this false and the build runs.
 */
export function outputsIntact(outDir: string, last: LastBuild): boolean {
  try {
    if (sha256(readFileSync(path.join(outDir, "manifest.json"))) !== last.manifest) return false;
    for (const [rel, size, mtime] of last.outputs) {
      const st = statSync(path.join(outDir, rel));
      if (!st.isFile() || st.size !== size || st.mtimeMs !== mtime) return false;
    }
    return true;
  } catch {
    return false;
  }
}
