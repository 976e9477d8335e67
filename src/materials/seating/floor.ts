import { type Diagnostic, diag } from "../../diagnostics.js";
import { CATEGORY_LABELS } from "../../model/i18n.js";
import { latinName, nameIn } from "../../model/names.js";
import type { Delegate, Event } from "../../model/types.js";
import type { FittedText, Measurer } from "../../render/measure.js";
import { type FloorConfig, textIn } from "../../schema/event.js";
import type { Language } from "../../schema/fields.js";
import type { SeatingResult } from "../../seating/banquet.js";
import type { TableSpec } from "../../seating/layout.js";
import { DEFAULT_CATEGORY_COLOURS } from "../badges/plan.js";
import { type Theme, themeOf } from "../common.js";
import { fitOrReport } from "./fit.js";
import { SEATING_WORDS } from "./words.js";

const PT_PER_MM = 72 / 25.4;

/** Length of the head table per guest: 0.65 m, the middle of the 0.6–0.7 m caterers allow. */
export const SEAT_WIDTH_M = 0.65;
/** Depth of the head table (a banquet trestle). */
export const HEAD_DEPTH_M = 0.8;
/** From a table's edge to the centre of its chairs. */
const CHAIR_M = 0.35;
/** Clear floor between two tables' edges: two chairs back to back and a passage. */
const TABLE_GAP_M = 1.5;
/** A table's footprint with its chairs, from its centre, beyond its radius. */
const FOOTPRINT_M = 0.6;
/** Kept clear in front of a door. */
const DOOR_CLEAR_M = 1.5;

/**
 * Diameter of a round table in metres from its seats: the standard banquet sizes (10 seats on a
 * 1.8 m table, 8 on 1.5 m, 12 on 2.1 m), beyond 14 seats 55 cm of rim per guest.
 */
export function roundDiameter(seats: number): number {
  const standard: [number, number][] = [
    [4, 0.9],
    [6, 1.2],
    [8, 1.5],
    [10, 1.8],
    [12, 2.1],
    [14, 2.4],
  ];
  const hit = standard.find(([max]) => seats <= max);
  return hit ? hit[1] : Math.ceil((seats * 0.55 * 10) / Math.PI) / 10;
}

/** Length of the head table in metres: its seats side by side. */
export const headLength = (seats: number) => seats * SEAT_WIDTH_M;

/** Standard architectural scales, the largest drawing first; past 1:200 only for huge rooms. */
export const SCALES = [50, 100, 200, 250, 500] as const;

/** Landscape papers the floor plan may take, smallest first. */
export const PAPERS: readonly { paper: string; width: number; height: number }[] = [
  { paper: "a3", width: 420, height: 297 },
  { paper: "a2", width: 594, height: 420 },
  { paper: "a1", width: 841, height: 594 },
  { paper: "a0", width: 1189, height: 841 },
];

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
  head: (Rect & { label: string; seatRadius: number; numberSize: number; seats: Seat[] }) | null;
  /** Head-table names when their seats are too narrow to name in place: a key by seat number. */
  headKey: { x: number; y: number; n: number; colour: string; label: Label }[];
  tables: { x: number; y: number; r: number; label: string; seats: Seat[] }[];
  legend: { label: string; colour: string }[];
}

/** A table centre in metres from the room's left wall and stage wall. */
interface Spot {
  x: number;
  y: number;
}

