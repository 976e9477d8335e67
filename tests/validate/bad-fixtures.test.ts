import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";

const dir = path.join(root, "fixtures/bad");
const cases = readdirSync(dir).sort();

interface Expected {
  code: string;
  file: string;
  line: number;
  exit: number;
  why: string;
}

describe("fixtures/bad: one small event per diagnostic code", () => {
  it("covers every code documented in docs/diagnostics.md", () => {
    const doc = readFileSync(path.join(root, "docs/diagnostics.md"), "utf8");
    const documented = [...doc.matchAll(/^### `([a-z0-9-]+)`/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(25);
    expect(cases).toEqual([...documented].sort());
  });

  it.each(cases)("%s", (name) => {
    const expected = JSON.parse(readFileSync(path.join(dir, name, "expected.json"), "utf8")) as Expected;
    const r = conclave(["validate", path.join("fixtures/bad", name), "--format", "json"]);
    expect(r.code, r.stderr).toBe(expected.exit);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      diagnostics: { code: string; file: string; line: number }[];
    };
    expect(report.ok).toBe(expected.exit === 0);
    const hit = report.diagnostics.find(
      (d) => d.code === expected.code && d.file === expected.file && d.line === expected.line,
    );
    expect(
      hit,
      `${expected.code} at ${expected.file}:${expected.line} in ${JSON.stringify(report.diagnostics)}`,
    ).toBeDefined();
    for (const d of report.diagnostics) expect(d.file).toBeTruthy();
  });
});
