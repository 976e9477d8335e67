import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { noBreakPhrases } from "../../src/materials/typography.js";
import { nameIn, pick } from "../../src/model/names.js";
import type { Event } from "../../src/model/types.js";
import type { Language } from "../../src/schema/fields.js";
import { checkEvent } from "../../src/validate/index.js";
import { conclave, root } from "../helpers/cli.js";
import { readPdf, squash, textItems } from "../helpers/pdf.js";

let tmp: string;
let event: Event;
const pdf = (name: string) => path.join(tmp, "out/agenda", name);
const pdfA5 = (name: string) => path.join(tmp, "out-a5/agenda", name);

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-programme-"));
  const example = path.join(root, "fixtures/cicon-2023");
  event = checkEvent((await loadEventFolder(example)).input).event!;
  const a4 = conclave([
    "agenda",
    example,
    "--out",
    path.join(tmp, "out"),
    "--bilingual",
    "ko+en",
    "--no-personal",
  ]);
  expect(a4.code, a4.stderr).toBe(0);
  // The same event as an A5 booklet.
  const a5dir = path.join(tmp, "a5");
  await cp(example, a5dir, { recursive: true });
  const yaml = await readFile(path.join(a5dir, "event.yaml"), "utf8");
  await writeFile(path.join(a5dir, "event.yaml"), `${yaml}\nagenda:\n  paper: a5\n  bilingual: vi+en\n`);
  const a5 = conclave(["agenda", a5dir, "--out", path.join(tmp, "out-a5"), "--no-personal"]);
  expect(a5.code, a5.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Text runs with what these checks read: font size, distance from the top and left edge. */
async function runs(file: string) {
  const { sizes } = await readPdf(file);
  return (await textItems(file)).map((i) => {
    const [a, b, , , e, f] = i.transform as [number, number, number, number, number, number];
    const height = sizes[i.page - 1]!.height;
    return { ...i, height, size: Math.hypot(a, b), top: height - f, x: e };
  });
}
type Run = Awaited<ReturnType<typeof runs>>[number];

const people = () => {
  const seen = new Map<string, Event["delegates"][number]>();
  for (const s of event.sessions)
    for (const d of [...s.speakers, ...(s.moderator ? [s.moderator] : [])]) seen.set(d.id, d);
  return [...seen.values()];
};

describe("the bilingual programme", () => {
  it("names every speaker and moderator, with their position, in both languages", async () => {
    const text = squash((await readPdf(pdf("programme.ko-en.pdf"))).text.join(" "));
    expect(people().length).toBeGreaterThan(20);
    for (const d of people()) {
      for (const lang of ["ko", "en"] as Language[]) {
        expect(text, `${d.id} name in ${lang}`).toContain(squash(nameIn(d, lang)));
        // Every word of the position: Korean splits it around the name (호찌민시 인민위원회 … 부위원장).
        const position = pick(d.position, lang, "en");
        for (const word of position?.split(/\s+/) ?? [])
          expect(text, `${d.id} position in ${lang}: ${word}`).toContain(squash(word));
      }
    }
  });

  it("prints rooms, types, organisers, descriptions and headings in both languages", async () => {
    const text = squash((await readPdf(pdf("programme.ko-en.pdf"))).text.join(" "));
    for (const room of event.rooms) {
      expect(text, room.id).toContain(squash(room.room.ko!));
      expect(text, room.id).toContain(squash(room.room.en!));
    }
    for (const words of ["패널토론/Panel", "식순/Ceremony", "현장방문/Sitevisit", "연사색인/Indexofspeakers"])
      expect(text).toContain(words);
    expect(text).toContain(squash("주최 한국CEO서밋협회 · 공동 주최 호찌민시 인민위원회"));
    expect(text).toContain(
      squash("Hosted by Korea CEO Summit Association · Co-organised by People's Committee"),
    );
    expect(text).toContain(squash("버스는 08:30에 호텔 로비에서 출발합니다."));
    expect(text).toContain(squash("Coaches leave from the hotel lobby at 08:30."));
    expect(text).toContain("사회/Masterofceremonies");
  });
});

describe("the printed programme's pages", () => {
  it("prints descriptions, the off-site venue with its address, and no dangling separator", async () => {
    const text = squash((await readPdf(pdf("programme.en.pdf"))).text.join(" "));
    expect(text).toContain(squash("Dress code: business formal or áo dài."));
    expect(text).toContain(squash("Thu Duc Innovation Hub, Khu Công nghệ cao, Thành phố Thủ Đức"));
    for (const item of await runs(pdf("programme.en.pdf"))) expect(item.str.trim()).not.toMatch(/·$/);
  });

  it("repeats a day's heading, marked continued, at the top of the page it runs onto", async () => {
    for (const [file, word] of [
      [pdf("programme.en.pdf"), "(continued)"],
      [pdf("programme.ko-en.pdf"), "(계속)"],
      [pdfA5("programme.vi-en.pdf"), "(tiếp theo)"],
    ] as const) {
      const items = await runs(file);
      const continued = items.filter((i) => i.str.includes(word));
      expect(continued.length, file).toBeGreaterThan(0);
      // Above every session of its page: only the running head is higher.
      for (const c of continued) {
        const above = items.filter((i) => i.page === c.page && i.top < c.top - 2);
        expect(
          above.every((i) => i.size < 9),
          file,
        ).toBe(true);
      }
    }
  });

  it("sets body text at 10 pt on A4 and 9 pt on A5 (running heads and section chips aside)", async () => {
    const sections = new Set(event.sessions.flatMap((s) => Object.values(s.section ?? {})).map(squash));
    const chip = (s: string) => [...sections].some((name) => name.includes(squash(s)));
    for (const [file, min] of [
      [pdf("programme.en.pdf"), 10],
      [pdf("programme.ko-en.pdf"), 10],
      [pdfA5("programme.vi-en.pdf"), 9],
    ] as const) {
      const margin = min === 10 ? 28 * 2.8346 : 24 * 2.8346;
      for (const i of await runs(file)) {
        if (i.page === 1 || i.top < margin - 8 || i.top > i.height - 40 || chip(i.str)) continue;
        expect(i.size, `${path.basename(file)} p${i.page} "${i.str}"`).toBeGreaterThanOrEqual(min - 0.05);
      }
    }
  });

  it("never breaks a line inside a place or country name, nor at a name's hyphen", async () => {
    const phrases = [...noBreakPhrases(event), "Min-su", "Hyun-woo", "K-Content"];
    const count = (text: string, p: string) => text.split(squash(p)).length - 1;
    for (const file of [
      pdf("programme.en.pdf"),
      pdf("programme.vi.pdf"),
      pdf("programme.ko-en.pdf"),
      pdfA5("programme.vi-en.pdf"),
      pdfA5("programme.en.pdf"),
    ]) {
      // pdfjs gives runs (split at no-break spaces too); runs at one height of a page, less than
      // 3 mm apart, are one line of one column.
      const rows = new Map<string, Run[]>();
      for (const i of await runs(file)) {
        const key = `${i.page}:${Math.round(i.top)}`;
        rows.set(key, [...(rows.get(key) ?? []), i]);
      }
      const lines: string[] = [];
      for (const runs of rows.values()) {
        runs.sort((a, b) => a.x - b.x);
        let line = "";
        let end = Number.NEGATIVE_INFINITY;
        for (const r of runs) {
          if (r.x - end > 8.5 && line) {
            lines.push(line);
            line = "";
          }
          line += r.str;
          end = r.x + r.width;
        }
        lines.push(line);
      }
      // Every time a phrase is printed (in reading order), it is whole on one line.
      const all = squash((await readPdf(file)).text.join(""));
      let seen = 0;
      for (const p of phrases) {
        const whole = lines.reduce((n, l) => n + count(squash(l), p), 0);
        expect(whole, `${path.basename(file)}: "${p}" split across lines`).toBe(count(all, p));
        seen += whole;
      }
      expect(seen, path.basename(file)).toBeGreaterThan(3);
    }
  });

  it("pads the A5 booklet to a multiple of 4 pages with notes pages", async () => {
    for (const lang of ["en", "ko", "vi", "vi-en"]) {
      const read = await readPdf(pdfA5(`programme.${lang}.pdf`));
      expect(read.pages % 4, lang).toBe(0);
      expect(Math.round(read.sizes[0]!.width)).toBe(420);
    }
    // The vi+en edition runs onto a fifth page: three notes pages make it eight.
    const vien = await readPdf(pdfA5("programme.vi-en.pdf"));
    expect(vien.pages).toBe(8);
    expect(vien.text.at(-1)).toContain("Ghi chú / Notes");
  });
});
