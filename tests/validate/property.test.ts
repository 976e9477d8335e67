import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseEventConfig } from "../../src/schema/event.js";
import { checkEvent, type TableKey } from "../../src/validate/index.js";
import { root } from "../helpers/cli.js";

const example = path.join(root, "fixtures/cicon-2023");
const original = {
  delegates: readFileSync(path.join(example, "delegates.csv"), "utf8"),
  venues: readFileSync(path.join(example, "venues.csv"), "utf8"),
  sessions: readFileSync(path.join(example, "sessions.csv"), "utf8"),
};
const parsed = parseEventConfig(readFileSync(path.join(example, "event.yaml"), "utf8"));
if (!parsed.ok) throw new Error("the example event.yaml must be valid");
const config = parsed.config;
// Runs and seed are fixed so CI is reproducible; FC_SEED/FC_RUNS widen a local hunt.
const seed = Number(process.env.FC_SEED ?? 20230620);
const numRuns = Number(process.env.FC_RUNS ?? 1000);

type Mutation = (text: string, rnd: (n: number) => number) => string;
const mutations: Record<string, Mutation> = {
  dropQuote: (t, r) => {
    const idx = [...t.matchAll(/"/g)].map((m) => m.index!);
    if (idx.length === 0) return `"${t}`;
    const i = idx[r(idx.length)]!;
    return t.slice(0, i) + t.slice(i + 1);
  },
  swapColumns: (t, r) =>
    t
      .split("\n")
      .map((line) => {
        const cells = line.split(",");
        if (cells.length < 2) return line;
        const a = r(cells.length);
        const b = r(cells.length);
        [cells[a], cells[b]] = [cells[b]!, cells[a]!];
        return cells.join(",");
      })
      .join("\n"),
  injectControl: (t, r) => {
    const i = r(t.length + 1);
    const ch = String.fromCharCode([0, 1, 7, 8, 11, 12, 27, 0x7f, 0x200b, 0x202e, 0xfeff, 0xd800][r(12)]!);
    return t.slice(0, i) + ch + t.slice(i);
  },
  deleteSpan: (t, r) => {
    const i = r(t.length + 1);
    return t.slice(0, i) + t.slice(i + r(40));
  },
  duplicateLine: (t, r) => {
    const lines = t.split("\n");
    const i = r(lines.length);
    lines.splice(i, 0, lines[i]!);
    return lines.join("\n");
  },
  changeDelimiter: (t, r) => t.replace(/,/g, [";", "\t", "|"][r(3)]!),
  truncate: (t, r) => t.slice(0, r(t.length + 1)),
  crlf: (t, r) => t.replace(/\n/g, ["\r\n", "\r", "\n\n"][r(3)]!),
};
const encodings = ["utf8", "utf16le", "utf16be", "cp949", "windows-1258", "latin1"] as const;

function encode(text: string, encoding: (typeof encodings)[number]): Uint8Array {
  if (encoding === "utf16be") return Buffer.from(text, "utf16le").swap16();
  return iconv.encode(text, encoding);
}

function assertReport(files: Record<TableKey, Uint8Array>) {
  const r = checkEvent({
    config,
    files: {
      delegates: { name: "delegates.csv", bytes: files.delegates },
      venues: { name: "venues.csv", bytes: files.venues },
      sessions: { name: "sessions.csv", bytes: files.sessions },
    },
  });
  for (const d of r.diagnostics) {
    expect(["delegates.csv", "venues.csv", "sessions.csv"]).toContain(d.file);
    expect(Number.isInteger(d.line) && d.line >= 0).toBe(true);
    expect(d.code).toMatch(/^[a-z-]+$/);
    expect(d.message.length).toBeGreaterThan(0);
    // A record-level problem always says where; only whole-file ones may use line 0.
    if (d.line === 0) expect(["file-not-found", "encoding-guessed", "missing-column"]).toContain(d.code);
  }
  if (r.event) expect(r.diagnostics.every((d) => d.severity === "warning")).toBe(true);
}

describe("the validator never crashes", () => {
  it("on arbitrary bytes in any file", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TableKey>("delegates", "venues", "sessions"),
        fc.uint8Array({ maxLength: 2000 }),
        (key, bytes) => {
          const files = {
            delegates: Buffer.from(original.delegates),
            venues: Buffer.from(original.venues),
            sessions: Buffer.from(original.sessions),
          } as Record<TableKey, Uint8Array>;
          files[key] = bytes;
          assertReport(files);
        },
      ),
      { seed, numRuns },
    );
  });

  it("on mutations of the example CSVs in random encodings", () => {
    const names = Object.keys(mutations);
    fc.assert(
      fc.property(
        fc.constantFrom<TableKey>("delegates", "venues", "sessions"),
        fc.array(fc.tuple(fc.constantFrom(...names), fc.integer({ min: 0, max: 2 ** 31 - 1 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.constantFrom(...encodings),
        (key, steps, encoding) => {
          let text = original[key];
          for (const [name, s] of steps) {
            let state = s;
            const rnd = (n: number) => {
              state = (state * 1103515245 + 12345) & 0x7fffffff;
              return n <= 0 ? 0 : state % n;
            };
            text = mutations[name]!(text, rnd);
          }
          const files = {
            delegates: Buffer.from(original.delegates),
            venues: Buffer.from(original.venues),
            sessions: Buffer.from(original.sessions),
          } as Record<TableKey, Uint8Array>;
          files[key] = encode(text, encoding);
          assertReport(files);
        },
      ),
      { seed, numRuns },
    );
  });
});
