import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, symlink, truncate, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildProgress, buildEventFolder } from "../../src/build/index.js";
import { copyExample, editCsv, setCell, trueManifest } from "./outputs.js";

/**
 * The whole-build short cut (src/build/unchanged.ts): a build whose inputs equal the last build's,
 * with out/ as that build left it, stops before validating or compiling; anything else (an
 * output deleted or edited by hand, an input changed, --full) runs the build and leaves out/
 * true.
 */

let tmp: string;
let dir: string;
let out: string;
let firstMaterials: string[];
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-unchanged-"));
  dir = await copyExample(path.join(tmp, "event"));
  out = path.join(tmp, "out");
  firstMaterials = (await buildEventFolder(dir, { out, jobs: 2 })).materials.map((m) => m.material);
}, 300_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function rebuild(full = false) {
  const events: BuildProgress[] = [];
  const result = await buildEventFolder(dir, { out, jobs: 2, full }, { onProgress: (e) => events.push(e) });
  const skipped = events.some((e) => e.kind === "notice" && /Nothing changed/.test(e.text));
  return { result, events, skipped };
}

describe("a build with nothing changed", () => {
  it("stops early and reports what the last build made", async () => {
    const before = trueManifest(out);
    const { result, events, skipped } = await rebuild();
    expect(skipped).toBe(true);
    expect(result.compiled).toBe(0);
    expect(result.reused).toBeGreaterThan(0);
    expect(result.materials.map((m) => m.material)).toEqual(firstMaterials);
    expect(result.materials.every((m) => m.seconds === 0 && m.files > 0)).toBe(true);
    // The same progress a build reports: validated first, then each material done.
    expect(events[0]?.kind).toBe("validated");
    expect(events.filter((e) => e.kind === "material-done")).toHaveLength(result.materials.length);
    expect(trueManifest(out)).toEqual(before);
  });

  it("rebuilds an output deleted by hand", async () => {
    const before = trueManifest(out);
    const victim = before.find((f) => f.path.startsWith("badges/"))!;
    await unlink(path.join(out, victim.path));
    const { skipped } = await rebuild();
    expect(skipped).toBe(false);
    expect(trueManifest(out)).toEqual(before);
    expect((await rebuild()).skipped).toBe(true);
  }, 300_000);

  it("rebuilds an output edited by hand (size or time changed)", async () => {
    const before = trueManifest(out);
    const victim = before.find((f) => f.path.endsWith(".ics"))!;
    await truncate(path.join(out, victim.path), 10);
    expect((await rebuild()).skipped).toBe(false);
    expect(trueManifest(out)).toEqual(before);
    // Same size, another time: the file may have been overwritten; it is made again.
    const other = before.find((f) => f.path.endsWith(".pdf"))!;
    await utimes(path.join(out, other.path), new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect((await rebuild()).skipped).toBe(false);
    expect(trueManifest(out)).toEqual(before);
  }, 300_000);

  it("runs when an input changed, and with --full", async () => {
    await editCsv(dir, "delegates.csv", (g) => setCell(g, g[1]![0]!, "family_name", "Seo"));
    const changed = await rebuild();
    expect(changed.skipped).toBe(false);
    expect(changed.result.compiled).toBeGreaterThan(0);
    expect((await rebuild()).skipped).toBe(true);
    const full = await rebuild(true);
    expect(full.skipped).toBe(false);
    expect(full.result.reused).toBe(0);
  }, 300_000);

  it("reads the images it fingerprints through the confined reader (no pipe, no link out)", async () => {
    const signature = path.join(dir, "signature.svg");
    const original = await readFile(signature);
    // A named pipe: a plain read would wait for a writer forever; the build must refuse it.
    await unlink(signature);
    execFileSync("mkfifo", [signature]);
    await expect(rebuild()).rejects.toThrow(/signature\.svg is a named pipe \(FIFO\), not a file/);
    // A link to a file outside the event folder: refused, and never taken as unchanged.
    await unlink(signature);
    const outside = path.join(tmp, "outside.svg");
    await writeFile(outside, original);
    await symlink(outside, signature);
    await expect(rebuild()).rejects.toThrow(/signature\.svg is a link to .*outside the event folder/);
    await expect(rebuild()).rejects.toThrow(/outside the event folder/);
    await unlink(signature);
    await writeFile(signature, original);
    expect((await rebuild()).skipped).toBe(false);
    expect((await rebuild()).skipped).toBe(true);
  }, 300_000);
});
