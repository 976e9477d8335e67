import type { Location } from "../diagnostics.js";
import { id, oneOf, text } from "./fields.js";
import { type TableRow, type TableSpec, valuesOf } from "./table.js";

export const WISH_KINDS = ["together", "apart", "fixed-table", "fixed-seat"] as const;
export type WishKind = (typeof WISH_KINDS)[number];
export const STRENGTHS = ["must", "prefer"] as const;
export type Strength = (typeof STRENGTHS)[number];

/** seating.csv: the planner's wishes for assigned seating (optional file). */
export const seatingSpec: TableSpec = {
  key: "seating",
  columns: [
    {
      name: "kind",
      required: true,
      type: oneOf(WISH_KINDS),
      description: `What the row asks: ${WISH_KINDS.join(", ")}`,
      example: "apart",
    },
    {
      name: "a",
      required: true,
      type: id,
      description: "A delegate id",
      example: "KR-021",
    },
    {
      name: "b",
      required: true,
      type: text,
      description:
        "together/apart: another delegate id; fixed-table: a table number or head; fixed-seat: table:seat, e.g. 3:5 or head:6",
      example: "KR-034",
    },
    {
      name: "strength",
      required: false,
      type: oneOf(STRENGTHS),
      description: "must (never broken; the default) or prefer (weighted, may give way)",
      example: "must",
    },
    {
      name: "session",
      required: false,
      type: id,
      description: "The session it applies to (default: every session with seating=assigned)",
      example: "BANQUET",
    },
    {
      name: "note",
      required: false,
      type: text,
      description: "Why, for the planner; never printed",
      example: "rival CEOs",
    },
  ],
};

export interface SeatingRow {
  loc: Location;
  kind: WishKind;
  a: string;
  b: string;
  strength: Strength;
  session?: string;
}

export function toSeatingRow(row: TableRow): SeatingRow {
  const v = valuesOf(row, seatingSpec);
  return {
    loc: row.loc,
    kind: (v.get("kind") as WishKind | undefined) ?? "together",
    a: (v.get("a") as string | undefined) ?? "",
    b: (v.get("b") as string | undefined) ?? "",
    strength: (v.get("strength") as Strength | undefined) ?? "must",
    session: v.get("session") as string | undefined,
  };
}

/** A seat reference from seating.csv: `3`, `head`, `3:5`, `head:6`. */
export function parseSeatRef(value: string): { table: number | "head"; seat?: number } | undefined {
  const m = /^\s*(head|\d+)\s*(?::\s*(\d+))?\s*$/i.exec(value);
  if (!m) return undefined;
  const table = m[1]!.toLowerCase() === "head" ? "head" : Number(m[1]);
  if (table !== "head" && table < 1) return undefined;
  const seat = m[2] !== undefined ? Number(m[2]) : undefined;
  if (seat !== undefined && seat < 1) return undefined;
  return seat === undefined ? { table } : { table, seat };
}