/** Largest label beside a seat, and the smallest that counts as legible enough to choose a layout. */
const LABEL_MAX_MM = 24;
const LABEL_MIN_MM = 17;
/** Height of a seat's two lines of names at the largest size, with room to spare. */
const LABEL_LINES_MM = 7;
const KEY_ENTRY_MM = 32;
const LABEL_SIZES = { max: 6.5, min: 4.5 };
const PAGE = { margin: 12, top: 30, bottom: 26 };

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
): { data: FloorData; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const session = event.sessionById.get(result.session)!;
  const fb = event.config.defaultLanguage;
  const words = SEATING_WORDS[lang];
  const round = result.tables.filter((t) => t.kind === "round");
  const head = result.tables.find((t) => t.kind === "head");
  let floor = floorFor(event, session.room.id);
  if (floor) {
    const wrong = checkFloor(floor, head);
    if (wrong.length > 0) {
      problems.push(...wrong.map((m) => floorDiag(`${session.id}: ${m}`)));
      floor = undefined;
    }
  }
  const layout = chooseLayout(round, head, floor);
  if (!layout) {
    problems.push(
      floorDiag(
        `${session.id}: ${round.length} round tables do not fit the room of seating.floor (${floor!.width_m} × ${floor!.depth_m} m) with ${TABLE_GAP_M} m between tables; the plan spaces them freely instead`,
      ),
    );
  }
  const l = layout ?? chooseLayout(round, head, undefined)!;
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

  const tables = round.map((t, k) => {
    const spot = l.spots[k]!;
    const r = (roundDiameter(t.seats) / 2) * s;
    const rs = r + CHAIR_M * s;
    const seats: Seat[] = [];
    for (let n = 1; n <= t.seats; n++) {
      const a = -Math.PI / 2 + (2 * Math.PI * (n - 1)) / t.seats;
      const cos = Math.cos(a);
      const sin = Math.sin(a);
      const d = guest(t, n);
      const align: Label["align"] = cos > 0.3 ? "left" : cos < -0.3 ? "right" : "center";
      const sx = X(spot.x) + rs * cos;
      const sy = Y(spot.y) + rs * sin;
      let lab: Label | null = null;
      if (d) {
        // Beside its seat, clear of the seat's circle: level with it on the table's sides,
        // above the top seat and below the bottom one.
        lab = label(d, Math.max(l.labelMm, 14), align);
        const h = labelHeight(lab, measurer);
        const gap = l.seatRadius + 0.8;
        lab.x = round2(align === "left" ? sx + gap : align === "right" ? sx - gap - lab.w : sx - lab.w / 2);
        lab.y = round2(align === "center" ? (sin < 0 ? sy - gap - h : sy + gap) : sy - h / 2);
      }
      seats.push({
        x: round2(sx),
        y: round2(sy),
        n,
        colour: d ? colours[d.category] : "#ffffff",
        label: lab,
      });
    }
    return { x: X(spot.x), y: Y(spot.y), r: round2(r), label: t.id, seats };
  });

  let headData: FloorData["head"] = null;
  const headKey: FloorData["headKey"] = [];
  if (head) {
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
      label: words.head,
      seatRadius,
      numberSize: numberSize(seatRadius),
      seats,
    };
  }

  const page = PAPERS[l.paper]!;
  const room = floor && layout ? floor : undefined;
  const barMetres = niceBar(l.denominator);
  const used = [...new Set(result.seats.map((x) => event.delegateById.get(x.delegate)!.category))];
  const data: FloorData = {
    theme: themeOf(event, fonts),
    lang,
    paper: page.paper,
    width: page.width,
    height: page.height,
    title: `${session.title[lang] ?? session.title[fb] ?? session.id} · ${session.room.room[lang] ?? session.room.room[fb] ?? ""}`,
    subtitle: words.counts(result.seats.length, result.tables.length),
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
    headKey,
    tables,
    legend: used.map((c) => ({ label: CATEGORY_LABELS[lang][c], colour: colours[c] })),
  };
  return { data, problems };
}

/** The floor of a room from event.yaml: the one naming the room, else the one naming none. */
export function floorFor(event: Event, roomId: string): FloorConfig | undefined {
  const f = event.config.seating.floor;
  const all = f === undefined ? [] : Array.isArray(f) ? f : [f];
  return all.find((x) => x.room === roomId) ?? all.find((x) => x.room === undefined);
}

