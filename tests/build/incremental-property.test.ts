import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEventFolder } from "../../src/build/index.js";
import { DataInvalid } from "../../src/errors.js";
import { copyExample, editCsv, type Grid, setCell, trueManifest } from "./outputs.js";

/**
 * The promise of incremental builds (docs/changes.md): whatever the edits, out/ after a chain of
 * rebuilds holds exactly the bytes a clean build of the final data makes. Random sequences of the
 * edits a secretariat makes (a name corrected, a delegate cancelled or added, a session moved)
 * on a copy of the example, each followed by a rebuild; then one clean build to compare.
 */

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-incr-prop-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

type Edit =
  | { kind: "rename"; row: number; name: string }
  | { kind: "cancel"; row: number }
  | { kind: "add"; n: number }
  | { kind: "move"; row: number; minutes: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant("rename" as const),
    row: fc.nat(200),
    name: fc.constantFrom("Seo", "Trần", "Lê-Hoàng", "Park"),
  }),
  fc.record({ kind: fc.constant("cancel" as const), row: fc.nat(200) }),
  fc.record({ kind: fc.constant("add" as const), n: fc.integer({ min: 100, max: 999 }) }),
  fc.record({ kind: fc.constant("move" as const), row: fc.nat(30), minutes: fc.constantFrom(-30, 15, 60) }),
);

const shift = (hhmm: string, minutes: number) => {
  const [h, m] = hhmm.split(":").map(Number);
  const t = Math.min(23 * 60 + 45, Math.max(0, h! * 60 + m! + minutes));
  return `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
};

/** Rows of the example no session, seat or setting names: safe to cancel. */
const cancellable = (grid: Grid) =>
  grid.slice(1).filter((r) => /^VN-03\d$|^VN-04\d$|^VN-[1-9]\d\d$/.test(r[0]!));

async function apply(dir: string, e: Edit): Promise<void> {
  if (e.kind === "move") {
    await editCsv(dir, "sessions.csv", (g) => {
      const row = g[1 + (e.row % (g.length - 1))]!;
      const [s, en] = [g[0]!.indexOf("start"), g[0]!.indexOf("end")];
      return g.map((r) => (r === row ? r.map((v, j) => (j === s || j === en ? shift(v, e.minutes) : v)) : r));
    });
    return;
  }
  await editCsv(dir, "delegates.csv", (g) => {
    if (e.kind === "rename") return setCell(g, g[1 + (e.row % (g.length - 1))]![0]!, "family_name", e.name);
    if (e.kind === "cancel") {
      const safe = cancellable(g);
      if (safe.length === 0) return g;
      const gone = safe[e.row % safe.length]!;
      return g.filter((r) => r !== gone);
    }
    const id = `VN-${e.n}`;
    if (g.some((r) => r[0] === id)) return g;
    const model = g.find((r) => r[0] === "VN-036") ?? g[g.length - 1]!;
    const email = g[0]!.indexOf("email");
    return [...g, model.map((v, j) => (j === 0 ? id : j === email ? `${id.toLowerCase()}@example.vn` : v))];
  });
}

const FILES = ["delegates.csv", "sessions.csv"];

describe("incremental builds equal clean builds", () => {
  it("after random sequences of edits, out/ is byte for byte a clean build's", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 3, maxLength: 4 }), async (edits) => {
        const dir = await copyExample(path.join(tmp, `ev-${run}`));
        const out = path.join(tmp, `out-${run}`);
        const clean = path.join(tmp, `clean-${run}`);
        run++;
        await buildEventFolder(dir, { out, jobs: 2 });
        let compiled = 0;
        for (const e of edits) {
          const before = await Promise.all(FILES.map((f) => readFile(path.join(dir, f))));
          await apply(dir, e);
          try {
            compiled += (await buildEventFolder(dir, { out, jobs: 2 })).compiled;
          } catch (err) {
            // An edit that made the data invalid (a session moved onto another) is undone.
            if (!(err instanceof DataInvalid)) throw err;
            await Promise.all(FILES.map((f, i) => writeFile(path.join(dir, f), before[i]!)));
          }
        }
        const fresh = await buildEventFolder(dir, { out: clean, jobs: 2 });
        expect(trueManifest(out)).toEqual(trueManifest(clean));
        // The rebuilds compiled less, together, than clean builds would have.
        expect(compiled).toBeLessThan(fresh.compiled * edits.length);
      }),
      // Four chains of three or four edits: each run is five or six whole builds of the example.
      { numRuns: 4, endOnFailure: true },
    );
  }, 900_000);
});
