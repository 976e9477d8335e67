import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { bin, root } from "../helpers/cli.js";

/**
 * Runs the CLI with its standard output (or error) a pipe whose reader has already gone, as in
 * `conclave --help | head -1` once head has its line: every write then fails with EPIPE.
 */
function withClosedReader(
  args: string[],
  closed: "stdout" | "stderr",
): Promise<{ code: number | null; other: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child[closed].destroy();
  let other = "";
  child[closed === "stdout" ? "stderr" : "stdout"].on("data", (d) => {
    other += d;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, other })));
}

describe("a reader that leaves early", () => {
  it("ends `conclave --help` quietly with exit 0, not a stack trace about EPIPE", async () => {
    const r = await withClosedReader(["--help"], "stdout");
    expect(r.other).not.toMatch(/EPIPE|node:events|at /);
    expect(r.code).toBe(0);
  });

  it("lets a command whose report goes nowhere finish with its own exit code", async () => {
    const ok = await withClosedReader(["validate", "fixtures/cicon-2023"], "stdout");
    expect(ok.other).not.toMatch(/EPIPE|node:events/);
    expect(ok.code).toBe(0);
    const bad = await withClosedReader(["validate", "fixtures/bad/duplicate-id"], "stderr");
    expect(bad.other).not.toMatch(/EPIPE|node:events/);
    expect(bad.code).toBe(1);
  });
});
