import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withLanguagePacks } from "../../src/i18n/active.js";
import { confine } from "../../src/load/confine.js";
import { loadLanguagePacks } from "../../src/load/packs.js";
import { rankOf } from "../../src/model/precedence.js";

/*
 * The offices that rank a guest are named in the language packs (`precedence.<office>`), and
 * every pack's words are tried: a minister written in Chinese or Mongolian ranks as one written
 * in English, and an event's own pack adds the words of its language.
 */
const office = (text: string, lang = "xx") => rankOf({ category: "delegate", position: { [lang]: text } });

describe("the offices in conclave's packs", () => {
  it.each([
    ["全国人大代表", 3],
    ["乌兰巴托市长", 3],
    ["青岛市副市长", 4],
    ["国务院副总理", 2],
    ["驻蒙古国大使", 3],
    ["Дэд сайд", 3],
    ["Гадаад харилцааны сайд", 2],
    ["Элчин сайд", 3],
    ["Шадар сайд", 2],
    ["Монгол Улсын Ерөнхийлөгч", 1],
    ["Улаанбаатар хотын Засаг дарга", 3],
    ["Bộ trưởng Bộ Công Thương", 2],
    ["산업통상자원부 차관", 3],
  ])("%s is an office of level %i", (position, level) => {
    expect(office(position)).toMatchObject({ source: "office", value: level });
  });

  it.each([
    "总经理",
    "副总经理",
    "董事会主席",
    "Гүйцэтгэх захирал",
    "Ерөнхий менежер",
    "Ерөнхийлөгч",
    "Төлөөлөн удирдах зөвлөлийн дарга",
    "대사관 참사관",
    "Tham tán Đại sứ quán",
    // Han characters run on without spaces: an office's characters across two words are none.
    "湖南省长沙市发改委主任",
    "某某公司长沙分公司总经理",
    "销售部部长",
    "市场部副部长",
    "品牌形象大使",
    "中国驻越南总领事馆领事",
    "駐韓國日本大使館 一等書記官",
    "副总统",
    // A Mongolian genitive: an adviser to a minister, an embassy's secretary.
    "Сайдын зөвлөх",
    "Ерөнхий сайдын зөвлөх",
    "Элчин сайдын яамны нэгдүгээр нарийн бичгийн дарга",
  ])("%s ranks by category, not as an office", (position) => {
    expect(office(position).source).toBe("category");
  });
});

describe("an event's own pack", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "conclave-precedence-packs-"));
    await mkdir(path.join(tmp, "i18n"));
    await writeFile(
      path.join(tmp, "i18n/ja.yaml"),
      "language: ja\nname: 日本語\nprecedence:\n  minister: [大臣]\n  vice-minister: [副大臣]\n",
    );
    await mkdir(path.join(tmp, "bad/i18n"), { recursive: true });
    await writeFile(path.join(tmp, "bad/i18n/ja.yaml"), "language: ja\nprecedence:\n  minister: ['大臣(']\n");
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("adds the words of its language, while the event's materials are made", () => {
    const packs = loadLanguagePacks(confine(tmp));
    expect(packs.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(office("外務大臣").source).toBe("category");
    withLanguagePacks(packs, () => {
      expect(office("外務大臣")).toMatchObject({ source: "office", value: 2 });
      expect(office("外務副大臣")).toMatchObject({ source: "office", value: 3 });
      // conclave's words still count.
      expect(office("Minister of Foreign Affairs", "en")).toMatchObject({ source: "office", value: 2 });
    });
  });

  it("refuses a pattern that is not one, at its line", () => {
    const packs = loadLanguagePacks(confine(path.join(tmp, "bad")));
    const errors = packs.diagnostics.filter((d) => d.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: "i18n/ja.yaml", line: 3 });
    expect(errors[0]!.message).toContain("a pattern");
  });
});

describe("the spellings a pack folds to one (offices.spellings)", () => {
  it("reads a Vietnamese office in either tone placement of uỷ/ủy", async () => {
    const { matchOffice } = await import("../../src/model/offices.js");
    const a = matchOffice("Phó Chủ tịch Uỷ ban nhân dân Thành phố Hồ Chí Minh", "vi");
    const b = matchOffice("Phó Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh", "vi");
    expect(a?.office.key).toBe("people-committee-vice-chairman");
    expect(b?.office.key).toBe(a?.office.key);
  });
});
