import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEventFolder } from "../../src/build/index.js";
import { copyExample, type Listed, trueManifest } from "../build/outputs.js";

/**
 * Moving the words of each language out of the code and into language packs (issue #20) must
 * change nothing a user sees: the bundled example builds to the same bytes, file for file, as it
 * did before the refactor. example-manifest.json was written by the build of main before the
 * first pack existed; regenerate it (CONCLAVE_UPDATE_MANIFEST=1) only for a change that is meant
 * to alter the output, and say so in the commit.
 */

const stored = path.join(import.meta.dirname, "example-manifest.json");

let tmp: string;
let files: Listed[];
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-example-manifest-"));
  const dir = await copyExample(path.join(tmp, "event"));
  const out = path.join(tmp, "out");
  await buildEventFolder(dir, { out, jobs: 2, full: true });
  files = trueManifest(out);
}, 300_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const bySha = (list: Listed[]) =>
  Object.fromEntries([...list].sort((a, b) => a.path.localeCompare(b.path)).map((f) => [f.path, f.sha256]));

describe("the bundled example's output", () => {
  it("is byte-identical to the stored manifest", () => {
    const now = bySha(files);
    if (process.env.CONCLAVE_UPDATE_MANIFEST === "1")
      writeFileSync(stored, `${JSON.stringify(now, null, 2)}\n`);
    const before = JSON.parse(readFileSync(stored, "utf8")) as Record<string, string>;
    // Compared as a whole so a failure lists every file that changed, appeared or went away.
    expect(now).toEqual(before);
    expect(Object.keys(now).length).toBeGreaterThan(50);
  });
});
