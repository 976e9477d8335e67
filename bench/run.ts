import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface RunResult {
  code: number;
  seconds: number;
  /** Peak resident memory of the process and its worker threads (VmHWM), in MB; null off Linux. */
  peakMb: number | null;
  /**
   * CPU time of the process and its threads (user + system), in seconds; null off Linux. On a
   * shared machine the wall time of a run swings with the others' load, its CPU time far less.
   */
  cpuSeconds: number | null;
  stderr: string;
  stdout: string;
}

/**
 * The CPU time of this process's children that have ended and been waited for (cutime + cstime
 * of /proc/self/stat), in seconds; null off Linux. Linux counts in clock ticks of 1/100 s. Right
 * for runs made one at a time: another child reaped meanwhile would count too.
 */
function childrenCpu(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // The fields after the command name in parentheses (which may hold spaces): cutime is the
    // 16th field of the line, cstime the 17th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/**
 * Runs a command as a fresh process and measures its wall time, CPU time and peak memory. Peak RSS comes
 * from /proc/<pid>/status (VmHWM), read every 100 ms until the process exits: worker threads share
 * the process, so the figure covers the whole compiler pool.
 */
export function runMeasured(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const cpuBefore = childrenCpu();
    const child = spawn(command, args, { env: { ...process.env, CI: "true", NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    let peak: number | null = null;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) peak = Math.max(peak ?? 0, Number(m[1]) / 1024);
      } catch {
        // not Linux, or the process has just exited
      }
    }, 100);
    child.on("close", (code) => {
      clearInterval(poll);
      const cpuAfter = childrenCpu();
      resolve({
        cpuSeconds: cpuBefore === null || cpuAfter === null ? null : +(cpuAfter - cpuBefore).toFixed(2),
        code: code ?? -1,
        seconds: (performance.now() - started) / 1000,
        peakMb: peak === null ? null : Math.round(peak),
        stderr,
        stdout,
      });
    });
  });
}

/**
 * Where a benchmark saves its result: bench/results/<name>-<date>.json, or -2, -3… when a run of
 * the same day is already there (a result is never overwritten).
 */
export function resultFile(root: string, name: string, date = new Date().toISOString().slice(0, 10)): string {
  const dir = path.join(root, "bench/results");
  mkdirSync(dir, { recursive: true });
  for (let k = 1; ; k++) {
    const file = path.join(dir, `${name}-${date}${k === 1 ? "" : `-${k}`}.json`);
    if (!existsSync(file)) return file;
  }
}
