import { describe, expect, it } from "vitest";
import { planSeating } from "../../src/seating/banquet.js";
import { DEFAULT_WEIGHTS } from "../../src/seating/score.js";
import { galaEvent, underLoad } from "./busy.js";

describe("seating is reproducible at scale", () => {
  it("seats a 3,000-guest gala the same on an idle machine and with every core busy", async () => {
    const { event, session } = galaEvent(3000);
    expect(session.attendeeIds.length).toBe(3000);
    // As `conclave seating` does, with event.yaml's defaults: the budget and the cap.
    const seat = () =>
      planSeating({
        event,
        session,
        weights: DEFAULT_WEIGHTS,
        seed: event.config.seating.seed,
        effort: event.config.seating.effort,
        timeLimitMs: event.config.seating.time_limit_seconds * 1000,
        now: () => performance.now(),
      });
    const idle = seat();
    const loaded = await underLoad(seat);
    expect(loaded.iterations).toBe(idle.iterations);
    expect(loaded.seats).toEqual(idle.seats);
    expect(loaded.report.score).toBe(idle.report.score);
    // Stopped by the work budget both times, never by the time cap.
    expect([idle.complete, loaded.complete]).toEqual([true, true]);
    expect(loaded.work).toBe(idle.work);
    // A search that did work (not the greedy start alone), and seated everyone.
    expect(idle.iterations).toBeGreaterThan(10);
    expect(idle.seats.length).toBe(3000);
  }, 900_000);
});
