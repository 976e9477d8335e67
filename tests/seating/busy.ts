import { type ChildProcess, spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { checkedGala } from "../../bench/gala.js";
import { generateEvent } from "../../bench/generate.js";

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
export const galaEvent = (guests: number) => checkedGala(galaFiles(guests));
