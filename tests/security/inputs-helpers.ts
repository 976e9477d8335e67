import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { bin, type CliResult, root } from "../helpers/cli.js";

export const example = path.join(root, "fixtures/cicon-2023");

/** A fresh copy of the example event in a temporary folder; returns its path. */
export async function copyExample(parent: string, name: string): Promise<string> {
  const dir = path.join(parent, name);
  await cp(example, dir, { recursive: true });
  return dir;
}

/** Replaces `from` with `to` in a file of the event (event.yaml by default). */
export async function edit(dir: string, from: string | RegExp, to: string, file = "event.yaml") {
  const p = path.join(dir, file);
  const text = await readFile(p, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to replace for ${String(from)}`);
  await writeFile(p, next);
}

/**
 * Runs bin/conclave.js without blocking this process (a listener here must be able to answer),
 * killed after `timeoutMs`: a hang is a failure with code -1, not a stuck test run.
 */
export function run(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<CliResult & { timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, CI: "true", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
  });
}

/**
 * A TCP listener on loopback that records every connection made to it and closes it at once:
 * set as HTTPS_PROXY/HTTP_PROXY/ALL_PROXY of a child, it sees each attempt to reach the network.
 */
export async function recordingProxy(): Promise<{ url: string; attempts: () => number; close: () => void }> {
  let attempts = 0;
  const server = net.createServer((socket) => {
    attempts++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, attempts: () => attempts, close: () => server.close() };
}

export const tmpRoot = () => mkdtemp(path.join(tmpdir(), "conclave-security-"));
