import { readFileSync } from "node:fs";
import path from "node:path";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { compareEvents, type DiffSide } from "../../src/diff/compare.js";
import { diffReport, formatDiffGithub, formatDiffMarkdown, formatDiffPretty } from "../../src/diff/format.js";
import { compareAssignments } from "../../src/diff/seating.js";
import { checkSide } from "../../src/diff/sides.js";
import { delegate, makeInput, session, venue } from "../helpers/make.js";
import { checkSchema } from "./schema-check.js";

type Parts = Parameters<typeof makeInput>[0];
const side = (parts: Parts): DiffSide => checkSide("test", makeInput(parts));

const base: Parts = {
  delegates: [
    delegate("KR-014", {
      family_name: "Shin",
      given_name: "Young-hee",
      phone: "+82 10 5555 0101",
      sessions: "S1;DINNER",
    }),
    delegate("KR-015", { family_name: "Park", category: "staff", sessions: "S1" }),
    delegate("VN-004", { family_name: "Ho", given_name: "Thu Hang", country: "VN", sessions: "S1" }),
  ],
  venues: [venue("HALL"), venue("BALLROOM", { layout: "banquet", tables: "4", seats_per_table: "8" })],
  sessions: [
    session("S1", { speakers: "VN-004" }),
    session("DINNER", {
      room: "BALLROOM",
      start: "19:00",
      end: "21:00",
      seating: "assigned",
      type: "banquet",
    }),
  ],
  // Hosted in Korea: Korean delegates need no visa letter.
  config: "country: KR\n",
};
const edit = (f: (p: Required<Pick<Parts, "delegates" | "venues" | "sessions">>) => void): Parts => {
  const copy = structuredClone(base) as Required<Pick<Parts, "delegates" | "venues" | "sessions">>;
  f(copy);
  return copy;
};
const diff = (to: Parts, from: Parts = base) => compareEvents(side(from), side(to));
const plain = new Chalk({ level: 0 });

