import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

/*
 * PDF pages as PNG images for `conclave preview`, drawn with pdf.js on @napi-rs/canvas. The preview
 * shows the very PDFs the build wrote (not a second rendering of the templates), so what the
 * browser shows is what the printer gets. Typst's own SVG export cannot be used for this: badges
 * place their shared pieces as PDF images, and this Typst draws the text of a PDF image with the
 * wrong glyph advances.
 */

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
type RenderParameters = Parameters<Awaited<ReturnType<PdfDocument["getPage"]>>["render"]>[0];

/** Pixels per PDF point: an A4 page is 893 px wide, sharp enough to read a badge's small print. */
const SCALE = 1.5;
/** Rendered pages kept (about 200 KB each), and open documents. */
const MAX_PAGES = 300;
const MAX_DOCUMENTS = 4;

let modules: Promise<{ pdfjs: PdfJs; canvas: typeof import("@napi-rs/canvas") }> | undefined;
const load = () => {
  modules ??= Promise.all([import("pdfjs-dist/legacy/build/pdf.mjs"), import("@napi-rs/canvas")]).then(
    ([pdfjs, canvas]) => ({ pdfjs, canvas }),
  );
  return modules;
};

/**
 * Renders pages of PDF files, one at a time (the preview shares the machine with its own builds),
 * keeping the most recent pages and documents. A file is known by its path and SHA-256 (from
 * out/manifest.json): a rebuilt file is a new document, an unchanged one is never drawn twice.
 */
export class PageRasterizer {
  private readonly pages = new Map<string, Buffer>();
  private readonly documents = new Map<string, Promise<PdfDocument>>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  /**
   * A file's number of pages, and the size of its first page's image in pixels. In the same
   * queue as the renders: opening a document may close the oldest one, which must not be one
   * that a render in progress is drawing.
   */
  info(file: string, sha256: string): Promise<{ pages: number; width: number; height: number }> {
    return this.serial(async () => {
      const doc = await this.document(file, sha256);
      const first = (await doc.getPage(1)).getViewport({ scale: SCALE });
      return { pages: doc.numPages, width: Math.ceil(first.width), height: Math.ceil(first.height) };
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const job = this.queue.then(() => {
      if (this.closed) throw new Error("the preview is stopping");
      return work();
    });
    this.queue = job.catch(() => {});
    return job;
  }

  /** Page `page` (1-based) of `file` as PNG bytes. */
  render(file: string, sha256: string, page: number): Promise<Buffer> {
    const key = `${sha256}:${page}`;
    const hit = this.pages.get(key);
    if (hit) {
      this.pages.delete(key);
      this.pages.set(key, hit);
      return Promise.resolve(hit);
    }
    return this.serial(async () => {
      const again = this.pages.get(key);
      if (again) return again;
      const { canvas } = await load();
      const doc = await this.document(file, sha256);
      if (page < 1 || page > doc.numPages) throw new RangeError(`${file} has no page ${page}`);
      const p = await doc.getPage(page);
      const viewport = p.getViewport({ scale: SCALE });
      const surface = canvas.createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = surface.getContext("2d");
      // A page without a background is transparent in a PDF: paper is white.
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, surface.width, surface.height);
      await p.render({
        canvas: surface as unknown as RenderParameters["canvas"],
        canvasContext: context as unknown as RenderParameters["canvasContext"],
        viewport,
      }).promise;
      p.cleanup();
      const png = await surface.encode("png");
      this.pages.set(key, png);
      while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
      return png;
    });
  }

  private document(file: string, sha256: string): Promise<PdfDocument> {
    const open = this.documents.get(sha256);
    if (open) {
      this.documents.delete(sha256);
      this.documents.set(sha256, open);
      return open;
    }
    const opening = (async () => {
      const { pdfjs } = await load();
      const data = new Uint8Array(await readFile(file));
      // A rebuild may have replaced the file since the manifest the page was made from: its new
      // bytes must not be kept (and shown again) under the old file's hash.
      if (createHash("sha256").update(data).digest("hex") !== sha256)
        throw new Error(`${file} is being rebuilt; the page shows it when the build is done`);
      return pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
    })();
    // A file that failed to open is tried again next time.
    opening.catch(() => this.documents.delete(sha256));
    this.documents.set(sha256, opening);
    while (this.documents.size > MAX_DOCUMENTS) {
      const [oldest, doc] = this.documents.entries().next().value!;
      this.documents.delete(oldest);
      void doc.then((d) => d.destroy()).catch(() => {});
    }
    return opening;
  }

  /** Drops every page and document; renders waiting in the queue fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.pages.clear();
    const docs = [...this.documents.values()];
    this.documents.clear();
    await Promise.all(docs.map((d) => d.then((x) => x.destroy()).catch(() => {})));
  }
}
