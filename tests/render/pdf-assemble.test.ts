import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledFontFiles } from "../../src/load/fonts.js";
import { cutPieces } from "../../src/materials/common.js";
import { assemblePdf, PdfFormatError, PdfSource } from "../../src/render/pdf-assemble.js";
import { type CompiledPdf, TemplateError, TypstEngine } from "../../src/render/typst.js";
import { readPdfData, squash, structureOf } from "../helpers/pdf.js";

// A batch template like the letters': pieces of several pages, marked with lib/pieces.typ, with
// text that looks like PDF syntax in a link (a dictionary string) and on the page.
const BATCH = `#import "/lib/pieces.typ": piece-start, piece-starts
#let data = json(bytes(sys.inputs.data))
#set text(font: "Pretendard", fallback: false)
#for (i, p) in data.pieces.enumerate() {
  page({
    piece-start
    for j in range(p.pages) {
      if j > 0 { pagebreak() }
      [piece #i page #j #p.name ]
      link("https://example.org/a(3 0 R)\\\\b>>/Parent 1 0 R", [link])
    }
  })
}
#piece-starts
`;
// The same batch as an accessible PDF: a document title and language, a heading per piece.
const TAGGED = `#import "/lib/pieces.typ": piece-start, piece-starts
#let data = json(bytes(sys.inputs.data))
#set document(title: "Batch")
#set text(font: "Pretendard", fallback: false, lang: "en")
#for (i, p) in data.pieces.enumerate() {
  page({
    piece-start
    heading(level: 1, bookmarked: false, [Letter #i])
    for j in range(p.pages) {
      if j > 0 { pagebreak() }
      par[piece #i page #j #p.name]
      link("https://example.org/" + str(i), [link #i])
    }
  })
}
#piece-starts
`;
const UNMARKED = `#let data = json(bytes(sys.inputs.data))
#set text(font: "Pretendard", fallback: false)
#for p in data.pieces { page[#p.name] }
`;

let engine: TypstEngine;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "conclave-assemble-"));
  writeFileSync(path.join(dir, "batch.typ"), BATCH);
  writeFileSync(path.join(dir, "unmarked.typ"), UNMARKED);
  writeFileSync(path.join(dir, "tagged.typ"), TAGGED);
  writeFileSync(
    path.join(dir, "dot.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><circle cx="2" cy="2" r="2"/></svg>',
  );
  writeFileSync(path.join(dir, "no-alt.typ"), '#set document(title: "T")\n#image("dot.svg", width: 1cm)\n');
  engine = new TypstEngine({
    builtinDir: path.resolve("templates"),
    eventDir: dir,
    fontFiles: bundledFontFiles(),
  });
});
afterAll(() => {});

const NAMES = ["Kim Min-jun", "Nguyễn Văn An", "김민준 (3 0 R)", "Ana ) ( \\\\", "Trần Thị Bích"];
function batch(pages: number[]): CompiledPdf {
  return engine.compile({
    template: "batch.typ",
    data: { pieces: pages.map((n, i) => ({ pages: n, name: NAMES[i % NAMES.length] })) },
    timestamp: 1_700_000_000,
    pieces: true,
  });
}

