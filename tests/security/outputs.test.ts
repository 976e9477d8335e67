import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, interrupt, root } from "../helpers/cli.js";

/*
 * What conclave writes (README, "Safety"): only regular files and folders it made, under the real
 * out/ folder; one build per folder; out/manifest.json true of what out/ holds after every run,
 * finished, failed or killed. Each test is one reproduction of issue #24 (items 5, 6, 10, 11).
 */

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-outputs-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function event(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
  return dir;
}

/** Every file under a folder, relative with forward slashes, hidden ones included. */
async function everything(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true, withFileTypes: true });
  return (
    all
      .filter((e) => !e.isDirectory())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      // The build state (docs/changes.md) is conclave's memory, not an output the manifest lists.
      .filter((p) => !p.startsWith(".conclave/"))
      .sort()
  );
}

/** Checks that out/manifest.json lists exactly the files out/ holds, with their true hashes. */
async function expectManifestTrue(out: string): Promise<{ path: string; material: string }[]> {
  const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as {
    files: { path: string; sha256: string; size: number; material: string }[];
  };
  // .conclave/ is the build's own record (the last build's inputs for `conclave diff`), not an output.
  const files = (await everything(out)).filter((f) => !f.startsWith(".conclave/"));
  expect(files).toEqual([...manifest.files.map((f) => f.path), "manifest.json"].sort());
  for (const f of manifest.files) {
    const bytes = await readFile(path.join(out, f.path));
    expect(createHash("sha256").update(bytes).digest("hex"), f.path).toBe(f.sha256);
    expect(bytes.byteLength, f.path).toBe(f.size);
  }
  return manifest.files;
}

const noStack = (r: { stderr: string }) => {
  expect(r.stderr).not.toContain("internal error");
  expect(r.stderr).not.toMatch(/\n\s+at /);
};

