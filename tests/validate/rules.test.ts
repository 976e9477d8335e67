import { describe, expect, it } from "vitest";
import { checkEvent } from "../../src/validate/index.js";
import { check, codes, delegate, makeConfig, makeInput, session, venue } from "../helpers/make.js";

const at = (r: ReturnType<typeof check>, code: string) => r.diagnostics.filter((d) => d.code === code);

describe("ids and references", () => {
  it("finds duplicate ids after trimming and ignoring case, pointing at the first use", () => {
    const r = check({ delegates: [delegate("KR-001"), delegate(" kr-001 ")] });
    expect(at(r, "duplicate-id")).toMatchObject([{ file: "delegates.csv", line: 3, column: 1 }]);
    expect(at(r, "duplicate-id")[0]!.message).toContain("line 2");
  });

  it("warns about a shared email address without printing it", () => {
    const r = check({
      delegates: [delegate("A", { email: "Team@Example.kr" }), delegate("B", { email: "team@example.kr" })],
    });
    expect(at(r, "duplicate-email")).toMatchObject([{ severity: "warning", line: 3 }]);
    expect(JSON.stringify(r.diagnostics)).not.toMatch(/team@/i);
  });

  it("notices numeric ids that lost their leading zeros", () => {
    const r = check({ delegates: [delegate("0001"), delegate("0002"), delegate("3")] });
    expect(at(r, "excel-damage")).toMatchObject([{ line: 4, field: "id" }]);
  });

  it("names an unknown seating.host or head_table.co_host at its line and column in event.yaml", () => {
    const r = check({
      delegates: [delegate("KR-001"), delegate("VN-001", { country: "VN" })],
      // baseConfigYaml is 6 lines: seating: is line 7.
      config: "seating:\n  host: KR-01\n  head_table:\n    custom: round\n    co_host: VN-01\n",
    });
    expect(at(r, "unknown-reference")).toMatchObject([
      {
        severity: "error",
        file: "event.yaml",
        line: 8,
        column: 9,
        field: "seating.host",
        hint: 'Did you mean "KR-001"?',
      },
      {
        file: "event.yaml",
        line: 11,
        column: 14,
        field: "seating.head_table.co_host",
        hint: 'Did you mean "VN-001"?',
      },
    ]);
    expect(r.event).toBeUndefined();
    const ok = check({ delegates: [delegate("KR-001")], config: "seating:\n  host: KR-001\n" });
    expect(at(ok, "unknown-reference")).toEqual([]);
  });

  it("resolves every reference and suggests the closest id", () => {
    const r = check({
      delegates: [
        delegate("KR-001", { sessions: "S1;S9" }),
        delegate("VN-001", { interpreter_for: "KR-00l" }),
      ],
      sessions: [session("S1", { room: "HAL", speakers: "KR-001;KR-002", moderator: "VN-01" })],
      venues: [venue("HALL")],
    });
    const refs = at(r, "unknown-reference").map((d) => [d.file, d.field, d.hint]);
    expect(refs).toEqual([
      ["delegates.csv", "sessions", 'Did you mean "S1"?'],
      ["delegates.csv", "interpreter_for", 'Did you mean "KR-001"?'],
      ["sessions.csv", "room", 'Did you mean "HALL"?'],
      ["sessions.csv", "speakers", 'Did you mean "KR-001"?'],
      ["sessions.csv", "moderator", 'Did you mean "VN-001"?'],
    ]);
  });
});

