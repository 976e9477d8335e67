import type { Diagnostic } from "../../diagnostics.js";
import { CATEGORY_LABELS, colonOf } from "../../model/i18n.js";
import { hangulName, nameIn } from "../../model/names.js";
import type { Delegate, Event } from "../../model/types.js";
import type { FittedText, Measurer } from "../../render/measure.js";
import { type FloorConfig, textIn } from "../../schema/event.js";
import type { Language } from "../../schema/fields.js";
import type { SeatingResult } from "../../seating/banquet.js";
import type { TableSpec } from "../../seating/layout.js";
import { DEFAULT_CATEGORY_COLOURS } from "../badges/plan.js";
import { type Theme, themeOf } from "../common.js";
import { fitOrReport } from "./fit.js";
import {
  CHAIR_M,
  chooseLayout,
  HEAD_DEPTH_M,
  type HeadShape,
  headLength,
  KEY_ENTRY_MM,
  LABEL_MIN_MM,
  LABEL_SIZES,
  type Layout,
  PAGE,
  PAPERS,
  roundDiameter,
  SEAT_WIDTH_M,
  stageX,
  TABLE_GAP_M,
} from "./floor-layout.js";
import { checkFloor, floorDiag, floorFor } from "./floor-room.js";

export { headLength, PAPERS, roundDiameter, SCALES, SEAT_WIDTH_M } from "./floor-layout.js";
export { floorRoomsUnused } from "./floor-room.js";

import { SEATING_WORDS } from "./words.js";

const PT_PER_MM = 72 / 25.4;

/** A text placed on the plan: its top-left corner and width in mm, its lines fitted. */
export interface Label {
  x: number;
  y: number;
  w: number;
  align: "left" | "right" | "center";
  lines: { text: string; size: number; weight: "semibold" | "regular"; grey: boolean }[];
}

