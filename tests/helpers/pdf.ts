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

/** The Title of a PDF's document information, as a reader's title bar shows it (pdfjs getMetadata). */
export async function pdfTitle(file: string): Promise<string | undefined> {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const { info } = await doc.getMetadata();
  await doc.destroy();
  const title = (info as { Title?: unknown }).Title;
  return typeof title === "string" && title !== "" ? title : undefined;
}