/** What of a room's description cannot be drawn: parts outside the walls. */
function checkFloor(f: FloorConfig, head: TableSpec | undefined): string[] {
  const out: string[] = [];
  const where = "seating.floor";
  if (f.stage && (stageX(f) + f.stage.width_m > f.width_m || f.stage.depth_m >= f.depth_m))
    out.push(`${where}.stage (${f.stage.width_m} × ${f.stage.depth_m} m) does not fit the room`);
  f.doors.forEach((d, i) => {
    const wall = d.wall === "top" || d.wall === "bottom" ? f.width_m : f.depth_m;
    if (d.at_m + d.width_m > wall)
      out.push(
        `${where}.doors[${i}] (at ${d.at_m} m, ${d.width_m} m wide) runs past the end of the ${d.wall} wall`,
      );
  });
  f.aisles.forEach((a, i) => {
    if (a.x_m + a.width_m > f.width_m || a.y_m + a.depth_m > f.depth_m)
      out.push(`${where}.aisles[${i}] reaches outside the room`);
  });
  if (head && headLength(head.seats) + 0.4 > f.width_m)
    out.push(
      `the head table of ${head.seats} seats (${headLength(head.seats).toFixed(1)} m) is longer than the room is wide`,
    );
  return out;
}

/** `seating.floor` entries naming a room where no session is seated: drawn nowhere, so said. */
export function floorRoomsUnused(event: Event, seated: readonly { room: { id: string } }[]): Diagnostic[] {
  const f = event.config.seating.floor;
  const all = f === undefined ? [] : Array.isArray(f) ? f : [f];
  const rooms = new Set(seated.map((s) => s.room.id));
  return all
    .filter((x) => x.room !== undefined && !rooms.has(x.room))
    .map((x) =>
      floorDiag(
        `seating.floor names room "${x.room}", where no session has seating=assigned: it is not drawn`,
        `Use the id of the seated room in venues.csv (${[...rooms].join(", ") || "none is seated"}).`,
      ),
    );
}

function floorDiag(message: string, hint?: string): Diagnostic {
  return diag(
    "seating-floor",
    "warning",
    { file: "event.yaml", field: "seating.floor" },
    message,
    hint ?? "Check the room's measurements in seating.floor (metres from the left wall and the stage wall).",
  );
}

const stageX = (f: FloorConfig) => (f.stage ? (f.stage.x_m ?? (f.width_m - f.stage.width_m) / 2) : 0);

interface Layout {
  paper: number;
  denominator: number;
  mmPerMetre: number;
  /** Page position of the room's top-left corner, in mm. */
  ox: number;
  oy: number;
  /** Table centres, in the order of the round tables (table 1 nearest the head table). */
  spots: Spot[];
  /** Centre of the head table's length and its back edge, in metres. */
  headX: number;
  headY: number;
  headInPlace: boolean;
  keyColumns: number;
  keyRowMm: number;
  labelMm: number;
  seatRadius: number;
}

/**
 * Tries papers from A3 up and, on each, scales from 1:50 down; keeps the first layout where the
 * room (given or spaced for its names) fits the page with names at least LABEL_MIN_MM wide, else
 * the fitting one with the widest names. Undefined when a given room cannot hold its tables.
 */
function chooseLayout(
  round: TableSpec[],
  head: TableSpec | undefined,
  floor: FloorConfig | undefined,
): Layout | undefined {
  let best: Layout | undefined;
  let roomTooSmall = false;
  for (let p = 0; p < PAPERS.length; p++)
    for (const den of SCALES) {
      const l = layoutAt(p, den, round, head, floor);
      if (l === "too-small") {
        roomTooSmall = true;
        continue;
      }
      if (!l) continue;
      if (l.labelMm >= LABEL_MIN_MM) return l;
      if (!best || l.labelMm > best.labelMm) best = l;
    }
  if (!best && roomTooSmall) return undefined;
  return best ?? (layoutAt(PAPERS.length - 1, SCALES.at(-1)!, round, head, undefined, true) as Layout);
}

