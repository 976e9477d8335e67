import { statSync } from "node:fs";
import path from "node:path";
import { compareEvents } from "../../diff/compare.js";
import {
  type DiffSides,
  diffReport,
  formatDiffGithub,
  formatDiffJson,
  formatDiffMarkdown,
  formatDiffPretty,
} from "../../diff/format.js";
import { compareAssignments, readAssignments, type SeatMove } from "../../diff/seating.js";
import { checkSide, folderInput, gitInput, SideInvalid, snapshotInput } from "../../diff/sides.js";
import { readSnapshot, SNAPSHOT_DIR } from "../../diff/snapshot.js";
import { UserError } from "../../errors.js";
import { withLanguagePacks } from "../../i18n/active.js";
import type { LanguagePacks } from "../../i18n/packs.js";
import { confine } from "../../load/confine.js";
import { loadLanguagePacks } from "../../load/packs.js";
import { MATERIAL_NAMES } from "../../materials/names.js";
import { resolveOutDir } from "../../output/writer.js";
import type { CheckInput } from "../../validate/index.js";
import { githubPath } from "../report/github.js";
import { formatPretty } from "../report/pretty.js";
import type { Ui } from "../ui.js";

export type DiffFormat = "pretty" | "json" | "markdown" | "github";

export interface DiffOptions {
  /** An event folder or a git revision; without it, the last build in --out. */
  from?: string;
  out?: string;
  /** A newer seating plan (an output folder, its seating/ folder or one assignment.csv). */
  assignment?: string;
  format: DiffFormat;
  allowOutside?: string[];
}

const isFolder = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
/** A path as the user would type it: relative below the working directory, else absolute. */
const shown = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
};

/**
 * `conclave diff [dir] [--from <folder|git-rev>]`: what changed in the data since the last build
 * (or since another folder or revision), and which outputs each change touches. Exit 0: nothing
 * changed; 1: something did (like `git diff --exit-code`); 2: usage, environment, or a side whose
 * data is not valid (its diagnostics are printed).
 */
export async function diffCommand(dir: string, options: DiffOptions, ui: Ui): Promise<number> {
  const allowOutside = options.allowOutside ?? [];
  const outDir = resolveOutDir(dir, options.out);
  const notes: string[] = [];
  // The folder's own language packs, for the other side too: its event.yaml names their languages.
  let packs: LanguagePacks | undefined;
  try {
    packs = loadLanguagePacks(confine(path.resolve(dir)));
  } catch {
    packs = undefined; // the folder's own reading reports what is wrong with it
  }
  let fromInput: Promise<CheckInput>;
  let from: DiffSides["from"];
  if (options.from !== undefined && isFolder(options.from)) {
    from = { kind: "folder", label: options.from };
    fromInput = folderInput(options.from, options.from, allowOutside);
  } else if (options.from !== undefined) {
    from = { kind: "git", label: options.from };
    fromInput = gitInput(`git ${options.from}`, dir, options.from, packs);
  } else {
    const snapshot = readSnapshot(outDir);
    if (!snapshot)
      throw new UserError(
        `no build in ${shown(outDir)}/ yet; run conclave build or use --from`,
        `conclave diff compares with what the last build was made from (${path.join(shown(outDir), SNAPSHOT_DIR)}); --from <folder|git revision> compares with other data.`,
      );
    from = { kind: "last-build", label: shown(outDir) };
    const madeFrom = snapshot.meta.event;
    if (typeof madeFrom === "string" && path.resolve(madeFrom) !== path.resolve(dir))
      notes.push(`the last build in ${shown(outDir)} was made from ${shown(madeFrom)}, not from ${dir}`);
    const made = snapshot.meta.materials;
    const missing = MATERIAL_NAMES.filter((m) => !made.includes(m));
    if (made.length > 0 && missing.length > 0)
      notes.push(
        `the last build made only ${made.join(", ")}; ${missing.join(", ")} in ${shown(outDir)} may be older than it`,
      );
    fromInput = snapshotInput(
      `the last build's data (${path.join(shown(outDir), SNAPSHOT_DIR)})`,
      snapshot,
      packs,
    );
  }
  const to: DiffSides["to"] = { kind: "folder", label: dir };
  let result: ReturnType<typeof compareEvents>;
  try {
    const a = checkSide(from.kind === "last-build" ? "the last build's data" : from.label, await fromInput);
    const toInput = await folderInput(dir, dir, allowOutside);
    const b = checkSide(dir, toInput);
    let moves: SeatMove[] = [];
    if (options.assignment !== undefined) {
      const newer = readAssignments(options.assignment);
      if (!newer)
        throw new UserError(
          `--assignment ${options.assignment}: no assignment.csv there`,
          "Pass an output folder of conclave seating, its seating/ folder, or one seating/<session>/assignment.csv.",
        );
      const older = readAssignments(outDir);
      if (older) moves = compareAssignments(older, newer, b.event);
      else notes.push(`no seating plan in ${shown(outDir)} to compare --assignment with`);
    }
    // The folder's language packs are in effect for what the comparison asks of them (who is
    // ranked by their office, in the words of the event's own packs too), as in its build.
    result = toInput.packs?.entries
      ? withLanguagePacks(toInput.packs as LanguagePacks, () => compareEvents(a, b, moves))
      : compareEvents(a, b, moves);
  } catch (e) {
    if (!(e instanceof SideInvalid)) throw e;
    ui.error(formatPretty(e.diagnostics, ui.color));
    ui.error(
      `${ui.color.red("error:")} ${e.side} is not valid data, so nothing was compared. Fix it (conclave validate shows the same problems), or compare other data.`,
    );
    return 2;
  }
  const report = diffReport(result, { from, to }, notes);
  switch (options.format) {
    case "json":
      ui.out(formatDiffJson(report));
      break;
    case "markdown":
      ui.out(formatDiffMarkdown(report));
      break;
    case "github":
      ui.out(formatDiffGithub(report, (file) => githubPath(dir, file)));
      break;
    default:
      ui.out(formatDiffPretty(report, ui.color));
  }
  return report.changed ? 1 : 0;
}