describe("schedule", () => {
  const venues = [venue("HALL"), venue("LOTUS"), venue("ANNEX", { venue: "Riverside Annex" })];

  it("rejects sessions ending before they start or outside the event", () => {
    const r = check({
      venues,
      sessions: [session("S1", { start: "14:00", end: "13:00" }), session("S2", { date: "2024-05-16" })],
    });
    expect(codes(r)).toEqual(["session-time-order", "outside-event-dates"]);
  });

  it("finds room double-bookings, including one nested inside a long session", () => {
    const r = check({
      venues,
      sessions: [
        session("LONG", { start: "09:00", end: "12:00" }),
        session("SHORT", { start: "09:00", end: "09:30" }),
        session("LATE", { start: "11:00", end: "11:30" }),
        session("AFTER", { start: "12:00", end: "13:00" }),
        session("OTHER", { start: "09:00", end: "12:00", room: "LOTUS" }),
      ],
    });
    expect(at(r, "room-conflict").map((d) => d.line)).toEqual([3, 4]);
  });

  it("finds a speaker in two places at once, and too little time to travel between venues", () => {
    const people = [delegate("SP"), delegate("MO")];
    const r = check({
      venues,
      delegates: people,
      sessions: [
        session("A", { speakers: "SP", start: "09:00", end: "10:00" }),
        session("B", { moderator: "SP", room: "LOTUS", start: "09:30", end: "10:30" }),
        session("C", { speakers: "MO", start: "09:00", end: "10:00" }),
        session("D", { speakers: "MO", room: "ANNEX", start: "10:10", end: "11:00" }),
        session("E", { speakers: "MO", room: "ANNEX", start: "11:00", end: "11:30" }),
      ],
      config: "validation:\n  travel_buffer_minutes: 20\n",
    });
    const found = at(r, "speaker-conflict");
    expect(found.map((d) => [d.line, d.field])).toEqual([
      [3, "moderator"],
      [5, "speakers"],
    ]);
    expect(found[1]!.message).toContain("10 min");
  });

  it("warns when a delegate registered for overlapping sessions", () => {
    const r = check({
      venues,
      delegates: [delegate("D", { sessions: "A;B" })],
      sessions: [session("A"), session("B", { room: "LOTUS", start: "09:30", end: "11:00" })],
    });
    expect(at(r, "attendee-conflict")).toMatchObject([
      { severity: "warning", file: "delegates.csv", line: 2 },
    ]);
  });
});

describe("capacity", () => {
  it("counts registered delegates, speakers and moderators against the room", () => {
    const r = check({
      venues: [venue("HALL", { capacity: "2" })],
      delegates: [delegate("A", { sessions: "S1" }), delegate("B"), delegate("C")],
      sessions: [session("S1", { speakers: "B", moderator: "C" })],
    });
    expect(at(r, "over-capacity")[0]!.message).toContain("3 attendees");
  });

  it("counts everyone for audience=all", () => {
    const r = check({
      venues: [venue("HALL", { capacity: "2" })],
      delegates: [delegate("A"), delegate("B"), delegate("C")],
      sessions: [session("S1", { audience: "all" })],
    });
    expect(codes(r)).toEqual(["over-capacity"]);
  });

  it("checks table seats where seats are assigned", () => {
    const guests = ["A", "B", "C", "D", "E"].map((id) => delegate(id, { sessions: "GALA" }));
    const gala = session("GALA", { seating: "assigned", type: "banquet" });
    const ok = check({
      venues: [venue("HALL", { tables: "2", seats_per_table: "2", head_table_seats: "1" })],
      delegates: guests,
      sessions: [gala],
    });
    expect(codes(ok)).toEqual([]);
    const short = check({
      venues: [venue("HALL", { tables: "2", seats_per_table: "2" })],
      delegates: guests,
      sessions: [gala],
    });
    expect(at(short, "insufficient-seats")[0]!.message).toContain(
      "5 attendees but room HALL has 4 table seats",
    );
    const none = check({ venues: [venue("HALL")], delegates: guests, sessions: [gala] });
    expect(at(none, "insufficient-seats")[0]!.message).toContain("no tables");
  });
});

