import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { nameIn } from "../../src/model/names.js";
import type { Event } from "../../src/model/types.js";
import { checkEvent } from "../../src/validate/index.js";
import { conclave, root } from "../helpers/cli.js";
import { baseConfigYaml, delegate, session, toCsv, venue } from "../helpers/make.js";
import { readPdf, squash, textExtents } from "../helpers/pdf.js";

let tmp: string;
let out: string;
let event: Event;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-agenda-"));
  out = path.join(tmp, "out");
  const loaded = await loadEventFolder(path.join(root, "fixtures/cicon-2023"));
  event = checkEvent(loaded.input).event!;
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Ho Chi Minh City keeps UTC+7 all year: an instant worked out without the code under test. */
const ictToUtc = (date: string, minutes: number) =>
  Date.parse(`${date}T00:00:00Z`) + (minutes - 7 * 60) * 60_000;

const parseIcs = async (file: string) => {
  const comp = new ICAL.Component(ICAL.parse(await readFile(file, "utf8")));
  return comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
};

describe("conclave agenda on the example event", () => {
  it("writes every programme, calendar and personal agenda", async () => {
    const r = conclave(["agenda", "fixtures/cicon-2023", "--out", out, "--bilingual", "ko+en"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/programme \(en, ko, vi, ko\+en\), 140 personal agendas/);
    const files = await readdir(path.join(out, "agenda"));
    expect(files.sort()).toEqual([
      "personal",
      "programme.en.pdf",
      "programme.ics",
      "programme.json",
      "programme.ko-en.pdf",
      "programme.ko.pdf",
      "programme.md",
      "programme.vi.pdf",
      "schedule.json",
      "schedule.xml",
    ]);
    const personal = await readdir(path.join(out, "agenda/personal"));
    expect(personal).toHaveLength(280);
  });

  it("prints every session title and the dates in each language's own form", async () => {
    const dates = {
      en: "Tuesday, 20 June 2023",
      ko: "2023년 6월 20일 (화)",
      vi: "Thứ Ba, ngày 20 tháng 6 năm 2023",
    } as const;
    for (const lang of ["en", "ko", "vi"] as const) {
      const pdf = await readPdf(path.join(out, `agenda/programme.${lang}.pdf`));
      const text = squash(pdf.text.join(" "));
      for (const s of event.sessions) expect(text, `${lang} ${s.id}`).toContain(squash(s.title[lang]!));
      expect(text).toContain(squash(dates[lang]));
      for (const size of pdf.sizes)
        expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]);
    }
    const bilingual = squash((await readPdf(path.join(out, "agenda/programme.ko-en.pdf"))).text.join(" "));
    for (const s of event.sessions) {
      expect(bilingual).toContain(squash(s.title.ko!));
      expect(bilingual).toContain(squash(s.title.en!));
    }
  });

  it("lists every session in programme.ics with the right times, place and speakers", async () => {
    const events = await parseIcs(path.join(out, "agenda/programme.ics"));
    expect(events).toHaveLength(event.sessions.length);
    for (const s of event.sessions) {
      const e = events.find((x) => x.uid === `${s.id}@cicon-2023.conclave`);
      expect(e, s.id).toBeDefined();
      expect(e!.summary).toBe(s.title.en);
      expect(e!.startDate.toJSDate().getTime()).toBe(ictToUtc(s.date, s.start));
      expect(e!.endDate.toJSDate().getTime()).toBe(ictToUtc(s.date, s.end));
      expect(e!.location).toContain(s.room.room.en);
      for (const sp of s.speakers) expect(e!.description).toContain(nameIn(sp, "en"));
    }
    const opening = events.find((x) => x.uid.startsWith("OPENING@"))!;
    expect(opening.startDate.toJSDate().toISOString()).toBe("2023-06-20T02:00:00.000Z");
  });

  it("gives each sampled delegate exactly their sessions, in their language, same UIDs", async () => {
    for (const id of ["KR-001", "KR-042", "VN-006", "VN-026"]) {
      const d = event.delegateById.get(id)!;
      const expected = event.sessions.filter((s) => s.attendeeIds.includes(id));
      const events = await parseIcs(path.join(out, `agenda/personal/${id}.ics`));
      expect(events.map((e) => e.uid).sort(), id).toEqual(
        expected.map((s) => `${s.id}@cicon-2023.conclave`).sort(),
      );
      for (const e of events) {
        const s = expected.find((x) => e.uid.startsWith(`${x.id}@`))!;
        expect(e.summary).toBe(s.title[d.language]);
      }
      const pdf = squash((await readPdf(path.join(out, `agenda/personal/${id}.pdf`))).text.join(" "));
      for (const s of expected) expect(pdf).toContain(squash(s.title[d.language]!));
    }
    // KR-001 speaks at the plenary: the role is marked in Korean.
    const kr = squash((await readPdf(path.join(out, "agenda/personal/KR-001.pdf"))).text.join(" "));
    expect(kr).toContain("문승민의원");
    expect(kr).toContain("연사");
  });

  it("writes the programme for the web", async () => {
    const md = await readFile(path.join(out, "agenda/programme.md"), "utf8");
    expect(md).toContain("## Tuesday, 20 June 2023");
    const json = JSON.parse(await readFile(path.join(out, "agenda/programme.json"), "utf8"));
    expect(Object.keys(json.languages)).toEqual(["en", "ko", "vi"]);
    const ids = json.languages.vi.days.flatMap((d: { sessions: { id: string }[] }) =>
      d.sessions.map((s) => s.id),
    );
    expect(ids.sort()).toEqual(event.sessions.map((s) => s.id).sort());
  });

  it("limits personal agendas to --delegates and names a wrong language pair", async () => {
    const o = path.join(tmp, "some");
    const r = conclave(["agenda", "fixtures/cicon-2023", "--out", o, "--delegates", "KR-001,VN-004"]);
    expect(r.code, r.stderr).toBe(0);
    expect((await readdir(path.join(o, "agenda/personal"))).sort()).toEqual([
      "KR-001.ics",
      "KR-001.pdf",
      "VN-004.ics",
      "VN-004.pdf",
    ]);
    const bad = conclave(["agenda", "fixtures/cicon-2023", "--out", o, "--bilingual", "ko+fr"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--bilingual "ko\+fr" is not a pair of languages/);
    const unknown = conclave(["agenda", "fixtures/cicon-2023", "--out", o, "--delegates", "KR-999"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no delegate with id KR-999/);
  });
});

describe("personal agendas cut from one compile", () => {
  it("gives each delegate only their pages, numbered 1 / n within their own agenda", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "conclave-personal-"));
    try {
      // D-BUSY attends 40 sessions (several pages), the others one each; all in one batch.
      const times = Array.from({ length: 40 }, (_, i) => {
        const m = 8 * 60 + i * 15;
        const hm = (x: number) =>
          `${String(Math.floor(x / 60)).padStart(2, "0")}:${String(x % 60).padStart(2, "0")}`;
        return { id: `S${i}`, date: i < 20 ? "2024-05-14" : "2024-05-15", start: hm(m), end: hm(m + 15) };
      });
      const busy = times.map((t) => t.id).join(";");
      await writeFile(path.join(dir, "event.yaml"), baseConfigYaml);
      await writeFile(path.join(dir, "venues.csv"), toCsv([venue("HALL")]));
      await writeFile(
        path.join(dir, "sessions.csv"),
        toCsv(times.map((t) => session(t.id, { date: t.date, start: t.start, end: t.end }))),
      );
      await writeFile(
        path.join(dir, "delegates.csv"),
        toCsv([
          delegate("D-ONE", { sessions: "S0" }),
          delegate("D-BUSY", { given_name: "Thu", family_name: "Lê", sessions: busy }),
          delegate("D-TWO", { sessions: "S39" }),
        ]),
      );
      const r = conclave(["agenda", dir, "--out", path.join(dir, "out")]);
      expect(r.code, r.stderr).toBe(0);
      const read = (id: string) => readPdf(path.join(dir, `out/agenda/personal/${id}.pdf`));
      const one = await read("D-ONE");
      const two = await read("D-TWO");
      const busyPdf = await read("D-BUSY");
      expect(one.pages).toBe(1);
      expect(two.pages).toBe(1);
      expect(busyPdf.pages).toBeGreaterThan(1);
      busyPdf.text.forEach((t, i) => {
        expect(t).toContain(`${i + 1} / ${busyPdf.pages}`);
      });
      expect(one.text[0]).toContain("1 / 1");
      expect(squash(one.text[0]!)).toContain("SessionS0");
      expect(squash(one.text[0]!)).not.toContain("SessionS39");
      expect(squash(two.text[0]!)).toContain("SessionS39");
      const all = squash(busyPdf.text.join(" "));
      for (const t of times) expect(all).toContain(`Session${t.id}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("wraps a 300-character name inside the page in a personal agenda", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "conclave-long-name-"));
    try {
      await writeFile(path.join(dir, "event.yaml"), baseConfigYaml);
      await writeFile(path.join(dir, "venues.csv"), toCsv([venue("HALL")]));
      await writeFile(path.join(dir, "sessions.csv"), toCsv([session("S1")]));
      // One word of 300 letters, and a 300-character name of ordinary words.
      const word = "Wolfeschlegelsteinhausen".repeat(13).slice(0, 300);
      const words = "Bartholomew Maximilian ".repeat(14).slice(0, 300).trim();
      await writeFile(
        path.join(dir, "delegates.csv"),
        toCsv([
          delegate("D-WORD", { given_name: word, sessions: "S1" }),
          delegate("D-WORDS", { given_name: words, sessions: "S1" }),
        ]),
      );
      const r = conclave(["agenda", dir, "--out", path.join(dir, "out")]);
      expect(r.code, r.stderr).toBe(0);
      for (const [id, name] of [
        ["D-WORD", word],
        ["D-WORDS", words],
      ] as const) {
        const file = path.join(dir, `out/agenda/personal/${id}.pdf`);
        for (const p of await textExtents(file)) {
          expect(p.minX, `${id} page ${p.page}`).toBeGreaterThanOrEqual(16 * 2.8346 - 3);
          expect(p.maxX, `${id} page ${p.page}`).toBeLessThanOrEqual(p.width - 16 * 2.8346 + 3);
        }
        const text = (await readPdf(file)).text.join("").replace(/\u200b/g, "");
        expect(squash(text), id).toContain(squash(name));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
