import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { checkEvent } from "../../src/validate/index.js";
import { copyOfExample } from "../helpers/example-copy.js";

/*
 * A word of an event's own pack that no font can draw would print as an empty box on every
 * badge, plan and letter in that language: `conclave validate` says so at the value's line and
 * column in the pack file, for the languages the event prints, and not for words that are only
 * read (the honorific column's words, office patterns) or quoted in a terminal (`examples`).
 */
const PACK = `language: ja
name: 日本語
fonts: [noto-sans-sc]
names:
  read:
    mr: [นาย]
labels:
  category:
    vip: 来賓
  seating:
    table: โต๊ะ
examples:
  name: สมชาย
`;

let example: Awaited<ReturnType<typeof copyOfExample>>;
const glyphErrors = async (languages: string) => {
  const file = path.join(example.dir, "event.yaml");
  const yaml = await readFile(file, "utf8");
  await writeFile(file, yaml.replace(/^languages: \[.*\]$/m, `languages: [${languages}]`));
  const loaded = await loadEventFolder(example.dir);
  return checkEvent({ ...loaded.input, buildModel: false }).diagnostics.filter(
    (d) => d.code === "missing-glyph",
  );
};

beforeAll(async () => {
  example = await copyOfExample("conclave-pack-glyphs-");
  await mkdir(path.join(example.dir, "i18n"));
  await writeFile(path.join(example.dir, "i18n/ja.yaml"), PACK);
});
afterAll(async () => {
  await example?.remove();
});

describe("the glyphs of an event's own pack", () => {
  it("are checked for a language the event prints, at the value in the pack file", async () => {
    const errors = await glyphErrors("en, ko, vi, ja");
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.field}`)).toEqual([
      "i18n/ja.yaml:11:12 labels.seating.table",
    ]);
    expect(errors[0]!.message).toContain('"โ" (U+0E42)');
    expect(errors[0]!.hint).toContain("Noto Sans SC");
  });

  it("are not checked for a pack the event does not print", async () => {
    expect(await glyphErrors("en, ko, vi")).toEqual([]);
  });
});
