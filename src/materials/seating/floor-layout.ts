import type { FloorConfig } from "../../schema/event.js";
import type { TableSpec } from "../../seating/layout.js";

// Where the floor plan's tables stand and at what paper and scale: pure geometry, in metres for
// the room and millimetres for the page (src/materials/seating/floor.ts draws from it).

/** Length of the head table per guest: 0.65 m, the middle of the 0.6–0.7 m caterers allow. */
export const SEAT_WIDTH_M = 0.65;
/** Depth of the head table (a banquet trestle). */
export const HEAD_DEPTH_M = 0.8;
/** From a table's edge to the centre of its chairs. */
export const CHAIR_M = 0.35;
/** Clear floor between two tables' edges: two chairs back to back and a passage. */
export const TABLE_GAP_M = 1.5;
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

/** seating.head_table.custom: a long table facing the room, or a round top table. */
export type HeadShape = "long" | "round";

/** Width of the head table in metres as drawn: its length, or a round top table's diameter. */
export const headWidth = (seats: number, shape: HeadShape) =>
  shape === "round" ? roundDiameter(seats) : headLength(seats);

/** Standard architectural scales, the largest drawing first. */
export const SCALES = [50, 100, 200] as const;

/** Landscape papers the floor plan may take, smallest first. */
export const PAPERS: readonly { paper: string; width: number; height: number }[] = [
  { paper: "a3", width: 420, height: 297 },
  { paper: "a2", width: 594, height: 420 },
  { paper: "a1", width: 841, height: 594 },
  { paper: "a0", width: 1189, height: 841 },
];

/** A table centre in metres from the room's left wall and stage wall. */
export interface Spot {
  x: number;
  y: number;
}

/** Largest label beside a seat, and the smallest that counts as legible enough to choose a layout. */
export const LABEL_MAX_MM = 24;
export const LABEL_MIN_MM = 17;
/** Height of a seat's two lines of names at the largest size, with room to spare. */
const LABEL_LINES_MM = 7;
export const KEY_ENTRY_MM = 32;
export const LABEL_SIZES = { max: 6.5, min: 4.5 };
export const PAGE = { margin: 12, top: 30, bottom: 26 };

/** Left edge of the stage: as given, else centred on the stage wall. */
export const stageX = (f: FloorConfig) => (f.stage ? (f.stage.x_m ?? (f.width_m - f.stage.width_m) / 2) : 0);

export interface Layout {
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
 * the fitting one with the widest names. For a given room, "too-small" when it cannot hold its
 * tables, "too-large" when it fits no paper at any scale.
 */
export function chooseLayout(
  round: TableSpec[],
  head: TableSpec | undefined,
  floor: FloorConfig | undefined,
  shape: HeadShape = "long",
): Layout | "too-small" | "too-large" {
  let best: Layout | undefined;
  let roomTooSmall = false;
  for (let p = 0; p < PAPERS.length; p++)
    for (const den of SCALES) {
      const l = layoutAt(p, den, round, head, floor, shape);
      if (l === "too-small") {
        roomTooSmall = true;
        continue;
      }
      if (!l) continue;
      if (l.labelMm >= LABEL_MIN_MM) return l;
      if (!best || l.labelMm > best.labelMm) best = l;
    }
  // A given room is drawn as it is or not at all: never with tables placed without it.
  if (floor) return best ?? (roomTooSmall ? "too-small" : "too-large");
  return best ?? (layoutAt(PAPERS.length - 1, SCALES.at(-1)!, round, head, undefined, shape, true) as Layout);
}

function layoutAt(
  paper: number,
  den: number,
  round: TableSpec[],
  head: TableSpec | undefined,
  floor: FloorConfig | undefined,
  shape: HeadShape,
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
  // A round top table names its seats beside them, as the round tables do.
  const roundHead = head !== undefined && shape === "round";
  const headInPlace = roundHead || headPitch >= 19;
  // As few rows as the width allows, evenly filled (12 seats in two rows of 6, not 11 and 1).
  const keyMax = Math.max(1, Math.floor((areaW * 0.9) / KEY_ENTRY_MM));
  const keyColumns = head ? Math.ceil(head.seats / Math.ceil(head.seats / keyMax)) : 1;
  const keyRowMm = 8;
  const headLabelsMm = !head
    ? 0
    : roundHead
      ? LABEL_LINES_MM + seatRadius + 2
      : headInPlace
        ? 9
        : Math.ceil(head.seats / keyColumns) * keyRowMm + 3;
  const stageDepth = floor?.stage?.depth_m ?? 0;
  // The head table's edge on the stage side: its chairs (and interpreters behind them) before it.
  const headY = stageDepth + 0.4 + 2 * CHAIR_M;
  const headDepth = roundHead ? roundDiameter(head.seats) + CHAIR_M : HEAD_DEPTH_M;
  const tablesTop = head ? headY + headDepth + headLabelsMm / s + 1.2 : stageDepth + 0.8;
  const foot = diameter / 2 + FOOTPRINT_M;
  const minPitch = diameter + TABLE_GAP_M;
  // Names stick out of the room's outline by up to a label's width at the side walls, and a door's
  // name stands outside its wall.
  const pad = LABEL_MAX_MM + 2;
  const padY = 10;
  if (floor) {
    const W = floor.width_m;
    const D = floor.depth_m;
    if (W * s + 2 * pad > areaW || D * s + 2 * padY > areaH) return undefined;
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
      oy: PAGE.top + padY + Math.max(0, (areaH - D * s - 2 * padY) / 2),
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
  // A round top table's names stand beside its side seats, as wide as the round tables' labels.
  const headW = !head
    ? 0
    : roundHead
      ? roundDiameter(head.seats) + 2 * CHAIR_M + (2 * (seatRadius + 1 + LABEL_MAX_MM)) / s
      : headLength(head.seats);
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

const round2 = (x: number) => Math.round(x * 100) / 100;
