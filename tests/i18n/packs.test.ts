import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinPacks } from "../../src/i18n/builtin.js";
import { builtinExample } from "../../src/i18n/examples.js";
import { parsePack } from "../../src/i18n/parse.js";
import { fill, resolvePack } from "../../src/i18n/resolve.js";
import { formatDateLong, formatDateRange, formatTimeRange } from "../../src/model/i18n.js";
import { root } from "../helpers/cli.js";

const english = builtinPacks().get("en")!;

/** A small fictional Japanese pack: a few labels, no dates. */
const JA = `language: ja
name: 日本語
labels:
  category:
    speaker: 講演者
    delegate: 参加者
  seating:
    table: テーブル
`;

describe("the built-in packs", () => {
  it("are English, Korean, Mongolian, Vietnamese and Simplified Chinese, each complete", () => {
    expect([...builtinPacks().keys()].sort()).toEqual(["en", "ko", "mn", "vi", "zh-Hans"]);
    for (const lang of ["ko", "mn", "vi", "zh-Hans"]) {
      const file = `templates/i18n/${lang}.yaml`;
      const parsed = parsePack(readFileSync(path.join(root, file), "utf8"), file);
      if (!parsed.ok) throw new Error(parsed.diagnostics[0]!.message);
      // Nothing of these is printed in English.
      expect(resolvePack(parsed.pack, english, { file, baseIsEnglish: true }).missing).toEqual([]);
    }
  });

  it("hold the examples conclave's help and hints quote, and English needs none", () => {
    expect(builtinExample("ko", "transcription")).toEqual({ name: "호앙 민 찌", latin: "Hoàng Minh Trí" });
    expect(builtinExample("vi", "headers")).toEqual({ family_name: "Họ", given_name: "Tên" });
    expect(english.examples).toBeUndefined();
    expect(() => builtinExample("en", "address")).toThrow("templates/i18n/en.yaml has no examples.address");
  });

  it("give each language its own date and time forms", () => {
    expect(formatDateLong("2023-06-20", "ko")).toBe("2023년 6월 20일 (화)");
    expect(formatDateLong("2023-06-20", "vi")).toBe("Thứ Ba, ngày 20 tháng 6 năm 2023");
    expect(formatDateRange("2023-12-30", "2024-01-02", "ko")).toBe("2023년 12월 30일~2024년 1월 2일");
    expect(formatTimeRange(540, 585, "ko")).toBe("09:00~09:45");
    expect(formatTimeRange(540, 585, "en")).toBe("09:00–09:45");
  });
});

describe("a pack with a wrong key or value", () => {
  it("names the file, line and column of an unknown key, and lists the keys that section knows", () => {
    const text = "language: ja\nlabels:\n  seating:\n    tables: テーブル\n";
    const r = parsePack(text, "i18n/ja.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({
      code: "language-pack",
      severity: "error",
      file: "i18n/ja.yaml",
      line: 4,
      column: 5,
    });
    expect(d.message).toBe('unknown key "labels.seating.tables" in the language pack');
    expect(d.hint).toContain('Did you mean "table"?');
    expect(d.hint).toContain("The keys of labels.seating are: table, head, findTable");
  });

  it("knows the keys of examples", () => {
    const r = parsePack("language: ja\nexamples:\n  adress: 東京都千代田区\n", "i18n/ja.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({ code: "language-pack", line: 3, column: 3 });
    expect(r.diagnostics[0]!.hint).toContain('Did you mean "address"?');
  });

  it("points at a value of the wrong type", () => {
    const r = parsePack(
      "language: ja\ndates:\n  months: [1月, 2月]\nlabels:\n  ui:\n    wifi: 42\n",
      "i18n/ja.yaml",
    );
    if (r.ok) throw new Error("a wrong pack was accepted");
    const at = r.diagnostics.map((d) => `${d.line}:${d.column} ${d.field}`);
    expect(at).toEqual(["3:11 dates.months", "6:11 labels.ui.wifi"]);
  });

  it("refuses a placeholder the text cannot use, and a pack without its language", () => {
    const r = parsePack("labels:\n  badges:\n    parallel: '{count} 並行セッション'\n", "i18n/ja.yaml");
    if (r.ok) throw new Error("a wrong pack was accepted");
    const messages = r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(messages).toContain(
      "3:15 labels.badges.parallel: the placeholder {count} is not one this text can use (it can use {n})",
    );
    expect(messages).toContain('1:1 the key "language" is required in a language pack');
  });
});

describe("a pack that translates only some labels", () => {
  it("prints English for the rest, with a missing-translation warning naming the pack and key", () => {
    const parsed = parsePack(JA, "i18n/ja.yaml");
    if (!parsed.ok) throw new Error(parsed.diagnostics[0]!.message);
    const { pack, diagnostics, missing } = resolvePack(parsed.pack, english, {
      file: "i18n/ja.yaml",
      baseIsEnglish: true,
    });
    expect(pack.labels.category.speaker).toBe("講演者");
    expect(pack.labels.category.press).toBe("PRESS");
    expect(pack.labels.seating.head).toBe("Head table");
    expect(pack.dates.months[5]).toBe("June");
    // Protocol country names are not English's: the pack's locale names them (Intl).
    expect(pack.countries).toEqual({});
    expect(missing).toContain("labels.category.press");
    expect(missing).not.toContain("labels.category.speaker");
    const press = diagnostics.find((d) => d.field === "labels.category.press");
    expect(press).toMatchObject({ code: "missing-translation", severity: "warning", file: "i18n/ja.yaml" });
    expect(press?.message).toBe(
      'the language pack "ja" (i18n/ja.yaml) has no "labels.category.press"; the English is printed instead',
    );
    expect(diagnostics).toHaveLength(missing.length);
  });

  it("over a built-in pack of the same language, keeps that pack's words without warnings", () => {
    const ko = builtinPacks().get("ko")!;
    const parsed = parsePack("language: ko\nlabels:\n  seating:\n    head: 헤드 테이블\n", "i18n/ko.yaml");
    if (!parsed.ok) throw new Error(parsed.diagnostics[0]!.message);
    const r = resolvePack(parsed.pack, ko, { file: "i18n/ko.yaml", baseIsEnglish: false });
    expect(r.pack.labels.seating.head).toBe("헤드 테이블");
    expect(r.pack.labels.seating.table).toBe("테이블");
    expect(r.pack.name).toBe("한국어");
    expect(r.pack.countries.KR).toBe("대한민국");
    expect(r.diagnostics).toEqual([]);
  });
});

describe("fill", () => {
  it("picks the plural form by the pack's locale", () => {
    const counts = english.labels.seating.counts;
    expect(fill(counts, { guests: 1, tables: 12 }, "en")).toBe("1 guest · 12 tables");
    expect(fill(counts, { guests: 106, tables: 1 }, "en")).toBe("106 guests · 1 table");
  });
});
