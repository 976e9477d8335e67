import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventRenderPool } from "../../src/build/event-pool.js";
import { builtinPacks } from "../../src/i18n/builtin.js";
import { combinePacks } from "../../src/i18n/packs.js";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { bundledFontFiles, fontSetsOf, loadCoverage } from "../../src/load/fonts.js";
import { copyExample } from "../build/outputs.js";

// A language's fonts load only for an event that prints it: Chinese needs Noto Sans SC (some
// 10 MB a weight), which a Korean, Vietnamese and English event never loads.

const packs = combinePacks(builtinPacks(), []);
const isNoto = (f: string) => path.basename(f).startsWith("NotoSansSC_");

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-language-fonts-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("the fonts of a language", () => {
  it("are the Chinese pack's Noto Sans SC, and no other pack's extra font", () => {
    expect(fontSetsOf(["en", "ko", "vi"], packs)).toEqual([]);
    expect(fontSetsOf(["mn"], packs)).toEqual([]);
    expect(fontSetsOf(["ko", "zh-Hans", "en"], packs)).toEqual(["noto-sans-sc"]);
    expect(bundledFontFiles().some(isNoto)).toBe(false);
    const zh = bundledFontFiles(["noto-sans-sc"]);
    expect(zh.filter(isNoto).map((f) => path.basename(f))).toEqual([
      "NotoSansSC_400Regular.ttf",
      "NotoSansSC_500Medium.ttf",
      "NotoSansSC_600SemiBold.ttf",
      "NotoSansSC_700Bold.ttf",
    ]);
    for (const f of zh) expect(existsSync(f), f).toBe(true);
  });

  it("cover what the glyph check is asked: Chinese with Noto, Mongolian Cyrillic with Pretendard alone", async () => {
    const plain = await loadCoverage(tmp, []);
    expect(plain.fonts).toEqual(["Pretendard"]);
    for (const ch of "ӨөҮүЁё") expect(plain.has(ch.codePointAt(0)!), ch).toBe(true);
    expect(plain.has("王".codePointAt(0)!)).toBe(false);
    const chinese = await loadCoverage(tmp, [], ["noto-sans-sc"]);
    expect(chinese.fonts).toEqual(["Pretendard", "Noto Sans SC"]);
    for (const ch of "尊敬的王伟先生李主任青岛") expect(chinese.has(ch.codePointAt(0)!), ch).toBe(true);
  });

  it("reach the engine only for an event that prints Chinese", async () => {
    const dir = await copyExample(path.join(tmp, "event"));
    const loaded = await loadEventFolder(dir);
    const ko = await eventRenderPool(loaded, 1);
    await ko.pool.close();
    expect(ko.fontFiles.some(isNoto)).toBe(false);
    expect(loaded.input.coverage?.fonts).toEqual(["Pretendard"]);

    const yaml = (await readFile(path.join(dir, "event.yaml"), "utf8")).replace(
      /^languages: \[([^\]]*)\]/m,
      "languages: [$1, zh-Hans]",
    );
    await writeFile(path.join(dir, "event.yaml"), yaml);
    const withZh = await loadEventFolder(dir);
    expect(withZh.config.languages).toContain("zh-Hans");
    const zh = await eventRenderPool(withZh, 1);
    await zh.pool.close();
    expect(zh.fontFiles.filter(isNoto)).toHaveLength(4);
    expect(withZh.input.coverage?.fonts).toContain("Noto Sans SC");
  });
});
