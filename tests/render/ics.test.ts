import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  assembleIcs,
  escapeText,
  foldLine,
  renderEvent,
  renderIcs,
  resolveWallTime,
  utcStamp,
  zonedToUtc,
  zoneName,
} from "../../src/render/ics.js";

const octets = (s: string) => new TextEncoder().encode(s).length;

describe("iCalendar text", () => {
  it("escapes backslash, semicolon, comma and newlines", () => {
    expect(escapeText("a,b;c\\d\ne\r\nf")).toBe("a\\,b\\;c\\\\d\\ne\\nf");
  });

  it("folds at 75 octets without splitting a character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => {
        const line = `SUMMARY:${s.replace(/[\r\n]/g, "")}`;
        const folded = foldLine(line);
        const parts = folded.split("\r\n");
        for (const p of parts) expect(octets(p)).toBeLessThanOrEqual(75);
        for (const p of parts.slice(1)) expect(p.startsWith(" ")).toBe(true);
        expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
      }),
      { numRuns: 500, seed: 20230620 },
    );
  });

  it("converts event wall-clock times to UTC, across daylight saving", () => {
    expect(utcStamp(zonedToUtc("2023-06-20", 9 * 60, "Asia/Ho_Chi_Minh"))).toBe("20230620T020000Z");
    expect(utcStamp(zonedToUtc("2023-06-20", 9 * 60, "Asia/Seoul"))).toBe("20230620T000000Z");
    expect(utcStamp(zonedToUtc("2024-03-31", 12 * 60, "Europe/Berlin"))).toBe("20240331T100000Z");
    expect(utcStamp(zonedToUtc("2024-03-30", 12 * 60, "Europe/Berlin"))).toBe("20240330T110000Z");
    expect(utcStamp(zonedToUtc("2024-11-03", 8 * 60, "America/New_York"))).toBe("20241103T130000Z");
  });

  // Expected instants written by hand from the zones' rules (UK: clocks change at 01:00 UTC on the
  // last Sunday of March and October; US: 02:00 local on the second Sunday of March and the first
  // of November; New South Wales: 02:00 standard time on the first Sunday of October and 03:00
  // daylight time on the first Sunday of April), not computed with the function under test.
  it.each([
    ["Europe/London", "2023-03-25", "12:00", "2023-03-25T12:00:00Z", "winter: GMT"],
    ["Europe/London", "2023-03-26", "00:59", "2023-03-26T00:59:00Z", "just before the gap"],
    ["Europe/London", "2023-03-26", "01:30", "2023-03-26T01:30:00Z", "skipped: read with GMT (02:30 BST)"],
    ["Europe/London", "2023-03-26", "02:00", "2023-03-26T01:00:00Z", "just after the gap: BST"],
    ["Europe/London", "2023-06-20", "09:00", "2023-06-20T08:00:00Z", "summer: BST"],
    ["Europe/London", "2023-10-29", "00:59", "2023-10-28T23:59:00Z", "before the repeated hour"],
    ["Europe/London", "2023-10-29", "01:00", "2023-10-29T00:00:00Z", "repeated: the first, BST"],
    ["Europe/London", "2023-10-29", "01:30", "2023-10-29T00:30:00Z", "repeated: the first, BST"],
    ["Europe/London", "2023-10-29", "02:00", "2023-10-29T02:00:00Z", "after the repeated hour: GMT"],
    ["America/New_York", "2023-03-12", "01:59", "2023-03-12T06:59:00Z", "EST"],
    ["America/New_York", "2023-03-12", "02:30", "2023-03-12T07:30:00Z", "skipped: read with EST"],
    ["America/New_York", "2023-03-12", "03:00", "2023-03-12T07:00:00Z", "EDT"],
    ["America/New_York", "2023-11-05", "01:30", "2023-11-05T05:30:00Z", "repeated: the first, EDT"],
    ["America/New_York", "2023-11-05", "02:00", "2023-11-05T07:00:00Z", "EST"],
    ["Australia/Sydney", "2023-04-02", "02:30", "2023-04-01T15:30:00Z", "repeated: the first, AEDT"],
    ["Australia/Sydney", "2023-04-02", "03:00", "2023-04-01T17:00:00Z", "AEST"],
    ["Australia/Sydney", "2023-10-01", "01:59", "2023-09-30T15:59:00Z", "AEST"],
    ["Australia/Sydney", "2023-10-01", "02:30", "2023-09-30T16:30:00Z", "skipped: read with AEST"],
    ["Australia/Sydney", "2023-10-01", "03:00", "2023-09-30T16:00:00Z", "AEDT"],
  ])("%s %s %s is %s (%s)", (zone, date, time, expected) => {
    const [h, m] = time.split(":").map(Number) as [number, number];
    expect(new Date(zonedToUtc(date, h * 60 + m, zone)).toISOString()).toBe(expected.replace("Z", ".000Z"));
  });

  it("tells a skipped and a repeated wall-clock time from an ordinary one", () => {
    expect(resolveWallTime("2023-03-26", 90, "Europe/London")).toMatchObject({ kind: "skipped", shift: 60 });
    expect(resolveWallTime("2023-10-29", 90, "Europe/London")).toMatchObject({ kind: "repeated", shift: 60 });
    expect(resolveWallTime("2023-10-29", 120, "Europe/London")).toMatchObject({ kind: "exact", shift: 0 });
    expect(resolveWallTime("2023-10-01", 135, "Australia/Lord_Howe")).toMatchObject({
      kind: "skipped",
      shift: 30,
    });
    expect(resolveWallTime("2023-03-26", 90, "Asia/Ho_Chi_Minh")).toMatchObject({ kind: "exact" });
  });

  it("writes a calendar an independent parser reads back exactly", () => {
    const summary = "Hội tụ: blockchain, metaverse; AI \\ 한-베 \n line two";
    const text = renderIcs({
      name: "Test",
      timezone: "Asia/Ho_Chi_Minh",
      stamp: Date.UTC(2023, 5, 20),
      events: [
        {
          uid: "S1@test.conclave",
          start: Date.UTC(2023, 5, 20, 2),
          end: Date.UTC(2023, 5, 20, 3, 30),
          summary,
          location: "Phòng Sen, Khách sạn Saigon Riverside, 12 Tôn Đức Thắng, Quận 1".repeat(3),
        },
      ],
    });
    expect(text.endsWith("\r\n")).toBe(true);
    const comp = new ICAL.Component(ICAL.parse(text));
    const [ev] = comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(ev!.uid).toBe("S1@test.conclave");
    expect(ev!.summary).toBe(summary);
    expect(ev!.location).toBe("Phòng Sen, Khách sạn Saigon Riverside, 12 Tôn Đức Thắng, Quận 1".repeat(3));
    expect(ev!.startDate.toJSDate().toISOString()).toBe("2023-06-20T02:00:00.000Z");
    expect(ev!.endDate.toJSDate().toISOString()).toBe("2023-06-20T03:30:00.000Z");
  });
});

