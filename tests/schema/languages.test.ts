import { describe, expect, it } from "vitest";
import { builtinPacks } from "../../src/i18n/builtin.js";
import { delegatesSpec } from "../../src/schema/delegates.js";
import { parseEventConfig } from "../../src/schema/event.js";
import { columnSuffix, LANGUAGES, language } from "../../src/schema/fields.js";
import { readTable } from "../../src/schema/table.js";
import { translationsOf } from "../../src/schema/translations.js";

// The languages an event can print in are the language packs: conclave's and the event's own.

const yaml = (languages: string) => `name: Test Summit
start: 2024-05-14
end: 2024-05-15
timezone: Asia/Seoul
city: Seoul
languages: ${languages}
`;

describe("the languages of event.yaml", () => {
  it("are conclave's packs, and must be one of them unless the event has its own", () => {
    expect([...LANGUAGES].sort()).toEqual([...builtinPacks().keys()].sort());
    const r = parseEventConfig(yaml("[en, ja]"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: "event-config",
      line: 6,
      column: 17,
      field: "languages.1",
    });
    expect(r.diagnostics[0]!.message).toBe('languages.1: there is no language pack for "ja"');
    expect(r.diagnostics[0]!.hint).toContain("i18n/ja.yaml");
  });

  it("take a language whose pack is the event's own", () => {
    const r = parseEventConfig(yaml("[ja, en]"), "event.yaml", [...LANGUAGES, "ja"]);
    expect(r.ok && r.config.defaultLanguage).toBe("ja");
  });

  it("name a wrong language of the visa letters and the bilingual programme where it is written", () => {
    const text = `${yaml("[en, ko]")}agenda:\n  bilingual: ko+xx\nletters:\n  visa:\n    reference: "VISA/{id}"\n    language: qq\n`;
    const r = parseEventConfig(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => [d.field, d.line])).toEqual([
      ["letters.visa.language", 12],
      ["agenda.bilingual", 8],
    ]);
  });
});

describe("language columns", () => {
  it("end with the tag's first part: zh-Hans is _zh", () => {
    expect(columnSuffix("zh-Hans")).toBe("zh");
    expect(columnSuffix("mn")).toBe("mn");
  });

  it("read position_ja and native_name_ja when the event has a ja pack, and warn of them otherwise", () => {
    const csv =
      "id,given_name,family_name,organisation,country,category,position,position_ja,native_name_ja\nJP-1,Aoi,Sato,Kita Works,JP,delegate,Director,部長,佐藤葵\n";
    const withJa = readTable(delegatesSpec, "delegates.csv", csv, {}, { languages: [...LANGUAGES, "ja"] });
    expect(withJa.diagnostics).toEqual([]);
    expect(translationsOf(withJa.rows[0]!)).toEqual({
      position: { ja: "部長" },
      native_name: { ja: "佐藤葵" },
    });
    const without = readTable(delegatesSpec, "delegates.csv", csv);
    expect(without.diagnostics.map((d) => d.field)).toEqual(["position_ja", "native_name_ja"]);
  });

  it("take a delegate's language that only the event's pack has", () => {
    expect(language.parse("ja", { languages: [...LANGUAGES, "ja"] })).toEqual({ ok: true, value: "ja" });
    expect(language.parse("ja").ok).toBe(false);
    expect(language.parse("KO")).toEqual({ ok: true, value: "ko" });
  });
});
