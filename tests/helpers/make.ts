import { type EventConfig, parseEventConfig } from "../../src/schema/event.js";
import type { CheckInput } from "../../src/validate/index.js";
import { checkEvent } from "../../src/validate/index.js";

type Row = Record<string, string>;

/** CSV text from rows of objects; header = union of keys in first-seen order; values quoted when needed. */
export function toCsv(rows: readonly Row[], header?: readonly string[]): string {
  const cols = header ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${[cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c] ?? "")).join(","))].join("\n")}\n`;
}

export const baseConfigYaml = `name: Test Summit
start: 2024-05-14
end: 2024-05-15
timezone: Asia/Seoul
city: Seoul
languages: [en, ko, vi]
`;

export function makeConfig(extra = ""): EventConfig {
  const r = parseEventConfig(baseConfigYaml + extra);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.config;
}

export const delegate = (id: string, extra: Row = {}): Row => ({
  id,
  given_name: "Ji-woo",
  family_name: "Baek",
  organisation: "Namsan Robotics",
  country: "KR",
  category: "delegate",
  ...extra,
});
export const venue = (id: string, extra: Row = {}): Row => ({
  id,
  venue: "Hanriver Convention Centre",
  room: `Room ${id}`,
  capacity: "100",
  ...extra,
});
export const session = (id: string, extra: Row = {}): Row => ({
  id,
  title: `Session ${id}`,
  date: "2024-05-14",
  start: "09:00",
  end: "10:00",
  room: "HALL",
  ...extra,
});

/** An in-memory event (no disk): rows → CSV bytes → the same pure pipeline the CLI runs. */
export function makeInput(parts: {
  delegates?: Row[];
  venues?: Row[];
  sessions?: Row[];
  raw?: Partial<Record<"delegates" | "venues" | "sessions", string | Uint8Array>>;
  config?: string;
}): CheckInput {
  const enc = (s: string | Uint8Array) => (typeof s === "string" ? new TextEncoder().encode(s) : s);
  const text = {
    delegates: parts.raw?.delegates ?? toCsv(parts.delegates ?? [delegate("D-001")]),
    venues: parts.raw?.venues ?? toCsv(parts.venues ?? [venue("HALL")]),
    sessions: parts.raw?.sessions ?? toCsv(parts.sessions ?? [session("S1")]),
  };
  return {
    config: makeConfig(parts.config),
    files: {
      delegates: { name: "delegates.csv", bytes: enc(text.delegates) },
      venues: { name: "venues.csv", bytes: enc(text.venues) },
      sessions: { name: "sessions.csv", bytes: enc(text.sessions) },
    },
  };
}

export function check(parts: Parameters<typeof makeInput>[0]) {
  return checkEvent(makeInput(parts));
}

/** Diagnostic codes, leaving out missing-translation: in-memory events are written in English only. */
export const codes = (r: { diagnostics: { code: string }[] }) =>
  r.diagnostics.map((d) => d.code).filter((c) => c !== "missing-translation");

/**
 * A "billion laughs" YAML fragment: nine anchors, each a list of nine aliases of the one before
 * (9^9 values from about 330 bytes). Its first alias is at column 8 of its second line.
 */
export function billionLaughs(): string {
  const names = "abcdefghi".split("");
  return names
    .map(
      (n, i) =>
        `${n}: &${n} [${Array(9)
          .fill(i === 0 ? '"lol"' : `*${names[i - 1]}`)
          .join(", ")}]`,
    )
    .join("\n");
}
