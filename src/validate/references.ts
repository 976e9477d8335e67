import { type Diagnostic, diagAt } from "../diagnostics.js";
import { DELEGATE_SETTINGS } from "../schema/event.js";
import { idIndex } from "../util/ids.js";
import { closest } from "../util/suggest.js";
import type { EventTables } from "./tables.js";

/** `field "X" is not a delegate in delegates.csv`, with the closest id as a hint. */
export function unknownReference(
  loc: Parameters<typeof diagAt>[2],
  field: string,
  value: string,
  what: string,
  file: string,
  pool: ReadonlySet<string>,
): Diagnostic {
  const guess = closest(value, pool);
  return diagAt(
    "unknown-reference",
    "error",
    loc,
    field,
    `${field} "${value}" is not ${what} in ${file}`,
    guess ? `Did you mean "${guess}"?` : `Use an id from the id column of ${file}.`,
  );
}

/** Every id one file uses must exist in the file it points to. */
export function checkReferences(t: EventTables): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rooms = new Set(t.venues.map((v) => v.id).filter(Boolean));
  const delegates = idIndex(t.delegates).ids;
  const sessions = new Set(t.sessions.map((s) => s.id).filter(Boolean));
  const files = t.config.files;
  const unknown = (...args: Parameters<typeof unknownReference>) => out.push(unknownReference(...args));
  for (const s of t.sessions) {
    if (s.room && !rooms.has(s.room)) unknown(s.loc, "room", s.room, "a room", files.venues, rooms);
    for (const sp of s.speakers)
      if (!delegates.has(sp)) unknown(s.loc, "speakers", sp, "a delegate", files.delegates, delegates);
    if (s.moderator && !delegates.has(s.moderator))
      unknown(s.loc, "moderator", s.moderator, "a delegate", files.delegates, delegates);
  }
  for (const d of t.delegates) {
    for (const sid of d.sessions)
      if (!sessions.has(sid)) unknown(d.loc, "sessions", sid, "a session", files.sessions, sessions);
    if (d.interpreterFor) {
      if (!delegates.has(d.interpreterFor)) {
        unknown(d.loc, "interpreter_for", d.interpreterFor, "a delegate", files.delegates, delegates);
      } else if (d.interpreterFor === d.id) {
        out.push(
          diagAt(
            "unknown-reference",
            "error",
            d.loc,
            "interpreter_for",
            "a delegate cannot interpret for themselves",
            "Put the id of the person this interpreter works for.",
          ),
        );
      }
    }
  }
  out.push(...checkSettingReferences(t, delegates));
  return out;
}

/**
 * Settings of event.yaml that name a delegate (seating.host, seating.head_table.co_host): an
 * unknown id is an error at its line and column, never a silent fallback to the default.
 */
function checkSettingReferences(t: EventTables, delegates: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const path of DELEGATE_SETTINGS) {
    let value: unknown = t.config;
    for (const k of path) value = (value as Record<string, unknown> | undefined)?.[k];
    if (typeof value !== "string" || delegates.has(value)) continue;
    const key = path.join(".");
    const at = t.config.at?.[key] ?? { file: "event.yaml", line: 0, column: 0 };
    out.push(
      unknownReference(
        { file: at.file, line: at.line, columns: { [key]: at.column } },
        key,
        value,
        "a delegate",
        t.config.files.delegates,
        delegates,
      ),
    );
  }
  return out;
}
