import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { delegatesSpec } from "../../src/schema/delegates.js";
import { eventSchema } from "../../src/schema/event.js";
import { seatingSpec } from "../../src/schema/seating.js";
import { sessionsSpec } from "../../src/schema/sessions.js";
import { venuesSpec } from "../../src/schema/venues.js";
import { root } from "../helpers/cli.js";

const doc = readFileSync(path.join(root, "docs/data-format.md"), "utf8");

describe("docs/data-format.md", () => {
  it.each([delegatesSpec, venuesSpec, sessionsSpec, seatingSpec])(
    "documents every column of $key",
    (spec) => {
      const from = doc.indexOf(`## ${spec.key}.csv`);
      const section = doc.slice(from, doc.indexOf("\n## ", from + 1));
      // Table rows as cells: | `name` | type | required | example | description |
      const rows = section
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .map((l) => l.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|")));
      for (const c of spec.columns) {
        const row = rows.find((r) => r[1] === `\`${c.name}\``);
        expect(row, c.name).toBeDefined();
        expect(row!.slice(2, 4), c.name).toEqual([c.type.name, c.required ? "yes" : "no"]);
        // The example, some of them a language pack's (`examples`: native_name, name_ko, address).
        expect(row![4], c.name).toBe(`\`${c.example}\``);
        expect(row![5]!.length, c.name).toBeGreaterThan(10);
      }
    },
  );

  it("documents every top-level setting of event.yaml", () => {
    const keys = Object.keys(eventSchema.shape);
    expect(keys.length).toBeGreaterThan(15);
    for (const key of keys) expect(doc, key).toContain(`\`${key}`);
  });
});
