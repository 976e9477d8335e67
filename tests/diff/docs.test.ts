import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DELEGATE_FIELD_OUTPUTS,
  SESSION_FIELD_OUTPUTS,
  SETTING_OUTPUTS,
  VENUE_FIELD_OUTPUTS,
} from "../../src/diff/materials.js";
import { delegatesSpec } from "../../src/schema/delegates.js";
import { sessionsSpec } from "../../src/schema/sessions.js";
import { venuesSpec } from "../../src/schema/venues.js";
import { root } from "../helpers/cli.js";

const doc = readFileSync(path.join(root, "docs/changes.md"), "utf8");

/** The rows of the table whose header starts with `title`: `column` → its outputs. */
function table(title: string): Map<string, string[]> {
  // Cells padded or not (the formatter aligns the columns).
  const from = doc.search(new RegExp(`^\\| ${title.replace(/\./g, "\\.")} +\\| outputs +\\|`, "m"));
  expect(from, title).toBeGreaterThan(0);
  const rows = new Map<string, string[]>();
  for (const line of doc.slice(from).split("\n").slice(2)) {
    if (!line.startsWith("| `")) break;
    const [, key, outputs] = line.split("|").map((c) => c.trim());
    rows.set(key!.replace(/`/g, ""), outputs === "none" ? [] : outputs!.split(", "));
  }
  return rows;
}

describe("docs/changes.md, conclave diff", () => {
  it.each([
    ["delegates.csv column", delegatesSpec, DELEGATE_FIELD_OUTPUTS],
    ["sessions.csv column", sessionsSpec, SESSION_FIELD_OUTPUTS],
    ["venues.csv column", venuesSpec, VENUE_FIELD_OUTPUTS],
  ] as const)("the %s table is the one the comparison uses, for every column", (title, spec, outputs) => {
    const rows = table(title);
    for (const c of spec.columns) {
      if (c.name === "id") continue;
      expect(rows.get(c.name), c.name).toEqual([...(outputs[c.name] ?? [])]);
    }
  });

  it("the event.yaml table too", () => {
    const rows = table("event.yaml key");
    expect([...rows.keys()].sort()).toEqual(Object.keys(SETTING_OUTPUTS).sort());
    for (const [k, v] of rows) expect(v, k).toEqual([...SETTING_OUTPUTS[k]!]);
  });
});
