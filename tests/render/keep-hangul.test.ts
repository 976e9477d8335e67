import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledFontFiles } from "../../src/load/fonts.js";
import { TypstEngine } from "../../src/render/typst.js";
import { firstPageLines } from "../helpers/pdf.js";

// A narrow column of Korean set with the templates' own rule (lib/theme.typ).
const COLUMN = `#import "/lib/theme.typ": keep-hangul
#let data = json(bytes(sys.inputs.data))
#set page(width: 62mm, height: auto, margin: 4mm)
#set text(font: "Pretendard", fallback: false, lang: "ko", size: 10pt)
#show: keep-hangul
#data.text
`;

// Words of two to nine syllables, single-syllable words, and a word glued to Latin and digits.
const WORDS =
  "지속가능한 스마트도시 인프라 협력방안과 디지털전환 공동투자 추진전략을 및 수 더 논의하는 " +
  "한·베 경제협력위원회 2023년 Saigon에서 정중히 초대합니다 국제물류네트워크고도화추진단";

let engine: TypstEngine;
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), "conclave-hangul-"));
  writeFileSync(path.join(dir, "column.typ"), COLUMN);
  engine = new TypstEngine({
    builtinDir: path.resolve("templates"),
    eventDir: dir,
    fontFiles: bundledFontFiles(),
  });
});

describe("Korean set word by word", () => {
  it("breaks lines only between words, never inside a Hangul word", async () => {
    const text = `${WORDS} ${WORDS}`;
    const data = { text, theme: { fonts: ["Pretendard"], primary: "#000000", secondary: "#000000" } };
    const pdf = engine.compile({ template: "column.typ", data, timestamp: 0 }).pdf;
    const got = await firstPageLines(pdf);
    expect(got.length).toBeGreaterThan(5);
    const words = new Set(WORDS.split(" "));
    for (const line of got) for (const token of line.split(/\s+/)) expect(words, line).toContain(token);
    expect(got.join(" ").replace(/\s+/g, " ")).toBe(text);
  });
});
