import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const bin = path.join(root, "bin/conclave.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs bin/conclave.js as a user's shell would in CI: no TTY, no colour. */
export function conclave(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, CI: "true", ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Starts bin/conclave.js as `conclave` does, waits until its stderr matches `when`, sends
 * `signal`, and resolves with the exit code and everything it wrote to stderr.
 */
export async function interrupt(
  args: string[],
  when: RegExp,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  await new Promise<void>((resolve) => {
    child.stderr.on("data", (d) => {
      stderr += d;
      if (when.test(stderr)) resolve();
    });
    void exited.then(() => resolve());
  });
  child.kill(signal);
  return { code: await exited, stderr };
}
