import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledFontFiles } from "../../src/load/fonts.js";
import { TypstEngine } from "../../src/render/typst.js";
import { describeClipped, findClippedText } from "../helpers/pdf-clip.js";

// A card of fixed size with clip on, as the badge backs are made (templates/badge.typ), holding
// the lines given: in a box too small for them, the last lines are cut; in a roomy one, none.
// A second block places a line partly off the page, and a third rotates a clipped box.
const CARD = `#let data = json(bytes(sys.inputs.data))
#set page(width: 120mm, height: 80mm, margin: 5mm)
#set text(font: "Pretendard", fallback: false, size: 10pt)
#box(width: 60mm, height: data.height * 1mm, clip: true, stroke: 0.3pt, inset: (top: data.at("top", default: 2) * 1mm), {
  for l in data.lines [#l \\ ]
})
#if data.off_page { place(top + left, dx: 100mm, dy: 20mm, text(size: 14pt)[Nguyễn Thị Minh Khai]) }
#if data.rotated { place(top + left, dx: 70mm, dy: 40mm, rotate(90deg, reflow: true, box(width: 30mm, height: 8mm, clip: true)[Trần Hưng Đạo Boulevard])) }
`;

const LINES = [
  "08:30 Registration",
  "09:00 Opening ceremony",
  "13:30 폐막식 및 공동 성명",
  "Hồ Chí Minh City",
];

let engine: TypstEngine;
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), "conclave-clip-"));
  writeFileSync(path.join(dir, "card.typ"), CARD);
  engine = new TypstEngine({
    builtinDir: path.resolve("templates"),
    eventDir: dir,
    fontFiles: bundledFontFiles(),
  });
});

const card = (data: {
  height: number;
  top?: number;
  lines?: string[];
  off_page?: boolean;
  rotated?: boolean;
}) =>
  engine.compile({
    template: "card.typ",
    data: { lines: LINES, off_page: false, rotated: false, ...data },
    timestamp: 0,
  }).pdf;

describe("the clipped-text finder", () => {
  it("finds nothing when the box holds its lines", async () => {
    expect(describeClipped(await findClippedText(card({ height: 40 })))).toEqual([]);
  });

  it("finds the lines a too-small box cuts through or hides, with how far they reach", async () => {
    // Four lines of 10 pt need about 18 mm; 11 mm holds two and cuts the third.
    const found = await findClippedText(card({ height: 11 }));
    expect(found.every((f) => f.by === "clip" && f.page === 1)).toBe(true);
    const texts = found.map((f) => f.text.trim());
    expect(texts).toContain("13:30 폐막식 및 공동 성명");
    expect(texts).toContain("Hồ Chí Minh City");
    expect(texts).not.toContain("08:30 Registration");
    // The fourth line lies wholly below the box: it reaches past it by more than a line.
    const last = found.find((f) => f.text.includes("Hồ Chí Minh"))!;
    expect(last.overflow).toBeGreaterThan(10);
    expect(last.box.y1).toBeLessThan(last.limit.y0 + 0.01);
    expect(describeClipped(found, "card.pdf").join("\n")).toMatch(
      /card\.pdf page 1: "Hồ Chí Minh City" cut by its clip path by \d+(\.\d+)? pt/,
    );
  });

  it("finds a Hangul title cut at the top of a clipped box without inset, and nothing with one", async () => {
    // A box exactly one line high: the Hangul rises above the cap height Typst sets lines by.
    const tight = await findClippedText(card({ height: 8, top: 0, lines: ["프로그램 한눈에 보기"] }));
    expect(tight.length).toBeGreaterThan(0);
    const roomy = await findClippedText(card({ height: 8, lines: ["프로그램 한눈에 보기"] }));
    expect(roomy).toEqual([]);
  });

  it("finds text running off the page, and text cut by a rotated clip", async () => {
    const found = await findClippedText(card({ height: 40, off_page: true, rotated: true }));
    const off = found.find((f) => f.by === "page");
    expect(off?.text).toContain("Nguyễn Thị Minh Khai");
    expect(off!.box.x1).toBeGreaterThan(off!.limit.x1);
    expect(found.some((f) => f.by === "clip" && f.text.includes("Boulevard"))).toBe(true);
  });

  it("takes the page's TrimBox as its edge when it has one", async () => {
    const raw = Buffer.from(card({ height: 40 })).toString("latin1");
    // The same page with a TrimBox 20 mm inside the MediaBox on every side: the lines now cross it.
    const trimmed = raw.replace(
      /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/,
      (m, w, h) => `${m} /TrimBox [57 57 ${Number(w) - 57} ${Number(h) - 57}]`,
    );
    expect(trimmed).not.toBe(raw);
    const found = await findClippedText(new Uint8Array(Buffer.from(trimmed, "latin1")));
    expect(found.some((f) => f.by === "page" && f.limit.x0 === 57)).toBe(true);
  });

  it("finds text leaving the container a caller names (a badge on its sheet), and none inside one", async () => {
    const pdf = card({ height: 40 });
    // The card's lines start 5 mm from the left edge and run about 40 mm: a 30 mm container cuts them.
    const narrow = await findClippedText(pdf, {
      containers: () => [{ x0: 0, y0: 0, x1: 30 * 2.835, y1: 300 }],
    });
    expect(narrow.map((f) => f.by)).toContain("container");
    expect(narrow.find((f) => f.text.includes("Opening"))?.overflow).toBeGreaterThan(10);
    expect(await findClippedText(pdf, { containers: () => [{ x0: 0, y0: 0, x1: 400, y1: 300 }] })).toEqual(
      [],
    );
  });

  it("reads a sheet of 100 pages in well under a second a page", async () => {
    const many = `#set page(width: 100mm, height: 60mm, margin: 5mm)
#set text(font: "Pretendard", fallback: false)
#for i in range(100) { box(width: 80mm, height: 40mm, clip: true, inset: 2mm)[Badge #i · 김민준 · Nguyễn Văn Đức] ; pagebreak(weak: true) }`;
    const dir = mkdtempSync(path.join(tmpdir(), "conclave-clip-many-"));
    writeFileSync(path.join(dir, "many.typ"), many);
    const e = new TypstEngine({
      builtinDir: path.resolve("templates"),
      eventDir: dir,
      fontFiles: bundledFontFiles(),
    });
    const pdf = e.compile({ template: "many.typ", data: {}, timestamp: 0 }).pdf;
    const t = performance.now();
    expect(await findClippedText(pdf)).toEqual([]);
    expect(performance.now() - t).toBeLessThan(10_000);
  });
});
