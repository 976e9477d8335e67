import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { safeFileName } from "../../src/output/safe-name.js";
import { OutputWriter, resolveOutDir } from "../../src/output/writer.js";

describe("safeFileName", () => {
  it.each([
    [["KR-001", "Kim Min-jun"], "KR-001-Kim-Min-jun"],
    [["VN-001", "Nguyễn Văn An"], "VN-001-Nguyễn-Văn-An"],
    [["../../etc/passwd"], "etc-passwd"],
    [["A", "x\u0000y\u202e.pdf"], "A-x-y.pdf"],
    [["..."], "unnamed"],
    [["CON:", "a/b\\c"], "CON-a-b-c"],
  ])("%j → %s", (parts, expected) => {
    expect(safeFileName(...parts)).toBe(expected);
  });

  it("bounds the length in UTF-8 bytes without cutting a character", () => {
    const name = safeFileName("KR-001", "김".repeat(200));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(100);
    expect(name.endsWith("김")).toBe(true);
  });
});

describe("resolveOutDir", () => {
  it("defaults to <event>/out and refuses the event folder itself or a parent of it", () => {
    expect(resolveOutDir("/ev/cicon")).toBe(path.resolve("/ev/cicon/out"));
    expect(() => resolveOutDir("/ev/cicon", "/ev/cicon")).toThrow(/is the event folder/);
    expect(() => resolveOutDir("/ev/cicon", "/ev")).toThrow(/contains the event folder/);
    expect(resolveOutDir("/ev/cicon", "/print")).toBe(path.resolve("/print"));
  });
});

describe("OutputWriter", () => {
  let dir: string;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes atomically, leaves no temporary files, and lists every file with its hash", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conclave-out-"));
    const w = new OutputWriter(dir);
    w.open();
    await w.write("badges/badges.pdf", "PDF", "badges");
    await w.write("agenda/programme.en.pdf", new Uint8Array([1, 2, 3]), "agenda");
    await w.writeManifest("conclave test");
    const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      "agenda/programme.en.pdf",
      "badges/badges.pdf",
    ]);
    expect(manifest.files[1].sha256).toBe(createHash("sha256").update("PDF").digest("hex"));
    expect(manifest.files[1]).toMatchObject({ size: 3, material: "badges" });
    const all = await readdir(dir, { recursive: true });
    expect(all.filter((f) => f.toString().endsWith(".tmp"))).toEqual([]);
  });

  it("replaces a folder as a whole, and leaves the old one whole until then", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conclave-out-"));
    const personal = path.join(dir, "agenda/personal");
    const first = new OutputWriter(dir);
    first.open();
    first.replaceFolder("agenda/personal");
    await first.write("agenda/personal/KR-001.pdf", "old 1", "agenda");
    await first.write("agenda/personal/KR-002.pdf", "old 2", "agenda");
    await first.commitFolder("agenda/personal", "agenda");
    await first.writeManifest("conclave test");
    first.close();
    expect((await readdir(personal)).sort()).toEqual(["KR-001.pdf", "KR-002.pdf"]);

    const second = new OutputWriter(dir);
    second.open();
    second.replaceFolder("agenda/personal");
    await second.write("agenda/personal/KR-001.pdf", "new 1", "agenda");
    await second.write("agenda/programme.en.pdf", "programme", "agenda");
    // Halfway: the old folder is untouched, the new file is not visible yet.
    expect(await readFile(path.join(personal, "KR-001.pdf"), "utf8")).toBe("old 1");
    await second.commitFolder("agenda/personal", "agenda");
    expect(await readdir(personal)).toEqual(["KR-001.pdf"]); // KR-002 left the event
    expect(await readFile(path.join(personal, "KR-001.pdf"), "utf8")).toBe("new 1");
    expect((await readdir(path.join(dir, "agenda"))).sort()).toEqual(["personal", "programme.en.pdf"]);
    await second.writeManifest("conclave test");
    const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
      "agenda/personal/KR-001.pdf",
      "agenda/programme.en.pdf",
    ]);
  });

  it("drops a folder half made anew and keeps the old one", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conclave-out-"));
    const first = new OutputWriter(dir);
    first.open();
    await first.write("letters/invitation/KR-001.pdf", "old", "letters");
    await first.writeManifest("conclave test");
    first.close();
    const second = new OutputWriter(dir);
    second.open();
    second.replaceFolder("letters/invitation");
    await second.write("letters/invitation/KR-001.pdf", "new", "letters");
    await second.abort();
    expect(await readdir(path.join(dir, "letters"))).toEqual(["invitation"]);
    // A write still in flight when the run gave up writes nothing.
    await expect(second.write("letters/invitation/KR-002.pdf", "late", "letters")).rejects.toThrow(/stopped/);
    await expect(second.write("badges/badges.pdf", "late", "badges")).rejects.toThrow(/stopped/);
    expect((await readdir(dir, { recursive: true })).sort()).toEqual(
      [
        ".conclave.lock",
        "letters",
        "letters/invitation",
        "letters/invitation/KR-001.pdf",
        "manifest.json",
      ].sort(),
    );
    expect(await readFile(path.join(dir, "letters/invitation/KR-001.pdf"), "utf8")).toBe("old");
  });

  it("refuses paths that would leave the output folder", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conclave-out-"));
    const w = new OutputWriter(dir);
    w.open();
    await expect(w.write("../escape.txt", "x", "t")).rejects.toThrow(/outside the output folder/);
    await expect(w.write("/etc/x", "x", "t")).rejects.toThrow(/outside the output folder/);
  });
});
