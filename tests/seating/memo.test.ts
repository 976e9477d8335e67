import { describe, expect, it } from "vitest";
import { solveGrouping } from "../../src/seating/grouping.js";
import {
  type GroupingMemo,
  groupingKey,
  type RememberedGrouping,
  solveGroupingRemembered,
} from "../../src/seating/memo.js";
import { randomProblem, ticks } from "./problems.js";

const problem = (n: number, seed: number) => randomProblem(n, [6, 6, 6, 6, 6], [7, 7, 7, 7, 7], seed);

/** A memo that counts what it was asked, like the build state (src/build/state.ts). */
function countingMemo() {
  const store = new Map<string, RememberedGrouping>();
  const asked = { recalled: 0, remembered: 0 };
  const memo: GroupingMemo = {
    recall: (k) => {
      const v = store.get(k);
      if (v) asked.recalled++;
      return v;
    },
    remember: (k, v) => {
      asked.remembered++;
      store.set(k, v);
    },
  };
  return { memo, store, asked };
}

/** A clock that passes any cap at its next reading. */
const jumps = () => {
  let t = 0;
  return () => {
    t += 1e6;
    return t;
  };
};

const options = { seed: 3, timeLimitMs: 1e9, maxIterations: 400, maxWork: 1e9 };

describe("remembered table searches", () => {
  it("answers the same search from the memo with the plan a fresh search makes", () => {
    const p = problem(32, 11);
    const fresh = solveGrouping(p, { ...options, now: ticks() });
    const { memo, asked } = countingMemo();
    const first = solveGroupingRemembered(p, { ...options, now: ticks() }, memo);
    expect(asked).toEqual({ recalled: 0, remembered: 1 });
    // A new problem object with the same numbers (the next build plans it again from the data).
    const again = solveGroupingRemembered(problem(32, 11), { ...options, now: ticks() }, memo);
    expect(asked).toEqual({ recalled: 1, remembered: 1 });
    for (const r of [first, again]) {
      expect(Array.from(r.group)).toEqual(Array.from(fresh.group));
      expect(r.value).toBe(fresh.value);
      expect(r.iterations).toBe(fresh.iterations);
      expect(r.work).toBe(fresh.work);
      expect(r.complete).toBe(true);
    }
  });

  it("searches again when anything the search reads differs: a weight, a bound, the seed, the budget", () => {
    const p = problem(32, 11);
    const key = groupingKey(p, { ...options, now: ticks() });
    const w = problem(32, 11);
    w.weights[1] = w.weights[1]! + 1;
    expect(groupingKey(w, { ...options, now: ticks() })).not.toBe(key);
    expect(groupingKey({ ...p, upper: [7, 7, 7, 7, 8] }, { ...options, now: ticks() })).not.toBe(key);
    expect(
      groupingKey(
        { ...p, fixed: new Array(32).fill(-1).map((g, i) => (i === 0 ? 2 : g)) },
        { ...options, now: ticks() },
      ),
    ).not.toBe(key);
    expect(groupingKey({ ...p, bias: new Float64Array(32 * 5) }, { ...options, now: ticks() })).not.toBe(key);
    expect(groupingKey(p, { ...options, seed: 4, now: ticks() })).not.toBe(key);
    expect(groupingKey(p, { ...options, maxIterations: 401, now: ticks() })).not.toBe(key);
    // The language rule of a second search, and what is remembered (one search, or rounds of them).
    const languages = {
      spoken: Array.from({ length: 32 }, (_, i) => [i % 3]),
      alone: new Array(32).fill(-1),
    };
    expect(groupingKey({ ...p, languages }, { ...options, now: ticks() })).not.toBe(key);
    expect(groupingKey(p, { ...options, now: ticks() }, "rounds 16")).not.toBe(key);
    // The clock's cap is not part of what the search is: a finished search is the same under any cap.
    expect(groupingKey(p, { ...options, timeLimitMs: 5, now: ticks() })).toBe(key);
  });

  it("never remembers a search the clock cut short, nor trusts a remembered plan of another size", () => {
    const p = problem(32, 11);
    const { memo, store } = countingMemo();
    // A clock that jumps past the cap at once: the search stops before its budget.
    const cut = solveGroupingRemembered(p, { ...options, timeLimitMs: 1, now: jumps() }, memo);
    expect(cut.complete).toBe(false);
    expect(store.size).toBe(0);
    // A record whose plan does not fit the problem (a state edited by hand) is searched again.
    store.set(groupingKey(p, { ...options, now: ticks() }), {
      group: [0, 1],
      value: 1e9,
      iterations: 1,
      work: 1,
    });
    const r = solveGroupingRemembered(p, { ...options, now: ticks() }, memo);
    expect(r.value).not.toBe(1e9);
    expect(r.group.length).toBe(32);
  });
});
