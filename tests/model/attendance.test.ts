import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AttendanceDelegate,
  type AttendanceSession,
  attendeesBySession,
} from "../../src/model/attendance.js";

/** The definition, as the data format reads: a set per session, in delegate file order. */
function reference(
  sessions: readonly AttendanceSession[],
  delegates: readonly AttendanceDelegate[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of sessions) {
    if (s.audience === "all") {
      out.set(
        s.id,
        delegates.map((d) => d.id),
      );
      continue;
    }
    const ids = new Set<string>();
    for (const d of delegates) if (d.sessions.includes(s.id)) ids.add(d.id);
    for (const sp of s.speakers) ids.add(sp);
    if (s.moderator) ids.add(s.moderator);
    out.set(s.id, [...ids]);
  }
  return out;
}

// Few ids, so that repeats happen: a session listed twice by one delegate, two rows with one id,
// a speaker who also registered, a session id that two rows of sessions.csv hold, unknown ids.
const id = (prefix: string) => fc.integer({ min: 0, max: 6 }).map((n) => `${prefix}${n}`);
const session = fc.record({
  id: id("S"),
  audience: fc.constantFrom("all" as const, "registered" as const, "registered" as const),
  speakers: fc.array(id("D"), { maxLength: 3 }),
  moderator: fc.option(id("D"), { nil: undefined }),
});
const delegate = fc.record({ id: id("D"), sessions: fc.array(id("S"), { maxLength: 4 }) });

describe("attendeesBySession", () => {
  it("gives every session its attendees in delegate file order, each once, as the definition does", () => {
    fc.assert(
      fc.property(fc.array(session, { maxLength: 8 }), fc.array(delegate, { maxLength: 12 }), (ss, ds) => {
        expect(attendeesBySession(ss, ds)).toEqual(reference(ss, ds));
      }),
      { numRuns: 2000 },
    );
  });

  it("puts speakers and the moderator after the registered delegates, once", () => {
    const got = attendeesBySession(
      [{ id: "S1", audience: "registered", speakers: ["D3", "D1"], moderator: "D3" }],
      [
        { id: "D1", sessions: ["S1", "S1"] },
        { id: "D2", sessions: ["S2"] },
        { id: "D1", sessions: ["S1"] },
      ],
    );
    expect(got.get("S1")).toEqual(["D1", "D3"]);
  });
});
