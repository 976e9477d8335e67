import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { countBySeverity, type Diagnostic } from "../diagnostics.js";
import { DataInvalid, UserError } from "../errors.js";
import type { LanguagePacks } from "../i18n/packs.js";
import { READ_LIMITS } from "../load/confine.js";
import { EVENT_FILE, loadEventFolder } from "../load/event-folder.js";
import { parseEventConfig } from "../schema/event.js";
import { LANGUAGES } from "../schema/fields.js";
import { type CheckInput, checkEvent, type FileInput, type TableKey } from "../validate/index.js";
import type { DiffSide } from "./compare.js";
import type { Snapshot } from "./snapshot.js";

const run = promisify(execFile);

/** A side of the comparison whose data is not valid: its diagnostics, and which side it is. */
export class SideInvalid extends Error {
  override readonly name = "SideInvalid";
  constructor(
    readonly side: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(`${side} is not valid data`);
  }
}

const KEYS = ["delegates", "venues", "sessions", "seating"] as const;

/** event.yaml's bytes and a reader of the files it names → the input of the check, as loadEventFolder makes it. */
async function inputFrom(
  side: string,
  eventYaml: Uint8Array,
  read: (key: (typeof KEYS)[number], name: string) => Promise<Uint8Array | null>,
  packs?: LanguagePacks,
): Promise<CheckInput> {
  // The event folder's own language packs (i18n/fr.yaml) are what its languages and language
  // columns are read with, on this side as on the folder's.
  const parsed = parseEventConfig(new TextDecoder().decode(eventYaml), EVENT_FILE, [
    ...new Set([...LANGUAGES, ...(packs?.entries.map((e) => e.language) ?? [])]),
  ]);
  if (!parsed.ok) throw new SideInvalid(side, parsed.diagnostics);
  const config = parsed.config;
  const files = {} as Record<TableKey, FileInput> & { seating?: FileInput };
  for (const key of KEYS) {
    const name = config.files[key];
    const bytes = await read(key, name);
    if (key === "seating") {
      if (bytes) files.seating = { name, bytes };
    } else files[key] = { name, bytes };
  }
  return { config, files, ...(packs ? { packs } : {}) };
}

/** Validates one side through the normal schema and model; invalid data is a `SideInvalid`. */
export function checkSide(side: string, input: CheckInput): DiffSide {
  const result = checkEvent(input);
  if (countBySeverity(result.diagnostics).errors > 0 || !result.event)
    throw new SideInvalid(side, result.diagnostics);
  return { tables: result.tables, event: result.event };
}

/** An event folder on disk, read as `conclave build` reads it (the glyph check left out). */
export async function folderInput(
  side: string,
  dir: string,
  allowOutside: readonly string[],
): Promise<CheckInput> {
  try {
    return (await loadEventFolder(dir, { glyphs: false, allowOutside })).input;
  } catch (e) {
    if (e instanceof DataInvalid) throw new SideInvalid(side, e.diagnostics);
    throw e;
  }
}

/** The inputs of the last build, from its snapshot. */
export function snapshotInput(side: string, snapshot: Snapshot, packs?: LanguagePacks): Promise<CheckInput> {
  return inputFrom(side, snapshot.bytes.event!, async (key) => snapshot.bytes[key] ?? null, packs);
}

/**
 * The event folder as it was at a git revision: event.yaml and the files it names, read with
 * `git show REV:./path` in the event folder (no shell, no checkout, nothing written).
 */
export async function gitInput(
  side: string,
  eventDir: string,
  rev: string,
  packs?: LanguagePacks,
): Promise<CheckInput> {
  const cwd = path.resolve(eventDir);
  const git = (args: string[], maxBuffer = 1024 * 1024) =>
    run("git", args, { cwd, encoding: "buffer", maxBuffer, windowsHide: true });
  try {
    await git(["rev-parse", "--is-inside-work-tree"]);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new UserError(
        `--from ${rev}: git is not installed here (or not on PATH), and no folder ${rev} exists`,
        "Install git, or compare with --from <event folder>.",
      );
    throw new UserError(
      `--from ${rev}: there is no folder ${rev}, and ${eventDir} is not in a git repository`,
      "Pass an event folder to compare with, or a git revision (HEAD~1, a tag) of the repository the event folder is in.",
    );
  }
  if (rev.startsWith("-"))
    throw new UserError(`--from ${rev}: not a git revision`, "Name a revision such as HEAD~1, main or v1.0.");
  try {
    await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]);
  } catch {
    throw new UserError(
      `--from ${rev}: no folder of that name, and no git revision ${rev} in the repository of ${eventDir}`,
      "Check the name with `git log --oneline` (a commit, branch or tag), or pass an event folder.",
    );
  }
  // A file absent at the revision reads as absent (a missing CSV is then a diagnostic).
  const show = async (name: string, limit: number): Promise<Uint8Array | null> => {
    const rel = path.posix.normalize(name.split(path.sep).join("/"));
    if (path.isAbsolute(name)) return null;
    try {
      const { stdout } = await git(["show", `${rev}:./${rel}`], limit + 1);
      return new Uint8Array(stdout);
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")
        throw new UserError(
          `--from ${rev}: ${name} is too large at that revision`,
          "Compare with a folder instead.",
        );
      return null;
    }
  };
  const yaml = await show(EVENT_FILE, READ_LIMITS.settings);
  if (!yaml)
    throw new UserError(
      `--from ${rev}: there is no ${EVENT_FILE} in ${eventDir} at that revision`,
      "Name a revision at which the event folder existed.",
    );
  return inputFrom(side, yaml, (_key, name) => show(name, READ_LIMITS.csv), packs);
}
