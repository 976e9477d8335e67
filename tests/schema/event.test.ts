import { describe, expect, it } from "vitest";
import { parseEventConfig } from "../../src/schema/event.js";
import { baseConfigYaml, billionLaughs } from "../helpers/make.js";

describe("parseEventConfig", () => {
  it("fills defaults and spreads a plain name over every language", () => {
    const r = parseEventConfig(baseConfigYaml);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.name).toEqual({ en: "Test Summit", ko: "Test Summit", vi: "Test Summit" });
    expect(r.config.defaultLanguage).toBe("en");
    expect(r.config.files.delegates).toBe("delegates.csv");
    expect(r.config.badge.stock).toBe("a6-4up");
    expect(r.config.validation.travel_buffer_minutes).toBe(15);
  });

  it("points an unknown key at its line and suggests the right one", () => {
    const r = parseEventConfig(baseConfigYaml.replace("timezone:", "timezon:"));
    expect(r.ok).toBe(false);
    const unknown = r.diagnostics.find((d) => d.field === "timezon")!;
    expect(unknown).toMatchObject({ code: "event-config", line: 4, column: 1 });
    expect(unknown.hint).toContain('Did you mean "timezone"?');
    expect(r.diagnostics.some((d) => d.message.includes('"timezone" is required'))).toBe(true);
  });

  it("finds a misspelt nested key", () => {
    const r = parseEventConfig(`${baseConfigYaml}badge:\n  stok: a6-4up\n`);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ line: 8, column: 3, field: "badge.stok" });
    expect(d.hint).toContain('"stock"');
  });

  it("rejects a wrong time zone, a reversed date range and a bad colour with their positions", () => {
    const text = baseConfigYaml
      .replace("Asia/Seoul", "Asia/Hanoi_City")
      .replace("end: 2024-05-15", "end: 2024-05-10");
    const r = parseEventConfig(`${text}branding:\n  primary: navy\n`);
    const fields = r.diagnostics.map((d) => `${d.field}@${d.line}`);
    expect(fields).toContain("timezone@4");
    expect(fields).toContain("branding.primary@8");
    const r2 = parseEventConfig(baseConfigYaml.replace("end: 2024-05-15", "end: 2024-05-10"));
    expect(r2.diagnostics.map((d) => d.field)).toEqual(["end"]);
  });

  it("takes the schedule exports' day change and address, and says what is wrong with them where", () => {
    const ok = parseEventConfig(
      `${baseConfigYaml}agenda:\n  day_change: "05:30"\n  schedule_url: https://example.org/programme\n`,
    );
    expect(ok.ok && ok.config.agenda).toMatchObject({
      day_change: "05:30",
      schedule_url: "https://example.org/programme",
    });
    const dflt = parseEventConfig(baseConfigYaml);
    expect(dflt.ok && dflt.config.agenda.day_change).toBe("04:00");
    const bad = parseEventConfig(
      `${baseConfigYaml}agenda:\n  day_change: "25:00"\n  schedule_url: example.org\n`,
    );
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.map((d) => `${d.field}@${d.line}:${d.column}`)).toEqual([
      "agenda.day_change@8:15",
      "agenda.schedule_url@9:17",
    ]);
    expect(bad.diagnostics[0]!.message).toContain("such as 04:00");
    expect(bad.diagnostics[1]!.message).toContain("https://");
  });

  it("reports YAML syntax errors with a line", () => {
    const r = parseEventConfig("name: [unclosed\nstart: 2024-05-14\n");
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.line).toBeGreaterThan(0);
    expect(r.diagnostics[0]!.message).toMatch(/^YAML syntax/);
  });

  it("refuses a billion-laughs file of nested aliases with a diagnostic, not an exception", () => {
    // Nine anchors, each a list of nine aliases of the one before: 9^9 values from 330 bytes.
    // The first alias is on line 8 (the base config has 6 lines, then "a:" has none).
    const bomb = billionLaughs();
    const r = parseEventConfig(`${baseConfigYaml}${bomb}\n`);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "event-config", file: "event.yaml", line: 8, column: 8 });
    expect(r.diagnostics[0]!.message).toContain("aliases");
    expect(r.diagnostics[0]!.hint).toContain("anchors");
  });

  it("names an alias that has no anchor before it, at its line and column", () => {
    const r = parseEventConfig(baseConfigYaml.replace(/^(start: )(.*)$/m, "$1*undefined"));
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    const line = baseConfigYaml.split("\n").findIndex((l) => l.startsWith("start: ")) + 1;
    expect(r.diagnostics[0]).toMatchObject({ code: "event-config", file: "event.yaml", line, column: 8 });
    expect(r.diagnostics[0]!.message).toContain("*undefined names no anchor &undefined");
  });

  it("refuses a file nested thousands of levels deep with a diagnostic, not a stack overflow", () => {
    for (const deep of [
      `${"- ".repeat(3000)}x\n${baseConfigYaml}`,
      `${baseConfigYaml}x: ${"[".repeat(5000)}`,
    ]) {
      const r = parseEventConfig(deep);
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]!.code).toBe("event-config");
    }
    const r = parseEventConfig(`${"- ".repeat(3000)}x\n`);
    expect(r.diagnostics[0]!.message).toContain("nested too deeply");
  });

  it("still reads a file that reuses an anchor a few times", () => {
    const r = parseEventConfig(
      `${baseConfigYaml}branding:\n  primary: &blue "#12355b"\n  secondary: *blue\n`,
    );
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
  });
});
