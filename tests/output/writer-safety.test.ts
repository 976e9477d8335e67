import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { OutputWriter, resolveOutDir } from "../../src/output/writer.js";

let dir: string;
let out: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "conclave-safety-"));
  out = path.join(dir, "out");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited: a run killed with no chance to clean up. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

async function manifestOf(root: string): Promise<{ path: string; sha256: string; material: string }[]> {
  return JSON.parse(await readFile(path.join(root, "manifest.json"), "utf8")).files;
}

/** Every regular file in the folder but the manifest, as the manifest should list them. */
async function filesIn(root: string): Promise<string[]> {
  const all = await readdir(root, { recursive: true, withFileTypes: true });
  return all
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((p) => p !== "manifest.json")
    .sort();
}

async function build(files: Record<string, string>, material = "t"): Promise<OutputWriter> {
  const w = new OutputWriter(out);
  w.open();
  for (const [p, data] of Object.entries(files)) await w.write(p, data, material);
  await w.writeManifest("conclave test");
  w.close();
  return w;
}

describe("the output folder's real path", () => {
  it("refuses --out through a link to the event folder, and --out that is a file", async () => {
    const event = path.join(dir, "event");
    await mkdir(event);
    await symlink(event, path.join(dir, "link"));
    expect(() => resolveOutDir(event, path.join(dir, "link"))).toThrow(/is the event folder/);
    await symlink(dir, path.join(dir, "up"));
    expect(() => resolveOutDir(event, path.join(dir, "up"))).toThrow(/contains the event folder/);
    await writeFile(path.join(dir, "a-file"), "x");
    expect(() => resolveOutDir(event, path.join(dir, "a-file"))).toThrow(UserError);
    expect(() => resolveOutDir(event, path.join(dir, "a-file/sub"))).toThrow(/inside a file/);
  });
});

describe("nothing is written, replaced or deleted through a link", () => {
  it("refuses an output folder with a symlink in it, and leaves the link's target alone", async () => {
    const victim = path.join(dir, "victim");
    await mkdir(path.join(victim, "invitation"), { recursive: true });
    await writeFile(path.join(victim, "invitation/precious.pdf"), "mine");
    await mkdir(out);
    await symlink(victim, path.join(out, "letters"));
    const w = new OutputWriter(out);
    expect(() => w.open()).toThrow(/letters is a symbolic link inside the output folder/);
    expect(await readFile(path.join(victim, "invitation/precious.pdf"), "utf8")).toBe("mine");
    // Refused before the lock was kept: a later build is not locked out.
    expect(existsSync(path.join(out, ".conclave.lock"))).toBe(false);
  });

  it("refuses a link made while the build runs, at a folder or at a file it writes", async () => {
    const victim = path.join(dir, "victim");
    await mkdir(victim);
    const w = new OutputWriter(out);
    w.open();
    await symlink(victim, path.join(out, "letters"));
    await expect(w.write("letters/invitation/a.pdf", "x", "letters")).rejects.toThrow(/symbolic link/);
    await mkdir(path.join(out, "badges"));
    await writeFile(path.join(victim, "target"), "mine");
    await symlink(path.join(victim, "target"), path.join(out, "badges/badges.pdf"));
    await expect(w.write("badges/badges.pdf", "x", "badges")).rejects.toThrow(/symbolic link/);
    expect(await readdir(victim)).toEqual(["target"]);
    expect(await readFile(path.join(victim, "target"), "utf8")).toBe("mine");
    w.close();
  });

  it("refuses to replace a folder holding a file conclave did not make", async () => {
    await build({ "letters/invitation/KR-001.pdf": "old" }, "letters");
    await writeFile(path.join(out, "letters/invitation/notes.txt"), "the organiser's notes");
    const w = new OutputWriter(out);
    w.open();
    expect(() => w.replaceFolder("letters/invitation")).toThrow(/notes\.txt was not made by conclave/);
    w.close();
    expect(await readFile(path.join(out, "letters/invitation/notes.txt"), "utf8")).toBe(
      "the organiser's notes",
    );
  });
});

describe("one build at a time per output folder", () => {
  it("refuses a second build while one holds the lock, and takes over the lock of a dead one", async () => {
    const first = new OutputWriter(out);
    first.open();
    const second = new OutputWriter(out);
    expect(() => second.open()).toThrow(/another conclave build \(pid \d+\) is writing into/);
    first.close();
    second.open();
    second.close();
    await writeFile(path.join(out, ".conclave.lock"), `${deadPid()}\n`);
    const third = new OutputWriter(out);
    third.open();
    // The lock holds this process's pid (then, where /proc tells, its start time).
    expect((await readFile(path.join(out, ".conclave.lock"), "utf8")).trim().split(" ")[0]).toBe(
      String(process.pid),
    );
    third.close();
    expect(existsSync(path.join(out, ".conclave.lock"))).toBe(false);
  });
});