describe("cutting a batch into pieces and putting pages together", () => {
  it("gives each piece its own pages, readable and with its fonts", async () => {
    const compiled = batch([1, 2, 1, 3]);
    expect(compiled.starts).toEqual([1, 2, 4, 5]);
    const picks = cutPieces(compiled, 4, "batch.typ");
    expect(picks.map((p) => p.pages)).toEqual([[0], [1, 2], [3], [4, 5, 6]]);
    for (const [i, pick] of picks.entries()) {
      const pdf = await readPdfData(assemblePdf([pick]));
      expect(pdf.pages).toBe(pick.pages.length);
      pdf.text.forEach((t, j) => {
        expect(squash(t)).toContain(squash(`piece ${i} page ${j} ${NAMES[i]}`));
      });
    }
  });

  it("puts pages of several batches together in any order", async () => {
    const a = cutPieces(batch([1, 2]), 2, "batch.typ");
    const b = cutPieces(batch([2, 1, 1]), 3, "batch.typ");
    const order = [b[2]!, a[1]!, b[0]!, a[0]!];
    const pdf = await readPdfData(assemblePdf(order, { lang: "(vi)" }));
    expect(pdf.pages).toBe(1 + 2 + 2 + 1);
    expect(pdf.text.map((t) => squash(t).slice(0, 11))).toEqual([
      "piece2page0",
      "piece1page0",
      "piece1page1",
      "piece0page0",
      "piece0page1",
      "piece0page0",
    ]);
  });

  it("writes the same bytes for the same pages, and a file with only the objects it uses", () => {
    const picks = cutPieces(batch([1, 1, 2]), 3, "batch.typ");
    const one = assemblePdf([picks[1]!]);
    expect(Buffer.from(assemblePdf([picks[1]!])).equals(Buffer.from(one))).toBe(true);
    const text = Buffer.from(one).toString("latin1");
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).toContain("/Count 1");
    // The link's URI, which reads like references and dictionary ends, is copied untouched.
    expect(text).toContain("/URI (https://example.org/a(3 0 R)\\\\b>>/Parent 1 0 R)");
    expect(one.length).toBeLessThan(picks[1]!.source.bytes.length);
  });

  it("keeps any partition of a batch's pages in order (property)", async () => {
    const compiled = batch([1, 1, 1, 1, 1, 1]);
    const source = new PdfSource(compiled.pdf);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 1 }), async (pages) => {
        const pdf = await readPdfData(assemblePdf([{ source, pages }]));
        expect(pdf.text.map((t) => Number(/piece (\d)/.exec(t)?.[1]))).toEqual(pages);
      }),
      { numRuns: 25 },
    );
  });

  it("gives each piece of a tagged batch its own part of the structure tree, and only that", async () => {
    const compiled = engine.compile({
      template: "tagged.typ",
      data: { pieces: [1, 2, 1].map((n, i) => ({ pages: n, name: NAMES[i] })) },
      timestamp: 1_700_000_000,
      pieces: true,
      tagged: true,
    });
    const picks = cutPieces(compiled, 3, "tagged.typ");
    for (const [i, pick] of picks.entries()) {
      const one = assemblePdf([pick]);
      const text = Buffer.from(one).toString("latin1");
      expect(text).toContain("/StructTreeRoot");
      expect(text).toMatch(/\/MarkInfo <<\s*\/Marked true/);
      expect(text).toContain("/Lang (en)");
      const tree = await structureOf(one);
      // Its heading, its text and its link, on each of its pages; no other piece's.
      expect(tree.filter((n) => n.role === "H1").map((n) => n.text)).toEqual([`Letter ${i}`]);
      const all = squash(tree.map((n) => n.text).join(" "));
      for (let j = 0; j < pick.pages.length; j++)
        expect(all).toContain(squash(`piece ${i} page ${j} ${NAMES[i]}`));
      for (const [k, other] of NAMES.slice(0, 3).entries())
        if (k !== i) expect(all).not.toContain(squash(other));
      expect(new Set(tree.map((n) => n.page))).toEqual(new Set(pick.pages.map((_, j) => j + 1)));
      expect(tree.some((n) => n.role === "Link")).toBe(true);
      // Parent-tree keys from 0, one per page and link, as the new file numbers them.
      const keys = [...text.matchAll(/\/StructParents? (\d+)/g)]
        .map((m) => Number(m[1]))
        .sort((a, b) => a - b);
      expect(keys).toEqual(keys.map((_, j) => j));
    }
    // Pieces of two batches in one file: both parts of the tree, renumbered so they do not clash.
    const other = cutPieces(
      engine.compile({
        template: "tagged.typ",
        data: { pieces: [{ pages: 1, name: NAMES[3] }] },
        timestamp: 1_700_000_000,
        pieces: true,
        tagged: true,
      }),
      1,
      "tagged.typ",
    );
    const joined = await structureOf(assemblePdf([picks[2]!, other[0]!]));
    expect(joined.filter((n) => n.role === "H1").map((n) => [n.text, n.page])).toEqual([
      ["Letter 2", 1],
      ["Letter 0", 2],
    ]);
    // A print file leaves the trees out; an untagged batch gives an untagged file, as before.
    expect(Buffer.from(assemblePdf([picks[0]!], { structure: false })).toString("latin1")).not.toContain(
      "/StructTreeRoot",
    );
    expect(Buffer.from(assemblePdf(cutPieces(batch([1]), 1, "batch.typ"))).toString("latin1")).not.toContain(
      "/MarkInfo",
    );
  });

  it("says which template cannot be an accessible PDF, and why, as a template error", () => {
    const compile = () => engine.compile({ template: "no-alt.typ", data: {}, timestamp: 0, tagged: true });
    expect(compile).toThrow(TemplateError);
    try {
      compile();
    } catch (e) {
      const error = e as TemplateError;
      expect(error.diagnostics[0]!.message).toBe("PDF/UA-1 error: missing alt text");
      expect(error.diagnostics[0]!.file).toContain("no-alt.typ");
      expect(error.hint).toContain('alt: "…"');
    }
    // Untagged, the same template is fine.
    expect(engine.compile({ template: "no-alt.typ", data: {}, timestamp: 0 }).pages).toBe(1);
  });

  it("reports a template that does not mark its pieces as a template error", () => {
    const compiled = engine.compile({
      template: "unmarked.typ",
      data: { pieces: [{ name: "a" }, { name: "b" }] },
      timestamp: 0,
      pieces: true,
    });
    expect(() => cutPieces(compiled, 2, "unmarked.typ")).toThrow(TemplateError);
    expect(() => cutPieces(compiled, 2, "unmarked.typ")).toThrow(/marked 0 piece starts for 2 pieces/);
    // The message names the event's own copy, the file the user has to fix.
    expect(() => cutPieces(compiled, 2, "unmarked.typ")).toThrow(`${path.join(dir, "unmarked.typ")} error:`);
  });

  it("refuses a file it cannot read rather than writing a broken one", () => {
    expect(() => new PdfSource(new TextEncoder().encode("%PDF-1.7\nnot a pdf"))).toThrow(PdfFormatError);
    const xrefStream =
      "%PDF-1.7\n1 0 obj\n<< /Type /XRef >>\nstream\nendstream\nendobj\nstartxref\n9\n%%EOF\n";
    expect(() => new PdfSource(new TextEncoder().encode(xrefStream))).toThrow(/cross-reference table/);
  });
});

