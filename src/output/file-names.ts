import { latinName } from "../model/names.js";
import type { Event } from "../model/types.js";
import { safeFileName, uniqueFileNames } from "./safe-name.js";

/*
 * The names of files made per delegate or per session. Each is computed over the whole event, not
 * over the delegates of one run, so a reprint (`--delegates`) writes the very files the full run
 * wrote, and no two delegates (or sessions) ever share a file.
 */

const memo = new WeakMap<Event, Map<string, Map<string, string>>>();

function cached(event: Event, what: string, make: () => Map<string, string>): Map<string, string> {
  let byWhat = memo.get(event);
  if (!byWhat) {
    byWhat = new Map();
    memo.set(event, byWhat);
  }
  let names = byWhat.get(what);
  if (!names) {
    names = make();
    byWhat.set(what, names);
  }
  return names;
}

/** A letter's file name without `.pdf`: id and Latin name ("KR-001-Moon-Seung-min"), unique. */
export function letterFileName(event: Event, delegateId: string): string {
  return cached(event, "letter", () =>
    uniqueFileNames(event.delegates.map((d) => [d.id, safeFileName(d.id, latinName(d))] as const)),
  ).get(delegateId)!;
}

/** A delegate's personal agenda and calendar, without extension: the id ("KR-001"), unique. */
export function delegateFileName(event: Event, delegateId: string): string {
  return cached(event, "delegate", () =>
    uniqueFileNames(event.delegates.map((d) => [d.id, safeFileName(d.id)] as const)),
  ).get(delegateId)!;
}

/** A seated session's folder under seating/: the session id ("S-BANQUET"), unique. */
export function sessionFolderName(event: Event, sessionId: string): string {
  return cached(event, "session", () =>
    uniqueFileNames(event.sessions.map((s) => [s.id, safeFileName(s.id)] as const)),
  ).get(sessionId)!;
}
