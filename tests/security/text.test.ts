import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Chalk } from "chalk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatGithub } from "../../src/cli/report/github.js";
import { formatJson } from "../../src/cli/report/json.js";
import { formatPretty } from "../../src/cli/report/pretty.js";
import { createUi } from "../../src/cli/ui.js";
import { diag } from "../../src/diagnostics.js";
import { conclave, root } from "../helpers/cli.js";

// What a hostile header or key carries: a colour, a screen clear, a window-title OSC ended by BEL,
// a C1 CSI, a right-to-left override and a carriage return that would overwrite the line.
const HOSTILE = "\u001b[31mred\u001b[2J\u001b]0;owned\u0007\u009b1m\u202eevil\rfake";
/** Characters that must never reach a terminal from user text. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

describe("reports neutralise control characters in user text", () => {
  const hostile = diag(
    "unknown-column",
    "warning",
    { file: `delegates${HOSTILE}.csv`, line: 1, column: 2, field: HOSTILE },
    `column "${HOSTILE}" is not part of the delegates format and is ignored`,
    `map ${HOSTILE} in event.yaml`,
  );

  it("pretty: no control character, the visible text kept, one line per diagnostic", () => {
    const text = formatPretty([hostile], new Chalk({ level: 0 }));
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain('column "[31mred[2J]0;owned1mevil fake"');
    expect(text.split("\n")).toHaveLength(4); // diagnostic, hint, blank, summary
  });

  it("pretty with colour: the only escapes are conclave's own colours", () => {
    const text = formatPretty([hostile], new Chalk({ level: 1 }));
    const escapes = text.match(/\u001b\[[0-9;]*m/g) ?? [];
    expect(escapes.length).toBeGreaterThan(0);
    expect(text.replace(/\u001b\[[0-9;]*m/g, "")).not.toMatch(CONTROL);
  });

  it("json: no control character in the parsed values either (jq -r prints them raw)", () => {
    const report = JSON.parse(formatJson([hostile], false));
    for (const value of Object.values(report.diagnostics[0]))
      if (typeof value === "string") expect(value).not.toMatch(CONTROL);
    expect(report.diagnostics[0].field).toBe("[31mred[2J]0;owned1mevil fake");
  });

  it("github: no control character in the annotation", () => {
    const text = formatGithub([hostile], (f) => f);
    expect(text).not.toMatch(CONTROL);
    expect(text.split("\n")).toHaveLength(2);
  });
});

describe("progress lines", () => {
  it("clean a folder or file name the user chose before it reaches stderr", () => {
    let written = "";
    const stderr = { isTTY: false, write: (t: string) => (written += t) } as unknown as NodeJS.WriteStream;
    const ui = createUi({ env: { CI: "true" }, stderr, color: false });
    const task = ui.task(`Validating ${HOSTILE}`);
    task.update(`Checking ${HOSTILE}`, 2, 4);
    task.succeed(`Checked ${HOSTILE}`);
    task.fail(`Could not validate ${HOSTILE}`);
    expect(written).toContain("Checked [31mred");
    expect(written.split("\n")).toHaveLength(4);
    expect(written).not.toMatch(CONTROL);
  });
});

describe("conclave validate on a hostile header and key", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "conclave-text-"));
    await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
    const file = path.join(dir, "delegates.csv");
    const [header, ...rows] = (await readFile(file, "utf8")).split("\n");
    // One extra column, headed with escapes (quoted, so the CR stays in the cell), and an empty
    // cell for it in every row.
    const widened = rows.map((r) => (r === "" ? r : r.replace(",", ",,")));
    await writeFile(file, [header!.replace("id,", `id,"${HOSTILE}",`), ...widened].join("\n"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(["pretty", "json", "github"])("--format %s prints no escape from a CSV header", (format) => {
    const r = conclave(["validate", dir, "--format", format]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("owned");
    expect(r.stdout + r.stderr).not.toMatch(CONTROL);
  });

  it("prints no escape from a folder name in an error message, exit 2", async () => {
    const hostileDir = path.join(tmpdir(), `conclave-text-\u001b[2J\u202e-${process.pid}`);
    await cp(dir, hostileDir, { recursive: true });
    try {
      const r = conclave(["build", hostileDir, "--out", hostileDir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("is the event folder");
      expect(r.stdout + r.stderr).not.toMatch(CONTROL);
    } finally {
      await rm(hostileDir, { recursive: true, force: true });
    }
  });

  it("prints no escape from a YAML key, exit 2", async () => {
    const yaml = path.join(dir, "event.yaml");
    const before = await readFile(yaml, "utf8");
    await writeFile(yaml, `${before}\n"${HOSTILE.replace("\r", "")}": 1\n`);
    try {
      const r = conclave(["validate", dir]);
      expect(r.code).toBe(2);
      expect(r.stdout).toContain("unknown setting");
      expect(r.stdout + r.stderr).not.toMatch(CONTROL);
    } finally {
      await writeFile(yaml, before);
    }
  });
});

describe("a delegates.csv without its header row", () => {
  it("is one missing-header error, and the first delegate's private values appear in no format", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "conclave-noheader-"));
    try {
      await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
      const file = path.join(dir, "delegates.csv");
      const lines = (await readFile(file, "utf8")).split("\n");
      const header = lines[0]!.split(",");
      const first = lines[1]!.split(",");
      const privateValues = ["email", "phone", "passport_number", "date_of_birth"]
        .map((c) => first[header.indexOf(c)]!)
        .filter((v) => v !== "");
      expect(privateValues.length).toBeGreaterThanOrEqual(3);
      await writeFile(file, lines.slice(1).join("\n"));
      for (const format of ["pretty", "json", "github"]) {
        const r = conclave(["validate", dir, "--format", format]);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain("missing-header");
        expect(r.stdout).not.toContain("unknown-column");
        for (const v of privateValues) expect(r.stdout + r.stderr, format).not.toContain(v);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