describe("text", () => {
  it("recognises VNI and TCVN3 mojibake but not real Vietnamese", () => {
    const r = check({
      delegates: [
        delegate("A", { native_name: "Nguyeãn Vaên An" }),
        delegate("B", { native_name: "NguyÔn V¨n B×nh", country: "VN" }),
        delegate("C", { native_name: "Hoàng Thị Thuý Xuân", organisation: "Công ty Thuê mua Uống Nước" }),
      ],
    });
    expect(at(r, "legacy-vietnamese-encoding").map((d) => d.line)).toEqual([2, 3]);
    expect(at(r, "legacy-vietnamese-encoding")[1]!.message).toContain("TCVN3");
    // The converter's menu item is the Vietnamese pack's (examples.converter).
    expect(at(r, "legacy-vietnamese-encoding")[1]!.hint).toBe(
      "Convert the sheet to Unicode (e.g. with Unikey's converter, 'Chuyển mã' from TCVN3 (ABC) to Unicode), then save as \"CSV UTF-8\".",
    );
  });

  it("checks printed fields against the fonts' coverage, once per distinct character", () => {
    const input = {
      delegates: [
        delegate("A", { organisation: "Hanbit 🚀" }),
        delegate("B", { given_name: "金 Min" }),
        delegate("C", { email: "🚀@x.io" }),
      ],
    };
    const base = makeInput(input);
    let calls = 0;
    const latinAndHangul = (cp: number) => {
      calls++;
      return cp < 0x250 || (cp >= 0xac00 && cp <= 0xd7a3);
    };
    const r = checkEvent({ ...base, coverage: { has: latinAndHangul, fonts: ["Test Sans"] } });
    const glyphs = r.diagnostics.filter((d) => d.code === "missing-glyph");
    expect(glyphs.map((d) => [d.line, d.field])).toEqual([
      [2, "organisation"],
      [3, "given_name"],
    ]);
    expect(glyphs[0]!.message).toContain("U+1F680");
    expect(glyphs[0]!.hint).toContain("Test Sans");
    expect(calls).toBeLessThan(40);
  });
});

describe("a clean event", () => {
  it("builds the model only when there are no errors", () => {
    expect(check({}).event).toBeDefined();
    expect(check({ sessions: [session("S1", { room: "NOWHERE" })] }).event).toBeUndefined();
  });
});

describe("legacy Vietnamese detection and real names", () => {
  it("does not mistake a diaeresis in a European name for VNI", () => {
    const r = check({
      delegates: [
        delegate("A", { given_name: "Zoë", family_name: "Noël", country: "FR" }),
        delegate("B", { given_name: "Joël", family_name: "Anaïs", country: "BE" }),
        delegate("C", { native_name: "Traàn Vaên", country: "VN" }),
      ],
    });
    expect(r.diagnostics.filter((d) => d.code === "legacy-vietnamese-encoding").map((d) => d.line)).toEqual([
      4,
    ]);
  });
});

describe("daylight saving", () => {
  const inZone = (timezone: string, sessions: ReturnType<typeof session>[]) => {
    const input = makeInput({ sessions });
    return checkEvent({
      ...input,
      config: { ...input.config, timezone, start: "2023-01-01", end: "2023-12-31" },
    });
  };

  it("rejects a session at a time the clocks skip, naming sessions.csv, the line and the column", () => {
    const r = inZone("Europe/London", [
      session("S1", { date: "2023-03-26", start: "01:30", end: "03:00" }),
      session("S2", { date: "2023-03-26", start: "00:15", end: "01:00" }),
      session("S3", { date: "2023-03-26", start: "02:00", end: "03:00" }),
    ]);
    const skipped = at(r, "nonexistent-time");
    expect(skipped).toMatchObject([
      { severity: "error", file: "sessions.csv", line: 2, column: 4, field: "start" },
      { severity: "error", file: "sessions.csv", line: 3, column: 5, field: "end" },
    ]);
    expect(skipped[0]!.message).toBe(
      "session S1 starts at 01:30 on 2023-03-26, a time that does not exist in Europe/London: the clocks go forward 60 min that night",
    );
    expect(skipped[0]!.hint).toContain("02:30");
    expect(r.event).toBeUndefined();
  });

  it("finds the skipped hour of New York and Sydney too, and half an hour on Lord Howe Island", () => {
    const gap = (zone: string, date: string, start: string) =>
      at(inZone(zone, [session("S1", { date, start, end: "04:00" })]), "nonexistent-time").length;
    expect(gap("America/New_York", "2023-03-12", "02:30")).toBe(1);
    expect(gap("America/New_York", "2023-03-12", "03:00")).toBe(0);
    expect(gap("Australia/Sydney", "2023-10-01", "02:30")).toBe(1);
    expect(gap("Australia/Lord_Howe", "2023-10-01", "02:15")).toBe(1);
    expect(gap("Australia/Lord_Howe", "2023-10-01", "02:30")).toBe(0);
    expect(gap("Asia/Ho_Chi_Minh", "2023-03-26", "01:30")).toBe(0);
  });

  it("warns about a time that happens twice, and accepts the hours around it", () => {
    const r = inZone("Europe/London", [
      session("S1", { date: "2023-10-29", start: "01:30", end: "03:00" }),
      session("S2", { date: "2023-10-29", start: "00:30", end: "00:59", room: "HALL" }),
    ]);
    expect(at(r, "ambiguous-time")).toMatchObject([
      { severity: "warning", file: "sessions.csv", line: 2, column: 4, field: "start" },
    ]);
    expect(at(r, "ambiguous-time")[0]!.message).toContain("the first is used");
    expect(at(r, "nonexistent-time")).toEqual([]);
  });
});

