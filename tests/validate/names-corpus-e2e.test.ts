import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";
import { NAMES_CORPUS } from "./names-corpus.js";

// Scripts the bundled Pretendard cannot print: their native names need a fonts: entry (see
// names-corpus.test.ts), so this event gives those delegates their Latin names only.
const UNPRINTABLE = new Set(["Arabic", "Han", "Japanese", "Thai", "Lao", "Devanagari", "Sinhala"]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "conclave-names-"));
  await cp(path.join(root, "fixtures/cicon-2023"), path.join(dir, "event"), { recursive: true });
  const file = path.join(dir, "event/delegates.csv");
  const csv = await readFile(file, "utf8");
  const header = csv.split("\n")[0]!.split(",");
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = NAMES_CORPUS.map((n, i) => {
    const values: Record<string, string> = {
      id: `INT-${String(i + 1).padStart(3, "0")}`,
      given_name: n.given_name,
      family_name: n.family_name,
      native_name: n.script && UNPRINTABLE.has(n.script) ? "" : (n.native_name ?? ""),
      organisation: n.organisation,
      country: n.country,
      category: "delegate",
      language: "en",
      sessions: "OPENING;PLENARY",
    };
    return header.map((h) => cell(values[h] ?? "")).join(",");
  });
  await writeFile(file, `${csv.trimEnd()}\n${rows.join("\n")}\n`);
  // Lunch is open to everyone: the ballroom gets room for the extra guests.
  const venues = path.join(dir, "event/venues.csv");
  const ballroom = (await readFile(venues, "utf8")).replace(
    "Phòng tiệc Mê Kông,160,",
    "Phòng tiệc Mê Kông,240,",
  );
  await writeFile(venues, ballroom);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the example event with delegates from the names corpus", () => {
  it("passes conclave validate with no error", () => {
    const r = conclave(["validate", path.join(dir, "event"), "--format", "json"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; diagnostics: unknown[] };
    expect(report.ok).toBe(true);
    expect(report.diagnostics).toEqual([]);
  });

  it("builds every material", () => {
    const out = path.join(dir, "out");
    const r = conclave(["build", path.join(dir, "event"), "--out", out, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  }, 300_000);
});
