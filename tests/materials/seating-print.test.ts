import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics.js";
import { bundledMeasurer } from "../../src/load/fonts.js";
import { DEFAULT_CATEGORY_COLOURS } from "../../src/materials/badges/plan.js";
import {
  floorRoomsUnused,
  headLength,
  PAPERS,
  planFloor,
  roundDiameter,
  SCALES,
} from "../../src/materials/seating/floor.js";
import { floorFor } from "../../src/materials/seating/floor-room.js";
import {
  A2_POSTER,
  A4_LIST,
  cardLanguages,
  initialOf,
  planPlaceCards,
  planTableList,
} from "../../src/materials/seating/plan.js";
import { SEATING_WORDS, tableLabel } from "../../src/materials/seating/words.js";
import type { Event } from "../../src/model/types.js";
import { parseEventConfig } from "../../src/schema/event.js";
import type { SeatingResult } from "../../src/seating/banquet.js";
import { roomTables } from "../../src/seating/layout.js";
import { baseConfigYaml, check, delegate, session, venue } from "../helpers/make.js";

const m = bundledMeasurer();
const fonts = ["Pretendard"];

/** A banquet of `guests` delegates in a hall of `tables` round tables and a head table. */
function banquet(
  guests: number,
  opts: { tables?: number; seats?: number; head?: number; config?: string } = {},
) {
  const { tables = 11, seats = 10, head = 12 } = opts;
  const names: [string, string, string, string][] = [
    ["Minh Tri", "Hoang", "Hoàng Minh Trí", "VN"],
    ["Seung-min", "Moon", "문승민", "KR"],
    ["Thu Hang", "Ho", "Hồ Thu Hằng", "VN"],
    ["Anna", "Lindqvist", "", "SE"],
    ["Ji-woo", "Baek", "백지우", "KR"],
    ["Quoc Bao", "Le", "Lê Quốc Bảo", "VN"],
  ];
  const rows = Array.from({ length: guests }, (_, i) => {
    const [given, family, native, country] = names[i % names.length]!;
    return delegate(`D-${String(i + 1).padStart(3, "0")}`, {
      given_name: given,
      family_name: family,
      native_name: native,
      country,
      language: country === "KR" ? "ko" : country === "VN" ? "vi" : "en",
      honorific: i % 2 === 0 ? "Mr" : "Ms",
      sessions: "GALA",
    });
  });
  const r = check({
    delegates: rows,
    venues: [
      venue("HALL", {
        layout: "banquet",
        capacity: "5000",
        tables: String(tables),
        seats_per_table: String(seats),
        ...(head > 0 ? { head_table_seats: String(head) } : {}),
      }),
    ],
    sessions: [session("GALA", { title: "Gala dinner", seating: "assigned", type: "banquet" })],
    config: `country: VN\n${opts.config ?? ""}`,
  });
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
  return r.event;
}

/** Guests seated in file order: the head table first, then table by table. */
function seated(event: Event): SeatingResult {
  const s = event.sessionById.get("GALA")!;
  const tables = roomTables(s.room);
  const seats: SeatingResult["seats"] = [];
  let k = 0;
  for (const t of tables)
    for (let n = 1; n <= t.seats && k < s.attendeeIds.length; n++)
      seats.push({ table: t.id, seat: n, delegate: s.attendeeIds[k++]! });
  return {
    session: "GALA",
    tables,
    seats,
    behind: [],
    report: {} as SeatingResult["report"],
    iterations: 0,
    work: 0,
    complete: true,
  };
}

describe("table sizes", () => {
  it("gives round tables the standard banquet diameters and the head table 0.65 m a seat", () => {
    expect(roundDiameter(8)).toBe(1.5);
    expect(roundDiameter(10)).toBe(1.8);
    expect(roundDiameter(12)).toBe(2.1);
    expect(roundDiameter(20)).toBeCloseTo(3.6, 5); // 55 cm of rim a guest, rounded up to 10 cm
    expect(headLength(12)).toBeCloseTo(7.8, 5);
  });
});

