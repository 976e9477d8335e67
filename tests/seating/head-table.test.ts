import { describe, expect, it } from "vitest";
import { arrangeHeadTable, roundTopOrder } from "../../src/seating/head-table.js";

/**
 * A bilateral head table: the hosts H1…Hk (the host country) and the guests G1…Gk, ranked in
 * pairs of equal rank, so precedence (guest before host at equal rank) reads G1 H1 G2 H2 …
 * H1 is the host; at a round table H2 is the co-host. The expected rows below were written by
 * hand from the rules in docs/seating.md, seat 1 first.
 */
function seat(custom: "long" | "round", N: number, interpreters: [string, string][] = []) {
  const names: string[] = [];
  for (let r = 1; r <= N / 2; r++) names.push(`G${r}`, `H${r}`);
  const principals = names.map((_, i) => i);
  for (const [x] of interpreters) names.push(x);
  const at = (n: string) => names.indexOf(n);
  const map = new Map<number, number[]>();
  for (const [x, p] of interpreters) map.set(at(p), [...(map.get(at(p)) ?? []), at(x)]);
  const placed = arrangeHeadTable({
    seats: N,
    custom,
    host: at("H1"),
    coHost: custom === "round" ? at("H2") : undefined,
    principals,
    interpreters: map,
    country: (i) => names[i]![0]!,
    taken: new Set(),
  });
  const row: string[] = new Array(N).fill("·");
  for (const [i, s] of placed) row[s - 1] = names[i]!;
  return row.join(" ");
}

describe("the long head table (one row facing the room, seats from the room's left)", () => {
  // The host at ⌊N/2⌋+1, the guest of honour on the host's right (the room's left), then the
  // host's left, and so on outwards; a third of one country in a row is broken by the next
  // guest of the other country.
  it("seats 8", () => {
    expect(seat("long", 8)).toBe("G4 H3 H2 G1 H1 G2 G3 H4");
  });
  it("seats 12: host and guest of honour share the centre, the second guest beside the host", () => {
    expect(seat("long", 12)).toBe("H6 H5 G4 H3 H2 G1 H1 G2 G3 H4 G5 G6");
  });
  it("seats 16", () => {
    expect(seat("long", 16)).toBe("H8 G7 H6 H5 G4 H3 H2 G1 H1 G2 G3 H4 G5 G6 H7 G8");
  });
  it("never seats three of one country in a row when the other can break it", () => {
    for (const N of [8, 12, 16]) expect(seat("long", N)).not.toMatch(/([GH])\d+ \1\d+ \1\d+/);
  });
  it("puts interpreters beside, on the outer side, the host's on the host's left", () => {
    // 8 seats: the host (5) with IH at 6; G1 at 4 with IG at 3; G2 on the host's left (7), H2 at
    // 2, G3 at 8, H3 at 1; the two lowest-ranked find no seat left.
    expect(
      seat("long", 8, [
        ["IH", "H1"],
        ["IG", "G1"],
      ]),
    ).toBe("H3 H2 IG G1 H1 IH G2 G3");
  });
});

describe("the round top table (seats clockwise from the top)", () => {
  it("lists the seats of honour: host's right, co-host's right, host's left, co-host's left, outwards", () => {
    expect(roundTopOrder(8)).toEqual([8, 4, 2, 6, 7, 3]);
    expect(roundTopOrder(12)).toEqual([12, 6, 2, 8, 11, 5, 3, 9, 10, 4]);
  });
  // The host at seat 1 facing the door, the co-host opposite (N/2+1), the guest of honour on the
  // host's right (seat N).
  it("seats 8", () => {
    expect(seat("round", 8)).toBe("H1 G3 H4 G2 H2 H3 G4 G1");
  });
  it("seats 12", () => {
    expect(seat("round", 12)).toBe("H1 G3 G5 H6 H4 G2 H2 H3 G6 H5 G4 G1");
  });
  it("seats 16", () => {
    expect(seat("round", 16)).toBe("H1 G3 G5 H7 G8 H6 H4 G2 H2 H3 G6 G7 H8 H5 G4 G1");
  });
  it("never seats three of one country side by side around the table when avoidable", () => {
    for (const N of [8, 12, 16]) {
      const row = seat("round", N).split(" ");
      const around = [...row, row[0]!, row[1]!].map((x) => x[0]);
      for (let k = 0; k < N; k++)
        expect(around[k] === around[k + 1] && around[k + 1] === around[k + 2], `${N}: ${row}`).toBe(false);
    }
  });
});