describe("the calendar's time zone name", () => {
  it("is written the way IANA spells it, whatever the case in event.yaml", () => {
    const zoneOf = (timezone: string) =>
      /^X-WR-TIMEZONE:(.*)$/m.exec(assembleIcs({ name: "T", timezone }, []))![1]!.trim();
    expect(zoneOf("europe/london")).toBe("Europe/London");
    expect(zoneOf("AMERICA/NEW_YORK")).toBe("America/New_York");
    expect(zoneOf("asia/seoul")).toBe("Asia/Seoul");
    expect(zoneOf("Asia/Ho_Chi_Minh")).toBe("Asia/Ho_Chi_Minh");
    // Intl knows the zone by one of its two IANA names; either is a name calendar apps read.
    expect(["Asia/Ho_Chi_Minh", "Asia/Saigon"]).toContain(zoneOf("asia/ho_chi_minh"));
    expect(zoneName("utc")).toBe("UTC");
  });
});

describe("calendars that share events", () => {
  it("assembles events rendered once into the same text, and honours each stamp", () => {
    const event = {
      uid: "S2@test.conclave",
      start: Date.UTC(2023, 5, 20, 2),
      end: Date.UTC(2023, 5, 20, 3),
      summary: "Phiên chuyên đề: Đô thị thông minh, năng lượng tái tạo và chuỗi cung ứng 스마트 도시",
      categories: ["Panel", "Đô thị"],
    };
    const cal = (stamp: number) => ({ name: "T", timezone: "Asia/Seoul", stamp, events: [event, event] });
    const first = renderIcs(cal(Date.UTC(2023, 5, 1)));
    const once = renderEvent(event, Date.UTC(2023, 5, 1));
    expect(assembleIcs(cal(0), [once, once])).toBe(first);
    expect(first.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    const later = renderIcs(cal(Date.UTC(2023, 5, 2)));
    expect(later).toContain("DTSTAMP:20230602T000000Z");
    expect(later).not.toContain("DTSTAMP:20230601");
    const comp = new ICAL.Component(ICAL.parse(first));
    expect(comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v).summary)).toEqual([
      event.summary,
      event.summary,
    ]);
  });
});
