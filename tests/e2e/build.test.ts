import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave } from "../helpers/cli.js";

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
      ]);
      runs.push(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
    }
    const [a, b] = runs as [Manifest, Manifest];
    expect(a.files.length).toBeGreaterThan(400);
    expect(new Set(a.files.map((f) => f.material))).toEqual(
      new Set(["seating", "agenda", "badges", "letters"]),
    );
    // Every file of every material, byte for byte: PDFs, calendars, CSVs, JSON.
    expect(b.files).toEqual(a.files);
  });
});