describe("compareEvents", () => {
  it("finds nothing between equal data", () => {
    expect(diff(base).changes).toEqual([]);
  });

  it("a renamed delegate: family_name, with both values, and the materials that print a name", () => {
    const r = diff(edit((p) => (p.delegates[0]!.family_name = "Shinn")));
    expect(r.changes).toHaveLength(1);
    const c = r.changes[0]!;
    expect(c).toMatchObject({ kind: "delegate-changed", id: "KR-014", label: "Shinn Young-hee" });
    expect(c.fields).toEqual([{ field: "family_name", personal: false, from: "Shin", to: "Shinn" }]);
    // A delegate (invited), seated at the dinner, neither speaker nor ranked guest.
    expect(c.materials).toEqual([
      "badge",
      "agenda/personal",
      "letters/invitation",
      "seating plan",
      "place card",
      "table list",
    ]);
    expect(formatDiffPretty(diffReport(r, sides), plain)).toContain(
      'KR-014 Shinn Young-hee: family_name changed (was "Shin", now "Shinn") → badge, agenda/personal, letters/invitation, seating plan, place card, table list',
    );
  });

  it("a changed phone says only that it changed, and touches nothing printed for a non-liaison", () => {
    const r = diff(edit((p) => (p.delegates[0]!.phone = "+82 10 5555 0199")));
    const c = r.changes[0]!;
    expect(c.fields).toEqual([{ field: "phone", personal: true }]);
    expect(c.materials).toEqual([]);
    const text = [
      formatDiffPretty(diffReport(r, sides), plain),
      formatDiffMarkdown(diffReport(r, sides)),
    ].join("\n");
    expect(text).toContain("phone changed");
    expect(text).not.toContain("5555");
  });

  it("a liaison officer's phone is on the protocol list", () => {
    const config = "country: KR\nprotocol:\n  liaisons:\n    VN-004: KR-015\n";
    const from = { ...base, config };
    const to = { ...edit((p) => (p.delegates[1]!.phone = "+84 90 000 0000")), config };
    expect(diff(to, from).changes[0]!.materials).toEqual(["protocol list"]);
  });

  it("passport numbers and dates of birth never carry values", () => {
    const from = edit((p) =>
      Object.assign(p.delegates[2]!, { passport_number: "B1234567", date_of_birth: "1970-01-02" }),
    );
    const to = edit((p) =>
      Object.assign(p.delegates[2]!, { passport_number: "B7654321", date_of_birth: "1971-01-02" }),
    );
    const r = diff(to, from);
    expect(r.changes[0]!.fields).toEqual([
      { field: "passport_number", personal: true },
      { field: "date_of_birth", personal: true },
    ]);
    expect(JSON.stringify(diffReport(r, sides))).not.toMatch(/B7654321|B1234567|1971|1970/);
    expect(r.changes[0]!.materials).toEqual(["letters/visa"]);
  });

  it("a translation column is named as itself and counts as its column", () => {
    const r = diff(edit((p) => (p.delegates[0]!.position_ko = "회장")));
    expect(r.changes[0]!.fields).toEqual([{ field: "position_ko", personal: false, to: "회장" }]);
    expect(r.changes[0]!.materials).toContain("badge");
  });

  it("delegates added and removed, with every material they have", () => {
    const r = diff(
      edit((p) => {
        p.delegates.splice(1, 1);
        p.delegates.push(delegate("KR-200", { family_name: "Seo", sessions: "DINNER" }));
      }),
    );
    expect(r.changes.map((c) => [c.kind, c.id])).toEqual([
      ["delegate-removed", "KR-015"],
      ["delegate-added", "KR-200"],
    ]);
    // Staff get no invitation; KR-015 was at S1 only, not seated.
    expect(r.changes[0]!.materials).toEqual(["badge", "agenda/personal"]);
    expect(r.changes[1]!.materials).toEqual([
      "badge",
      "agenda/personal",
      "letters/invitation",
      "seating plan",
      "place card",
      "table list",
    ]);
  });

  it("a session moved in time and room, and its speakers changed", () => {
    const r = diff(
      edit((p) => {
        Object.assign(p.sessions[0]!, { start: "14:00", end: "15:00", room: "BALLROOM", speakers: "KR-014" });
      }),
    );
    const c = r.changes[0]!;
    expect(c).toMatchObject({ kind: "session-changed", id: "S1", moved: ["time", "room"] });
    expect(c.fields?.map((f) => [f.field, f.from, f.to])).toEqual([
      ["start", "09:00", "14:00"],
      ["end", "10:00", "15:00"],
      ["room", "HALL", "BALLROOM"],
      ["speakers", "VN-004", "KR-014"],
    ]);
    expect(c.materials).toEqual(["badge", "programme", "agenda/personal", "letters/invitation"]);
    expect(formatDiffPretty(diffReport(r, sides), plain)).toContain(
      "S1 Session S1: moved in time, moved to another room, speakers changed:",
    );
  });

  it("a session added touches the programme and everyone's copies that list sessions", () => {
    const sr = compareEvents(
      side(base),
      side(edit((p) => p.sessions.push(session("S2", { start: "11:00", end: "12:00" })))),
    );
    expect(sr.changes).toEqual([
      expect.objectContaining({
        label: "Session S2",
        kind: "session-added",
        id: "S2",
        materials: ["badge", "programme", "agenda/personal", "letters/invitation"],
        where: { file: "sessions.csv", line: 4 },
      }),
    ]);
  });

  it("a room's tables touch the seating outputs of the sessions held there", () => {
    const r = diff(edit((p) => (p.venues[1]!.tables = "5")));
    expect(r.changes[0]).toMatchObject({
      kind: "venue-changed",
      id: "BALLROOM",
      fields: [{ field: "tables", from: "4", to: "5" }],
      materials: ["seating plan", "place card", "table list"],
    });
  });

  it("event.yaml settings by key path, with the materials of the setting", () => {
    const from = { ...base, config: "country: KR\nbadge:\n  colours:\n    vip: '#112233'\n" };
    const to = {
      ...base,
      config: "country: KR\nbadge:\n  colours:\n    vip: '#445566'\nagenda:\n  paper: a5\n",
    };
    const r = diff(to, from);
    expect(r.changes.map((c) => [c.id, c.materials])).toEqual([
      ["agenda.paper", ["programme", "agenda/personal"]],
      ["badge.colours.vip", ["badge"]],
    ]);
    expect(r.changes[1]!.fields).toEqual([
      { field: "badge.colours.vip", personal: false, from: "#112233", to: "#445566" },
    ]);
  });

  it("with signed badge codes, what the door's lists print touches the check-in list", () => {
    const signed = { ...base, config: "country: KR\nbadge:\n  qr: signed\n" };
    const renamed = diff(
      { ...edit((p) => (p.delegates[1]!.family_name = "Parks")), config: signed.config },
      signed,
    );
    expect(renamed.changes[0]!.materials).toContain("check-in list");
    const moved = diff({ ...edit((p) => (p.sessions[0]!.start = "08:30")), config: signed.config }, signed);
    expect(moved.changes[0]!.materials).toContain("check-in list");
    const dietary = diff(
      { ...edit((p) => (p.delegates[1]!.dietary = "halal")), config: signed.config },
      signed,
    );
    expect(dietary.changes[0]!.materials).toEqual(["caterer list"]);
    // Signing the codes from now on: the badges and the door's files are made anew.
    expect(diff(signed).changes.map((c) => [c.id, c.materials])).toEqual([
      ["badge.qr", ["badge", "check-in list"]],
    ]);
    // Without signed codes on either side there are no check-in files to touch.
    expect(diff(edit((p) => (p.delegates[1]!.family_name = "Parks"))).changes[0]!.materials).not.toContain(
      "check-in list",
    );
  });

  it("who moved table, between two seating assignments", () => {
    const b = side(base);
    const moves = compareAssignments(
      new Map([
        [
          "DINNER",
          new Map([
            ["KR-014", "1"],
            ["VN-004", "2"],
          ]),
        ],
      ]),
      new Map([
        [
          "DINNER",
          new Map([
            ["KR-014", "2"],
            ["VN-004", "2"],
            ["KR-015", "head"],
          ]),
        ],
      ]),
      b.event,
    );
    expect(moves).toEqual([
      { session: "DINNER", delegate: "KR-014", name: "Shin Young-hee", from: "1", to: "2" },
      { session: "DINNER", delegate: "KR-015", name: "Park Ji-woo", to: "head" },
    ]);
    const r = compareEvents(b, b, moves);
    // The first seated session's table is printed on the badge and the personal agenda too.
    expect(r.changes[0]).toMatchObject({
      kind: "seat-moved",
      materials: ["badge", "agenda/personal", "seating plan", "place card", "table list"],
    });
    expect(formatDiffPretty(diffReport(r, sides), plain)).toContain(
      "DINNER: KR-014 Shin Young-hee moved from table 1 to table 2",
    );
  });

  it("the report matches docs/diff.schema.json, and GitHub annotations point at the row", () => {
    const schema = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../docs/diff.schema.json"), "utf8"),
    );
    const r = diff(
      edit((p) => {
        p.delegates[0]!.family_name = "Shinn";
        p.delegates[0]!.phone = "";
        p.sessions[0]!.start = "09:30";
        p.delegates.push(delegate("KR-201"));
      }),
    );
    const report = diffReport(r, sides, ["a note"]);
    expect(checkSchema(schema, report)).toEqual([]);
    expect(checkSchema(schema, { ...report, changed: "yes" })).toEqual([
      "$.changed: expected boolean, got string",
    ]);
    const gh = formatDiffGithub(report, (f) => `events/x/${f}`);
    expect(gh).toContain("::notice file=events/x/delegates.csv,line=2,title=delegate-changed::KR-014");
    expect(gh.split("\n").at(-1)).toMatch(/^3 changes; to print again: badge \(\d\)/);
  });

  it("markdown escapes what the data holds", () => {
    const r = diff(edit((p) => (p.delegates[0]!.family_name = "*Shin* <b>|")));
    expect(formatDiffMarkdown(diffReport(r, sides))).toContain("\\*Shin\\* \\<b\\>\\|");
  });
});

const sides = { from: { kind: "folder" as const, label: "a" }, to: { kind: "folder" as const, label: "b" } };
