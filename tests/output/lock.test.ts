import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE, lockOutDir, startTime } from "../../src/output/lock.js";
import { OutputWriter } from "../../src/output/writer.js";

const linux = existsSync("/proc/self/stat");

describe("the output folder's lock", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conclave-lock-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("records the pid and, where /proc tells, the start time; releases it", async () => {
    const release = lockOutDir(dir);
    const text = await readFile(path.join(dir, LOCK_FILE), "utf8");
    expect(text.split(" ")[0]).toBe(String(process.pid));
    if (linux) expect(text.trim()).toBe(`${process.pid} ${startTime(process.pid)}`);
    release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it("never shows an empty lock: it appears with its pid in it, and leaves no file of its own beside it", async () => {
    const release = lockOutDir(dir);
    const names = await readdir(dir);
    expect(names).toEqual([LOCK_FILE]);
    expect((await readFile(path.join(dir, LOCK_FILE), "utf8")).trim()).not.toBe("");
    release();
  });

  it("takes the folder after a build killed while it made its lock, and its half-made lock file goes", async () => {
    const out = path.join(dir, "killed");
    await mkdir(out);
    // What a build killed between writing its own file and linking it into place leaves.
    await writeFile(path.join(out, `${LOCK_FILE}.999999.0.tmp`), "999999\n");
    const writer = new OutputWriter(out);
    writer.open();
    expect(await readdir(out)).not.toContain(`${LOCK_FILE}.999999.0.tmp`);
    writer.close();
  });

  it("removes such a half-made lock file itself, for a build that then finds nothing changed and scans nothing", async () => {
    const out = path.join(dir, "killed-then-unchanged");
    await mkdir(out);
    await writeFile(path.join(out, `${LOCK_FILE}.999998.0.tmp`), "999998\n");
    const release = lockOutDir(out);
    expect(await readdir(out)).toEqual([LOCK_FILE]);
    release();
    expect(await readdir(out)).toEqual([]);
  });

  it.skipIf(!linux)(
    "takes over a lock whose pid now belongs to another process (a reused pid), refuses one still held",
    async () => {
      const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
      try {
        await new Promise((r) => other.once("spawn", r));
        const pid = other.pid as number;
        // The same pid, started at another time: the build that wrote it is gone.
        await writeFile(path.join(dir, LOCK_FILE), `${pid} 1\n`);
        const release = lockOutDir(dir);
        release();
        // The same pid and its real start time: a build still running.
        await writeFile(path.join(dir, LOCK_FILE), `${pid} ${startTime(pid)}\n`);
        expect(() => lockOutDir(dir)).toThrow(`another conclave build (pid ${pid}) is writing into ${dir}`);
        // An old lock with a pid only (no start time) is believed while that pid lives.
        await writeFile(path.join(dir, LOCK_FILE), `${pid}\n`);
        expect(() => lockOutDir(dir)).toThrow(/another conclave build/);
      } finally {
        other.kill("SIGKILL");
        await rm(path.join(dir, LOCK_FILE), { force: true });
      }
    },
  );
});
