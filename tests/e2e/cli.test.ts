import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave } from "../helpers/cli.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-e2e-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("conclave --help and usage", () => {
  it("describes every command with examples and the exit codes", () => {
    const r = conclave(["--help"]);
    expect(r.code).toBe(0);
    for (const cmd of ["init", "validate", "build", "agenda", "badges", "letters", "seating", "templates"])
      expect(r.stdout).toContain(cmd);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("Exit codes: 0 ok; 1 invalid data");
  });

  it.each(["init", "validate", "build", "badges", "templates"])(
    "%s --help shows its options and examples",
    (cmd) => {
      const r = conclave([cmd, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Examples:");
    },
  );

  it("prints the version", () => {
    const r = conclave(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("exits 2 on an unknown command or option, and on a bad --format", () => {
    expect(conclave(["frobnicate"]).code).toBe(2);
    expect(conclave(["validate", "--colour"]).code).toBe(2);
    const r = conclave(["validate", "--format", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pretty, json, github");
    expect(conclave(["build", "--only", "badge"]).stderr).toContain("agenda, badges, letters, seating");
  });
});

describe("conclave validate", () => {
  it("passes the example event with exit 0", () => {
    const r = conclave(["validate", "fixtures/cicon-2023"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("0 errors, 0 warnings");
    expect(r.stderr).toContain("140 delegates, 7 rooms, 14 sessions");
  });

  it("exits 2 with a hint to run conclave init when event.yaml is missing", () => {
    const r = conclave(["validate", tmp]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no event.yaml");
    expect(r.stderr).toContain("conclave init");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("prints pretty diagnostics grouped by file with hints, and a summary", () => {
    const r = conclave(["validate", "fixtures/bad/duplicate-id"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^delegates\.csv:4:1 error duplicate-id id "D-001" is already used on line 2$/m);
    expect(r.stdout).toMatch(/^ {2}hint: /m);
    expect(r.stdout).toMatch(/^\d+ errors?, \d+ warnings? in \d+ files?$/m);
  });

  it("emits GitHub annotations with paths relative to the working directory", () => {
    const r = conclave(["validate", "fixtures/bad/room-conflict", "--format", "github"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=fixtures\/bad\/room-conflict\/sessions\.csv,line=4,col=6,title=room-conflict::/m,
    );
  });

  it("treats warnings as errors under --strict", () => {
    expect(conclave(["validate", "fixtures/bad/blank-row"]).code).toBe(0);
    expect(conclave(["validate", "fixtures/bad/blank-row", "--strict"]).code).toBe(1);
  });

  it("reports a broken event.yaml with its line, in JSON too, and exits 2", () => {
    const r = conclave(["validate", "fixtures/bad/event-config", "--format", "json"]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.diagnostics[0]).toMatchObject({ file: "event.yaml", code: "event-config" });
  });
});

describe("conclave init", () => {
  it("--yes writes a valid event folder that validates", async () => {
    const dir = path.join(tmp, "x");
    const r = conclave(["init", dir, "--yes"]);
    expect(r.code, r.stderr).toBe(0);
    const yaml = await readFile(path.join(dir, "event.yaml"), "utf8");
    expect(yaml).toMatch(/^# conclave event file/);
    expect(await readFile(path.join(dir, "delegates.csv"), "utf8")).toMatch(
      /^id,honorific,given_name,family_name/,
    );
    const v = conclave(["validate", dir]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
  });

  it("never prompts without a TTY: exits 2 and names --yes", () => {
    const r = conclave(["init", path.join(tmp, "y")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--yes");
  });

  it("refuses to overwrite without --force, and nothing is written", async () => {
    const dir = path.join(tmp, "z");
    expect(conclave(["init", dir, "--yes"]).code).toBe(0);
    await writeFile(path.join(dir, "delegates.csv"), "my data\n");
    const r = conclave(["init", dir, "--yes"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--force");
    expect(await readFile(path.join(dir, "delegates.csv"), "utf8")).toBe("my data\n");
    expect(conclave(["init", dir, "--yes", "--force"]).code).toBe(0);
  });

  it("--example writes the CICON 2023 example, which builds", async () => {
    const dir = path.join(tmp, "example");
    expect(conclave(["init", dir, "--example"]).code).toBe(0);
    const r = conclave(["build", dir]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(dir, "out/manifest.json"), "utf8"));
    expect(manifest.generator).toMatch(/^conclave /);
  });
});

describe("conclave build", () => {
  it("refuses to build from invalid data, printing the problems, exit 1", () => {
    const r = conclave(["build", "fixtures/bad/unknown-reference", "--out", path.join(tmp, "never")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown-reference");
    expect(r.stderr).toContain("nothing was built");
    expect(existsSync(path.join(tmp, "never"))).toBe(false);
  });

  it("refuses an output folder that is the event folder", () => {
    const r = conclave(["build", "fixtures/cicon-2023", "--out", "fixtures/cicon-2023"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is the event folder");
  });

  it("prints a JSON summary for CI", () => {
    const r = conclave([
      "build",
      "fixtures/cicon-2023",
      "--out",
      path.join(tmp, "json-out"),
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });
});