describe("names without letters", () => {
  it("warns at file:line:column about a name of combining marks only, or of digits and punctuation only", () => {
    const r = check({
      delegates: [
        delegate("A", { given_name: "\u0301\u0302\u0303" }),
        delegate("B", { family_name: "-" }),
        delegate("C", { native_name: "123 ?" }),
      ],
    });
    expect(at(r, "name-without-letters").map((d) => [d.severity, d.line, d.field, d.column > 0])).toEqual([
      ["warning", 2, "given_name", true],
      ["warning", 3, "family_name", true],
      ["warning", 4, "native_name", true],
    ]);
    const [marks, dash] = at(r, "name-without-letters");
    expect(marks!.message).toBe(
      "given_name has no letter, only combining marks (U+0301 U+0302 U+0303) with nothing to sit on",
    );
    expect(dash!.message).toBe(
      "family_name has no letter in it, only digits, punctuation or symbols (U+002D)",
    );
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("says nothing about names with a letter in any script, nor about other columns without letters", () => {
    const r = check({
      delegates: [
        delegate("A", { given_name: "Ó", family_name: "Nguyễn" }),
        delegate("B", { given_name: "ʻAlohilani", native_name: "김성호" }),
        delegate("C", { given_name: "Lê", family_name: "X Æ A-12", organisation: "3M" }),
      ],
    });
    expect(at(r, "name-without-letters")).toEqual([]);
  });
});

describe("date order from event.yaml", () => {
  it("reads 05/14/2024 or 14/05/2024 style dates in the order locale.date_order gives", () => {
    const sessions = [session("S1", { date: "05/14/2024" }), session("S2", { date: "15/05/2024" })];
    const unset = check({ sessions: [session("S1", { date: "05/06/2024" })] });
    expect(at(unset, "type-error").map((d) => [d.file, d.line, d.field])).toEqual([
      ["sessions.csv", 2, "date"],
    ]);
    expect(at(unset, "type-error")[0]!.hint).toContain("locale: { date_order: dmy }");
    // Under mdy, 05/14/2024 is 14 May and 15/05/2024 contradicts the setting.
    const mdy = check({ sessions, config: "locale:\n  date_order: mdy\n" });
    expect(at(mdy, "type-error").map((d) => [d.line, d.message])).toEqual([
      [
        3,
        'date: "15/05/2024" is written day first (2024-05-15), but locale.date_order in event.yaml is mdy (month first)',
      ],
    ]);
    const dmy = check({
      sessions: [session("S1", { date: "14/05/2024" }), session("S2", { date: "15/05/2024" })],
      config: "locale: { date_order: dmy }\n",
    });
    expect(dmy.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("refuses a date order event.yaml does not know, at its line", () => {
    expect(() => makeConfig("locale:\n  date_order: dd/mm\n")).toThrow(/date_order/);
  });
});
