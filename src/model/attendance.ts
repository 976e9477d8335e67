import { idIndex } from "../util/ids.js";

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

/**
 * Session id → ids of its attendees, in delegate file order, each once. Rows without an id (an
 * error validation reports) are left out.
 *
 * Written for 100,000 delegates: each (delegate, session) pair costs one look-up in a map of the
 * sessions, and a delegate is put on a list only the first time, told by the position of the
 * last delegate added to it (a delegate listing a session twice) or, for an id that more than one
 * row holds (an error validation reports), by a search of the list. A Set per session, as the
 * definition reads, was most of this function's time.
 */
export function attendeesBySession(
  sessions: readonly AttendanceSession[],
  delegates: readonly AttendanceDelegate[],
): Map<string, string[]> {
  const slot = new Map<string, number>();
  const lists: string[][] = [];
  for (const s of sessions) {
    if (s.id && !slot.has(s.id)) {
      slot.set(s.id, lists.length);
      lists.push([]);
    }
  }
  const lastAdded = new Int32Array(lists.length).fill(-1);
  // Ids held by more than one row: those rows are put on a list only if the id is not there yet.
  const { repeated } = idIndex(delegates);
  for (let di = 0; di < delegates.length; di++) {
    const d = delegates[di]!;
    if (!d.id) continue;
    const again = repeated?.has(d.id) === true;
    for (const sid of d.sessions) {
      const k = slot.get(sid);
      if (k === undefined || lastAdded[k] === di) continue;
      lastAdded[k] = di;
      const list = lists[k]!;
      if (!again || !list.includes(d.id)) list.push(d.id);
    }
  }
  const allIds = delegates.filter((d) => d.id).map((d) => d.id);
  const out = new Map<string, string[]>();
  for (const s of sessions) {
    if (!s.id) continue;
    if (s.audience === "all") {
      out.set(s.id, allIds);
      continue;
    }
    // A session id held by two rows: the later row's list is the same people, as before.
    const list = [...lists[slot.get(s.id)!]!];
    for (const sp of s.speakers) if (!list.includes(sp)) list.push(sp);
    if (s.moderator && !list.includes(s.moderator)) list.push(s.moderator);
    out.set(s.id, list);
  }
  return out;
}
