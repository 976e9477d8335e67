import { createHash } from "node:crypto";
import type { GroupingOptions, GroupingProblem, GroupingResult } from "./grouping.js";
import { solveTables } from "./memetic.js";

/** A finished table search, as a build remembers it (out/.conclave/state.json `plans`). */
export interface RememberedGrouping {
  group: number[];
  value: number;
  iterations: number;
  work: number;
}

/** Where a caller keeps table searches between runs (the build state; none: always solved). */
export interface GroupingMemo {
  recall(key: string): RememberedGrouping | undefined;
  remember(key: string, result: RememberedGrouping): void;
}

/** Changes whenever the search itself changes, so a newer conclave never reuses an older search. */
const SEARCH_VERSION = "grouping-8";

/**
 * The key of a table search: everything `solveGrouping` reads (the problem's numbers, the seed
 * and the work budget). The search is a pure function of these when it ends on its own terms,
 * so the same key gives the same plan. The clock's cap is not part of it: a search the cap cut
 * short is never remembered.
 */
export function groupingKey(p: GroupingProblem, o: GroupingOptions, kind = "search"): string {
  const h = createHash("sha256");
  h.update(
    JSON.stringify([
      SEARCH_VERSION,
      kind,
      p.n,
      p.lower,
      p.upper,
      p.sizes ?? null,
      p.fixed ?? null,
      p.apart ?? null,
      p.resource ?? null,
      p.start ?? null,
      p.languages ?? null,
      o.seed,
      o.maxIterations ?? null,
      o.maxWork ?? null,
      o.target ?? null,
      o.tenure ?? null,
      o.stall ?? null,
      p.bias ? p.bias.length : -1,
    ]),
  );
  h.update(new Uint8Array(p.weights.buffer, p.weights.byteOffset, p.weights.byteLength));
  if (p.bias) h.update(new Uint8Array(p.bias.buffer, p.bias.byteOffset, p.bias.byteLength));
  return h.digest("hex");
}

/**
 * `solveTables` (the memetic or the tabu search), answered from `memo` when the same search ended on its own terms before: a
 * rebuild after a corrected name or a moved session (nothing the seating reads) skips the few
 * seconds a gala's search takes and gets the same plan, as a clean build would.
 */
export function solveGroupingRemembered(
  p: GroupingProblem,
  o: GroupingOptions,
  memo: GroupingMemo | undefined,
): GroupingResult {
  if (!memo) return solveTables(p, o);
  return remembered(memo, groupingKey(p, o), p, () => solveTables(p, o));
}

/**
 * What `solve` makes, answered from `memo` under `key` when a plan of the problem's size and
 * groups is recorded there (a record of another size, or edited by hand, is solved again), and
 * recorded when `solve` ended on its own terms (a run the time cap cut short is never kept).
 */
export function remembered(
  memo: GroupingMemo | undefined,
  key: string,
  p: Pick<GroupingProblem, "n" | "lower">,
  solve: () => GroupingResult,
): GroupingResult {
  const known = memo?.recall(key);
  const G = p.lower.length;
  if (known && known.group.length === p.n && known.group.every((g) => Number.isInteger(g) && g >= 0 && g < G))
    return {
      group: Int32Array.from(known.group),
      value: known.value,
      iterations: known.iterations,
      work: known.work,
      complete: true,
      bestAtMs: 0,
    };
  const result = solve();
  if (result.complete)
    memo?.remember(key, {
      group: Array.from(result.group),
      value: result.value,
      iterations: result.iterations,
      work: result.work,
    });
  return result;
}
