import { describe, expect, it } from "vitest";
import { floorCells, neighbours, roomTables } from "../../src/seating/layout.js";

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

  it("draws table 1 beside the head table and the others outwards, or odd and even across the aisle", () => {
    // Four columns under the head table (top centre): the two middle ones first, left first.
    expect(floorCells(6, 4)).toEqual([
      [0, 1],
      [0, 2],
      [0, 0],
      [0, 3],
      [1, 1],
      [1, 2],
    ]);
    // odd_even on three columns: the left half (columns 0 and 1, the middle one counts left) takes
    // tables 1, 3, …, the right half (column 2) tables 2, 4, …, each from the aisle outwards.
    expect(floorCells(4, 3, "odd_even")).toEqual([
      [0, 1],
      [0, 2],
      [0, 0],
      [1, 2],
    ]);
    expect(floorCells(5, 3)).toEqual([
      [0, 1],
      [0, 0],
      [0, 2],
      [1, 1],
      [1, 0],
    ]);
  });
});
