import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { confine } from "../../src/load/confine.js";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { loadLanguagePacks } from "../../src/load/packs.js";
import { checkEvent } from "../../src/validate/index.js";
import { copyExample } from "../build/outputs.js";

/** A small fictional Japanese pack: three labels, no dates. */
const JA = `language: ja
name: 日本語
labels:
  category:
    speaker: 講演者
    delegate: 参加者
  seating:
    table: テーブル
`;

let tmp: string;
let dir: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-event-packs-"));
  dir = path.join(tmp, "event");
  await mkdir(path.join(dir, "i18n"), { recursive: true });
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const write = (name: string, text: string) => writeFile(path.join(dir, "i18n", name), text);

describe("an event's own language packs (i18n/<lang>.yaml)", () => {
  it("add a language, completed from English, and change some words of a built-in one", async () => {
    await write("ja.yaml", JA);
    await write("ko.yaml", "language: ko\nlabels:\n  seating:\n    head: 헤드 테이블\n");
    await write("notes.txt", "not a pack");
    const { entries, diagnostics } = loadLanguagePacks(confine(dir));
    expect(entries.map((e) => `${e.language} ${e.source}`)).toEqual([
      "en built-in",
      "ko override",
      "mn built-in",
      "vi built-in",
      "zh-Hans built-in",
      "ja event",
    ]);
    const ja = entries.find((e) => e.language === "ja")!;
    expect(ja.pack.labels.category.speaker).toBe("講演者");
    expect(ja.pack.labels.category.press).toBe("PRESS");
    expect(ja.files).toEqual(["i18n/ja.yaml"]);
    const ko = entries.find((e) => e.language === "ko")!;
    expect(ko.pack.labels.seating.head).toBe("헤드 테이블");
    expect(ko.pack.labels.seating.table).toBe("테이블");
    expect(ko.files).toEqual(["templates/i18n/ko.yaml", "i18n/ko.yaml"]);
    // Only the added pack lacks words: one warning per key it leaves to English.
    expect(new Set(diagnostics.map((d) => `${d.code} ${d.file}`))).toEqual(
      new Set(["missing-translation i18n/ja.yaml"]),
    );
    expect(diagnostics.map((d) => d.field)).toContain("labels.seating.head");
    expect(diagnostics.map((d) => d.field)).not.toContain("labels.seating.table");
  });

  it("report a wrong key at its file, line and column", async () => {
    await write("ja.yaml", `${JA}  badge:\n    badges: 名札\n`);
    const { entries, diagnostics } = loadLanguagePacks(confine(dir));
    expect(entries.map((e) => e.language)).not.toContain("ja");
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      'i18n/ja.yaml:9:3 language-pack unknown key "labels.badge" in the language pack',
    ]);
    expect(diagnostics[0]!.hint).toContain('Did you mean "badges"?');
  });

  it("refuse a pack whose language is not the one its file name says", async () => {
    await write("zh.yaml", JA);
    const { diagnostics } = loadLanguagePacks(confine(dir));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '1:11 i18n/zh.yaml holds the pack of "ja", not of "zh" as its name says',
    ]);
  });

  it("are read through the confined reader: a link out of the event folder is refused", async () => {
    const outside = path.join(tmp, "elsewhere.yaml");
    await writeFile(outside, JA);
    await symlink(outside, path.join(dir, "i18n", "ja.yaml"));
    expect(() => loadLanguagePacks(confine(dir))).toThrow(UserError);
    expect(() => loadLanguagePacks(confine(dir))).toThrow(
      /i18n\/ja\.yaml is a link to .*outside the event folder/,
    );
  });
});

describe("an i18n/ folder that is a link out of the event folder", () => {
  it("is refused before anything in it is listed", async () => {
    const outside = path.join(tmp, "shared-packs");
    await mkdir(outside);
    await writeFile(path.join(outside, "ja.yaml"), JA);
    await rm(path.join(dir, "i18n"), { recursive: true });
    await symlink(outside, path.join(dir, "i18n"));
    expect(() => loadLanguagePacks(confine(dir))).toThrow(
      /^i18n\/ is a link to .*shared-packs, outside the event folder$/,
    );
  });
});

describe("validating an event with its own packs", () => {
  it("fails on a broken pack and warns only for languages the event prints", async () => {
    const event = await copyExample(path.join(tmp, "example"));
    await mkdir(path.join(event, "i18n"));
    // ja is not a language of the example (en, ko, vi): its missing words are nobody's problem yet.
    await writeFile(path.join(event, "i18n", "ja.yaml"), JA);
    await writeFile(path.join(event, "i18n", "vi.yaml"), "language: vi\nlabels:\n  ui:\n    wify: Wi-Fi\n");
    const loaded = await loadEventFolder(event, { glyphs: false });
    const pack = checkEvent(loaded.input).diagnostics.filter((d) => d.file.startsWith("i18n/"));
    expect(pack.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      "i18n/vi.yaml:4:5 error language-pack",
    ]);
  });
});
