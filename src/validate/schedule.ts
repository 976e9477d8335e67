import { type Diagnostic, diagAt } from "../diagnostics.js";
import { attendeesBySession } from "../model/attendance.js";
import { resolveWallTime } from "../render/ics.js";
import type { SessionRow } from "../schema/sessions.js";
import { pushTo } from "../util/group.js";
import type { EventTables } from "./tables.js";

export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

const timed = (s: SessionRow) =>
  s.id !== "" && s.date !== "" && Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start;
// Dates are ISO (YYYY-MM-DD): compared as plain strings, in calendar order.
const byTime = (a: SessionRow, b: SessionRow) =>
  (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.start - b.start || a.end - b.end;
const overlap = (a: SessionRow, b: SessionRow) => a.date === b.date && a.start < b.end && b.start < a.end;
const when = (s: SessionRow) => `${s.date} ${hhmm(s.start)}–${hhmm(s.end)}`;

/** Times in order and inside the event, rooms not double-booked, people not in two places at once. */
export function checkSchedule(t: EventTables): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { start, end } = t.config;
  for (const s of t.sessions) {
    if (Number.isFinite(s.start) && Number.isFinite(s.end) && s.end <= s.start) {
      out.push(
        diagAt(
          "session-time-order",
          "error",
          s.loc,
          "end",
          `session ${s.id} ends (${hhmm(s.end)}) before or when it starts (${hhmm(s.start)})`,
          "Check the start and end columns; times are HH:MM on a 24-hour clock (2 pm is 14:00).",
        ),
      );
    }
    if (s.date && (s.date < start || s.date > end)) {
      out.push(
        diagAt(
          "outside-event-dates",
          "error",
          s.loc,
          "date",
          `session ${s.id} is on ${s.date}, outside the event (${start} to ${end})`,
          "Fix the date, or the start and end dates in event.yaml.",
        ),
      );
    }
  }
  out.push(...checkWallTimes(t));
  const sessions = t.sessions.filter(timed).sort(byTime);

  // Rooms: a sweep over each room's sessions in time order.
  const byRoom = groupBy(sessions, (s) => s.room);
  for (const list of byRoom.values()) {
    let latest: SessionRow | undefined;
    for (const s of list) {
      if (latest && overlap(latest, s)) {
        // Point at the row that comes later in the file, naming the earlier one.
        const [first, second] = latest.loc.line < s.loc.line ? [latest, s] : [s, latest];
        out.push(
          diagAt(
            "room-conflict",
            "error",
            second.loc,
            "room",
            `session ${second.id} (${when(second)}) overlaps ${first.id} (${when(first)}, line ${first.loc.line}) in room ${s.room}`,
            "Move one of the sessions to another room or time.",
          ),
        );
      }
      if (!latest || latest.date !== s.date || s.end > latest.end) latest = s;
    }
  }

  // Speakers and moderators: no overlap, and time to travel between venues.
  const venueOf = new Map(t.venues.map((v) => [v.id, v.venue]));
  const buffer = t.config.validation.travel_buffer_minutes;
  const roles = new Map<string, SessionRow[]>();
  for (const s of sessions) {
    for (const p of new Set([...s.speakers, ...(s.moderator ? [s.moderator] : [])])) {
      pushTo(roles, p, s);
    }
  }
  for (const [person, list] of roles) {
    for (let i = 1; i < list.length; i++) {
      const b = list[i]!;
      for (let j = i - 1; j >= 0; j--) {
        const a = list[j]!;
        if (a.date !== b.date) break;
        const field = b.speakers.includes(person) ? "speakers" : "moderator";
        if (overlap(a, b)) {
          out.push(
            diagAt(
              "speaker-conflict",
              "error",
              b.loc,
              field,
              `${person} speaks or moderates in ${b.id} (${when(b)}) and in ${a.id} (${when(a)}, line ${a.loc.line}) at the same time`,
              "Change one of the sessions' times or give one of them another speaker.",
            ),
          );
          break;
        }
        const gap = b.start - a.end;
        const va = venueOf.get(a.room);
        const vb = venueOf.get(b.room);
        if (j === i - 1 && va && vb && va !== vb && gap < buffer) {
          out.push(
            diagAt(
              "speaker-conflict",
              "error",
              b.loc,
              field,
              `${person} has ${gap} min to get from ${va} (${a.id}) to ${vb} (${b.id}); the travel buffer is ${buffer} min`,
              "Leave more time between the sessions, or change validation.travel_buffer_minutes in event.yaml.",
            ),
          );
        }
        if (a.end <= b.start) break;
      }
    }
  }

  // Delegates registered for two sessions at once: a warning, they may well choose on the day.
  // Each timed session's place in time order (sessions with the same times share one), so a
  // delegate's few sessions are put in order by number, in place, without a sort per delegate.
  const slot = new Map<string, { session: SessionRow; order: number }>();
  let group = 0;
  sessions.forEach((s, i) => {
    if (i === 0 || byTime(sessions[i - 1]!, s) !== 0) group = i;
    slot.set(s.id, { session: s, order: group });
  });
  const mine: { session: SessionRow; order: number }[] = [];
  for (const d of t.delegates) {
    if (d.sessions.length < 2) continue;
    mine.length = 0;
    for (const id of d.sessions) {
      const entry = slot.get(id);
      if (!entry) continue;
      // Insertion sort, stable: sessions at the same time stay in the delegate's own order.
      let k = mine.length;
      mine.push(entry);
      while (k > 0 && mine[k - 1]!.order > entry.order) {
        mine[k] = mine[k - 1]!;
        k--;
      }
      mine[k] = entry;
    }
    for (let i = 1; i < mine.length; i++) {
      const a = mine[i - 1]!.session;
      const b = mine[i]!.session;
      if (overlap(a, b)) {
        out.push(
          diagAt(
            "attendee-conflict",
            "warning",
            d.loc,
            "sessions",
            `${d.id} is registered for ${a.id} and ${b.id}, which overlap (${when(a)} and ${when(b)})`,
            "Keep only one of them in the sessions column, unless the delegate really moves between them.",
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Start and end times that the event's time zone skips or repeats on a daylight-saving night.
 * A skipped time (01:30 in London on 2023-03-26) would become a calendar event at another time,
 * or of no length: an error. A repeated one (01:30 on 2023-10-29) is read as its first
 * occurrence, as RFC 5545 does: a warning, since the organiser may have meant the second.
 */
function checkWallTimes(t: EventTables): Diagnostic[] {
  const out: Diagnostic[] = [];
  const zone = t.config.timezone;
  // Sessions share a few dates and times: each is resolved once.
  const seen = new Map<string, ReturnType<typeof resolveWallTime>>();
  const resolve = (date: string, minutes: number) => {
    const key = `${date} ${minutes}`;
    let r = seen.get(key);
    if (!r) {
      r = resolveWallTime(date, minutes, zone);
      seen.set(key, r);
    }
    return r;
  };
  for (const s of t.sessions) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s.date)) continue;
    for (const field of ["start", "end"] as const) {
      const minutes = s[field];
      if (!Number.isFinite(minutes)) continue;
      const r = resolve(s.date, minutes);
      const verb = field === "start" ? "starts" : "ends";
      if (r.kind === "skipped") {
        out.push(
          diagAt(
            "nonexistent-time",
            "error",
            s.loc,
            field,
            `session ${s.id} ${verb} at ${hhmm(minutes)} on ${s.date}, a time that does not exist in ${zone}: the clocks go forward ${r.shift} min that night`,
            `Choose a time outside the gap (${hhmm(minutes)} would be ${hhmm(minutes + r.shift)} on the clock), or check the date and event.yaml's timezone.`,
          ),
        );
      } else if (r.kind === "repeated") {
        out.push(
          diagAt(
            "ambiguous-time",
            "warning",
            s.loc,
            field,
            `session ${s.id} ${verb} at ${hhmm(minutes)} on ${s.date}, a time that happens twice in ${zone} (the clocks go back ${r.shift} min); the first is used`,
            "Calendars get the first occurrence (summer time). Move the session out of the repeated hour to make it unambiguous.",
          ),
        );
      }
    }
  }
  return out;
}

/** Attendees within each room's capacity, and enough table seats where seats are assigned. */
export function checkCapacity(t: EventTables): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rooms = new Map(t.venues.map((v) => [v.id, v]));
  const attendees = attendeesBySession(t.sessions, t.delegates);
  for (const s of t.sessions) {
    const room = rooms.get(s.room);
    const count = attendees.get(s.id)?.length ?? 0;
    if (!room) continue;
    if (room.capacity > 0 && count > room.capacity) {
      out.push(
        diagAt(
          "over-capacity",
          "error",
          s.loc,
          "room",
          `session ${s.id} has ${count} attendees but ${room.id} holds ${room.capacity}`,
          s.audience === "all"
            ? "The session is open to all delegates: move it to a larger room, or set audience=registered."
            : "Move the session to a larger room, or raise the capacity in venues.csv if the layout allows.",
        ),
      );
    }
    if (s.seating === "assigned") {
      const seats = (room.tables ?? 0) * (room.seatsPerTable ?? 0) + (room.headTableSeats ?? 0);
      if (seats === 0) {
        out.push(
          diagAt(
            "insufficient-seats",
            "error",
            s.loc,
            "seating",
            `session ${s.id} has assigned seating but room ${room.id} has no tables in ${t.config.files.venues}`,
            "Fill in tables, seats_per_table (and head_table_seats) for the room.",
          ),
        );
      } else if (count > seats) {
        out.push(
          diagAt(
            "insufficient-seats",
            "error",
            s.loc,
            "seating",
            `session ${s.id} seats ${count} attendees but room ${room.id} has ${seats} table seats`,
            "Add tables or seats per table in venues.csv, or reduce the guest list.",
          ),
        );
      }
    }
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    pushTo(m, key(item), item);
  }
  return m;
}
