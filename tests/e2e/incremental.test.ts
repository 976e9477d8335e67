import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyExample, editCsv, setCell, trueManifest } from "../build/outputs.js";
import { conclave } from "../helpers/cli.js";

/**
 * Incremental builds through the CLI (docs/changes.md): a rebuild compiles only what changed,
 * removes what a cancelled delegate no longer gets, and makes out/ exactly what a clean build
 * of the same data makes; a state it cannot trust is named in one line and ignored.
 */

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-incremental-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Summary {
  ok: boolean;
  compiled: number;
  reused: number;
}

function build(dir: string, out: string, ...flags: string[]): { summary: Summary; stderr: string } {
  const r = conclave(["build", dir, "--out", out, "--format", "json", ...flags]);
  expect(r.code, r.stderr).toBe(0);
  return { summary: JSON.parse(r.stdout) as Summary, stderr: r.stderr };
}

/** out/ after a rebuild equals a clean build of the same data, file by file (hashes compared). */
function expectLikeClean(dir: string, out: string, name: string): void {
  const clean = path.join(tmp, `${name}-clean`);
  build(dir, clean);
  expect(trueManifest(out)).toEqual(trueManifest(clean));
}

describe("a build that remembers", () => {
  it("rebuilds with no change compile nothing; edits recompile a few documents; a cancelled delegate's files go", async () => {
    const ev = await copyExample(path.join(tmp, "ev"));
    const out = path.join(tmp, "ev-out");
    const first = build(ev, out).summary;
    expect(first.reused).toBe(0);
    const total = first.compiled;
    expect(total).toBeGreaterThan(10);

    const same = build(ev, out).summary;
    expect(same).toMatchObject({ compiled: 0, reused: total });

    // A misspelt name corrected, and the last delegate cancelled.
    await editCsv(ev, "delegates.csv", (g) => setCell(g, "KR-003", "family_name", "Seo").slice(0, -1));
    const edited = build(ev, out).summary;
    expect(edited.compiled).toBeGreaterThan(0);
    expect(edited.compiled).toBeLessThan(total / 2);
    const files = trueManifest(out).map((f) => f.path);
    expect(files.some((f) => f.includes("VN-040"))).toBe(false);
    expect(files.some((f) => f.includes("VN-039"))).toBe(true);
    expectLikeClean(ev, out, "ev");

    const full = build(ev, out, "--full").summary;
    expect(full.reused).toBe(0);
  }, 180_000);

  const broken: [string, (text: string) => string, RegExp][] = [
    ["truncated", (t) => t.slice(0, Math.floor(t.length / 2)), /not valid JSON/],
    [
      "edited by hand",
      (t) => t.replace(/"sha256":"[0-9a-f]/, '"sha256":"x'),
      /changed since conclave wrote it/,
    ],
    ["from a future version", (t) => t.replace(/"format":1/, '"format":99'), /newer conclave/],
    ["of another event", (t) => t.replace(/"event":"[0-9a-f]/, '"event":"x'), /another event/],
  ];
  it.each(broken)(
    "a state %s: a one-line notice and a full build",
    async (_name, spoil, reason) => {
      const ev = await copyExample(path.join(tmp, `st-${_name.replace(/\W/g, "")}`));
      const out = `${ev}-out`;
      const first = build(ev, out, "--only", "badges,protocol").summary;
      const file = path.join(out, ".conclave/state.json");
      await writeFile(file, spoil(await readFile(file, "utf8")));
      const again = build(ev, out, "--only", "badges,protocol");
      const notices = again.stderr.split("\n").filter((l) => l.includes("state.json"));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(reason);
      expect(notices[0]).toMatch(/building everything/);
      expect(again.summary).toMatchObject({ reused: 0, compiled: first.compiled });
      // The state is whole again: the next build reuses everything.
      expect(build(ev, out, "--only", "badges,protocol").summary).toMatchObject({ compiled: 0 });
    },
    120_000,
  );
  it("searches the banquet's tables again only when what the search reads changed", async () => {
    const ev = await copyExample(path.join(tmp, "searches"));
    const out = path.join(tmp, "searches-out");
    const searches = async () =>
      Object.keys(
        (
          JSON.parse(await readFile(path.join(out, ".conclave/state.json"), "utf8")) as {
            searches?: Record<string, unknown>;
          }
        ).searches ?? {},
      );
    build(ev, out);
    // Two searches: the first, and the second from the plan the language repair made, which
    // keeps the rule that nobody sits alone with their language.
    const first = await searches();
    expect(first).toHaveLength(2);
    // A corrected family name: nothing the table search reads (nationality, language,
    // precedence, wishes) changed, so the remembered search answers and the plan is the same.
    await editCsv(ev, "delegates.csv", (g) => setCell(g, "KR-014", "family_name", "Shinn"));
    build(ev, out);
    expect(await searches()).toEqual(first);
    expectLikeClean(ev, out, "searches-renamed");
    // Another country for a banquet guest: new searches, and only they are remembered.
    await editCsv(ev, "delegates.csv", (g) => setCell(g, "KR-014", "country", "VN"));
    build(ev, out);
    const after = await searches();
    expect(after).toHaveLength(2);
    expect(after.filter((k) => first.includes(k))).toEqual([]);
    expectLikeClean(ev, out, "searches-moved");
  }, 240_000);
});
