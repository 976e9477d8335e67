import type { GroupingProblem } from "../../src/seating/grouping.js";
import { createRandom } from "../../src/seating/random.js";

/** A clock that advances one "millisecond" per call: searches end after the same work on any machine. */
export const ticks = () => {
  let t = 0;
  return () => t++;
};

/** A grouping problem with seeded random weights from −20 to 80. */
export function randomProblem(n: number, lower: number[], upper: number[], seed: number): GroupingProblem {
  const r = createRandom(seed);
  const weights = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const w = Math.round(r() * 100) - 20;
      weights[i * n + j] = w;
      weights[j * n + i] = w;
    }
  return { n, weights, lower, upper };
}
