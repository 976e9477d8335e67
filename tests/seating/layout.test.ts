import { describe, expect, it } from "vitest";
import { neighbours, roomTables } from "../../src/seating/layout.js";

describe("room layout", () => {
  const room = {
    id: "HALL",
    venue: { en: "Hotel" },
    room: { en: "Hall" },
    capacity: 50,
    tables: 3,
    seatsPerTable: 8,
    headTableSeats: 6,
    accessibleSeats: 4,
  };

  it("has a head table and round tables, accessible seats spread one per table first", () => {
    const tables = roomTables(room);
    expect(tables.map((t) => [t.id, t.kind, t.seats])).toEqual([
      ["head", "head", 6],
      ["1", "round", 8],
      ["2", "round", 8],
      ["3", "round", 8],
    ]);
    expect(tables.slice(1).map((t) => t.accessible)).toEqual([[1, 5], [1], [1]]);
  });

  it("knows neighbours around a round table and along the head table", () => {
    const [head, round] = roomTables(room);
    expect(neighbours(round!, 1)).toEqual([8, 2]);
    expect(neighbours(round!, 8)).toEqual([7, 1]);
    expect(neighbours(head!, 1)).toEqual([2]);
    expect(neighbours(head!, 6)).toEqual([5]);
  });
});
