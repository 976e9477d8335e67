import type { Stock } from "./stocks.js";

/**
 * What a print shop (or a desktop printer) needs around the badges: the safe area, bleed, cut
 * marks, and the page that holds them. Pure: a stock and badge settings in, geometry and the
 * warnings about what the stock cannot do out.
 *
 * The rules (docs/templates.md, "Badges: print"):
 * - Text and images stay `safe_mm` (3 mm) inside each badge's trim.
 * - Artwork (the header and the colour band) bleeds `bleed_mm` past the trim where the stock
 *   leaves room: half the gutter between badges, the margin to the paper's edge; a stock of one
 *   card (cr80, a5-foldable) gets a page larger than the card, the card in its middle.
 * - Where nothing can bleed and badges butt together or reach the paper's edge (a6-4up, a7-8up,
 *   letter-6up-4x3, a5-foldable), the artwork is framed: it stops `safe_mm` inside the trim, so
 *   every cut runs through white paper (never one blue meeting another) and a desktop printer's
 *   unprintable edge clips nothing.
 * - Cut marks are drawn only outside the trim and the bleed, where there is room for them.
 */
export interface Prepress {
  /** The stock as printed: a one-card stock with bleed or marks has a larger page. */
  stock: Stock;
  /** Bleed of the artwork past the trim on every side, mm (0: none). */
  bleed: number;
  /** Inset of the artwork from the trim, mm (0: the artwork reaches the trim, or bleeds). */
  frame: number;
  /** Distance of text and images from the trim, at least, mm. */
  safe: number;
  cutMarks: boolean;
  /** What the settings asked for and the stock cannot give, for warnings. */
  notes: { field: "bleed_mm" | "cut_marks"; message: string; hint: string }[];
}

export interface PrepressSettings {
  safe_mm?: number;
  bleed_mm?: number;
  /** Undefined: the stock's default (marks on sheets to cut, none on a card or a folded A5). */
  cut_marks?: boolean;
}

/** Room for cut marks outside the bleed: 1 mm off it, then the mark, then 1 mm to the edge. */
const MARK_GAP = 1;
const MARK_MIN = 2;
const MARK_LEN = 5;
/** Stocks that are a single card or sheet, printed as it is and not cut: no marks by default. */
const UNCUT = new Set(["cr80", "a5-foldable"]);
/** Card printers print to the card's edge: artwork runs to the trim without a frame. */
const EDGE_TO_EDGE = new Set(["cr80"]);

/** The room around the badge grid: to the paper's edge on each side, and the gutters. */
export function roomOf(stock: Stock) {
  const gridW = stock.cols * stock.badge.width + (stock.cols - 1) * stock.gap.x;
  // A folded A5 is one sheet of two halves, the back above the front.
  const gridH = stock.fold
    ? stock.badge.height * 2
    : stock.rows * stock.badge.height + (stock.rows - 1) * stock.gap.y;
  return {
    left: stock.margin.left,
    top: stock.margin.top,
    right: stock.page.width - stock.margin.left - gridW,
    bottom: stock.page.height - stock.margin.top - gridH,
    gridW,
    gridH,
  };
}

/** A stock of one badge that fills its page: it can grow the page for bleed and marks. */
const isOneCard = (s: Stock) => {
  const r = roomOf(s);
  return s.cols === 1 && s.rows === 1 && Math.max(r.left, r.right, r.top, r.bottom) < 0.01;
};