function layoutAt(
  paper: number,
  den: number,
  round: TableSpec[],
  head: TableSpec | undefined,
  floor: FloorConfig | undefined,
  force = false,
): Layout | "too-small" | undefined {
  const page = PAPERS[paper]!;
  const s = 1000 / den;
  const areaW = page.width - 2 * PAGE.margin;
  const areaH = page.height - PAGE.top - PAGE.bottom;
  const diameter = Math.max(0, ...round.map((t) => roundDiameter(t.seats)));
  const seats = Math.max(1, ...round.map((t) => t.seats));
  const rs = (diameter / 2 + CHAIR_M) * s;
  const seatRadius = round2(
    Math.max(1, Math.min(Math.max(1.7, Math.min(2.4, 0.2 * s)), Math.sin(Math.PI / seats) * rs - 0.2)),
  );
  const rl = rs + seatRadius + 1;
  // Labels of neighbouring seats on a table's sides stand one above the other: each needs the
  // height of two lines of names, or the scale is too small to name the seats at all.
  const legible = (2 * Math.PI * rl) / seats >= 6 && seatRadius >= 1.6;
  // The head table: named in place when each seat has room for a label, else by a key.
  const headPitch = SEAT_WIDTH_M * s;
  const headInPlace = headPitch >= 19;
  // As few rows as the width allows, evenly filled (12 seats in two rows of 6, not 11 and 1).
  const keyMax = Math.max(1, Math.floor((areaW * 0.9) / KEY_ENTRY_MM));
  const keyColumns = head ? Math.ceil(head.seats / Math.ceil(head.seats / keyMax)) : 1;
  const keyRowMm = 8;
  const headLabelsMm = !head ? 0 : headInPlace ? 9 : Math.ceil(head.seats / keyColumns) * keyRowMm + 3;
  const stageDepth = floor?.stage?.depth_m ?? 0;
  const headY = stageDepth + 0.4 + 2 * CHAIR_M;
  const tablesTop = head ? headY + HEAD_DEPTH_M + headLabelsMm / s + 1.2 : stageDepth + 0.8;
  const foot = diameter / 2 + FOOTPRINT_M;
  const minPitch = diameter + TABLE_GAP_M;
  // Names stick out of the room's outline by up to a label's width.
  const pad = LABEL_MAX_MM + 2;
  if (floor) {
    const W = floor.width_m;
    const D = floor.depth_m;
    if (W * s + 2 * pad > areaW || D * s + pad > areaH) return undefined;
    const avoid = [
      ...floor.aisles.map((a) => ({ x0: a.x_m, y0: a.y_m, x1: a.x_m + a.width_m, y1: a.y_m + a.depth_m })),
      ...floor.doors.map((d) => doorClearance(d, floor)),
    ];
    const area = { x0: foot, y0: tablesTop + foot, x1: W - foot, y1: D - foot };
    const spots = spotsFor(round.length, area, minPitch, Math.max(W, D), avoid, foot, W / 2);
    if (!spots) return "too-small";
    const pitchMm = spots.pitch * s;
    const labelMm = legible ? Math.min(LABEL_MAX_MM, (pitchMm - 2 * rl - 2) / 2) : 0;
    if (labelMm < 8 && !force) return undefined;
    return {
      paper,
      denominator: den,
      mmPerMetre: s,
      ox: PAGE.margin + (areaW - W * s) / 2,
      oy: PAGE.top + Math.max(0, (areaH - D * s - pad) / 2),
      spots: spots.spots,
      headX: floor.stage ? stageX(floor) + floor.stage.width_m / 2 : W / 2,
      headY,
      headInPlace,
      keyColumns,
      keyRowMm,
      labelMm: round2(labelMm),
      seatRadius,
    };
  }
  // No room given: a grid spaced so that the names of neighbouring tables never meet: side by
  // side two labels' widths apart, one above the other two lines of names apart.
  const pitchX = Math.max(minPitch, (2 * (rl + LABEL_MAX_MM) + 2) / s);
  const pitchY = Math.max(minPitch, (2 * (rl + LABEL_LINES_MM) + 2) / s);
  const headW = head ? headLength(head.seats) : 0;
  const keyW = head && !headInPlace ? (keyColumns * KEY_ENTRY_MM) / s : 0;
  let chosen: { W: number; D: number; cols: number } | undefined;
  for (let cols = 1; cols <= Math.max(1, round.length); cols++) {
    const rows = Math.ceil(round.length / cols);
    const W = Math.max(cols * pitchX, headW + 1, keyW);
    const D = tablesTop + rows * pitchY;
    const fits = W * s <= areaW && D * s <= areaH;
    if (!fits) continue;
    const worst = Math.max((W * s) / areaW, (D * s) / areaH);
    if (!chosen || worst < Math.max((chosen.W * s) / areaW, (chosen.D * s) / areaH)) chosen = { W, D, cols };
  }
  if (!chosen && !force) return undefined;
  const cols = chosen?.cols ?? Math.max(1, Math.ceil(Math.sqrt(round.length)));
  const W = chosen?.W ?? cols * pitchX;
  const D = chosen?.D ?? tablesTop + Math.ceil(round.length / cols) * pitchY;
  const grid: Spot[] = [];
  const x0 = (W - cols * pitchX) / 2;
  for (let k = 0; k < round.length; k++)
    grid.push({ x: x0 + pitchX * ((k % cols) + 0.5), y: tablesTop + pitchY * (Math.floor(k / cols) + 0.5) });
  return {
    paper,
    denominator: den,
    mmPerMetre: s,
    ox: PAGE.margin + (areaW - W * s) / 2,
    oy: PAGE.top + Math.max(0, (areaH - D * s) / 2),
    spots: nearestFirst(grid, W / 2),
    headX: W / 2,
    headY,
    headInPlace,
    keyColumns,
    keyRowMm,
    labelMm: legible ? LABEL_MAX_MM : 0,
    seatRadius,
  };
}

