import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UserError } from "../../src/errors.js";

// The disk fills up after `room` more bytes: node:fs's writes fail with ENOSPC past that, as they
// do on a real full disk (tests/security/outputs.test.ts tries a real 2 MB tmpfs where it can).
const disk = vi.hoisted(() => ({ room: Number.POSITIVE_INFINITY }));
vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const full = () =>
    Object.assign(new Error("ENOSPC: no space left on device"), {
      code: "ENOSPC",
      errno: -28,
      syscall: "write",
    });
  const writeFileSync: typeof fs.writeFileSync = (file, data, options) => {
    const size = typeof data === "string" ? Buffer.byteLength(data) : (data as Uint8Array).byteLength;
    if (size > disk.room) {
      fs.writeFileSync(
        file,
        (typeof data === "string" ? Buffer.from(data) : (data as Uint8Array)).subarray(
          0,
          Math.max(0, disk.room),
        ),
        options,
      );
      disk.room = 0;
      throw full();
    }
    disk.room -= size;
    return fs.writeFileSync(file, data, options);
  };
  const appendFileSync: typeof fs.appendFileSync = (file, data, options) => {
    if (disk.room <= 0) throw full();
    return fs.appendFileSync(file, data, options);
  };
  return { ...fs, default: { ...fs, writeFileSync, appendFileSync }, writeFileSync, appendFileSync };
});

const { OutputWriter } = await import("../../src/output/writer.js");

let dir: string;
afterEach(async () => {
  disk.room = Number.POSITIVE_INFINITY;
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a full disk while writing", () => {
  it("is a clear error naming the file, and the previous file and manifest stay whole", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conclave-full-"));
    const first = new OutputWriter(dir);
    first.open();
    await first.write("badges/badges.pdf", "old badges", "badges");
    await first.writeManifest("conclave test");
    first.close();
    const manifest = await readFile(path.join(dir, "manifest.json"), "utf8");

    const second = new OutputWriter(dir);
    second.open();
    disk.room = 4;
    const failed = await second
      .write("badges/badges.pdf", "new badges, longer", "badges")
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(UserError);
    expect((failed as UserError).message).toMatch(
      /cannot write .*badges[/\\]badges\.pdf: the disk is full \(ENOSPC\)/,
    );
    expect((failed as UserError).hint).toMatch(/Free some space/);
    // The manifest cannot be written either: the old one stays, and so does the old file.
    await expect(second.writeManifest("conclave test")).rejects.toBeInstanceOf(UserError);
    second.close();
    expect(await readFile(path.join(dir, "badges/badges.pdf"), "utf8")).toBe("old badges");
    expect(await readFile(path.join(dir, "manifest.json"), "utf8")).toBe(manifest);
    expect((await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("in a folder being replaced keeps the old folder whole", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conclave-full-"));
    const first = new OutputWriter(dir);
    first.open();
    first.replaceFolder("letters/invitation");
    await first.write("letters/invitation/a.pdf", "old a", "letters");
    await first.commitFolder("letters/invitation", "letters");
    await first.writeManifest("conclave test");
    first.close();

    const second = new OutputWriter(dir);
    second.open();
    second.replaceFolder("letters/invitation");
    await second.write("letters/invitation/a.pdf", "new a", "letters");
    disk.room = 2;
    await expect(second.write("letters/invitation/b.pdf", "new b", "letters")).rejects.toThrow(
      /disk is full/,
    );
    await second.abort();
    disk.room = Number.POSITIVE_INFINITY;
    await second.writeManifest("conclave test");
    second.close();
    expect(await readdir(path.join(dir, "letters"))).toEqual(["invitation"]);
    expect(await readdir(path.join(dir, "letters/invitation"))).toEqual(["a.pdf"]);
    expect(await readFile(path.join(dir, "letters/invitation/a.pdf"), "utf8")).toBe("old a");
  });
});
