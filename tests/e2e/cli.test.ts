import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";
import { billionLaughs } from "../helpers/make.js";

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
    for (const cmd of [
      "init",
      "validate",
      "build",
      "agenda",
      "badges",
      "letters",
      "seating",
      "protocol",
      "preview",
      "templates",
    ])
      expect(r.stdout).toContain(cmd);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("Exit codes: 0 ok; 1 invalid data");
  });

  it.each(["init", "validate", "build", "badges", "preview", "templates"])(
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
    expect(conclave(["build", "--only", "badge"]).stderr).toContain(
      "agenda, badges, checkin, letters, seating, protocol",
    );
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

describe("hostile or mistyped input gives a message, never a stack trace", () => {
  it("a billion-laughs event.yaml is an event-config error naming event.yaml, exit 2", async () => {
    const dir = path.join(tmp, "bomb");
    await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
    const bomb = billionLaughs();
    await writeFile(
      path.join(dir, "event.yaml"),
      `${await readFile(path.join(dir, "event.yaml"), "utf8")}\n${bomb}\n`,
    );
    for (const command of ["validate", "build"]) {
      const r = conclave(
        command === "build" ? [command, dir, "--out", path.join(tmp, "bomb-out")] : [command, dir],
      );
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout + r.stderr).toMatch(/event\.yaml:\d+:\d+ error event-config YAML aliases/);
      expect(r.stdout + r.stderr).toContain("hint:");
      expect(r.stdout + r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it("bench/generate.ts --help prints its usage, and a wrong flag gets the usage with exit 2", () => {
    const generate = (args: string[]) =>
      spawnSync(
        process.execPath,
        [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bench/generate.ts", ...args],
        {
          cwd: root,
          encoding: "utf8",
        },
      );
    const help = generate(["--help"]);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run bench:generate/);
    expect(help.stdout).toContain("--delegates N");
    const wrong = generate(["--delegate", "10"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--delegate'");
    expect(wrong.stderr).toContain("usage:");
    expect(help.stderr + wrong.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("GitHub annotations for files event.yaml names by path", () => {
  // The file stays inside the event folder: conclave reads nothing outside it.
  it("give an absolute sessions.csv its path in the repository, and none outside the working directory", async () => {
    const repo = path.join(tmp, "repo");
    const event = path.join(repo, "events/cicon");
    await cp(path.join(root, "fixtures/bad/room-conflict"), event, { recursive: true });
    await mkdir(path.join(event, "data"));
    await mkdir(path.join(repo, "other"));
    await rename(path.join(event, "sessions.csv"), path.join(event, "data/sessions.csv"));
    const yaml = path.join(event, "event.yaml");
    await writeFile(
      yaml,
      `${await readFile(yaml, "utf8")}files:\n  sessions: ${path.join(event, "data/sessions.csv")}\n`,
    );
    const env = { GITHUB_WORKSPACE: "" };
    const inside = conclave(["validate", "events/cicon", "--format", "github"], { cwd: repo, env });
    expect(inside.code, inside.stderr).toBe(1);
    expect(inside.stdout).toMatch(
      /^::error file=events\/cicon\/data\/sessions\.csv,line=4,col=6,title=room-conflict::/m,
    );
    const outside = conclave(["validate", "../events/cicon", "--format", "github"], {
      cwd: path.join(repo, "other"),
      env,
    });
    expect(outside.code).toBe(1);
    expect(outside.stdout).toMatch(
      /^::error title=room-conflict::\/.*\/data\/sessions\.csv:4:6: session PRESS/m,
    );
    expect(outside.stdout).not.toContain("file=..");
  });
});