/**
 * `count` table centres in `area` on the widest square grid (at least `minPitch` apart) whose
 * footprints keep clear of `avoid`, nearest the head table first. Undefined when even the
 * tightest grid has too few places.
 */
export function spotsFor(
  count: number,
  area: { x0: number; y0: number; x1: number; y1: number },
  minPitch: number,
  maxPitch: number,
  avoid: { x0: number; y0: number; x1: number; y1: number }[],
  foot: number,
  centreX: number,
): { pitch: number; spots: Spot[] } | undefined {
  if (count === 0) return { pitch: maxPitch, spots: [] };
  if (area.x1 < area.x0 || area.y1 < area.y0) return undefined;
  for (let pitch = Math.max(minPitch, maxPitch); pitch >= minPitch - 1e-9; pitch -= 0.05) {
    const cols = Math.floor((area.x1 - area.x0) / pitch + 1e-9) + 1;
    const rows = Math.floor((area.y1 - area.y0) / pitch + 1e-9) + 1;
    if (cols * rows < count) continue;
    const ox = area.x0 + (area.x1 - area.x0 - (cols - 1) * pitch) / 2;
    const oy = area.y0;
    const free: Spot[] = [];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const p = { x: ox + c * pitch, y: oy + r * pitch };
        if (
          !avoid.some((a) => p.x + foot > a.x0 && p.x - foot < a.x1 && p.y + foot > a.y0 && p.y - foot < a.y1)
        )
          free.push(p);
      }
    if (free.length >= count)
      return { pitch: round2(pitch), spots: nearestFirst(free, centreX).slice(0, count) };
  }
  return undefined;
}

/** Front row first, then the middle of each row outwards: table 1 stands nearest the head table. */
function nearestFirst(spots: Spot[], centreX: number): Spot[] {
  return [...spots].sort(
    (a, b) => a.y - b.y || Math.abs(a.x - centreX) - Math.abs(b.x - centreX) || a.x - b.x,
  );
}

function doorClearance(d: FloorConfig["doors"][number], f: FloorConfig) {
  const a = d.at_m;
  const b = d.at_m + d.width_m;
  if (d.wall === "top") return { x0: a, y0: 0, x1: b, y1: DOOR_CLEAR_M };
  if (d.wall === "bottom") return { x0: a, y0: f.depth_m - DOOR_CLEAR_M, x1: b, y1: f.depth_m };
  if (d.wall === "left") return { x0: 0, y0: a, x1: DOOR_CLEAR_M, y1: b };
  return { x0: f.width_m - DOOR_CLEAR_M, y0: a, x1: f.width_m, y1: b };
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
  const hangul = nameIn(d, "ko");
  const second =
    hangul !== first && hangul !== latinName(d) ? hangul : first !== nameIn(d, "en") ? nameIn(d, "en") : "";
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

/** A scale bar about 50–100 mm long in whole metres. */
function niceBar(den: number): number {
  const s = 1000 / den;
  return [1, 2, 5, 10, 20, 50, 100].find((m) => m * s >= 50) ?? 100;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