export interface Seat {
  x: number;
  y: number;
  n: number;
  colour: string;
  /** Empty seats have none. */
  label: Label | null;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The floor plan's drawing: every position in millimetres from the page's top-left corner. */
export interface FloorData {
  theme: Theme;
  lang: Language;
  paper: string;
  width: number;
  height: number;
  title: string;
  subtitle: string;
  /** 1:denominator; `mmPerMetre` = 1000 / denominator. */
  scale: {
    denominator: number;
    mmPerMetre: number;
    label: string;
    bar: { x: number; y: number; metres: number; step: number; length: number };
  };
  /** Printed under the scale when the room is not given: the spacing is not to scale. */
  note: string;
  room: Rect | null;
  stage: (Rect & { label: string }) | null;
  doors: { x1: number; y1: number; x2: number; y2: number; label: Label }[];
  aisles: (Rect & { label: string })[];
  seatRadius: number;
  numberSize: number;
  /** A long table (a rectangle) or a round top table (`round`: the circle inside the rectangle). */
  head:
    | (Rect & { round: boolean; label: string; seatRadius: number; numberSize: number; seats: Seat[] })
    | null;
  /** Interpreters behind head-table guests: small chairs behind their principal's seat. */
  behind: { x: number; y: number; colour: string }[];
  behindRadius: number;
  /** Who sits behind whom, under the legend: "Interpreters behind the head table: …". */
  behindKey: string;
  /** Head-table names when their seats are too narrow to name in place: a key by seat number. */
  headKey: { x: number; y: number; n: number; colour: string; label: Label }[];
  tables: { x: number; y: number; r: number; label: string; seats: Seat[] }[];
  legend: { label: string; colour: string }[];
}

/**
 * The floor plan of one seated session, every table to scale: round tables by `roundDiameter`,
 * the head table `SEAT_WIDTH_M` per seat, seats numbered clockwise from the top (the head table
 * left to right as the room sees it) in category colours, each name upright beside its seat.
 * With `seating.floor` in event.yaml the room is drawn (walls, stage, doors, aisles) and the
 * tables stand at their places in it; without it, the tables are spaced for their names. The
 * paper (A3 to A0) and the scale (1:50, 1:100, 1:200…) are the smallest paper, then the largest
 * scale, at which everything fits and names stay legible.
 */
export function planFloor(
  event: Event,
  result: SeatingResult,
  lang: Language,
  fonts: readonly string[],
  measurer: Measurer,
): { pages: FloorData[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const session = event.sessionById.get(result.session)!;
  const round = result.tables.filter((t) => t.kind === "round");
  const head = result.tables.find((t) => t.kind === "head");
  const shape = event.config.seating.head_table.custom;
  let floor = floorFor(event, session.room.id);
  if (floor) {
    const wrong = checkFloor(floor, head, shape);
    if (wrong.length > 0) {
      problems.push(...wrong.map((m) => floorDiag(`${session.id}: ${m}`)));
      floor = undefined;
    }
  }
  const found = chooseLayout(round, head, floor, shape);
  if (floor && found === "too-small")
    problems.push(
      floorDiag(
        `${session.id}: ${round.length} round tables do not fit the room of seating.floor (${floor.width_m} × ${floor.depth_m} m) with ${TABLE_GAP_M} m between tables; the plan spaces them freely instead`,
      ),
    );
  else if (floor && (found === "too-large" || (typeof found !== "string" && found.labelMm < LABEL_MIN_MM)))
    problems.push(
      floorDiag(
        `${session.id}: the room of seating.floor (${floor.width_m} × ${floor.depth_m} m) is too large to name every seat legibly on one A0 sheet; the plan is drawn in sheets without the room`,
        "Print the room's outline from your venue's own drawing, or leave seating.floor out.",
      ),
    );
  const layout = typeof found !== "string" && found.labelMm >= LABEL_MIN_MM ? found : undefined;
  // A hall too large to name every seat legibly on one A0 sheet is drawn in sections, a sheet
  // each, in table order (the head table on the first).
  const sections = layout
    ? [{ round, head, l: layout }]
    : splitSections(round, head, shape).map((part, i) => ({
        round: part,
        head: i === 0 ? head : undefined,
        l: chooseLayout(part, i === 0 ? head : undefined, undefined, shape) as Layout,
      }));
  const pages = sections.map((sec, i) =>
    drawPage(event, result, lang, fonts, measurer, problems, {
      ...sec,
      floor: layout ? floor : undefined,
      part: sections.length > 1 ? { index: i + 1, of: sections.length } : undefined,
    }),
  );
  return { pages, problems };
}

/** Round tables in runs that each fit one sheet legibly (all of them when they do). */
function splitSections(round: TableSpec[], head: TableSpec | undefined, shape: HeadShape): TableSpec[][] {
  const legible = (n: number, withHead: boolean) =>
    (chooseLayout(round.slice(0, n), withHead ? head : undefined, undefined, shape) as Layout).labelMm >=
    LABEL_MIN_MM;
  if (legible(round.length, true)) return [round];
  // The most tables a sheet holds legibly (by halving), the first sheet with the head table.
  const most = (withHead: boolean) => {
    let lo = 1;
    let hi = round.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (legible(mid, withHead)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const first = most(true);
  const rest = most(false);
  const out = [round.slice(0, first)];
  for (let k = first; k < round.length; k += rest) out.push(round.slice(k, k + rest));
  return out;
}

function drawPage(
  event: Event,
  result: SeatingResult,
  lang: Language,
  fonts: readonly string[],
  measurer: Measurer,
  problems: Diagnostic[],
  sec: {
    round: TableSpec[];
    head: TableSpec | undefined;
    l: Layout;
    floor: FloorConfig | undefined;
    part: { index: number; of: number } | undefined;
  },
): FloorData {
  const { round, head, l, floor, part } = sec;
  const shape = event.config.seating.head_table.custom;
  const session = event.sessionById.get(result.session)!;
  const fb = event.config.defaultLanguage;
  const words = SEATING_WORDS(lang);
  const s = l.mmPerMetre;
  const colours = { ...DEFAULT_CATEGORY_COLOURS, ...event.config.badge.colours };
  const who = new Map(result.seats.map((x) => [`${x.table}:${x.seat}`, x.delegate]));
  const guest = (t: TableSpec, n: number) => {
    const id = who.get(`${t.id}:${n}`);
    return id ? event.delegateById.get(id) : undefined;
  };
  const X = (m: number) => round2(l.ox + m * s);
  const Y = (m: number) => round2(l.oy + m * s);
  const label = (d: Delegate, widthMm: number, align: Label["align"]) =>
    seatLabel(event, d, lang, widthMm, align, measurer, problems);

  // Interpreters behind their principal (seating.head_table.interpreters: behind), by seat.
  const behindAt = new Map<number, Delegate[]>();
  if (head)
    for (const b of result.behind) {
      const seat = result.seats.find((x) => x.delegate === b.principal && x.table === head.id)?.seat;
      const d = event.delegateById.get(b.delegate);
      if (seat !== undefined && d) behindAt.set(seat, [...(behindAt.get(seat) ?? []), d]);
    }
  const behind: FloorData["behind"] = [];
  const behindRadius = round2(Math.max(1, l.seatRadius * 0.6));

  /**
   * The seats of a round table around its centre (mm), numbered clockwise from the top, each
   * name beside its seat, clear of the seat's circle and of an interpreter's chair behind it.
   */
  const roundSeats = (t: TableSpec, cx: number, cy: number, r: number): Seat[] => {
    const rs = r + CHAIR_M * s;
    const seats: Seat[] = [];
    for (let n = 1; n <= t.seats; n++) {
      const a = -Math.PI / 2 + (2 * Math.PI * (n - 1)) / t.seats;
      const cos = Math.cos(a);
      const sin = Math.sin(a);
      const d = guest(t, n);
      const align: Label["align"] = cos > 0.3 ? "left" : cos < -0.3 ? "right" : "center";
      const sx = cx + rs * cos;
      const sy = cy + rs * sin;
      const back = t.kind === "head" ? (behindAt.get(n) ?? []) : [];
      back.forEach((x, k) => {
        const rb = rs + l.seatRadius + behindRadius + 0.4 + k * (2 * behindRadius + 0.4);
        behind.push({ x: round2(cx + rb * cos), y: round2(cy + rb * sin), colour: colours[x.category] });
      });
      // The label stands clear of the outermost chair on this seat's line.
      const reach = back.length > 0 ? rs + l.seatRadius + back.length * (2 * behindRadius + 0.4) : rs;
      const ax = cx + reach * cos;
      const ay = cy + reach * sin;
      let lab: Label | null = null;
      if (d) {
        // Beside its seat, clear of the seat's circle: level with it on the table's sides,
        // above the top seat and below the bottom one.
        lab = label(d, Math.max(l.labelMm, 14), align);
        const h = labelHeight(lab, measurer);
        const gap = (back.length > 0 ? behindRadius : l.seatRadius) + 0.8;
        lab.x = round2(align === "left" ? ax + gap : align === "right" ? ax - gap - lab.w : ax - lab.w / 2);
        lab.y = round2(align === "center" ? (sin < 0 ? ay - gap - h : ay + gap) : ay - h / 2);
      }
      seats.push({
        x: round2(sx),
        y: round2(sy),
        n,
        colour: d ? colours[d.category] : "#ffffff",
        label: lab,
      });
    }
    return seats;
  };

  const tables = round.map((t, k) => {
    const spot = l.spots[k]!;
    const r = (roundDiameter(t.seats) / 2) * s;
    return {
      x: X(spot.x),
      y: Y(spot.y),
      r: round2(r),
      label: t.id,
      seats: roundSeats(t, X(spot.x), Y(spot.y), r),
    };
  });

  let headData: FloorData["head"] = null;
  const headKey: FloorData["headKey"] = [];
  if (head && shape === "round") {
    // A round top table to scale, seat 1 (the host) at the top facing the door, named like
    // the round tables.
    const r = (roundDiameter(head.seats) / 2) * s;
    const cx = X(l.headX);
    const cy = Y(l.headY) + r;
    headData = {
      x: round2(cx - r),
      y: round2(cy - r),
      w: round2(2 * r),
      h: round2(2 * r),
      round: true,
      label: words.head,
      seatRadius: l.seatRadius,
      numberSize: numberSize(l.seatRadius),
      seats: roundSeats(head, cx, cy, r),
    };
  } else if (head) {
    const w = headLength(head.seats) * s;
    const x = X(l.headX) - w / 2;
    const y = Y(l.headY);
    const pitch = SEAT_WIDTH_M * s;
    const seatRadius = round2(Math.min(2.4, pitch / 2 - 0.2));
    const seats: Seat[] = [];
    for (let n = 1; n <= head.seats; n++) {
      const d = guest(head, n);
      const sx = x + pitch * (n - 0.5);
      let lab: Label | null = null;
      if (d && l.headInPlace) {
        lab = label(d, pitch - 1, "center");
        lab.x = round2(sx - lab.w / 2);
        lab.y = round2(y + HEAD_DEPTH_M * s + 1.5);
      }
      seats.push({
        x: round2(sx),
        y: round2(y - CHAIR_M * s),
        n,
        colour: d ? colours[d.category] : "#ffffff",
        label: lab,
      });
      // Interpreters behind: small chairs behind the guest's, on the stage side, side by side.
      const back = behindAt.get(n) ?? [];
      back.forEach((x, k) => {
        behind.push({
          x: round2(sx + (k - (back.length - 1) / 2) * (2 * behindRadius + 0.3)),
          y: round2(y - CHAIR_M * s - seatRadius - behindRadius - 0.4),
          colour: colours[x.category],
        });
      });
    }
    if (!l.headInPlace) {
      // Too narrow to name in place: a key below the table, by seat number, in seat order.
      const cols = l.keyColumns;
      const left = X(l.headX) - (cols * KEY_ENTRY_MM) / 2;
      for (let n = 1; n <= head.seats; n++) {
        const d = guest(head, n);
        if (!d) continue;
        const col = (n - 1) % cols;
        const row = Math.floor((n - 1) / cols);
        const kx = left + col * KEY_ENTRY_MM;
        const ky = y + HEAD_DEPTH_M * s + 3 + row * l.keyRowMm;
        const lab = label(d, KEY_ENTRY_MM - 7, "left");
        lab.x = round2(kx + 5.5);
        lab.y = round2(ky);
        headKey.push({
          x: round2(kx + 2.2),
          y: round2(ky + 2.2),
          n,
          colour: colours[d.category],
          label: lab,
        });
      }
    }
    headData = {
      x: round2(x),
      y: round2(y),
      w: round2(w),
      h: round2(HEAD_DEPTH_M * s),
      round: false,
      label: words.head,
      seatRadius,
      numberSize: numberSize(seatRadius),
      seats,
    };
  }

  const page = PAPERS[l.paper]!;
  const room = floor;
  const barMetres = niceBar(l.denominator);
  // The interpreters behind the head table are drawn too: their colour is in the legend.
  const used = [
    ...new Set(
      [...result.seats, ...(head ? result.behind : [])].map(
        (x) => event.delegateById.get(x.delegate)!.category,
      ),
    ),
  ];
  const data: FloorData = {
    theme: themeOf(event, fonts),
    lang,
    paper: page.paper,
    width: page.width,
    height: page.height,
    title: `${session.title[lang] ?? session.title[fb] ?? session.id} · ${session.room.room[lang] ?? session.room.room[fb] ?? ""}`,
    subtitle: [
      words.counts(result.seats.length, result.tables.length),
      ...(part ? [words.section(part.index, part.of, round[0]?.id ?? "", round.at(-1)?.id ?? "")] : []),
    ].join(" · "),
    scale: {
      denominator: l.denominator,
      mmPerMetre: round2(s),
      label: `${words.scale} 1:${l.denominator}`,
      bar: {
        x: round2(page.width - PAGE.margin - barMetres * s),
        y: round2(page.height - 14),
        metres: barMetres,
        step: barMetres <= 5 ? 1 : barMetres / 5,
        length: round2(barMetres * s),
      },
    },
    note: room ? "" : words.schematic,
    room: room ? { x: X(0), y: Y(0), w: round2(room.width_m * s), h: round2(room.depth_m * s) } : null,
    stage: room?.stage
      ? {
          x: X(stageX(room)),
          y: Y(0),
          w: round2(room.stage.width_m * s),
          h: round2(room.stage.depth_m * s),
          label: textIn(room.stage.label, lang, fb) ?? words.stage,
        }
      : null,
    doors: (room?.doors ?? []).map((door) =>
      doorData(door, room!, X, Y, textIn(door.label, lang, fb) ?? words.door),
    ),
    aisles: (room?.aisles ?? []).map((a) => ({
      x: X(a.x_m),
      y: Y(a.y_m),
      w: round2(a.width_m * s),
      h: round2(a.depth_m * s),
      label: textIn(a.label, lang, fb) ?? words.aisle,
    })),
    seatRadius: l.seatRadius,
    numberSize: numberSize(l.seatRadius),
    head: headData,
    behind,
    behindRadius,
    behindKey: behindKey(event, result, head, lang),
    headKey,
    tables,
    legend: used.map((c) => ({ label: legendWord(CATEGORY_LABELS(lang)[c]), colour: colours[c] })),
  };
  return data;
}

function doorData(
  d: FloorConfig["doors"][number],
  f: FloorConfig,
  X: (m: number) => number,
  Y: (m: number) => number,
  text: string,
): FloorData["doors"][number] {
  const a = d.at_m;
  const b = d.at_m + d.width_m;
  const lines = [{ text, size: 7, weight: "regular" as const, grey: false }];
  const w = 30;
  if (d.wall === "top" || d.wall === "bottom") {
    const y = d.wall === "top" ? 0 : f.depth_m;
    const mid = X((a + b) / 2);
    return {
      x1: X(a),
      y1: Y(y),
      x2: X(b),
      y2: Y(y),
      label: {
        x: round2(mid - w / 2),
        y: round2(d.wall === "top" ? Y(y) - 4.5 : Y(y) + 1.2),
        w,
        align: "center",
        lines,
      },
    };
  }
  const x = d.wall === "left" ? 0 : f.width_m;
  const mid = Y((a + b) / 2);
  return {
    x1: X(x),
    y1: Y(a),
    x2: X(x),
    y2: Y(b),
    label: {
      x: round2(d.wall === "left" ? X(x) - w - 1.2 : X(x) + 1.2),
      y: round2(mid - 1.6),
      w,
      align: d.wall === "left" ? "right" : "left",
      lines,
    },
  };
}

/**
 * A seat's label: the name as the plan's language writes it (diacritics kept), then the Hangul
 * or Latin form when the person has one, each fitted to the label's width.
 */
function seatLabel(
  event: Event,
  d: Delegate,
  lang: Language,
  widthMm: number,
  align: Label["align"],
  m: Measurer,
  problems: Diagnostic[],
): Label {
  const first = nameIn(d, lang);
  // The second line is the other script: Hangul under a Latin name, the Latin under a Hangul one.
  const hangul = hangulName(d);
  const second =
    hangul !== undefined && hangul !== first ? hangul : first !== nameIn(d, "en") ? nameIn(d, "en") : "";
  const width = widthMm * PT_PER_MM;
  const fitLine = (text: string, weight: "semibold" | "regular", field: string): FittedText =>
    fitOrReport(
      m,
      text,
      [{ width, maxSize: LABEL_SIZES.max, minSize: LABEL_SIZES.min, maxLines: 1, weight }],
      { event, delegate: d, material: "floor plan", field },
      problems,
    );
  const a = fitLine(first, "semibold", nameField(d, first));
  const lines: Label["lines"] = [{ text: a.lines[0] ?? "", size: a.size, weight: "semibold", grey: false }];
  if (second) {
    const b = fitLine(second, "regular", nameField(d, second));
    lines.push({ text: b.lines[0] ?? "", size: Math.min(a.size, b.size), weight: "regular", grey: true });
  }
  return { x: 0, y: 0, w: round2(widthMm), align, lines };
}

/** "Interpreters behind the head table: Name (seat 3), …", empty when none sits behind. */
function behindKey(event: Event, result: SeatingResult, head: TableSpec | undefined, lang: Language): string {
  if (!head || result.behind.length === 0) return "";
  const seatOf = new Map(result.seats.filter((x) => x.table === head.id).map((x) => [x.delegate, x.seat]));
  // In seat order, as the room reads the table.
  const entries = result.behind
    .map((b) => ({ d: event.delegateById.get(b.delegate)!, seat: seatOf.get(b.principal) ?? 0 }))
    .sort((a, b) => a.seat - b.seat)
    .map(({ d, seat }) => SEATING_WORDS(lang).behindEntry(nameIn(d, lang), seat));
  return `${SEATING_WORDS(lang).behind}${colonOf(lang)}${entries.join(", ")}`;
}

/** The delegates.csv column a printed name comes from, for diagnostics. */
export function nameField(d: Delegate, printed: string): string {
  return d.nativeName && printed === d.nativeName ? "native_name" : "given_name";
}

/** Height of a label in mm: each line from ascender to descender plus the template's leading. */
export function labelHeight(l: Label, m: Measurer): number {
  return l.lines.reduce((h, x) => h + x.size * (m.lineHeight + LEADING), 0) / PT_PER_MM;
}

/** Leading between a label's lines, in em: the template sets the same (`floor-leading`). */
export const LEADING = 0.15;

/** Seat numbers as large as the seat's circle allows, never under 4.5 pt. */
const numberSize = (radiusMm: number) => round2(Math.max(4.5, Math.min(7, radiusMm * 2.6)));

/** Badges shout their category (DELEGATE); a legend names it (Delegate), acronyms (VIP) kept. */
const legendWord = (w: string) =>
  w.length > 3 && w === w.toUpperCase() ? w[0] + w.slice(1).toLowerCase() : w;

/** A scale bar about 50–100 mm long in whole metres. */
function niceBar(den: number): number {
  const s = 1000 / den;
  return [1, 2, 5, 10, 20, 50, 100].find((m) => m * s >= 50) ?? 100;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
