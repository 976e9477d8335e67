import { describe, expect, it } from "vitest";
import { bundledMeasurer } from "../../src/load/fonts.js";
import { BACK_MIN_SIZE } from "../../src/materials/badges/back.js";
import { type BadgeOptions, planBadges } from "../../src/materials/badges/plan.js";
import { prepressFor, sheetBoxes } from "../../src/materials/badges/prepress.js";
import { STOCKS } from "../../src/materials/badges/stocks.js";
import { check, delegate, session, venue } from "../helpers/make.js";

const measurer = bundledMeasurer();
const options = (stock: string, extra: Partial<BadgeOptions> = {}): BadgeOptions => ({
  measurer,
  stock: STOCKS[stock]!,
  sort: "family",
  skip: 0,
  calibrate: false,
  back: true,
  offset: [0, 0],
  fonts: ["Pretendard"],
  ...extra,
});

function event(parts: Parameters<typeof check>[0]) {
  const r = check(parts);
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
  return r.event;
}

const people = [
  delegate("KR-1", {
    given_name: "Seung-min",
    family_name: "Moon",
    native_name: "문승민",
    category: "vip",
    position: "Member of the National Assembly and Chair of the Special Committee on Budget and Accounts",
    organisation: "National Assembly of the Republic of Korea, Special Committee on Budget and Accounts",
  }),
  delegate("KR-2", { given_name: "Seung-woo", family_name: "Moon", native_name: "문승우" }),
];
const sessions = [
  session("OPEN", { title: "Opening ceremony", room: "HALL", speakers: "KR-1" }),
  session("PANEL", { title: "Panel on trade", start: "10:00", end: "11:00", room: "HALL" }),
  session("CLOSE", {
    title: "Closing ceremony",
    date: "2024-05-15",
    start: "13:30",
    end: "14:30",
    room: "HALL",
  }),
];
const config = `badge:
  emergency_contact:
    en: "Secretariat +82 2 5555 0100"
    ko: "사무국 +82 2 5555 0100"
  wifi: "SUMMIT / pass2024"
`;
const e = event({ delegates: people, venues: [venue("HALL", { room: "Grand Hall" })], sessions, config });

describe("badge sizes", () => {
  it.each(Object.keys(STOCKS))(
    "%s: a VIP's long title wraps, the name keeps the size of a name of its length",
    (stock) => {
      const faces = planBadges(e, options(stock)).data.badges;
      const size = (id: string) => faces.find((f) => f.id === id)!.runs[0]!.size;
      expect(size("KR-1")).toBeGreaterThanOrEqual(size("KR-2"));
    },
  );

  it.each(Object.keys(STOCKS))(
    "%s: emergency and Wi-Fi lines at 7 pt or more, in the back's language",
    (stock) => {
      const { backs } = planBadges(e, options(stock)).data;
      const ko = backs.ko!.runs.find((r) => r.text.startsWith("긴급 연락처"))!;
      expect(ko.text).toBe("긴급 연락처: 사무국 +82 2 5555 0100");
      for (const back of Object.values(backs))
        for (const r of back.runs) expect(r.size, r.text).toBeGreaterThanOrEqual(BACK_MIN_SIZE);
    },
  );

  it("prints the name on the back", () => {
    const face = planBadges(e, options("a6-4up")).data.badges.find((f) => f.id === "KR-2")!;
    expect(face.back_runs[0]!.text).toBe("Moon Seung-woo 문승우");
  });
});

describe("the programme at a glance on the back", () => {
  const long = event({
    delegates: people,
    venues: [venue("HALL", { room: "Grand Hall" })],
    sessions: Array.from({ length: 14 }, (_, i) =>
      session(`S${i}`, {
        title: `Session ${i + 1} on the long road to a trade agreement that everyone can sign`,
        date: i < 7 ? "2024-05-14" : "2024-05-15",
        start: `${String(8 + (i % 7)).padStart(2, "0")}:00`,
        end: `${String(8 + (i % 7)).padStart(2, "0")}:50`,
        speakers: "KR-1;KR-2",
      }),
    ),
    config: `${config}  programme_url: https://summit.example/programme\n`,
  });

  it("keeps rooms and speakers where there is room, drops them before it drops a session", () => {
    const text = (stock: string) =>
      planBadges(e, options(stock))
        .data.backs.en!.runs.map((r) => r.text)
        .join("\n");
    expect(text("a6-4up")).toContain("Grand Hall");
    expect(text("a6-4up")).toContain("Closing ceremony");
  });

  it("then drops later items and says where the full programme is, with nothing cut", () => {
    const plan = planBadges(long, options("cr80"));
    const runs = plan.data.backs.en!.runs.map((r) => r.text);
    expect(runs).toContain("Full programme: https://summit.example/programme");
    expect(runs.join(" ")).not.toContain("Session 14");
    expect(runs.join(" ")).not.toContain("…");
    expect(plan.problems.filter((p) => p.file === "sessions.csv")).toEqual([]);
  });
});

