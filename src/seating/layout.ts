import type { Room } from "../model/types.js";

/** A table of the room: the head table (a straight row facing the room) or a round table. */
export interface TableSpec {
  /** "head" or the table number as printed. */
  id: string;
  kind: "head" | "round";
  seats: number;
  /** Seat numbers (1-based) reserved for guests with accessibility needs. */
  accessible: number[];
}

/**
 * The tables of a room from venues.csv: a head table of `head_table_seats`, then `tables` round
 * tables of `seats_per_table`. Accessible seats are spread one per table from table 1 (the seat
 * by the aisle, seat 1), then a second per table opposite it, and so on.
 */
export function roomTables(room: Room): TableSpec[] {
  const out: TableSpec[] = [];
  if (room.headTableSeats && room.headTableSeats > 0)
    out.push({ id: "head", kind: "head", seats: room.headTableSeats, accessible: [] });
  const count = room.tables ?? 0;
  const seats = room.seatsPerTable ?? 0;
  const round: TableSpec[] = [];
  for (let t = 1; t <= count; t++) round.push({ id: String(t), kind: "round", seats, accessible: [] });
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
