import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEventFolder } from "../../src/build/index.js";
import { copyExample, editCsv, type Listed, setCell, trueManifest } from "./outputs.js";

/**
 * Personal agendas after a small edit (src/materials/agenda/index.ts, the per-file records of
 * src/build/state.ts): a delegate whose agenda and calendar would come out the same is neither
 * cut nor written again; out/ still equals a clean (--full) build of the same data.
 */

let tmp: string;
let dir: string;
let out: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-agenda-files-"));
  dir = await copyExample(path.join(tmp, "event"));
  out = path.join(tmp, "out");
  await buildEventFolder(dir, { out, jobs: 2 });
}, 300_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const personal = (files: Listed[]) => files.filter((f) => f.path.startsWith("agenda/personal/"));
const mtimes = (files: Listed[]) =>
  new Map(files.map((f) => [f.path, statSync(path.join(out, f.path)).mtimeMs]));

/** Builds `dir` anew into a folder of its own (--full) and returns its manifest. */
async function clean(name: string): Promise<Listed[]> {
  const other = path.join(tmp, name);
  await buildEventFolder(dir, { out: other, jobs: 2, full: true });
  return trueManifest(other);
}

describe("personal agendas after a small edit", () => {
  it("rewrites only the files whose bytes change, and equals a --full build", async () => {
    const before = trueManifest(out);
    const was = mtimes(personal(before));
    // A delegate who speaks at no session: the change shows in their own agenda and calendar only.
    await editCsv(dir, "delegates.csv", (g) => setCell(g, "KR-030", "family_name", "Shin-Park"));
    const result = await buildEventFolder(dir, { out, jobs: 2 });
    const after = trueManifest(out);
    const hashes = new Map(before.map((f) => [f.path, f.sha256]));
    const changed = personal(after)
      .filter((f) => hashes.get(f.path) !== f.sha256)
      .map((f) => f.path);
    const rewritten = [...mtimes(personal(after))]
      .filter(([p, t]) => was.get(p) !== t)
      .map(([p]) => p)
      .sort();
    // That delegate's calendar changed, and their PDF. The other PDFs cut from the same compile
    // (one batch of agendas) may differ too, as the pieces share that compile's resources; a
    // clean build makes the same bytes, so they are written. No other file of the folder is.
    expect(changed.filter((p) => p.endsWith(".ics"))).toEqual(["agenda/personal/KR-030.ics"]);
    expect(changed).toContain("agenda/personal/KR-030.pdf");
    expect(readFileSync(path.join(out, "agenda/personal/KR-030.ics"), "utf8")).toContain("Shin-Park");
    expect(changed.length).toBeLessThan(personal(after).length / 4);
    expect(rewritten).toEqual(changed.sort());
    // One batch of agendas compiled again (the one with KR-030), the others not even read.
    expect(result.byTemplate["personal-agenda.typ"]?.compiled).toBe(1);
    expect(after).toEqual(await clean("clean-1"));
  }, 300_000);

  it("removes a cancelled delegate's files and makes a late one's", async () => {
    await editCsv(dir, "delegates.csv", (g) => {
      const late = g.find((r) => r[0] === "KR-031")!.map((v, j) => (j === 0 ? "KR-900" : v));
      const email = g[0]!.indexOf("email");
      if (email >= 0) late[email] = "late.delegate@example.org";
      return [...g.filter((r) => r[0] !== "KR-031"), late];
    });
    await buildEventFolder(dir, { out, jobs: 2 });
    const after = trueManifest(out);
    const names = personal(after).map((f) => path.basename(f.path));
    expect(names.some((n) => n.includes("KR-031"))).toBe(false);
    expect(names.filter((n) => n.includes("KR-900"))).toHaveLength(2);
    expect(after).toEqual(await clean("clean-2"));
  }, 300_000);

  it("does not trust file records edited by hand: every agenda is written again", async () => {
    const file = path.join(out, ".conclave/state.json");
    const state = JSON.parse(readFileSync(file, "utf8")) as { files: Record<string, { key: string }> };
    const [first] = Object.keys(state.files).filter((p) => p.startsWith("agenda/personal/"));
    state.files[first!]!.key = "0".repeat(64);
    await writeFile(file, JSON.stringify(state));
    const before = personal(trueManifest(out));
    const was = mtimes(before);
    await editCsv(dir, "delegates.csv", (g) => setCell(g, "KR-030", "family_name", "Shin-Kim"));
    await buildEventFolder(dir, { out, jobs: 2 });
    const after = trueManifest(out);
    expect(personal(after).filter((f) => was.get(f.path) === mtimes([f]).get(f.path))).toEqual([]);
    expect(after).toEqual(await clean("clean-4"));
  }, 300_000);

  it("writes again a file touched by hand, and forgets the records with --full", async () => {
    const before = personal(trueManifest(out));
    const victim = before.find((f) => f.path.endsWith(".pdf"))!;
    const full = path.join(out, victim.path);
    await utimes(full, new Date(2001, 0, 1), new Date(2001, 0, 1));
    // Another input changed too, so the whole-build short cut does not apply.
    await editCsv(dir, "delegates.csv", (g) => setCell(g, "KR-030", "family_name", "Shin"));
    await buildEventFolder(dir, { out, jobs: 2 });
    expect(statSync(full).mtime.getFullYear()).not.toBe(2001);
    const touched = mtimes(before).get(before[1]!.path);
    await buildEventFolder(dir, { out, jobs: 2, full: true });
    // --full makes the folder anew: every file written again.
    expect(statSync(path.join(out, before[1]!.path)).mtimeMs).not.toBe(touched);
    expect(trueManifest(out)).toEqual(await clean("clean-3"));
  }, 300_000);
});
