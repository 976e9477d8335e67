import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEvent } from "../../bench/generate.js";
import { PIPELINE_MIN_CHARS } from "../../src/csv/pipeline.js";
import { conclave } from "../helpers/cli.js";

/*
 * A delegates.csv past 1 MB is read in a second thread (src/csv/pipeline.ts) while the rows are
 * checked. `conclave validate` must report exactly what it reports reading in one thread
 * (CONCLAVE_CSV_THREAD=0): same diagnostics, same lines and columns, same order.
 */
let dir: string;
let everyControl: string;
let wideBytes: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "conclave-pipeline-"));
  everyControl = await mkdtemp(path.join(tmpdir(), "conclave-pipeline-controls-"));
  const files = generateEvent(12_000, 200, 7);
  const lines = files["delegates.csv"]!.split("\n");
  // Mistakes spread through the file: a stray quote, text after a closing quote, a name of
  // combining marks, a multi-line quoted value, lone CRs ending lines.
  const cell = (i: number, at: number, value: string) => {
    const cells = lines[i]!.split(",");
    cells[at] = value;
    lines[i] = cells.join(",");
  };
  cell(3_000, 4, "Org 5'10\"");
  cell(6_000, 2, '"Kim"tail');
  cell(7_000, 1, "\u0301\u0302");
  cell(8_000, 4, '"Line one\r\nline two"');
  for (let i = 500; i < lines.length - 1; i += 500) lines[i] = `${lines[i]}\r`;
  files["delegates.csv"] = lines.join("\n");
  expect(files["delegates.csv"].length).toBeGreaterThan(PIPELINE_MIN_CHARS);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  // The same file with every character the reading thread could join cells with in one cell:
  // it must then send each cell's length instead, and the result must not change.
  cell(9_000, 4, "Org\u001f\u001e\u001d\u001c\ufdd0\ufdd1\ufdd2\ufdd3");
  // And a name typed with combining marks, which NFC composes: the file's bytes are then not the
  // text, and the thread is sent the text instead (the first folder sends the bytes).
  cell(9_500, 2, "Nguye\u0302\u0303n");
  files["delegates.csv"] = lines.join("\n");
  for (const [name, content] of Object.entries(files))
    await writeFile(path.join(everyControl, name), content);
  // Over 1 MB in bytes but under a million characters (Hangul is three bytes a character): the
  // thread started ahead for its size in bytes goes unused, and must end with the command.
  wideBytes = await mkdtemp(path.join(tmpdir(), "conclave-pipeline-wide-"));
  const small = generateEvent(2_000, 50, 7);
  const wide = small["delegates.csv"]!.split("\n").map((line, i) => {
    if (i === 0 || line === "") return line;
    const cells = line.split(",");
    cells[4] = `${cells[4]} ${"한국무역협회".repeat(30)}`;
    return cells.join(",");
  });
  small["delegates.csv"] = wide.join("\n");
  expect(Buffer.byteLength(small["delegates.csv"])).toBeGreaterThan(PIPELINE_MIN_CHARS);
  expect(small["delegates.csv"].length).toBeLessThan(PIPELINE_MIN_CHARS);
  for (const [name, content] of Object.entries(small)) await writeFile(path.join(wideBytes, name), content);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(everyControl, { recursive: true, force: true });
  await rm(wideBytes, { recursive: true, force: true });
});

describe("reading a large CSV in a second thread", () => {
  it.each([
    ["a file from a spreadsheet", () => dir],
    ["a file holding every separator the thread could use", () => everyControl],
  ])("reports the same diagnostics as reading in one thread: %s", (_, folder) => {
    const dir = folder();
    const two = conclave(["validate", dir, "--format", "json"], { env: { CONCLAVE_CSV_THREAD: "1" } });
    const one = conclave(["validate", dir, "--format", "json"], { env: { CONCLAVE_CSV_THREAD: "0" } });
    expect(two.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(two.code).toBe(one.code);
    const a = JSON.parse(two.stdout) as { diagnostics: { code: string; line: number }[] };
    expect(a).toEqual(JSON.parse(one.stdout));
    const codes = a.diagnostics.map((d) => `${d.code}@${d.line}`);
    expect(codes).toContain("csv-syntax@3001");
    expect(codes).toContain("csv-syntax@6001");
    expect(codes).toContain("name-without-letters@7001");
  });

  it("ends a thread started ahead for a file that turns out too small for it", () => {
    const two = conclave(["validate", wideBytes, "--format", "json"], { env: { CONCLAVE_CSV_THREAD: "1" } });
    const one = conclave(["validate", wideBytes, "--format", "json"], { env: { CONCLAVE_CSV_THREAD: "0" } });
    expect(two.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  });
});
