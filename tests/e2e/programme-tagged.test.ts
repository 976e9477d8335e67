import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";

/** The programme as an accessible PDF (PDF/UA-1): tagged, in its language, with headings. */
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
  ]);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Leaf {
  type: string;
  id?: string;
}
interface Node {
  role?: string;
  lang?: string;
  alt?: string;
  children?: (Node | Leaf)[];
}

/** Every structure element of every page, as pdfjs-dist reads the tree, in reading order. */
async function structure(file: string) {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const found: { role: string; text: string; alt?: string; page: number }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tree = (await page.getStructTree()) as Node | null;
    const content = await page.getTextContent({ includeMarkedContent: true });
    // The text of each marked-content id, to read what a heading says.
    const byId = new Map<string, string>();
    // Marked content nests (a line's break is an artifact inside a heading): the innermost id
    // that has one owns the text.
    const open: (string | undefined)[] = [];
    for (const item of content.items as { type?: string; id?: string | null; str?: string }[]) {
      if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent")
        open.push(item.id ?? undefined);
      else if (item.type === "endMarkedContent") open.pop();
      else if (item.str !== undefined) {
        const owner = open.findLast((id) => id !== undefined);
        if (owner) byId.set(owner, (byId.get(owner) ?? "") + item.str);
      }
    }
    const leafText = (c: Leaf) => (c.type === "content" && c.id ? (byId.get(c.id) ?? "") : "");
    const textOf = (n: Node): string =>
      (n.children ?? []).map((c) => ("role" in c ? textOf(c as Node) : leafText(c as Leaf))).join("");
    const walk = (n: Node) => {
      if (n.role) found.push({ role: n.role, text: textOf(n), ...(n.alt ? { alt: n.alt } : {}), page: p });
      for (const c of n.children ?? []) if ("role" in c) walk(c as Node);
    };
    if (tree) walk(tree);
  }
  await doc.destroy();
  return found;
}

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
