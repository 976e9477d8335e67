/**
 * A small seeded random generator (mulberry32): the solver is deterministic for a given seed,
 * with no dependence on Math.random or the clock.
 */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random integer in [0, n). */
export const randomInt = (random: () => number, n: number) => Math.floor(random() * n);
