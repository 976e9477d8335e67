/**
 * The CSV sweep of issue #23 through `conclave validate`, where the outcome is an exit code:
 * the example event with its delegates.csv replaced.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/csv/parse.js";
import { conclave, root } from "../helpers/cli.js";

let tmp: string;
let original: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-csv-sweep-"));
  original = await readFile(path.join(root, "fixtures/cicon-2023/delegates.csv"), "utf8");
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A copy of the example event whose delegates.csv holds `bytes`. */
async function eventWith(name: string, bytes: string | Uint8Array): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
  await writeFile(path.join(dir, "delegates.csv"), bytes);
  return dir;
}

const noStack = (text: string) => {
  expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(text).not.toMatch(/please report/i);
};

describe("conclave validate on hostile CSV", () => {
  it("an unclosed quote in the middle: exit 1, one csv-syntax error with file, line, column and hint", async () => {
    const lines = original.split("\n");
    const at = 40; // 0-based: line 41 of the file
    lines[at] = lines[at]!.replace(/^([^,]*),/, '$1,"');
    const r = conclave(["validate", await eventWith("unclosed", lines.join("\n"))]);
    expect(r.code, r.stderr).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      `delegates.csv:${at + 1}:2 error csv-syntax a quoted field opened on line ${at + 1} is never closed`,
    );
    expect(out).toContain("hint: Close the quote");
    expect(out).toMatch(/^1 error/m);
    noStack(out);
  });

  it("Excel's UTF-16 LE 'Unicode text' with tabs: exit 0, an encoding warning", async () => {
    const cell = (c: string) => (/["\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const tabbed = parseCsv(original, ",")
      .records.map((r) => r.cells.map(cell).join("\t"))
      .join("\r\n");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${tabbed}\r\n`, "utf16le")]);
    const r = conclave(["validate", await eventWith("utf16", bytes)]);
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(0);
    expect(out).toMatch(/decoded as utf-16le \(.*from its byte-order mark\)/);
    noStack(out);
  });

  it("a NUL byte in a name: exit 0, a warning at its line and column", async () => {
    const lines = original.split("\n");
    lines[5] = lines[5]!.replace(/^([^,]*,[^,]*,)(.)/, "$1$2\u0000");
    const r = conclave(["validate", await eventWith("nul", lines.join("\n"))]);
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(0);
    expect(out).toMatch(/delegates\.csv:6:3 warning invisible-character/);
    noStack(out);
  });
});
