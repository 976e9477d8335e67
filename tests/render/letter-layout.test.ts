import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundledFontFiles } from "../../src/load/fonts.js";
import type { LetterData } from "../../src/materials/letters/plan.ts";
import { labelsOf } from "../../src/model/i18n.js";
import { TypstEngine } from "../../src/render/typst.js";
import { readPdfData, squash } from "../helpers/pdf.js";
import { findClippedText } from "../helpers/pdf-clip.js";

// The layout every letter shares (templates/lib/letter.typ): letters of every length, from one
// page to three, set in one compile as the letters command does.

const EVENT = "Korea–Viet Nam CEO Conference";
const THEME = { fonts: ["Pretendard"], primary: "#12355b", secondary: "#c8102e" };

function letter(i: number, lang: "en" | "ko" | "vi" = "en"): LetterData {
  return {
    kind: "invitation",
    lang,
    letterhead: { name: "Test Summit Secretariat", address: "1 Example Street, Seoul", logo: null },
    place_date: "Seoul, 2 May 2024",
    words: {
      ref: labelsOf(lang).letters.ref,
      closing: labelsOf(lang).letters.closing,
      page: labelsOf(lang).letters.page,
    },
    reference: `TS/INV/${String(i).padStart(3, "0")}`,
    subject: "",
    recipient: {
      // A name of varying length moves the event's name along the first line of the body.
      formal: `Ms Amara ${"Okafor-".repeat(i % 5)}Grant`,
      position: "Director of Programmes",
      organisation: "Harbourline Shipping",
      country: "United Kingdom",
      address: "",
    },
    salutation: "Dear Ms Grant,",
    name_ref: `Ms ${"Gran ".repeat(i % 11)}${"a".repeat(i % 5)}Grant`,
    event: {
      name: EVENT,
      dates: "14–15 May 2024",
      city: "Seoul",
      venue: "Hanriver Convention Centre",
      address: "",
    },
    roles: [],
    protocol: i % 2 === 0,
    // The programme is what makes a letter long: from none to 2 × 60 items.
    programme: [0, 1].map((d) => ({
      day: `${14 + d} May 2024`,
      items: Array.from({ length: i }, (_, k) => ({ time: "09:00", title: `Session ${d}.${k}` })),
    })),
    reply_by: "30 April 2024",
    signatory: { name: "Dr Lena Novak", title: "Secretary-General, Test Summit", signature: null },
  };
}

// A narrow justified column of the words given, with the letters' no-hyphenation rule for `keep`.
const COLUMN = `#import "/lib/letter.typ": no-hyphens
#let data = json(bytes(sys.inputs.data))
#set page(width: 38mm, height: auto, margin: 2mm)
#set text(font: "Pretendard", fallback: false, lang: "en", size: 10pt)
#set par(justify: true)
#show: no-hyphens.with(data.keep)
#data.text
`;

let engine: TypstEngine;
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), "conclave-letter-"));
  writeFileSync(path.join(dir, "column.typ"), COLUMN);
  engine = new TypstEngine({
    builtinDir: path.resolve("templates"),
    eventDir: dir,
    fontFiles: bundledFontFiles(),
  });
});

async function compile(letters: LetterData[]) {
  const theme = { fonts: ["Pretendard"], primary: "#12355b", secondary: "#c8102e" };
  const out = engine.compile({
    template: "letters/letter.typ",
    data: { letters, theme },
    timestamp: 0,
    pieces: true,
  });
  const pdf = await readPdfData(out.pdf.slice());
  const starts = out.starts!;
  // The pages of each letter, cut as conclave cuts them.
  const pages = starts.map((s, k) => pdf.text.slice(s - 1, (starts[k + 1] ?? pdf.pages + 1) - 1));
  return { pdf: out.pdf, pages };
}

describe("letters of more than one page", () => {
  it("number their pages, head every later page with addressee, date and reference, and never leave the closing alone", async () => {
    const letters = Array.from({ length: 61 }, (_, i) => letter(i));
    const { pdf, pages } = await compile(letters);
    expect(pages).toHaveLength(61);
    const long = pages.filter((p) => p.length > 1);
    expect(long.length).toBeGreaterThan(20);
    expect(pages.some((p) => p.length > 2)).toBe(true);
    pages.forEach((p, i) => {
      const l = letters[i]!;
      if (p.length === 1) {
        expect(p[0]).not.toMatch(/Page \d/);
        return;
      }
      p.forEach((text, k) => {
        const t = squash(text);
        expect(t, `letter ${i} page ${k + 1}`).toContain(squash(`Page ${k + 1} of ${p.length}`));
        if (k > 0) {
          expect(t).toContain(squash(l.recipient.formal));
          expect(t).toContain(squash(`Seoul, 2 May 2024 · Ref. ${l.reference}`));
        } else expect(t).not.toContain(squash(`· Ref. ${l.reference}`));
      });
      // The page with the signature holds more than the closing: at least the last paragraph.
      const last = squash(p.at(-1)!);
      expect(last).toContain(squash(l.signatory.name));
      const rest = [
        l.recipient.formal,
        `Seoul, 2 May 2024 · Ref. ${l.reference}`,
        l.reference,
        `Page ${p.length} of ${p.length}`,
        l.signatory.name,
        l.signatory.title,
        "Yours sincerely,",
      ].reduce((s, x) => s.replace(squash(x), ""), last);
      expect(rest.length, `letter ${i}: ${rest}`).toBeGreaterThan(20);
    });
    expect(await findClippedText(pdf)).toEqual([]);
  });

  it("number pages in the letter's own language", async () => {
    const { pages } = await compile([letter(60, "ko"), letter(60, "vi")]);
    expect(pages[0]!.length).toBeGreaterThan(1);
    expect(squash(pages[0]![1]!)).toContain(squash(`2 / ${pages[0]!.length}`));
    expect(squash(pages[1]![1]!)).toContain(squash(`Trang 2/${pages[1]!.length}`));
  });
});

describe("names and titles in letters", () => {
  it("are never hyphenated, while the other words of the body may be", async () => {
    const text = Array.from(
      { length: 12 },
      (_, i) => `${"to ".repeat(i % 4)}the ${EVENT} and its representatives`,
    ).join(" ");
    const read = async (keep: string[]) => {
      const out = engine.compile({
        template: "column.typ",
        data: { text, keep, theme: THEME },
        timestamp: 0,
      });
      return (await readPdfData(out.pdf)).text.join(" ");
    };
    // pdfjs gives a hyphenated word back as its two halves ("Confer ence"): count the whole ones.
    const whole = (t: string, w: string) =>
      t.split(/\s+/).filter((x) => x.replace(/[^\p{L}]/gu, "") === w).length;
    // Without the rule the column hyphenates the event's name; with it, never, while the other
    // words still may be ("represen- tatives").
    const free = await read([]);
    expect(whole(free, "Conference")).toBeLessThan(12);
    const kept = await read([EVENT]);
    expect(whole(kept, "Conference")).toBe(12);
    expect(whole(kept, "representatives")).toBeLessThan(12);
  });
});
