import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { decodeBytes } from "../csv/decode.js";
import { parseCsv } from "../csv/parse.js";
import { UserError } from "../errors.js";
import { latinName } from "../model/names.js";
import type { Event } from "../model/types.js";
import { hasOutput, inOrder, type Output } from "./materials.js";

/** Seated sessions → delegate id → table ("7", "head"), as assignment.csv files give them. */
export type Assignments = Map<string, Map<string, string>>;

/** A delegate whose table changed in a seated session; no `from`: newly seated, no `to`: unseated. */
export interface SeatMove {
  session: string;
  delegate: string;
  name: string;
  from?: string;
  to?: string;
}

// A cell written formula-safe (src/csv/write.ts) starts with ' when it could be read as a formula.
const unquote = (s: string | undefined) => (s ?? "").replace(/^'/, "").trim();

/** The rows of one assignment.csv (session,table,seat,delegate_id,name) into `into`. */
function readAssignmentFile(file: string, into: Assignments): void {
  const decoded = decodeBytes(new Uint8Array(readFileSync(file)));
  const bad = () =>
    new UserError(
      `${file} is not an assignment.csv of conclave seating (columns session, table, delegate_id)`,
      "Pass an output folder, its seating/ folder, or one seating/<session>/assignment.csv.",
    );
  if (!decoded.ok) throw bad();
  const [header, ...rows] = parseCsv(decoded.text, ",").records;
  const cols = (header?.cells ?? []).map((c) => c.trim());
  const [s, t, d] = ["session", "table", "delegate_id"].map((c) => cols.indexOf(c)) as [
    number,
    number,
    number,
  ];
  if (s < 0 || t < 0 || d < 0) throw bad();
  for (const r of rows) {
    const session = unquote(r.cells[s]);
    const id = unquote(r.cells[d]);
    if (!session || !id) continue;
    const m = into.get(session) ?? new Map<string, string>();
    into.set(session, m);
    m.set(id, unquote(r.cells[t]));
  }
}

/**
 * The seating plans in `place`: an output folder (its seating/<session>/assignment.csv), a
 * seating/ folder, or one assignment.csv. Undefined when there is none (no plan made yet).
 */
export function readAssignments(place: string): Assignments | undefined {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(place);
  } catch {
    return undefined;
  }
  const out: Assignments = new Map();
  if (info.isFile()) {
    readAssignmentFile(place, out);
    return out;
  }
  const seating = path.join(place, "seating");
  const base = statSync(seating, { throwIfNoEntry: false })?.isDirectory() ? seating : place;
  for (const name of readdirSync(base).sort()) {
    const file = path.join(base, name, "assignment.csv");
    if (statSync(file, { throwIfNoEntry: false })?.isFile()) readAssignmentFile(file, out);
  }
  return out.size > 0 ? out : undefined;
}

/**
 * Who sits at another table: every delegate of a session seated on both sides whose table
 * differs, or who is seated on one side only. Sessions seated on one side only are left out
 * (a session newly seated is a session change).
 */
export function compareAssignments(from: Assignments, to: Assignments, event: Event): SeatMove[] {
  const moves: SeatMove[] = [];
  for (const [session, b] of to) {
    const a = from.get(session);
    if (!a) continue;
    for (const id of [...new Set([...a.keys(), ...b.keys()])].sort()) {
      const x = a.get(id);
      const y = b.get(id);
      if (x === y) continue;
      const d = event.delegateById.get(id);
      moves.push({
        session,
        delegate: id,
        name: d ? latinName(d) : id,
        ...(x !== undefined ? { from: x } : {}),
        ...(y !== undefined ? { to: y } : {}),
      });
    }
  }
  return moves;
}

/**
 * A seat change reprints the session's place cards and table list and redraws its plan; the
 * first seated session's table is also printed on the badge's back, the personal agenda and the
 * protocol list (src/materials/seating/previous.ts).
 */
export function seatMoveOutputs(m: SeatMove, event: Event): Output[] {
  const first = event.sessions.find((s) => s.seating === "assigned");
  const out: Output[] = ["seating plan", "place card", "table list"];
  if (first?.id === m.session) {
    out.push("badge", "agenda/personal");
    const d = event.delegateById.get(m.delegate);
    if (d && hasOutput("protocol list", d, event)) out.push("protocol list");
  }
  return inOrder(out);
}
