import { readFile } from "node:fs/promises";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PdfText {
  pages: number;
  /** Text of each page, items joined by spaces. */
  text: string[];
  /** Page sizes in points. */
  sizes: { width: number; height: number }[];
}

/** Reads a PDF back the way a reader would: page count, sizes and text, with pdfjs-dist. */
export async function readPdf(file: string): Promise<PdfText> {
  return readPdfData(new Uint8Array(await readFile(file)));
}

/** The same, from bytes in memory. */
export async function readPdfData(data: Uint8Array): Promise<PdfText> {
  const doc = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const text: string[] = [];
  const sizes: PdfText["sizes"] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const vp = page.getViewport({ scale: 1 });
    sizes.push({ width: vp.width, height: vp.height });
    const content = await page.getTextContent();
    text.push(content.items.map((it) => ("str" in it ? it.str : "")).join(" "));
  }
  await doc.destroy();
  return { pages: doc.numPages, text, sizes };
}

/** Text with all whitespace removed, for robust "does it contain" checks across line breaks. */
export const squash = (s: string) => s.replace(/\s+/g, "").normalize("NFC");

/** Stroke colours used on the first page (forms and embedded pages included), as #rrggbb. */
export async function strokeColours(file: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const ops = await (await doc.getPage(1)).getOperatorList();
  const out = new Set<string>();
  ops.fnArray.forEach((fn, i) => {
    if (fn === OPS.setStrokeRGBColor) out.add(String(ops.argsArray[i]?.[0]));
  });
  await doc.destroy();
  return [...out];
}

/** The horizontal extent of the text on each page, in points from the left edge. */
export async function textExtents(
  file: string,
): Promise<{ page: number; width: number; minX: number; maxX: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const out: { page: number; width: number; minX: number; maxX: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const width = page.getViewport({ scale: 1 }).width;
    let minX = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    for (const it of (await page.getTextContent()).items) {
      if (!("str" in it) || it.str.trim() === "") continue;
      const x = it.transform[4] as number;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x + it.width);
    }
    out.push({ page: i, width, minX, maxX });
  }
  await doc.destroy();
  return out;
}

/** One run of text as pdfjs reports it: its string, its transform [a b c d e f] and its width. */
export interface PdfTextItem {
  page: number;
  str: string;
  transform: number[];
  width: number;
}

/** Every non-blank text item of every page, with its transform (font size, rotation, position). */
export async function textItems(file: string): Promise<PdfTextItem[]> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const out: PdfTextItem[] = [];
  for (let i = 1; i <= doc.numPages; i++)
    for (const it of (await (await doc.getPage(i)).getTextContent()).items)
      if ("str" in it && it.str.trim() !== "")
        out.push({ page: i, str: it.str, transform: it.transform as number[], width: it.width });
  await doc.destroy();
  return out;
}

/**
 * The lines of a PDF's first page, top to bottom: its text items grouped by their baseline, each
 * line's items in order from the left, joined by one space (runs of white space made one).
 */
export async function firstPageLines(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: pdf, verbosity: 0, useSystemFonts: false }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  const byY = new Map<number, { x: number; s: string }[]>();
  for (const it of content.items) {
    if (!("str" in it) || it.str.trim() === "") continue;
    const y = Math.round(it.transform[5] as number);
    byY.set(y, [...(byY.get(y) ?? []), { x: it.transform[4] as number, s: it.str }]);
  }
  await doc.destroy();
  return [...byY.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, items]) =>
      items
        .sort((a, b) => a.x - b.x)
        .map((i) => i.s)
        .join(" ")
        .replace(/\s+/g, " ")
        .trim(),
    );
}

/**
 * The printed lines of a PDF, each a string: pdfjs runs (split at no-break spaces too) at one
 * height of a page, less than 3 mm apart, are one line of one column.
 */
export async function textLines(file: string): Promise<string[]> {
  const rows = new Map<string, { x: number; end: number; str: string }[]>();
  for (const i of await textItems(file)) {
    const [, , , , x, y] = i.transform as [number, number, number, number, number, number];
    const key = `${i.page}:${Math.round(y)}`;
    rows.set(key, [...(rows.get(key) ?? []), { x, end: x + i.width, str: i.str }]);
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
      end = r.end;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * How many times each phrase is printed whole on one line, beside how many times it is printed
 * at all (in reading order): equal counts mean no line splits it.
 */
export async function phrasesOnOneLine(
  file: string,
  phrases: string[],
): Promise<{ phrase: string; whole: number; all: number }[]> {
  const lines = (await textLines(file)).map(squash);
  const all = squash((await readPdf(file)).text.join(""));
  const count = (text: string, p: string) => text.split(squash(p)).length - 1;
  return phrases.map((phrase) => ({
    phrase,
    whole: lines.reduce((n, l) => n + count(l, phrase), 0),
    all: count(all, phrase),
  }));
}

/** The PDF's Title (document information), as a document manager or a browser tab shows it. */
export async function pdfTitle(file: string): Promise<string | undefined> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return (info as { Title?: string }).Title;
}

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

/** Every structure element of every page of a PDF, as pdfjs-dist reads the tree, in reading order. */
export async function structureOf(data: Uint8Array) {
  const doc = await getDocument({ data, verbosity: 0 }).promise;
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