describe("badge-overflow", () => {
  it("names the delegate, the field and the line when a text does not fit at its smallest size", () => {
    const huge = event({
      delegates: [delegate("KR-9", { organisation: "Namsan Robotics and Automation ".repeat(30).trim() })],
      config,
    });
    const { problems } = planBadges(huge, options("cr80"));
    const overflow = problems.find((p) => p.code === "badge-overflow")!;
    expect(overflow).toMatchObject({
      severity: "warning",
      file: "delegates.csv",
      line: 2,
      field: "organisation",
    });
    expect(overflow.column).toBeGreaterThan(0);
    expect(overflow.message).toContain("KR-9");
  });

  it("reports an emergency line too long for the back", () => {
    const huge = event({
      delegates: people,
      config: `badge:\n  emergency_contact: "${"call 0100 ".repeat(40)}"\n`,
    });
    const { problems } = planBadges(huge, options("cr80"));
    expect(problems.find((p) => p.field === "badge.emergency_contact")?.code).toBe("badge-overflow");
  });
});

describe("prepress", () => {
  it("bleeds where gutters allow and says so where a stock cannot", () => {
    const insert = prepressFor(STOCKS["insert-90x54"]!, { bleed_mm: 3 });
    expect(insert).toMatchObject({ bleed: 3, frame: 0, notes: [] });
    const a7 = prepressFor(STOCKS["a7-8up"]!, { bleed_mm: 3 });
    expect(a7.bleed).toBe(0);
    // Butting badges: the artwork is framed inside the safe area, so cuts run through white.
    expect(a7.frame).toBe(3);
    expect(a7.notes[0]!.field).toBe("bleed_mm");
  });

  it("gives a one-card stock a larger page for its bleed and marks, the card in its middle", () => {
    const cr80 = prepressFor(STOCKS.cr80!, { bleed_mm: 3, cut_marks: true });
    expect(cr80.stock.page.width).toBeCloseTo(85.6 + 2 * (3 + 7));
    expect(cr80.stock.margin.left).toBeCloseTo(10);
    expect(cr80.cutMarks).toBe(true);
    const { trim, bleed } = sheetBoxes(cr80, [0, 0], false);
    expect(trim.x1 - trim.x0).toBeCloseTo((85.6 / 25.4) * 72, 1);
    expect(trim.x0 - bleed.x0).toBeCloseTo((3 / 25.4) * 72, 1);
    // A card printer's card: no marks unless asked, the page the card itself.
    expect(prepressFor(STOCKS.cr80!, {})).toMatchObject({ cutMarks: false, stock: STOCKS.cr80 });
  });

  it("warns when cut marks are asked for and there is no room outside the badges", () => {
    const a6 = prepressFor(STOCKS["a6-4up"]!, { cut_marks: true });
    expect(a6.cutMarks).toBe(false);
    expect(a6.notes.map((n) => n.field)).toEqual(["cut_marks"]);
  });
});

describe("images in the safe area", () => {
  it.each(Object.keys(STOCKS))("%s: the QR code and the logo lie 3 mm or more inside the trim", (stock) => {
    for (const bleed of [0, 3]) {
      const d = planBadges(e, options(stock, { bleed, logo: "/assets/logo.svg" })).data;
      const safe = d.geometry.safe;
      const boxes = [
        { ...d.qr_box, w: d.qr_box.size, h: d.qr_box.size },
        { ...d.header.logo!, w: d.header.logo!.size, h: d.header.logo!.size },
      ];
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(safe.x - 0.01);
        expect(b.y).toBeGreaterThanOrEqual(safe.y - 0.01);
        expect(b.x + b.w).toBeLessThanOrEqual(safe.x + safe.w + 0.01);
        expect(b.y + b.h).toBeLessThanOrEqual(safe.y + safe.h + 0.01);
      }
    }
  });
});

describe("country and place names on badges", () => {
  it.each(Object.keys(STOCKS))(
    "%s: 'Republic of Korea' and 'Viet Nam' are never split across lines",
    (stock) => {
      const vn = delegate("VN-1", {
        given_name: "Thu Hằng",
        family_name: "Hồ",
        country: "VN",
        language: "en",
        position: "Member of the Committee on Foreign Affairs",
        organisation: "National Assembly of the Socialist Republic of Viet Nam",
      });
      const ev = event({
        delegates: [...people, vn],
        venues: [venue("HALL", { room: "Grand Hall" })],
        sessions,
        config,
      });
      const { badges, backs } = planBadges(ev, options(stock)).data;
      expect(badges.some((f) => f.organisation.includes("Viet\u00a0Nam"))).toBe(true);
      // Every line of every front and back, as placed (one run is one line).
      const runs = [
        ...badges.flatMap((f) => [...f.runs, ...f.back_runs]),
        ...Object.values(backs).flatMap((b) => b.runs),
      ];
      for (const face of [{ id: "all", runs }]) {
        for (const line of face.runs.map((r) => r.text)) {
          expect(line, `${stock} ${face.id}`).not.toMatch(/(Republic of|Viet)$/);
          expect(line, `${stock} ${face.id}`).not.toMatch(/^(Korea|Nam)\b/);
        }
      }
    },
  );
});
