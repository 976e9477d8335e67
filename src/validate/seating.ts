import { type Diagnostic, diagAt } from "../diagnostics.js";
import { parseSeatRef } from "../schema/seating.js";
import { idIndex } from "../util/ids.js";
import { unknownReference } from "./references.js";
import type { EventTables } from "./tables.js";

/** Rows of seating.csv: ids that exist, seat references that parse, sessions with seating. */
export function checkSeatingRows(t: EventTables): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (t.seating.length === 0) return out;
  const delegates = idIndex(t.delegates).ids;
  const assigned = new Set(t.sessions.filter((s) => s.seating === "assigned").map((s) => s.id));
  const file = t.config.files.seating;
  type Loc = Parameters<typeof diagAt>[2];
  // A broken rule of seating.csv: an error on one of its cells.
  const broken = (loc: Loc, field: string, message: string, hint: string) =>
    out.push(diagAt("seating-rule", "error", loc, field, message, hint));
  const unknown = (loc: Loc, field: string, value: string) =>
    out.push(unknownReference(loc, field, value, "a delegate", t.config.files.delegates, delegates));
  for (const r of t.seating) {
    if (r.a && !delegates.has(r.a)) unknown(r.loc, "a", r.a);
    if (r.kind === "together" || r.kind === "apart") {
      if (r.b && !delegates.has(r.b)) unknown(r.loc, "b", r.b);
      else if (r.a === r.b)
        broken(
          r.loc,
          "b",
          `a ${r.kind} rule needs two different delegates`,
          "Put another delegate's id in b.",
        );
    } else {
      const ref = parseSeatRef(r.b);
      const wantsSeat = r.kind === "fixed-seat";
      if (!ref || (wantsSeat && ref.seat === undefined) || (!wantsSeat && ref.seat !== undefined))
        broken(
          r.loc,
          "b",
          `"${r.b}" is not a ${wantsSeat ? "seat (table:seat)" : "table"}`,
          wantsSeat ? "Write table:seat, e.g. 3:5 or head:6." : "Write a table number, e.g. 3, or head.",
        );
    }
    if (r.session && !assigned.has(r.session))
      broken(
        r.loc,
        "session",
        `session "${r.session}" has no assigned seating`,
        `Use a session with seating=assigned in ${t.config.files.sessions}${assigned.size ? ` (${[...assigned].join(", ")})` : ""}.`,
      );
  }
  if (t.seating.length > 0 && assigned.size === 0)
    out.push(
      diagAt(
        "seating-rule",
        "warning",
        t.seating[0]!.loc,
        undefined,
        `${file} has wishes but no session has seating=assigned`,
        "Set seating=assigned on the banquet (or plenary) in sessions.csv.",
      ),
    );
  return out;
}