describe("the manifest describes exactly what the folder holds", () => {
  it("keeps the entries of materials not rebuilt", async () => {
    await build({ "agenda/programme.en.pdf": "agenda", "letters/invitation/a.pdf": "letter" }, "agenda");
    await build({ "badges/badges.pdf": "badges" }, "badges");
    expect((await manifestOf(out)).map((f) => f.path)).toEqual(await filesIn(out));
    expect((await manifestOf(out)).map((f) => f.path)).toEqual([
      "agenda/programme.en.pdf",
      "badges/badges.pdf",
      "letters/invitation/a.pdf",
    ]);
  });

  it("removes what a rebuilt material no longer makes, and never a file it did not make", async () => {
    await build(
      { "badges/badges-001.pdf": "1", "badges/badges-002.pdf": "2", "agenda/programme.en.pdf": "p" },
      "badges",
    );
    await writeFile(path.join(out, "badges/badges-003.pdf"), "the user's own copy");
    const w = new OutputWriter(out);
    w.open();
    await w.write("badges/badges.pdf", "all", "badges");
    w.complete("badges", (p) => p.startsWith("badges/"));
    await w.writeManifest("conclave test");
    w.close();
    expect((await readdir(path.join(out, "badges"))).sort()).toEqual(["badges-003.pdf", "badges.pdf"]);
    // A file of the material outside what this run covers stays.
    expect((await manifestOf(out)).map((f) => f.path)).toEqual([
      "agenda/programme.en.pdf",
      "badges/badges.pdf",
    ]);
  });

  it("cleans up what a killed run left: temporary files and half-made folders", async () => {
    await build({ "agenda/personal/KR-001.pdf": "old" }, "agenda");
    const pid = deadPid();
    await writeFile(path.join(out, `agenda/.programme.en.pdf.${pid}.3.tmp`), "half");
    await mkdir(path.join(out, `agenda/.personal.new-${pid}`));
    await writeFile(path.join(out, `agenda/.personal.new-${pid}/KR-001.pdf`), "new, unfinished");
    const w = new OutputWriter(out);
    w.open();
    w.close();
    expect((await readdir(path.join(out, "agenda"))).sort()).toEqual(["personal"]);
    expect(await readFile(path.join(out, "agenda/personal/KR-001.pdf"), "utf8")).toBe("old");
  });

  it("puts back a folder whose swap was killed between its two renames", async () => {
    await build({ "agenda/personal/KR-001.pdf": "old", "agenda/programme.en.pdf": "p" }, "agenda");
    const pid = deadPid();
    // kill -9 right after the first rename: the old folder is hidden, the new one not in place.
    const { rename } = await import("node:fs/promises");
    await rename(path.join(out, "agenda/personal"), path.join(out, `agenda/.personal.old-${pid}`));
    await mkdir(path.join(out, `agenda/.personal.new-${pid}`));
    await writeFile(path.join(out, `agenda/.personal.new-${pid}/KR-001.pdf`), "new");
    await build({}, "badges");
    expect((await readdir(path.join(out, "agenda"))).sort()).toEqual(["personal", "programme.en.pdf"]);
    expect(await readFile(path.join(out, "agenda/personal/KR-001.pdf"), "utf8")).toBe("old");
    expect((await manifestOf(out)).map((f) => f.path)).toEqual(await filesIn(out));
  });

  it("lists, after a killed run, the files it wrote before it died", async () => {
    await build({ "badges/badges.pdf": "old", "agenda/programme.en.pdf": "p" }, "badges");
    // A run that writes two files in place and is killed before its manifest.
    const killed = new OutputWriter(out);
    killed.open();
    await killed.write("badges/badges.pdf", "new", "badges");
    await killed.write("badges/calibration.pdf", "cal", "badges");
    await writeFile(path.join(out, ".conclave.lock"), `${deadPid()}\n`); // as if its process died
    await build({ "agenda/programme.en.pdf": "p2" }, "agenda");
    const files = await manifestOf(out);
    expect(files.map((f) => f.path)).toEqual(await filesIn(out));
    expect(files.find((f) => f.path === "badges/badges.pdf")!.sha256).toBe(sha("new"));
    expect(files.find((f) => f.path === "badges/calibration.pdf")).toMatchObject({
      material: "badges",
      sha256: sha("cal"),
    });
    expect(existsSync(path.join(out, ".conclave-journal"))).toBe(false);
  });

  it("after a failure lists what was written and drops what was half made", async () => {
    await build({ "letters/invitation/a.pdf": "old a" }, "letters");
    const w = new OutputWriter(out);
    w.open();
    await w.write("agenda/programme.en.pdf", "p", "agenda");
    w.replaceFolder("letters/invitation");
    await w.write("letters/invitation/b.pdf", "new b", "letters");
    await w.abort();
    await w.writeManifest("conclave test");
    w.close();
    expect((await manifestOf(out)).map((f) => f.path)).toEqual([
      "agenda/programme.en.pdf",
      "letters/invitation/a.pdf",
    ]);
    expect(await filesIn(out)).toEqual(["agenda/programme.en.pdf", "letters/invitation/a.pdf"]);
  });
});
