import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSnapshot, SNAPSHOT_DIR, saveSnapshot } from "../../src/diff/snapshot.js";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { root } from "../helpers/cli.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-snapshot-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("the last build's snapshot", () => {
  it("keeps event.yaml and every CSV byte for byte, with their hashes, and reads them back", async () => {
    const loaded = await loadEventFolder(path.join(root, "fixtures/cicon-2023"), { glyphs: false });
    const out = path.join(tmp, "a");
    saveSnapshot(out, loaded, { materials: ["badges"] });
    saveSnapshot(out, loaded, { materials: ["badges", "letters"] });
    // Swapped in whole: no staging or old folder left beside it.
    expect(await readdir(path.join(out, ".conclave"))).toEqual(["last-build"]);
    const s = readSnapshot(out)!;
    expect(s.meta.materials).toEqual(["badges", "letters"]);
    expect(Object.keys(s.meta.files).sort()).toEqual(["delegates", "event", "seating", "sessions", "venues"]);
    expect(Buffer.from(s.bytes.event!)).toEqual(
      await readFile(path.join(root, "fixtures/cicon-2023/event.yaml")),
    );
    expect(Buffer.from(s.bytes.delegates!)).toEqual(
      await readFile(path.join(root, "fixtures/cicon-2023/delegates.csv")),
    );
    expect(s.meta.files.delegates).toMatchObject({ name: "delegates.csv", file: "delegates.csv" });
    // Passport numbers and phones are in there: the owner's alone.
    expect((await stat(path.join(out, SNAPSHOT_DIR))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(out, SNAPSHOT_DIR, "delegates.csv"))).mode & 0o777).toBe(0o600);
  });

  it("none yet: undefined; a file edited after the build: a clear error", async () => {
    expect(readSnapshot(path.join(tmp, "none"))).toBeUndefined();
    const loaded = await loadEventFolder(path.join(root, "fixtures/cicon-2023"), { glyphs: false });
    const out = path.join(tmp, "b");
    saveSnapshot(out, loaded);
    await writeFile(path.join(out, SNAPSHOT_DIR, "delegates.csv"), "id\n");
    expect(() => readSnapshot(out)).toThrow(/damaged \(delegates\.csv was changed after the build\)/);
    await writeFile(path.join(out, SNAPSHOT_DIR, "snapshot.json"), "{");
    expect(() => readSnapshot(out)).toThrow(/snapshot\.json is not JSON/);
  });
});
