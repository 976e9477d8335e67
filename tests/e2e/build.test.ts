import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, interrupt } from "../helpers/cli.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-build-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

type Manifest = { files: { path: string; sha256: string; size: number; material: string }[] };

describe("conclave build", () => {
  it("makes every material, summarises them, and gives the same bytes twice", async () => {
    const runs: Manifest[] = [];
    for (const name of ["a", "b"]) {
      const out = path.join(tmp, name);
      const r = conclave(["build", "fixtures/cicon-2023", "--out", out, "--format", "json"]);
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary.ok).toBe(true);
      expect(summary.materials.map((m: { material: string }) => m.material)).toEqual([
        "seating",
        "agenda",
        "badges",
        "letters",
        "protocol",
      ]);
      runs.push(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
    }
    const [a, b] = runs as [Manifest, Manifest];
    expect(a.files.length).toBeGreaterThan(400);
    expect(new Set(a.files.map((f) => f.material))).toEqual(
      new Set(["seating", "agenda", "badges", "letters", "protocol"]),
    );
    // Every file of every material, byte for byte: PDFs, calendars, CSVs, JSON.
    expect(b.files).toEqual(a.files);
  });

  it("stopped midway (SIGTERM), leaves the previous letters whole and nothing half made", async () => {
    const out = path.join(tmp, "kept");
    const first = conclave(["letters", "fixtures/cicon-2023", "--out", out]);
    expect(first.code, first.stderr).toBe(0);
    const folder = path.join(out, "letters/invitation");
    const before = (await readdir(folder)).sort();
    const sample = before.find((f) => f.endsWith(".pdf"))!;
    const bytes = await readFile(path.join(folder, sample));
    // A leftover of a run killed without a chance to clean up (SIGKILL): removed by the next run.
    await mkdir(path.join(out, "letters/.invitation.new-2147483646"), { recursive: true });

    const { generateEvent } = await import("../../bench/generate.js");
    const big = path.join(tmp, "big");
    await mkdir(big, { recursive: true });
    for (const [name, content] of Object.entries(generateEvent(3000, 50, 5)))
      await writeFile(path.join(big, name), content);
    // Stop once the first quarter of the new letters is written.
    const { code, stderr } = await interrupt(
      ["letters", big, "--out", out],
      /letters [\d,]+\/[\d,]+/,
      "SIGTERM",
    );
    expect(code).toBe(143);
    expect(stderr).not.toContain("internal error");
    expect((await readdir(folder)).sort()).toEqual(before);
    expect(await readFile(path.join(folder, sample))).toEqual(bytes);
    expect((await readdir(path.join(out, "letters"))).sort()).toEqual(["invitation"]);
    // The manifest still lists exactly the letters out/ holds.
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.files.map((f) => f.path)).toEqual(before.map((f) => `letters/invitation/${f}`));
    // .conclave/ holds what the finished first run was made from (conclave diff).
    expect((await readdir(out)).sort()).toEqual([".conclave", "letters", "manifest.json"]);
  }, 60_000);
});
