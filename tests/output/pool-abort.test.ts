import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledFontFiles } from "../../src/load/fonts.js";
import { builtinTemplatesDir } from "../../src/paths.js";
import { RenderPool } from "../../src/render/pool.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "conclave-pool-"));
  // A template that keeps a worker busy for a few seconds.
  await writeFile(path.join(dir, "slow.typ"), "#let n = 0\n#for i in range(3000000) { n = n + 1 }\n#n\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("stopping the render pool after a batch failed", () => {
  it("rejects the compiles in flight at once, so nothing is written from them later", async () => {
    const pool = new RenderPool(
      { builtinDir: builtinTemplatesDir, eventDir: dir, fontFiles: bundledFontFiles() },
      2,
    );
    const job = { template: "slow.typ", data: {}, timestamp: 0 };
    const jobs = [pool.compile(job), pool.compile(job), pool.compile(job)]; // two in flight, one queued
    const settled = jobs.map((p) =>
      p.then(
        () => "compiled",
        () => "stopped",
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    const closing = pool.close();
    const soon = new Promise((r) => setTimeout(() => r("still waiting"), 1000));
    // Before: a job in flight was neither resolved nor rejected, and its caller went on to
    // write its files once the compile ended, after the build had given up.
    for (const s of settled) expect(await Promise.race([s, soon])).toBe("stopped");
    await closing;
  }, 30_000);
});