describe("planFloor", () => {
  const event = banquet(122);
  const result = seated(event);
  const { pages, problems } = planFloor(event, result, "en", fonts, m);
  const data = pages[0]!;

  it("draws every table to one scale: millimetres on paper = metres × scale", () => {
    const s = data.scale.mmPerMetre;
    expect(SCALES).toContain(data.scale.denominator);
    expect(s).toBeCloseTo(1000 / data.scale.denominator, 5);
    // The head table of 12 seats is 7.8 m long, not 13.8 m.
    expect(data.head!.w).toBeCloseTo(headLength(12) * s, 1);
    expect(data.head!.h).toBeCloseTo(0.8 * s, 1);
    for (const t of data.tables) expect(t.r * 2).toBeCloseTo(1.8 * s, 1);
    expect(data.scale.label).toBe(`Scale 1:${data.scale.denominator}`);
    // The scale bar measures whole metres at the same scale.
    expect(data.scale.bar.length).toBeCloseTo(data.scale.bar.metres * s, 1);
    expect(problems).toEqual([]);
  });

  it("takes the smallest paper, then the largest standard scale, at which it fits", () => {
    expect([data.paper, data.scale.denominator]).toEqual(["a3", 100]);
    // Every seat and every name on the page.
    for (const t of data.tables)
      for (const seat of t.seats) {
        expect(seat.x).toBeGreaterThan(0);
        expect(seat.x).toBeLessThan(data.width);
        expect(seat.label!.x).toBeGreaterThanOrEqual(0);
        expect(seat.label!.x + seat.label!.w).toBeLessThanOrEqual(data.width);
        expect(seat.label!.y).toBeLessThan(data.height - 20);
      }
    // A small dinner is drawn larger, a big one on larger paper.
    const small = banquet(30, { tables: 3, head: 6 });
    expect(planFloor(small, seated(small), "en", fonts, m).pages[0]!.scale.denominator).toBe(50);
    const big = banquet(400, { tables: 40, head: 12 });
    const b = planFloor(big, seated(big), "en", fonts, m).pages[0]!;
    expect(PAPERS.findIndex((p) => p.paper === b.paper)).toBeGreaterThan(0);
    expect(b.tables).toHaveLength(40);
  });

  it("draws a hall too large for one legible A0 sheet in sections, the head table on the first", () => {
    const hall = banquet(2612, { tables: 260, seats: 10, head: 12 });
    const { pages: sheets, problems: p } = planFloor(hall, seated(hall), "en", fonts, m);
    expect(sheets.length).toBeGreaterThan(1);
    expect(sheets.flatMap((x) => x.tables.map((t) => t.label))).toEqual(
      Array.from({ length: 260 }, (_, i) => String(i + 1)),
    );
    expect(sheets[0]!.head).not.toBeNull();
    expect(sheets[1]!.head).toBeNull();
    for (const sh of sheets) expect(sh.scale.denominator).toBeLessThanOrEqual(100);
    expect(sheets[1]!.subtitle).toMatch(/^2612 guests · 261 tables · sheet 2 of \d · tables \d+–\d+$/);
    expect(p).toEqual([]);
  });

  it("numbers seats and names each guest beside their seat, never over another seat", () => {
    const t = data.tables[0]!;
    expect(t.seats.map((x) => x.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const a of t.seats) {
      const l = a.label!;
      for (const b of t.seats) {
        // The label's box keeps clear of every seat's circle on its table.
        const nx = Math.max(l.x, Math.min(b.x, l.x + l.w));
        const top = l.y;
        const ny = Math.max(top, Math.min(b.y, top + 4));
        expect(Math.hypot(b.x - nx, b.y - ny), `seat ${a.n} label vs seat ${b.n}`).toBeGreaterThan(
          data.seatRadius * 0.9,
        );
      }
    }
    // A Vietnamese name in its real spelling, the Hangul name under a Korean one.
    const texts = data.tables.flatMap((x) => x.seats.map((s) => s.label!.lines.map((l) => l.text)));
    expect(texts).toContainEqual(["Hoàng Minh Trí"]);
    expect(texts).toContainEqual(["Moon Seung-min", "문승민"]);
    // The head table's seats are too narrow at 1:100 to name in place: a key by seat number.
    expect(data.headKey.map((k) => k.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("says how many guests and tables in each language's words", () => {
    expect(data.subtitle).toBe("122 guests · 12 tables");
    expect(planFloor(event, result, "ko", fonts, m).pages[0]!.subtitle).toBe("122명 · 테이블 12개");
    expect(planFloor(event, result, "vi", fonts, m).pages[0]!.subtitle).toBe("122 khách · 12 bàn");
    expect(SEATING_WORDS("en").counts(1, 1)).toBe("1 guest · 1 table");
    expect(tableLabel("head", "ko")).toBe("주빈석");
  });

  it("draws the room of seating.floor with its stage, doors and aisles, tables inside the walls", () => {
    const e = banquet(120, {
      config: `seating:
  floor:
    width_m: 24
    depth_m: 19
    stage: { width_m: 8, depth_m: 3 }
    doors: [{ wall: bottom, at_m: 10.8, width_m: 2.4, label: { en: Main entrance } }]
    aisles: [{ x_m: 11, y_m: 6.5, width_m: 2, depth_m: 12.5 }]
`,
    });
    const { pages, problems: p } = planFloor(e, seated(e), "en", fonts, m);
    const d = pages[0]!;
    expect(p).toEqual([]);
    const s = d.scale.mmPerMetre;
    expect(d.room!.w).toBeCloseTo(24 * s, 1);
    expect(d.room!.h).toBeCloseTo(19 * s, 1);
    expect(d.stage).toMatchObject({ label: "Stage", w: 8 * s, h: 3 * s });
    expect(d.stage!.x - d.room!.x).toBeCloseTo(8 * s, 1); // centred on the stage wall
    expect(d.doors[0]!.label.lines[0]!.text).toBe("Main entrance");
    expect(d.doors[0]!.x2 - d.doors[0]!.x1).toBeCloseTo(2.4 * s, 1);
    const aisle = d.aisles[0]!;
    for (const t of d.tables) {
      expect(t.x - t.r).toBeGreaterThan(d.room!.x);
      expect(t.x + t.r).toBeLessThan(d.room!.x + d.room!.w);
      expect(t.y + t.r).toBeLessThan(d.room!.y + d.room!.h);
      expect(t.y - t.r).toBeGreaterThan(d.head!.y + d.head!.h);
      // No table stands in the aisle.
      expect(t.x + t.r <= aisle.x || t.x - t.r >= aisle.x + aisle.w).toBe(true);
    }
    // The head table stands in front of the stage, centred on it.
    expect(d.head!.y).toBeGreaterThan(d.stage!.y + d.stage!.h);
    expect(d.head!.x + d.head!.w / 2).toBeCloseTo(d.stage!.x + d.stage!.w / 2, 1);
    expect(d.note).toBe("");
  });

  it("warns when the room cannot hold its tables or names a room nobody sits in", () => {
    const e = banquet(120, { config: "seating:\n  floor: { width_m: 12, depth_m: 9 }\n" });
    const { pages, problems: p } = planFloor(e, seated(e), "en", fonts, m);
    const d = pages[0]!;
    expect(p.map((x) => x.code)).toEqual(["seating-floor"]);
    expect(p[0]!.message).toMatch(/11 round tables do not fit the room of seating.floor \(12 × 9 m\)/);
    expect(d.room).toBeNull();
    expect(d.tables).toHaveLength(11);
    const wrong = banquet(10, {
      config: "seating:\n  floor: { width_m: 20, depth_m: 15, stage: { width_m: 30, depth_m: 3 } }\n",
    });
    expect(planFloor(wrong, seated(wrong), "en", fonts, m).problems[0]!.message).toMatch(
      /stage .* does not fit/,
    );
  });
});

describe("seating.floor in event.yaml", () => {
  it("names a mistyped measurement by its key, line and column", () => {
    const r = parseEventConfig(`${baseConfigYaml}seating:\n  floor:\n    width_m: -3\n    depth_m: 10\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({ code: "event-config", line: 9, column: 14 });
    expect(r.diagnostics[0]!.message).toMatch(/^seating\.floor\.width_m: /);
  });

  it("draws a room too large for any paper without its outline, never tables without their room", () => {
    const e = banquet(40, {
      tables: 10,
      seats: 4,
      head: 0,
      config: "seating:\n  floor: { width_m: 300, depth_m: 200 }\n",
    });
    const { pages, problems } = planFloor(e, seated(e), "en", fonts, m);
    expect(problems.map((p) => p.code)).toEqual(["seating-floor"]);
    expect(problems[0]!.message).toMatch(/too large to name every seat legibly on one A0 sheet/);
    expect(pages.every((p) => p.room === null)).toBe(true);
    expect(pages.flatMap((p) => p.tables)).toHaveLength(10);
  });

  it("takes the room's own entry of seating.floors and warns about one naming no seated room", () => {
    const e = banquet(10, {
      config: `seating:
  floor: { width_m: 30, depth_m: 20 }
  floors:
    - { room: HALL, width_m: 24, depth_m: 19 }
    - { room: TERRACE, width_m: 10, depth_m: 8 }
`,
    });
    expect(floorFor(e, "HALL")).toMatchObject({ width_m: 24 });
    expect(floorFor(e, "FOYER")).toMatchObject({ width_m: 30 });
    const unused = floorRoomsUnused(e, [e.sessionById.get("GALA")!]);
    expect(unused.map((d) => [d.code, d.severity])).toEqual([["seating-floor", "warning"]]);
    expect(unused[0]!.message).toMatch(/room "TERRACE", where no session has seating=assigned/);
  });
});

describe("planPlaceCards", () => {
  const event = banquet(12, { tables: 2, head: 0 });
  const result = seated(event);

  it("prints the real spelling large, with the title each side's language uses", () => {
    const cards = planPlaceCards(event, result, m);
    const vn = cards.find((c) => c.delegate === "D-001")!;
    // A Vietnamese guest of a Vietnamese host: Vietnamese on one side, the guests' Korean on the other.
    expect([vn.front.lang, vn.back.lang]).toEqual(["vi", "ko"]);
    expect(vn.front.name.lines.join(" ")).toBe("Ông Hoàng Minh Trí");
    expect(vn.front.name.lines.join(" ")).not.toContain("Hoang Minh Tri");
    expect(vn.front.name.size).toBeGreaterThanOrEqual(20);
    expect(vn.front.table).toBe("Bàn 1");
    expect(vn.back.table).toBe("테이블 1");
    const kr = cards.find((c) => c.delegate === "D-002")!;
    expect([kr.front.lang, kr.back.lang]).toEqual(["vi", "ko"]);
    expect(kr.back.name.lines.join(" ")).toMatch(/^문승민/);
    const se = cards.find((c) => c.delegate === "D-004")!;
    expect([se.front.lang, se.back.lang]).toEqual(["vi", "en"]);
    expect(se.back.name.lines.join(" ")).toBe("Ms Anna Lindqvist");
  });

  it("lets event.yaml fix both sides' languages", () => {
    const e = banquet(4, {
      tables: 1,
      head: 0,
      config: "seating:\n  place_cards: { languages: [en, ko] }\n",
    });
    const sides = cardLanguages(e, [...e.delegateById.values()]);
    expect(sides(e.delegateById.get("D-001")!)).toEqual(["en", "ko"]);
  });

  it("shrinks a long name to two lines and reports one that does not fit even then", () => {
    const e = banquet(2, { tables: 1, head: 0 });
    const d = e.delegateById.get("D-002")!;
    d.nativeName = undefined;
    d.givenName = "Alexandra Margarethe Friederike Sophie";
    d.familyName = "von Hohenzollern-Sigmaringen-Wittelsbach";
    const problems: Diagnostic[] = [];
    const card = planPlaceCards(e, seated(e), m, problems).find((c) => c.delegate === "D-002")!;
    expect(card.front.name.size).toBeGreaterThanOrEqual(16);
    d.givenName = "Alexandra ".repeat(20).trim();
    planPlaceCards(e, seated(e), m, problems);
    const over = problems.filter((p) => p.code === "seating-overflow");
    expect(over.length).toBeGreaterThan(0);
    expect(over[0]).toMatchObject({
      severity: "warning",
      file: "delegates.csv",
      line: 3,
      field: "given_name",
    });
    expect(over[0]!.message).toMatch(/^D-002: place cards: ".*" does not fit 186 mm at 16 pt/);
  });
});

describe("planTableList", () => {
  const event = banquet(24, { tables: 3, head: 0 });
  const result = seated(event);

  it("sets the poster's names at 24 pt or more and the desk list at 8–11 pt", () => {
    const poster = planTableList(event, result, "en", m, A2_POSTER);
    const sizes = poster.groups.flatMap((g) => g.entries.map((e) => e.size));
    expect(sizes).toHaveLength(24);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
    const desk = planTableList(event, result, "en", m, A4_LIST);
    for (const g of desk.groups) for (const e of g.entries) expect(e.size).toBeLessThanOrEqual(11);
  });

  it("files guests by the name they look themselves up by, in each language", () => {
    const en = planTableList(event, result, "en", m);
    expect(en.title).toBe("Find your table");
    expect(en.groups.map((g) => g.heading)).toEqual(["B", "H", "L", "M"]);
    expect(en.groups.find((g) => g.heading === "L")!.entries.map((e) => e.name)).toContain("Lindqvist, Anna");
    const vi = planTableList(event, result, "vi", m);
    expect(vi.title).toBe("Tìm bàn của Quý vị");
    expect(vi.hint).toBe(SEATING_WORDS("vi").findTableHint);
    // Vietnamese guests by their given name (Bảo, Hằng, Trí); foreign guests by family name.
    const order = vi.groups.flatMap((g) => g.entries.map((e) => e.name));
    expect(order.indexOf("Lê Quốc Bảo")).toBeLessThan(order.indexOf("Hồ Thu Hằng"));
    expect(order.indexOf("Hồ Thu Hằng")).toBeLessThan(order.indexOf("Hoàng Minh Trí"));
    const ko = planTableList(event, result, "ko", m);
    expect(ko.title).toBe("테이블 안내");
    expect(ko.groups.map((g) => g.heading)).toContain("ㅁ");
  });

  it("puts a name too long for one line at the smallest size on more lines, its transcription whole, and cuts nothing", () => {
    const e = banquet(4, { tables: 1, head: 0 });
    const d = e.delegateById.get("D-002")!;
    // A poster row at 24 pt holds some 28 characters beside "Table 1"; this one has 44.
    d.nativeName = "Хан Жэ Вон Батсүхийн Энхжаргал (Han Jae-won)";
    const problems: Diagnostic[] = [];
    const list = planTableList(e, seated(e), "mn", m, A2_POSTER, problems);
    const entry = list.groups.flatMap((g) => g.entries).find((x) => x.name.startsWith("Хан"))!;
    expect(problems.filter((p) => p.code === "seating-overflow")).toEqual([]);
    expect(entry.lines.length).toBeGreaterThan(1);
    expect(entry.lines.join(" ")).toBe("Хан Жэ Вон Батсүхийн Энхжаргал (Han Jae-won)");
    expect(entry.lines.some((l) => l.endsWith("(Han Jae-won)"))).toBe(true);
    expect(entry.size).toBeGreaterThanOrEqual(24);
    // Names that fit on one line stay on one.
    for (const x of list.groups.flatMap((g) => g.entries)) if (x !== entry) expect(x.lines).toHaveLength(1);
  });

  it("files initials as each alphabet does", () => {
    expect(initialOf("Ánh", "en")).toBe("A");
    expect(initialOf("Đặng", "en")).toBe("D");
    expect(initialOf("Đặng", "vi")).toBe("Đ");
    expect(initialOf("Ấn", "vi")).toBe("Â");
    expect(initialOf("김민준", "ko")).toBe("ㄱ");
    expect(initialOf("까치", "ko")).toBe("ㄱ");
  });
});

describe("planFloor with a round top table", () => {
  const event = banquet(122, {
    config: "seating:\n  head_table:\n    custom: round\n    interpreters: behind\n",
  });
  const plain = seated(event);
  // The guest at head seat 3 has an interpreter on a chair behind them.
  const principal = plain.seats.find((x) => x.table === "head" && x.seat === 3)!.delegate;
  const interpreter = plain.seats.find((x) => x.table === "1" && x.seat === 1)!.delegate;
  const result: SeatingResult = {
    ...plain,
    seats: plain.seats.filter((x) => x.delegate !== interpreter),
    behind: [{ delegate: interpreter, principal }],
  };
  const { pages, problems } = planFloor(event, result, "en", fonts, m);
  const d = pages[0]!;
  const hd = d.head!;

  it("draws the head table as a round table to scale, seat 1 (the host) at the top facing the door", () => {
    expect(problems).toEqual([]);
    expect(hd.round).toBe(true);
    expect(hd.w).toBeCloseTo(roundDiameter(12) * d.scale.mmPerMetre, 1);
    expect(hd.h).toBeCloseTo(hd.w, 5);
    const cx = hd.x + hd.w / 2;
    const cy = hd.y + hd.h / 2;
    const one = hd.seats[0]!;
    expect(one.n).toBe(1);
    expect(one.x).toBeCloseTo(cx, 1);
    expect(one.y).toBeLessThan(hd.y);
    // The co-host's seat 7 opposite, at the foot of the table.
    expect(hd.seats[6]!.y).toBeGreaterThan(cy + hd.h / 2);
    // Clockwise from the top: seat 4 on the room's right, seat 10 on its left, all named in place.
    expect(hd.seats[3]!.x).toBeGreaterThan(cx);
    expect(hd.seats[9]!.x).toBeLessThan(cx);
    for (const s of hd.seats) expect(s.label, String(s.n)).not.toBeNull();
    expect(d.headKey).toEqual([]);
    // The round tables stand behind it, none overlapping it.
    for (const t of d.tables) expect(t.y - t.r).toBeGreaterThan(hd.y + hd.h);
  });

  it("draws an interpreter behind their guest and names them under the legend", () => {
    const three = hd.seats[2]!;
    const cx = hd.x + hd.w / 2;
    const cy = hd.y + hd.h / 2;
    expect(d.behind).toHaveLength(1);
    const b = d.behind[0]!;
    // On the line from the centre through seat 3, further out.
    expect(Math.hypot(b.x - cx, b.y - cy)).toBeGreaterThan(Math.hypot(three.x - cx, three.y - cy));
    const cross = (three.x - cx) * (b.y - cy) - (three.y - cy) * (b.x - cx);
    expect(Math.abs(cross) / Math.hypot(three.x - cx, three.y - cy)).toBeLessThan(0.1);
    expect(d.behindKey).toMatch(/^Interpreters behind the head table: .+ \(behind seat 3\)$/);
    // In their category's colour, which the legend names though they take no seat.
    expect(b.colour).toBe(DEFAULT_CATEGORY_COLOURS[event.delegateById.get(interpreter)!.category]);
    expect(d.legend.map((x) => x.colour)).toContain(b.colour);
  });
});
