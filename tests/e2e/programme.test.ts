import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { noBreakPhrases } from "../../src/materials/typography.js";
import { nameIn, pick } from "../../src/model/names.js";
import { SPEECH_ROLE_WORDS } from "../../src/model/roles.js";
import type { Event } from "../../src/model/types.js";
import type { Language } from "../../src/schema/fields.js";
import { checkEvent } from "../../src/validate/index.js";
import { conclave, root } from "../helpers/cli.js";
import { pdfTitle, phrasesOnOneLine, readPdf, squash, textItems, textLines } from "../helpers/pdf.js";

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
  // On A4 the vi+en edition breaks a session before its moderator.
  const vien = conclave([
    "agenda",
    example,
    "--out",
    path.join(tmp, "out-vi"),
    "--bilingual",
    "vi+en",
    "--no-personal",
  ]);
  expect(vien.code, vien.stderr).toBe(0);
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
  it("names each edition in the PDF's Title", async () => {
    // One form for every conclave PDF (pdfTitle, src/materials/common.ts); a bilingual edition is
    // named in its first language.
    expect(await pdfTitle(pdf("programme.en.pdf"))).toBe("CICON 2023 — Programme");
    expect(await pdfTitle(pdf("programme.ko-en.pdf"))).toBe("CICON 2023 — 프로그램");
  });

  it("prints the cover's year once: edition 2023 is in the dates already", async () => {
    const cover = (await readPdf(pdf("programme.en.pdf"))).text[0]!;
    expect(cover).toContain("20–21 June 2023");
    expect(cover.split("2023").length - 1).toBe(1);
  });

  it("prints descriptions, the off-site venue with its address, and no dangling separator", async () => {
    const text = squash((await readPdf(pdf("programme.en.pdf"))).text.join(" "));
    expect(text).toContain(squash("Dress code: business formal or áo dài."));
    expect(text).toContain(squash("Thu Duc Innovation Hub, Khu Công nghệ cao, Thành phố Thủ Đức"));
    // Lines as printed (a tagged PDF gives each marked piece of a line its own text run).
    for (const line of await textLines(pdf("programme.en.pdf"))) expect(line.trim()).not.toMatch(/·$/);
  });

  it("repeats a day's heading, marked continued, at the top of the page it runs onto", async () => {
    for (const [file, word, base] of [
      [pdf("programme.en.pdf"), "(continued)", 10],
      [pdf("programme.ko-en.pdf"), "(계속)", 10],
      [pdfA5("programme.vi-en.pdf"), "(tiếp theo)", 9],
    ] as const) {
      const items = await runs(file);
      // The day's band, set larger than the body (a parallel block's time column below it says
      // the word too, at body size).
      const continued = items.filter((i) => i.str.includes(word) && i.size > base * 1.05);
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

  it("names a parallel block that runs onto the next page again there: its time, marked continued", async () => {
    // The afternoon's three panels (13:30, Lotus, Orchid and Jasmine rooms) fill a page and a
    // half: the page they run onto repeats the rooms, and under the time says "(continued)" in
    // the edition's words; the page they start on does not.
    for (const [file, time, word, pages] of [
      [pdf("programme.en.pdf"), "13:30–15:30", "(continued)", [2, 3]],
      [pdf("programme.ko-en.pdf"), "13:30~15:30", "(계속 / continued)", [2, 3]],
      [pdfA5("programme.vi-en.pdf"), "13:30–15:30", "(tiếp theo / continued)", [3, 4, 5]],
    ] as const) {
      const items = await runs(file);
      const times = items.filter((i) => i.str === time);
      expect(
        times.map((t) => t.page),
        file,
      ).toEqual(pages);
      for (const t of times) {
        // What the time column holds below the time, down to the first line of the sessions.
        const under = items
          .filter((i) => i.page === t.page && i.x < t.x + 20 && i.top > t.top && i.top < t.top + 30)
          .sort((a, b) => a.top - b.top)
          .map((i) => i.str)
          .join(" ");
        const where = `${path.basename(file)} page ${t.page}`;
        if (t.page === pages[0]) expect(squash(under), where).not.toContain(squash(word));
        else expect(squash(under), where).toContain(squash(word));
      }
    }
    // Printed page 2 (the third page of the PDF, after the cover): the rooms and the time again,
    // read back as text.
    const page2 = (await readPdf(pdf("programme.ko-en.pdf"))).text[2]!;
    expect(squash(page2)).toContain(
      squash("Tuesday, 20 June 2023 (continued) 13:30~15:30 (계속 / continued) 로터스룸 / Lotus Room"),
    );
  });

  it("starts no page inside a session without its day's heading, nor with a moderator or a description alone", async () => {
    const moderators = (["en", "ko", "vi"] as const)
      .map((l) => SPEECH_ROLE_WORDS(l))
      .flatMap((w) => [w.moderator.label, w.mc.label]);
    const descriptions = event.sessions
      .flatMap((s) => Object.values(s.description ?? {}))
      .map((s) => squash(s ?? ""));
    const files = [
      [pdf("programme.ko-en.pdf"), 10],
      [path.join(tmp, "out-vi/agenda/programme.vi-en.pdf"), 10],
      ...["en", "ko", "vi", "vi-en"].map((l) => [pdfA5(`programme.${l}.pdf`), 9] as const),
    ] as const;
    for (const [file, base] of files) {
      const items = await runs(file);
      const pages = Math.max(...items.map((i) => i.page));
      // Page 2 opens with the sections and the venue; each later page with a band: a day (new or
      // continued), the index or notes.
      for (let page = 3; page <= pages; page++) {
        const body = items
          .filter((i) => i.page === page && i.str.trim() && i.size > base * 0.85 && i.top < i.height - 40)
          .sort((a, b) => a.top - b.top || a.x - b.x);
        const where = `${path.basename(file)} p${page}`;
        expect(body[0]!.size, `${where} starts with "${body[0]!.str}"`).toBeGreaterThan(base * 1.3);
        const first = body.find((i) => i.size < base * 1.3)!;
        if (!first) continue;
        const line = squash(first.str);
        expect(
          moderators.some((m) => line.startsWith(squash(m))),
          `${where} starts with a moderator: "${first.str}"`,
        ).toBe(false);
        expect(
          line.length > 8 && descriptions.some((d) => d.startsWith(line)),
          `${where} starts with a description: "${first.str}"`,
        ).toBe(false);
      }
    }
  });

  it("prints an index whose pages never run into a name that fills its column", async () => {
    // 응우옌 꾸옥 바오(Nguyễn Quốc Bảo) fills its column: its page number was printed over the
    // leader dot after it. On the index's page no run overlaps the next on its line.
    const items = await runs(pdf("programme.ko-en.pdf"));
    const last = Math.max(...items.map((i) => i.page));
    const heading = items.find((i) => i.page === last && i.str.includes("Index of speakers"))!;
    const rows = new Map<number, Run[]>();
    for (const i of items)
      if (i.page === last && i.top > heading.top + 2 && i.str.trim())
        rows.set(Math.round(i.top), [...(rows.get(Math.round(i.top)) ?? []), i]);
    expect(rows.size).toBeGreaterThan(6);
    for (const row of rows.values()) {
      row.sort((a, b) => a.x - b.x);
      for (let k = 1; k < row.length; k++)
        expect(row[k]!.x, `"${row[k - 1]!.str}" runs into "${row[k]!.str}"`).toBeGreaterThan(
          row[k - 1]!.x + row[k - 1]!.width - 0.5,
        );
    }
  });

  it("sets body text at 10 pt on A4 and 9 pt on A5 (running heads and section chips aside)", async () => {
    const sections = new Set(
      event.sessions.flatMap((s) => Object.values(s.section ?? {})).map((s) => squash(s ?? "")),
    );
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
    for (const file of [
      pdf("programme.en.pdf"),
      pdf("programme.vi.pdf"),
      pdf("programme.ko-en.pdf"),
      pdfA5("programme.vi-en.pdf"),
      pdfA5("programme.en.pdf"),
    ]) {
      // Every time a phrase is printed (in reading order), it is whole on one line.
      let seen = 0;
      for (const { phrase, whole, all } of await phrasesOnOneLine(file, phrases)) {
        expect(whole, `${path.basename(file)}: "${phrase}" split across lines`).toBe(all);
        seen += whole;
      }
      expect(seen, path.basename(file)).toBeGreaterThan(3);
    }
  });

  it("keeps a speaker's own spelling after the Hangul on one line of the index", async () => {
    // It was split: "응우옌 꾸옥 바오(Nguyễn Quốc" / "Bảo)".
    const found = await phrasesOnOneLine(pdf("programme.ko.pdf"), [
      "(Nguyễn Quốc Bảo)",
      "(Hoàng Minh Trí)",
      "(Dương Trọng Nghĩa)",
    ]);
    for (const { phrase, whole, all } of found) {
      expect(all, phrase).toBeGreaterThan(0);
      expect(whole, `"${phrase}" split across lines`).toBe(all);
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
