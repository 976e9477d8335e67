import { UserError } from "../../errors.js";

/** Label stock geometry, in millimetres. */
export interface Stock {
  name: string;
  page: { width: number; height: number };
  badge: { width: number; height: number };
  cols: number;
  rows: number;
  margin: { left: number; top: number };
  gap: { x: number; y: number };
  /** Front and back on one page, folded in the middle (a5-foldable). */
  fold: boolean;
}

const A4 = { width: 210, height: 297 };
const LETTER = { width: 215.9, height: 279.4 };

/** Geometry with the grid centred on the page, unless margins are given. */
function grid(
  name: string,
  page: { width: number; height: number },
  badge: { width: number; height: number },
  cols: number,
  rows: number,
  gap = { x: 0, y: 0 },
  margin?: { left: number; top: number },
  fold = false,
): Stock {
  const left = margin?.left ?? (page.width - cols * badge.width - (cols - 1) * gap.x) / 2;
  const top = margin?.top ?? (page.height - rows * badge.height - (rows - 1) * gap.y) / 2;
  if (
    left < 0 ||
    top < 0 ||
    left + cols * badge.width + (cols - 1) * gap.x > page.width + 0.01 ||
    top + rows * badge.height + (rows - 1) * gap.y > page.height + 0.01
  ) {
    throw new UserError(
      `badge stock ${name}: ${cols} × ${rows} badges of ${badge.width} × ${badge.height} mm do not fit on a ${page.width} × ${page.height} mm page`,
      "Reduce columns, rows, gaps or margins under badge.custom in event.yaml.",
    );
  }
  return { name, page, badge, cols, rows, margin: { left: round(left), top: round(top) }, gap, fold };
}
const round = (n: number) => Math.round(n * 100) / 100;

export const STOCKS: Record<string, Stock> = {
  "a6-4up": grid("a6-4up", A4, { width: 105, height: 148 }, 2, 2),
  "a7-8up": grid("a7-8up", A4, { width: 105, height: 74 }, 2, 4),
  cr80: grid("cr80", { width: 85.6, height: 54 }, { width: 85.6, height: 54 }, 1, 1),
  "letter-6up-4x3": grid("letter-6up-4x3", LETTER, { width: 101.6, height: 76.2 }, 2, 3),
  "insert-90x54": grid("insert-90x54", A4, { width: 90, height: 54 }, 2, 4, { x: 10, y: 10 }),
  "a5-foldable": grid(
    "a5-foldable",
    { width: 148, height: 210 },
    { width: 148, height: 105 },
    1,
    1,
    undefined,
    { left: 0, top: 0 },
    true,
  ),
};

export interface CustomStock {
  page: "a4" | "letter" | [number, number];
  width: number;
  height: number;
  columns: number;
  rows: number;
  gap_x?: number;
  gap_y?: number;
  margin_left?: number;
  margin_top?: number;
}

export function customStock(c: CustomStock): Stock {
  const page = c.page === "a4" ? A4 : c.page === "letter" ? LETTER : { width: c.page[0], height: c.page[1] };
  const margin =
    c.margin_left !== undefined || c.margin_top !== undefined
      ? { left: c.margin_left ?? 0, top: c.margin_top ?? 0 }
      : undefined;
  return grid(
    "custom",
    page,
    { width: c.width, height: c.height },
    c.columns,
    c.rows,
    { x: c.gap_x ?? 0, y: c.gap_y ?? 0 },
    margin,
  );
}