describe("print boxes", () => {
  it("sets TrimBox and BleedBox on every page, as pdf readers see them", async () => {
    const compiled = batch([1, 2]);
    const source = new PdfSource(compiled.pdf);
    const trim = { x0: 8.5, y0: 8.5, x1: 100, y1: 200 };
    const bleed = { x0: 0, y0: 0, x1: 108.5, y1: 208.5 };
    const out = assemblePdf([{ source, pages: source.pages.map((_, k) => k) }], {
      boxes: (page) => (page === 0 ? { trim, bleed } : { trim: bleed, bleed }),
    });
    const raw = Buffer.from(out).toString("latin1");
    expect(raw.match(/\/TrimBox \[8\.5 8\.5 100 200\]/g)).toHaveLength(1);
    expect(raw.match(/\/BleedBox \[0 0 108\.5 208\.5\]/g)).toHaveLength(3);
    // Still a PDF every reader opens, with its text.
    const back = await readPdfData(out.slice());
    expect(back.pages).toBe(3);
    expect(squash(back.text.join(" "))).toContain("piece0page0");
    // A page that has its boxes already is refused rather than given two.
    const again = new PdfSource(out);
    expect(() => assemblePdf([{ source: again, pages: [0] }], { boxes: () => ({ trim, bleed }) })).toThrow(
      PdfFormatError,
    );
  });
});
