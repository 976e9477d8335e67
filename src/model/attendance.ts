import { pushTo } from "../util/group.js";

/**
 * Who attends a session, as the data format defines it: everyone when `audience=all`, otherwise
 * the delegates listing it in their `sessions` column, plus its speakers and moderator.
 */
export interface AttendanceSession {
  id: string;
  audience: "all" | "registered";
  speakers: readonly string[];
  moderator?: string | undefined;
}

export interface AttendanceDelegate {
  id: string;
  sessions: readonly string[];
}

/** Session id → ids of its attendees, in delegate file order, each once. */
export function attendeesBySession(
  sessions: readonly AttendanceSession[],
  delegates: readonly AttendanceDelegate[],
): Map<string, string[]> {
  const registered = new Map<string, string[]>();
  for (const d of delegates) {
    for (const s of d.sessions) {
      pushTo(registered, s, d.id);
    }
  }
  const allIds = delegates.map((d) => d.id);
  const out = new Map<string, string[]>();
  for (const s of sessions) {
    if (s.audience === "all") {
      out.set(s.id, allIds);
      continue;
    }
    const ids = new Set(registered.get(s.id) ?? []);
    for (const sp of s.speakers) ids.add(sp);
    if (s.moderator) ids.add(s.moderator);
    out.set(s.id, [...ids]);
  }
  return out;
}
