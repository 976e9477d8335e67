import { type ChildProcess, spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { generateEvent } from "../../bench/generate.js";
import { parseEventConfig } from "../../src/schema/event.js";
import { checkEvent } from "../../src/validate/index.js";

/**
 * Runs `work` while every core is busy: one child process per core spinning in a loop, started
 * (and running) before `work` begins and killed after it, whatever happens. This is the "CPU load"
 * under which a seating plan must come out the same as on an idle machine.
 */
export async function underLoad<T>(work: () => T | Promise<T>): Promise<T> {
  const children: ChildProcess[] = [];
  try {
    for (let k = 0; k < availableParallelism(); k++) {
      const child = spawn(process.execPath, ["-e", "process.stdout.write('x'); for (;;) {}"], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      children.push(child);
      // Spinning once it has written: the load is there before the work starts.
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once("data", () => resolve());
        child.once("error", reject);
      });
    }
    return await work();
  } finally {
    for (const child of children) child.kill("SIGKILL");
  }
}

/** The files of a generated gala event of `guests` delegates, every one seated at the banquet. */
export const galaFiles = (guests: number) => generateEvent(guests, 20, 7, { gala: guests });

/** A generated gala event, validated: the event and its seated session. */
export function galaEvent(guests: number) {
  const files = galaFiles(guests);
  const parsed = parseEventConfig(files["event.yaml"]);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const enc = (t: string) => new TextEncoder().encode(t);
  const checked = checkEvent({
    config: parsed.config,
    files: {
      delegates: { name: "delegates.csv", bytes: enc(files["delegates.csv"]) },
      venues: { name: "venues.csv", bytes: enc(files["venues.csv"]) },
      sessions: { name: "sessions.csv", bytes: enc(files["sessions.csv"]) },
      seating: { name: "seating.csv", bytes: enc(files["seating.csv"]) },
    },
  });
  if (!checked.event) throw new Error(JSON.stringify(checked.diagnostics.slice(0, 3)));
  const session = checked.event.sessions.find((s) => s.seating === "assigned")!;
  return { event: checked.event, session };
}