describe("item 5: nothing is written or deleted through a symlink", () => {
  it("refuses a symlink under out/ and leaves what it points to whole", async () => {
    const ev = await event("e3");
    const victim = path.join(tmp, "victim");
    await mkdir(path.join(victim, "invitation"), { recursive: true });
    await writeFile(path.join(victim, "invitation/contract.pdf"), "someone else's file");
    await mkdir(path.join(ev, "out"));
    await symlink(victim, path.join(ev, "out/letters"));
    const r = conclave(["letters", ev]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(ev, "out/letters")} is a symbolic link inside the output folder`);
    expect(r.stderr).toContain("hint:");
    noStack(r);
    expect(await everything(victim)).toEqual(["invitation/contract.pdf"]);
    expect(await readFile(path.join(victim, "invitation/contract.pdf"), "utf8")).toBe("someone else's file");
  });

  it("refuses --out through a symlink to the event folder, writing nothing there", async () => {
    const ev = await event("e3b");
    const before = await everything(ev);
    await symlink(ev, path.join(tmp, "to-event"));
    const r = conclave(["badges", ev, "--out", path.join(tmp, "to-event")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is the event folder");
    noStack(r);
    expect(await everything(ev)).toEqual(before);
  });
});

describe("item 6: two delegates never share a file", () => {
  it("gives ids that clean to the same name, and Windows device names, files of their own", async () => {
    const ev = await event("e6");
    const csv = await readFile(path.join(ev, "delegates.csv"), "utf8");
    const kr001 = csv.split("\n").find((l) => l.startsWith("KR-001,"))!;
    const row = (id: string, n: number) => {
      const cells = kr001.split(",");
      // id, given name, family name, native name, email, sessions, passport
      Object.assign(cells, {
        0: id,
        2: "B",
        3: "A",
        4: "",
        18: `guest${n}@example.org`,
        20: "OPENING",
        24: `X0000${n}`,
      });
      return cells.join(",");
    };
    const ids = ["A-B", "A--B", "A.B", "A..B", "CON", "nul"];
    await writeFile(
      path.join(ev, "delegates.csv"),
      `${csv.trimEnd()}\n${ids.map((id, i) => row(id, i)).join("\n")}\n`,
    );
    const out = path.join(tmp, "e6-out");
    const r = conclave(["letters", ev, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const mailing = (await readFile(path.join(out, "letters/invitation/mailing.csv"), "utf8")).split(/\r?\n/);
    const fileOf = (id: string) =>
      mailing
        .find((l) => l.startsWith(`${id},`))!
        .split(",")
        .at(-1)!;
    const files = ids.map(fileOf);
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(ids.length);
    for (const f of files) {
      expect(f).not.toMatch(/^(con|nul)(\.|$)/i);
      expect(existsSync(path.join(out, "letters/invitation", f)), f).toBe(true);
    }
    // 119 letters of the example (letters.recipients) and the 6 guests added, all.pdf and
    // mailing.csv: none overwrote another.
    expect((await readdir(path.join(out, "letters/invitation"))).length).toBe(119 + 6 + 2);
    // A reprint of one of them writes the very file the full run wrote.
    const again = conclave(["letters", ev, "--out", out, "--delegates", "A--B"]);
    expect(again.code, again.stderr).toBe(0);
    expect((await readdir(path.join(out, "letters/invitation"))).length).toBe(119 + 6 + 2);
    await expectManifestTrue(out);

    const agenda = conclave(["agenda", ev, "--out", out]);
    expect(agenda.code, agenda.stderr).toBe(0);
    const personal = await readdir(path.join(out, "agenda/personal"));
    expect(personal.length).toBe(146 * 2);
    expect(personal).toContain("_CON.pdf");
    expect(personal).toContain("_nul.ics");
    expect(personal.filter((f) => /^(con|nul)\./i.test(f))).toEqual([]);
  }, 120_000);
});

describe("item 10: environment errors are clear messages (exit 2), not stack traces", () => {
  it("--out that is a file", async () => {
    const file = path.join(tmp, "not-a-folder.pdf");
    await writeFile(file, "x");
    for (const out of [file, path.join(file, "sub")]) {
      const r = conclave(["badges", "fixtures/cicon-2023", "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the output folder .* (is a file|is inside a file)/);
      noStack(r);
    }
  });

  // Mounting a small or read-only tmpfs needs root (or `unshare -rm`); without either, these two
  // cases are covered by tests/output/full-disk.test.ts, which injects ENOSPC.
  const mountable = (() => {
    if (process.platform !== "linux") return false;
    try {
      const probe = execFileSync("mktemp", ["-d"]).toString().trim();
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" });
      execFileSync("umount", [probe]);
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!mountable)("a read-only --out (needs mount: root)", async () => {
    const ro = path.join(tmp, "ro");
    await mkdir(ro);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", ro]);
    try {
      const r = conclave(["badges", "fixtures/cicon-2023", "--out", path.join(ro, "out")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("read-only (EROFS)");
      expect(r.stderr).toContain("hint:");
      noStack(r);
    } finally {
      execFileSync("umount", [ro]);
    }
  });

  it.skipIf(!mountable)(
    "a full disk: a 2 MB tmpfs (needs mount: root)",
    async () => {
      const small = path.join(tmp, "small");
      await mkdir(small);
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", small]);
      try {
        const out = path.join(small, "out");
        const r = conclave(["build", "fixtures/cicon-2023", "--out", out]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/cannot write .*: the disk is full \(ENOSPC\)/);
        noStack(r);
        // What was written is whole and listed; what was half made is gone.
        const files = await expectManifestTrue(out);
        expect(files.length).toBeGreaterThan(0);
      } finally {
        execFileSync("umount", [small]);
      }
    },
    60_000,
  );
});

describe("item 11: out/ and manifest.json agree after every run", () => {
  it("a build of one material keeps the other materials' entries", async () => {
    const out = path.join(tmp, "only");
    expect(conclave(["build", "fixtures/cicon-2023", "--out", out]).code).toBe(0);
    const all = await expectManifestTrue(out);
    const r = conclave(["build", "fixtures/cicon-2023", "--out", out, "--only", "badges"]);
    expect(r.code, r.stderr).toBe(0);
    const after = await expectManifestTrue(out);
    expect(after.map((f) => f.path)).toEqual(all.map((f) => f.path));
    expect(new Set(after.map((f) => f.material))).toEqual(
      new Set(["seating", "agenda", "badges", "letters", "protocol"]),
    );
  }, 120_000);

  it("removes the files a rebuilt material no longer makes, and never a file it did not make", async () => {
    const out = path.join(tmp, "volumes");
    expect(conclave(["badges", "fixtures/cicon-2023", "--out", out, "--volume-sheets", "10"]).code).toBe(0);
    expect(await readdir(path.join(out, "badges"))).toEqual([
      "badges-001.pdf",
      "badges-002.pdf",
      "badges-003.pdf",
      "badges-004.pdf",
    ]);
    await writeFile(path.join(out, "badges/printer-notes.txt"), "the print shop's notes");
    const r = conclave(["badges", "fixtures/cicon-2023", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect((await readdir(path.join(out, "badges"))).sort()).toEqual(["badges.pdf", "printer-notes.txt"]);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(["badges/badges.pdf"]);
  }, 60_000);

  it("refuses a second build into a locked out/, and takes over the lock of a dead one", async () => {
    const out = path.join(tmp, "locked");
    await mkdir(out);
    // This test's own process is alive: its pid in the lock is a build still running.
    await writeFile(path.join(out, ".conclave.lock"), `${process.pid}\n`);
    const r = conclave(["badges", "fixtures/cicon-2023", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`another conclave build (pid ${process.pid}) is writing into ${out}`);
    noStack(r);
    expect(await everything(out)).toEqual([".conclave.lock"]);
    const dead = execFileSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).toString();
    await writeFile(path.join(out, ".conclave.lock"), `${dead}\n`);
    const after = conclave(["badges", "fixtures/cicon-2023", "--out", out]);
    expect(after.code, after.stderr).toBe(0);
    await expectManifestTrue(out);
  }, 60_000);

  it("killed with SIGKILL at several moments, then rebuilt: whole files only, and a true manifest", async () => {
    const { generateEvent } = await import("../../bench/generate.js");
    const big = path.join(tmp, "big");
    await mkdir(big, { recursive: true });
    for (const [name, content] of Object.entries(generateEvent(300, 20, 5)))
      await writeFile(path.join(big, name), content);
    const out = path.join(tmp, "big-out");
    const first = conclave(["build", big, "--out", out]);
    expect(first.code, first.stderr).toBe(0);
    for (const when of [/agenda [\d,]+\/300/, /badges/, /letters [\d,]+\/[\d,]+/, /Valid:/]) {
      // --full: the data is unchanged, and a rebuild with nothing changed would stop before any
      // of these moments (kills during incremental builds: tests/e2e/incremental-kill.test.ts).
      const args = ["build", big, "--out", out, "--full", "--format", "json"];
      const { code } = await interrupt(args, when, "SIGKILL");
      expect(code, String(when)).toBe(null); // killed, not exited
      // Every visible file is whole: a PDF ends with its trailer.
      for (const f of await everything(out)) {
        if (f.split("/").some((part) => part.startsWith("."))) continue;
        if (!f.endsWith(".pdf")) continue;
        const bytes = await readFile(path.join(out, f));
        expect(bytes.subarray(-64).toString("latin1"), f).toContain("%%EOF");
      }
      const again = conclave(["build", big, "--out", out, "--only", "badges"]);
      expect(again.code, again.stderr).toBe(0);
      noStack(again);
      await expectManifestTrue(out);
    }
    const last = conclave(["build", big, "--out", out]);
    expect(last.code, last.stderr).toBe(0);
    const files = await expectManifestTrue(out);
    expect(files.filter((f) => f.path.startsWith("agenda/personal/")).length).toBe(600);
  }, 300_000);

  it("a kill between the two renames of a folder swap: the next run puts the folder back", async () => {
    const out = path.join(tmp, "swap");
    expect(conclave(["agenda", "fixtures/cicon-2023", "--out", out]).code).toBe(0);
    const before = await everything(path.join(out, "agenda/personal"));
    // The state a kill -9 leaves right after the first rename (pid of a process now gone).
    const dead = execFileSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).toString();
    await rename(path.join(out, "agenda/personal"), path.join(out, `agenda/.personal.old-${dead}`));
    await mkdir(path.join(out, `agenda/.personal.new-${dead}`));
    await writeFile(path.join(out, `agenda/.personal.new-${dead}/KR-001.pdf`), "half");
    const r = conclave(["badges", "fixtures/cicon-2023", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(await everything(path.join(out, "agenda/personal"))).toEqual(before);
    const files = await expectManifestTrue(out);
    expect(files.filter((f) => f.path.startsWith("agenda/personal/")).length).toBe(before.length);
  }, 60_000);

  it("a failed batch: nothing more is written after the abort, the old letters stay, the manifest is true", async () => {
    const ev = await event("e11");
    const out = path.join(tmp, "e11-out");
    expect(conclave(["letters", ev, "--out", out]).code).toBe(0);
    const folder = path.join(out, "letters/invitation");
    const before = await everything(folder);
    const old = new Map(
      await Promise.all(before.map(async (f) => [f, await readFile(path.join(folder, f))] as const)),
    );
    // Every letter of the next runs differs from the first run's (another date), and a template
    // fails for the Vietnamese letters only: the Korean and English batches compile meanwhile.
    const yaml = await readFile(path.join(ev, "event.yaml"), "utf8");
    await writeFile(path.join(ev, "event.yaml"), yaml.replace("date: 2023-04-19", "date: 2023-04-18"));
    const vi = await readFile(path.join(root, "templates/letters/invitation.vi.typ"), "utf8");
    await mkdir(path.join(ev, "templates/letters"), { recursive: true });
    await writeFile(
      path.join(ev, "templates/letters/invitation.vi.typ"),
      vi.replace("#let body(d) = {", '#let body(d) = { panic("a broken template")'),
    );
    // Every letter: made in a folder of its own, dropped whole; the old letters stay as they were.
    const all = conclave(["letters", ev, "--out", out]);
    expect(all.code).toBe(1);
    expect(all.stderr).toContain("letters failed");
    noStack(all);
    expect(await everything(folder)).toEqual(before);
    for (const f of before) expect(await readFile(path.join(folder, f)), f).toEqual(old.get(f));
    expect((await readdir(path.join(out, "letters"))).sort()).toEqual(["invitation"]);
    await expectManifestTrue(out);
    // A reprint writes in place: the letters written before the failure are new and listed as
    // such, and none is written after it.
    const ids = before
      .filter((f) => f !== "all.pdf" && f !== "mailing.csv")
      .map((f) => f.split("-").slice(0, 2).join("-"));
    const reprint = conclave(["letters", ev, "--out", out, "--delegates", ids.join(",")]);
    expect(reprint.code).toBe(1);
    noStack(reprint);
    await expectManifestTrue(out);
    expect(await everything(folder)).toEqual(before);
  }, 120_000);
});