export function prepressFor(stock: Stock, settings: PrepressSettings): Prepress {
  const safe = settings.safe_mm ?? 3;
  const asked = settings.bleed_mm ?? 0;
  const notes: Prepress["notes"] = [];
  const room = roomOf(stock);
  const marksWanted = settings.cut_marks ?? !UNCUT.has(stock.name);
  let printed = stock;
  let bleed = 0;
  if (isOneCard(stock)) {
    // The card in the middle of a larger page: bleed all round, and room for marks past it.
    bleed = asked;
    const extra = bleed + (marksWanted ? MARK_GAP + MARK_LEN + MARK_GAP : 0);
    if (extra > 0) {
      printed = {
        ...stock,
        page: { width: stock.page.width + 2 * extra, height: stock.page.height + 2 * extra },
        margin: { left: stock.margin.left + extra, top: stock.margin.top + extra },
      };
    }
  } else if (asked > 0) {
    const sides = [room.left, room.top, room.right, room.bottom];
    if (stock.cols > 1) sides.push(stock.gap.x / 2);
    if (stock.rows > 1) sides.push(stock.gap.y / 2);
    bleed = Math.max(0, Math.min(asked, ...sides));
    bleed = Math.floor(bleed * 10) / 10;
    if (bleed < asked) {
      notes.push({
        field: "bleed_mm",
        message:
          bleed === 0
            ? `badge.bleed_mm ${asked}: the ${stock.name} stock has no room for bleed (its badges butt together or reach the paper's edge), so nothing bleeds; the artwork stops ${safe} mm inside each badge instead, and every cut runs through white`
            : `badge.bleed_mm ${asked}: the ${stock.name} stock has room for ${bleed} mm of bleed only (half the gap between badges, or the margin to the paper's edge)`,
        hint: "Use a stock with gutters between the badges (insert-90x54, or badge.custom with gap_x and gap_y) for full bleed, or set badge.bleed_mm to 0.",
      });
    }
  }
  const printedRoom = roomOf(printed);
  // Marks need room outside the bleed on at least one side of the grid.
  const markRoom = Math.max(printedRoom.left, printedRoom.right, printedRoom.top, printedRoom.bottom);
  const cutMarks = marksWanted && markRoom - bleed - MARK_GAP >= MARK_MIN;
  if (marksWanted && !cutMarks && settings.cut_marks === true) {
    notes.push({
      field: "cut_marks",
      message: `badge.cut_marks: the ${stock.name} stock leaves no room outside its badges for cut marks (the badges reach the paper's edge), so none are printed`,
      hint: "Cut along the badges' edges as the stock's sheet is divided, or use a stock with margins.",
    });
  }
  // Butting badges, or a trim closer to the paper's edge than the safe distance, with no bleed:
  // the artwork is framed (see above). A card printer prints to the card's edge.
  const butting = (stock.cols > 1 && stock.gap.x < 0.01) || (stock.rows > 1 && stock.gap.y < 0.01);
  const nearEdge = Math.min(room.left, room.top, room.right, room.bottom) < safe && !isOneCard(stock);
  const oneCardOnDesk = isOneCard(stock) && !EDGE_TO_EDGE.has(stock.name) && bleed === 0;
  const frame = bleed === 0 && (butting || nearEdge || oneCardOnDesk) ? safe : 0;
  return { stock: printed, bleed, frame, safe, cutMarks, notes };
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const PT_PER_MM = 72 / 25.4;

/**
 * TrimBox and BleedBox of a sheet in PDF points (origin at the bottom left): the rectangle the
 * badges fill once cut (a folded A5: the whole sheet), and that rectangle grown by the bleed. The
 * back of a duplex sheet is mirrored left to right.
 */
export function sheetBoxes(
  p: Prepress,
  offset: readonly [number, number],
  mirror: boolean,
): { trim: Box; bleed: Box } {
  const s = p.stock;
  const room = roomOf(s);
  const gridH = room.gridH;
  const left = mirror ? s.page.width - s.margin.left - room.gridW : s.margin.left;
  const x0 = left + offset[0];
  const top = s.margin.top + offset[1];
  const pt = (mm: number) => Math.round(mm * PT_PER_MM * 100) / 100;
  const trim = {
    x0: pt(x0),
    y0: pt(s.page.height - top - gridH),
    x1: pt(x0 + room.gridW),
    y1: pt(s.page.height - top),
  };
  const b = pt(p.bleed);
  const page = { w: pt(s.page.width), h: pt(s.page.height) };
  const bleed = {
    x0: Math.max(0, trim.x0 - b),
    y0: Math.max(0, trim.y0 - b),
    x1: Math.min(page.w, trim.x1 + b),
    y1: Math.min(page.h, trim.y1 + b),
  };
  return { trim, bleed };
}
