import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { STATE_DIR } from "../build/state.js";
import { UserError } from "../errors.js";
import type { PrintedCard } from "./cards.js";
import type { PrintedFace } from "./faces.js";

const FORMAT = "conclave-reprint";

/** out/.conclave/reprint.json: the faces as printed at the reprint point, and the last reprint's number. */
export interface ReprintPoint {
  format: typeof FORMAT;
  version: 1;
  /** The number of the last reprint folder made (out/reprint/001 is 1); 0 before the first. */
  last: number;
  /** Each delegate's badge as printed at the point, by id. */
  faces: Record<string, PrintedFace>;
  /** Each recipient's invitation letter as written at the point, by id. */
  letters: Record<string, PrintedFace>;
  /**
   * Each visa support letter as written at the point, by id. Absent in a point written before
   * reprints had visa letters: the reprint then compares with the last build's data.
   */
  visa?: Record<string, PrintedFace>;
  /**
   * Each place card of the first seated session as printed at the point, by delegate id, and the
   * fingerprint of its "find your table" list. Absent in a point written before reprints had
   * place cards (or when no plan was built): the reprint then compares with the last build's.
   */
  cards?: Record<string, PrintedCard>;
  tableList?: string;
  /**
   * With signed badge codes: the revision each badge of the last reprint carries, one more than
   * badge-revisions.csv said. `--done` writes them there, and the old badges stop verifying.
   */
  revisions?: Record<string, number>;
}

export const pointFile = (outDir: string) => path.join(outDir, STATE_DIR, "reprint.json");

/** The reprint point of an output folder; undefined when there is none yet; a clear error when damaged. */
export function readPoint(outDir: string): ReprintPoint | undefined {
  const file = pointFile(outDir);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  let p: ReprintPoint;
  try {
    p = JSON.parse(text) as ReprintPoint;
  } catch {
    p = undefined as unknown as ReprintPoint;
  }
  if (
    !p ||
    p.format !== FORMAT ||
    p.version !== 1 ||
    !Number.isInteger(p.last) ||
    typeof p.faces !== "object" ||
    p.faces === null ||
    typeof p.letters !== "object" ||
    p.letters === null ||
    (p.visa !== undefined && (typeof p.visa !== "object" || p.visa === null)) ||
    (p.cards !== undefined && (typeof p.cards !== "object" || p.cards === null)) ||
    (p.tableList !== undefined && typeof p.tableList !== "string") ||
    (p.revisions !== undefined &&
      (typeof p.revisions !== "object" ||
        p.revisions === null ||
        Object.values(p.revisions).some((r) => !Number.isInteger(r) || r < 1 || r > 65_535)))
  )
    throw new UserError(
      `${file} is not a reprint point this version of conclave reads`,
      "Delete it to start again from the last build's badges (then `conclave reprint --done` once the full run is printed).",
    );
  return p;
}

/** Writes the reprint point atomically: a killed run leaves the old point or the new one. */
export function writePoint(
  outDir: string,
  last: number,
  at: {
    faces: ReadonlyMap<string, PrintedFace>;
    letters: ReadonlyMap<string, PrintedFace>;
    visa: ReadonlyMap<string, PrintedFace>;
    cards?: ReadonlyMap<string, PrintedCard>;
    tableList?: string;
    revisions?: ReadonlyMap<string, number>;
  },
): void {
  const file = pointFile(outDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const sorted = <T>(m: ReadonlyMap<string, T>) =>
    Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const point: ReprintPoint = {
    format: FORMAT,
    version: 1,
    last,
    faces: sorted(at.faces),
    letters: sorted(at.letters),
    visa: sorted(at.visa),
    ...(at.cards ? { cards: sorted(at.cards) } : {}),
    ...(at.tableList ? { tableList: at.tableList } : {}),
    ...(at.revisions && at.revisions.size > 0 ? { revisions: sorted(at.revisions) } : {}),
  };
  const tmp = path.join(path.dirname(file), `.reprint.json.${process.pid}.tmp`);
  // Names only (no personal columns), but like the rest of .conclave, the owner's alone.
  writeFileSync(tmp, `${JSON.stringify(point, null, 1)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
