import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";
import { squash, structureOf, textItems, textLines } from "../helpers/pdf.js";

/**
 * The programme as an accessible PDF (PDF/UA-1): tagged, in its language, with headings; and the
 * large-print edition (`--large-print`): 16 pt body text, one column, every session.
 */
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-tagged-"));
  const run = conclave([
    "agenda",
    path.join(root, "fixtures/cicon-2023"),
    "--out",
    path.join(tmp, "out"),
    "--bilingual",
    "ko+en",
    "--no-personal",
    "--no-site",
    "--large-print",
  ]);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Every structure element of every page of a file, as pdfjs-dist reads the tree, in reading order. */
const structure = async (file: string) => structureOf(new Uint8Array(await readFile(file)));

describe("the programme as an accessible PDF", () => {
  it("is tagged, and pdfinfo says so, in each edition", () => {
    for (const lang of ["en", "ko", "vi", "ko-en"]) {
      const info = spawnSync("pdfinfo", [path.join(tmp, `out/agenda/programme.${lang}.pdf`)], {
        encoding: "utf8",
      });
      expect(info.status, info.stderr).toBe(0);
      expect(info.stdout, lang).toMatch(/^Tagged:\s+yes$/m);
    }
  });

  it("names the event as its one first-level heading, each day and the index as second-level ones", async () => {
    const en = await structure(path.join(tmp, "out/agenda/programme.en.pdf"));
    const h1 = en.filter((n) => n.role === "H1");
    expect(h1.map((h) => h.text.replace(/\s+/g, " "))).toEqual(["Korea–Viet Nam CEO Conference"]);
    const h2 = en.filter((n) => n.role === "H2").map((h) => h.text.replace(/\s+/g, " "));
    expect(h2).toEqual(["Tuesday, 20 June 2023", "Wednesday, 21 June 2023", "Index of speakers"]);
    // The logo is a figure with the event's name as its alternative text.
    const figure = en.find((n) => n.role === "Figure");
    expect(figure?.alt?.replace(/\s+/g, " ")).toBe("Korea–Viet Nam CEO Conference");
    // event.yaml's name.ko.
    const ko = await structure(path.join(tmp, "out/agenda/programme.ko.pdf"));
    expect(ko.filter((n) => n.role === "H1").map((h) => h.text.replace(/\s+/g, " "))).toEqual([
      "한-베 CEO 콘퍼런스",
    ]);
  });

  it("declares the document's language", async () => {
    for (const [lang, tag] of [
      ["en", "en"],
      ["ko", "ko"],
      ["vi", "vi"],
      ["ko-en", "ko"],
    ]) {
      const bytes = await readFile(path.join(tmp, `out/agenda/programme.${lang}.pdf`), "latin1");
      expect(bytes, lang).toContain(`/Lang (${tag})`);
    }
  });
});

const file = (lang: string) => path.join(tmp, `out/agenda/programme.${lang}.large-print.pdf`);

describe("the large-print programme", () => {
  it("is made in every language of the event, tagged, beside the usual editions", () => {
    for (const lang of ["en", "ko", "vi"]) {
      const info = spawnSync("pdfinfo", [file(lang)], { encoding: "utf8" });
      expect(info.status, info.stderr).toBe(0);
      expect(info.stdout).toMatch(/^Tagged:\s+yes$/m);
      expect(spawnSync("pdfinfo", [path.join(tmp, `out/agenda/programme.${lang}.pdf`)]).status).toBe(0);
    }
  });

  it("sets its body text at 16 pt or more (running heads, page numbers and chips aside)", async () => {
    const items = (await textItems(file("en"))).filter((i) => i.str.trim() && i.page > 1);
    const size = (i: (typeof items)[number]) =>
      Math.hypot(i.transform[0] as number, i.transform[1] as number);
    const body = items.filter((i) => size(i) >= 12.7);
    // Nearly all the text is body text; what is smaller is the running head, page numbers and chips.
    expect(body.length / items.length).toBeGreaterThan(0.85);
    const sizes = body.map(size);
    expect(Math.min(...sizes.filter((s) => s > 14))).toBeGreaterThanOrEqual(15.9);
  });

  it("prints the three parallel panels one below the other, each with its time and room", async () => {
    // Compared without spaces: a tagged PDF's text runs end where its marked pieces do.
    const lines = (await textLines(file("en"))).map(squash);
    const titles = [
      "Smart cities that breathe",
      "Screens, kitchens and runways",
      "Convergence: blockchain",
    ].map(squash);
    // Each title starts a line of its own (one column: no other session beside it), in room order.
    const at = titles.map((t) => lines.findIndex((l) => l.startsWith(t)));
    for (const [k, i] of at.entries()) expect(i, titles[k]).toBeGreaterThanOrEqual(0);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    for (const i of at) expect(titles.filter((t) => lines[i]!.includes(t))).toHaveLength(1);
    // Each with its time above it and its room below.
    for (const i of at) expect(lines.slice(i - 2, i)).toContain(squash("13:30–15:30"));
    for (const [k, room] of ["Lotus Room", "Orchid Room", "Jasmine Room"].entries())
      expect(lines.slice(at[k]!, at[k]! + 6).some((l) => l.includes(squash(room)))).toBe(true);
  });
});
