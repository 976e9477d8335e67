import type { Room } from "../model/types.js";

/** A table of the room: the head table (a straight row facing the room) or a round table. */
export interface TableSpec {
  /** "head" or the table number as printed. */
  id: string;
  kind: "head" | "round";
  seats: number;
  /** Seat numbers (1-based) reserved for guests with accessibility needs. */
  accessible: number[];
  /** The room's left or right of the centre aisle, when the numbering is odd_even. */
  side?: "left" | "right";
}

/** seating.numbering in event.yaml. */
export interface TableNumbering {
  skip: readonly number[];
  first: "nearest_head" | "far_end";
  sides: "none" | "odd_even";
}

export const DEFAULT_NUMBERING: TableNumbering = { skip: [], first: "nearest_head", sides: "none" };

/**
 * The tables of a room from venues.csv: a head table of `head_table_seats`, then `tables` round
 * tables of `seats_per_table`, nearest the head table first (the order the floor plan draws and
 * the order of rank: higher ranks sit nearer). Accessible seats are spread one per table from the
 * nearest (the seat by the aisle, seat 1), then a second per table opposite it, and so on.
 */
export function roomTables(room: Room, numbering: TableNumbering = DEFAULT_NUMBERING): TableSpec[] {
  const out: TableSpec[] = [];
  if (room.headTableSeats && room.headTableSeats > 0)
    out.push({ id: "head", kind: "head", seats: room.headTableSeats, accessible: [] });
  const count = room.tables ?? 0;
  const seats = room.seatsPerTable ?? 0;
  const labels = tableNumbers(count, numbering);
  const round: TableSpec[] = labels.map((n, k) => ({
    id: String(n),
    kind: "round",
    seats,
    accessible: [],
    ...(numbering.sides === "odd_even" ? { side: k % 2 === 0 ? ("left" as const) : ("right" as const) } : {}),
  }));
  let left = Math.min(room.accessibleSeats ?? 0, count * seats);
  const positions = seats > 0 ? accessibleOrder(seats) : [];
  for (let k = 0; left > 0 && k < positions.length; k++)
    for (const table of round) {
      if (left === 0) break;
      table.accessible.push(positions[k]!);
      left--;
    }
  return [...out, ...round];
}

/**
 * The printed number of each round table, nearest the head table first. Numbers in `skip` are
 * never used (4 and 13 are unlucky for many guests); with odd_even the tables alternate left and
 * right of the aisle, odd numbers on the left, even on the right, each side rising away from the
 * head table; with far_end table 1 is the farthest (by the door).
 */
export function tableNumbers(count: number, numbering: TableNumbering = DEFAULT_NUMBERING): number[] {
  const skip = new Set(numbering.skip);
  const take = (k: number, ok: (n: number) => boolean) => {
    const list: number[] = [];
    for (let n = 1; list.length < k; n++) if (!skip.has(n) && ok(n)) list.push(n);
    return list;
  };
  const far = numbering.first === "far_end";
  if (numbering.sides === "odd_even") {
    const L = Math.ceil(count / 2);
    const R = Math.floor(count / 2);
    const odd = take(L, (n) => n % 2 === 1);
    const even = take(R, (n) => n % 2 === 0);
    // Position k: row k/2 from the head table, left of the aisle when k is even.
    return Array.from({ length: count }, (_, k) => {
      const row = Math.floor(k / 2);
      return k % 2 === 0 ? odd[far ? L - 1 - row : row]! : even[far ? R - 1 - row : row]!;
    });
  }
  const labels = take(count, () => true);
  if (far) labels.reverse();
  return labels;
}

/** Seat 1, then the seat opposite, then the quarter points: far apart around the table. */
function accessibleOrder(seats: number): number[] {
  const order: number[] = [];
  const add = (s: number) => {
    if (!order.includes(s)) order.push(s);
  };
  add(1);
  add(1 + Math.floor(seats / 2));
  add(1 + Math.floor(seats / 4));
  add(1 + Math.floor((3 * seats) / 4));
  for (let s = 1; s <= seats; s++) add(s);
  return order;
}

/** Neighbouring seats: around a round table, along the row of the head table. */
export function neighbours(table: TableSpec, seat: number): number[] {
  const n = table.seats;
  if (table.kind === "head") return [seat - 1, seat + 1].filter((s) => s >= 1 && s <= n);
  if (n <= 1) return [];
  if (n === 2) return [seat === 1 ? 2 : 1];
  return [seat === 1 ? n : seat - 1, seat === n ? 1 : seat + 1];
}
