import { describe, expect, it } from "vitest";
import { batchByLanguage } from "../../src/materials/common.js";

/**
 * Content-defined batches (src/materials/common.ts): an insertion or a removal changes the
 * batches around it only, so a rebuild recompiles those and keeps the others' fingerprints.
 */

interface Piece {
  id: string;
  lang: string;
}
const LANGS = ["en", "ko", "vi"];
const people = (n: number, prefix = "D"): Piece[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, lang: LANGS[(i * 7) % 3]! }));
const batch = (pieces: Piece[], size = 16) => batchByLanguage(pieces, size, (p) => p.id);
const ids = (batches: Piece[][]) => new Set(batches.map((b) => b.map((p) => p.id).join(" ")));

describe("batchByLanguage", () => {
  it("keeps every piece once, in order within a language, one language per batch, at most 3 × size", () => {
    const pieces = people(5000);
    const batches = batch(pieces);
    expect(batches.flat()).toHaveLength(pieces.length);
    for (const b of batches) {
      expect(new Set(b.map((p) => p.lang)).size).toBe(1);
      expect(b.length).toBeGreaterThan(0);
      expect(b.length).toBeLessThanOrEqual(48);
    }
    for (const lang of LANGS)
      expect(batches.flat().filter((p) => p.lang === lang)).toEqual(pieces.filter((p) => p.lang === lang));
    // About `size` pieces a batch on average, so a full build compiles about as often as before.
    const mean = pieces.length / batches.length;
    expect(mean).toBeGreaterThan(11);
    expect(mean).toBeLessThan(21);
  });

  it("an insertion changes at most two batches; a removal too", () => {
    const pieces = people(3000);
    const before = ids(batch(pieces));
    for (const at of [0, 17, 1499, 2998]) {
      const added = [...pieces.slice(0, at), { id: `LATE${at}`, lang: "ko" }, ...pieces.slice(at)];
      const after = ids(batch(added));
      expect([...after].filter((b) => !before.has(b)).length).toBeLessThanOrEqual(2);
      const removed = pieces.filter((_, i) => i !== at);
      const fewer = ids(batch(removed));
      expect([...fewer].filter((b) => !before.has(b)).length).toBeLessThanOrEqual(2);
    }
  });

  it("depends on the pieces alone: the same list batches the same way", () => {
    expect(batch(people(800))).toEqual(batch(people(800)));
    expect(batch(people(800, "X")).map((b) => b.length)).not.toEqual(batch(people(800)).map((b) => b.length));
  });
});
