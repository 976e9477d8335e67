import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editCsv, everything, setCell, trueManifest } from "../build/outputs.js";
import { conclave, interrupt } from "../helpers/cli.js";

/**
 * kill -9 during an incremental build (the pattern of tests/security/outputs.test.ts, on a
 * rebuild): out/ keeps whole files and a true manifest, the build state stays usable (the next
 * rebuild reuses what it can and is not told to start over), and that rebuild makes exactly
 * what a clean build makes.
 */

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-incr-kill-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("SIGKILL during an incremental build", () => {
  it("leaves the previous outputs and state usable, at several moments", async () => {
    const { generateEvent } = await import("../../bench/generate.js");
    const big = path.join(tmp, "big");
    await mkdir(big, { recursive: true });
    for (const [name, content] of Object.entries(generateEvent(300, 20, 5)))
      await writeFile(path.join(big, name), content);
    const out = path.join(tmp, "out");
    const first = conclave(["build", big, "--out", out]);
    expect(first.code, first.stderr).toBe(0);
    const ids = (await readFile(path.join(big, "delegates.csv"), "utf8"))
      .split("\n")
      .slice(1, 40)
      .map((l) => l.split(",")[0]!);
    let n = 0;
    for (const when of [/Valid:/, /agenda [\d,]+\/300/, /badges/, /letters [\d,]+\/[\d,]+/]) {
      // A few names corrected before each rebuild, so it has something to compile.
      const batch = ids.slice(n, n + 8);
      n += 8;
      await editCsv(big, "delegates.csv", (g) =>
        batch.reduce((grid, id, i) => setCell(grid, id, "family_name", `Ha${n}${i}`), g),
      );
      const { code } = await interrupt(["build", big, "--out", out], when, "SIGKILL");
      expect(code, String(when)).toBe(null); // killed, not exited
      // Every visible file is whole (a PDF ends with its trailer), and so is every stored one.
      for (const f of await everything(out)) {
        if (!f.endsWith(".pdf") || f.split("/").some((p) => p.startsWith(".") && p !== ".conclave")) continue;
        const bytes = await readFile(path.join(out, f));
        expect(bytes.subarray(-64).toString("latin1"), f).toContain("%%EOF");
      }
      // The state is the previous build's, whole: the next rebuild uses it without a notice.
      const state = JSON.parse(await readFile(path.join(out, ".conclave/state.json"), "utf8"));
      expect(state.format).toBe(1);
      const again = conclave(["build", big, "--out", out, "--format", "json"]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).not.toMatch(/state\.json: not used/);
      expect(JSON.parse(again.stdout).reused, String(when)).toBeGreaterThan(0);
      trueManifest(out);
    }
    const clean = path.join(tmp, "clean");
    const fresh = conclave(["build", big, "--out", clean]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(trueManifest(out)).toEqual(trueManifest(clean));
  }, 400_000);
});
