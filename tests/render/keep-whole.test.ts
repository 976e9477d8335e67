import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtinPacks } from "../../src/i18n/builtin.js";
import type { Pack } from "../../src/i18n/schema.js";
import { bundledFontFiles } from "../../src/load/fonts.js";
import { keepWholePattern } from "../../src/materials/typography.js";
import { TypstEngine } from "../../src/render/typst.js";
import { firstPageLines } from "../helpers/pdf.js";

// A narrow column set with the templates' keep-whole rule (lib/theme.typ), whose pattern comes in
// the data (`keep_whole_pattern`) as the letters and the protocol lists receive it.
const COLUMN = `#import "/lib/theme.typ": data, keep-whole
#set page(width: 38mm, height: auto, margin: 2mm)
#set text(font: "Pretendard", fallback: false, size: 10pt)
#set par(justify: true)
#show: keep-whole
#data.text
`;

// An event's pack with a name that holds characters a regular expression would read as its own.
const extra = {
  ...builtinPacks().get("en")!,
  country_forms: { KN: ["St. Kitts (KN)"] },
} as Pack;
const NAMES = [
  "Việt Nam",
  "Hàn Quốc –",
  "Đại Hàn Dân Quốc",
  "Монгол Улс",
  "Republic of Korea",
  "St. Kitts (KN)",
];
const WORDS = `Hội nghị ${NAMES.join(" và ")} ngày 20–21 tháng 6`;
const TEXT = Array.from({ length: 6 }, (_, i) => `${"x ".repeat(i)}${WORDS}`).join(" ");

let engine: TypstEngine;
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), "conclave-keep-whole-"));
  writeFileSync(path.join(dir, "column.typ"), COLUMN);
  engine = new TypstEngine({
    builtinDir: path.resolve("templates"),
    eventDir: dir,
    fontFiles: bundledFontFiles(),
  });
});

/** How many of the names (and spans of days) the column's lines hold whole. */
async function whole(data: Record<string, unknown>): Promise<{ found: number; expected: number }> {
  const theme = { fonts: ["Pretendard"], primary: "#000000", secondary: "#000000" };
  const pdf = engine.compile({
    template: "column.typ",
    data: { ...data, theme, text: TEXT },
    timestamp: 0,
  }).pdf;
  const got = await firstPageLines(pdf);
  const count = (s: string, p: string) => s.split(p).length - 1;
  const phrases = [...NAMES, "20–21"];
  return {
    found: phrases.reduce((n, p) => n + got.reduce((m, line) => m + count(line, p), 0), 0),
    expected: phrases.reduce((n, p) => n + count(TEXT, p), 0),
  };
}

describe("keep-whole (lib/theme.typ)", () => {
  it("never splits the packs' country names, a dash after one, or a span of days", async () => {
    const pattern = keepWholePattern([...builtinPacks().values(), extra]);
    const { found, expected } = await whole({ keep_whole_pattern: pattern });
    expect(expected).toBe(6 * 7);
    expect(found).toBe(expected);
  });

  it("keeps only spans of numbers whole for data without the pattern (and the column does split names)", async () => {
    const { found, expected } = await whole({});
    expect(found).toBeLessThan(expected);
    expect(found).toBeGreaterThanOrEqual(6);
  });
});
