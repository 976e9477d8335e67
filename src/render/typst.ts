import { devNull } from "node:os";
import path from "node:path";
import { isMainThread } from "node:worker_threads";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { BuildFailed } from "../errors.js";
import { confine } from "../load/confine.js";
import {
  findPackageImports,
  PACKAGE_HINT,
  readEventTemplates,
  type SourceProblem,
} from "../load/templates.js";
import { encodeQr, type QrMode, qrPng, qrSvg } from "./qr-encode.js";

/** Where the templates come from: built-in, overridden file by file by the event's own folder. */
export interface TemplateSources {
  /** conclave's templates/ folder; the compiler's file root, so templates read nothing else on disk. */
  builtinDir: string;
  /** `<event>/templates`, whose files shadow the built-in ones of the same relative path. */
  eventDir?: string;
  /**
   * The files of `eventDir` as the build read them (src/load/templates.ts: confined, regular,
   * bounded); without them the engine reads `eventDir` itself, with the same checks.
   */
  eventFiles?: Readonly<Record<string, Uint8Array>>;
}

export interface EngineOptions extends TemplateSources {
  /** Font files to load; nothing else is used (fallback is off in every template). */
  fontFiles: readonly string[];
}

export interface CompileJob {
  /** Template path relative to the templates folder, e.g. `badge.typ`. */
  template: string;
  /** Everything the template prints, as JSON (`sys.inputs.data`): data never becomes markup. */
  data: unknown;
  /** Extra virtual files (QR codes, logos) by path relative to the templates folder. */
  assets?: Readonly<Record<string, Uint8Array>>;
  /**
   * QR codes to draw into assets before compiling: drawn by whichever thread compiles, so a
   * large run's codes are drawn on the compile workers beside Typst, not one after another on
   * the main thread that prepares the next part (src/render/qr-encode.ts).
   */
  qr?: readonly QrAsset[];
  /** PDF creation time, in seconds since the epoch (fixed, for reproducible output). */
  timestamp: number;
  /**
   * The document is a batch of pieces (letters, personal agendas) to be cut apart: return the
   * page each piece starts on, as the template marks them (templates/lib/pieces.typ).
   */
  pieces?: boolean;
  /**
   * An accessible PDF: tagged (structure tree, reading order, headings) and checked against
   * PDF/UA-1 as Typst exports it; a document that cannot meet it (an image without alt text) is
   * an error. Untagged otherwise: badges and place cards are read by eye, and cut into pieces
   * (letters, personal agendas) a structure tree would not follow its pages (docs/templates.md).
   */
  tagged?: boolean;
}

export interface QrAsset {
  /** The asset's path, as the template reads it: `.png` for a 1-bit image, `.svg` for a path. */
  path: string;
  text: string;
  mode: QrMode;
}

/** The job's assets with its QR codes drawn (level M, the mask of least penalty). */
export function jobAssets(job: CompileJob): Readonly<Record<string, Uint8Array>> {
  if (!job.qr || job.qr.length === 0) return job.assets ?? {};
  const assets: Record<string, Uint8Array> = { ...job.assets };
  for (const q of job.qr) {
    const matrix = encodeQr(q.text, "M", undefined, q.mode);
    assets[q.path] = q.path.endsWith(".png") ? qrPng(matrix) : qrSvg(matrix);
  }
  return assets;
}

export interface CompiledPdf {
  pdf: Uint8Array;
  pages: number;
  /** With `pieces`: the first page of each piece, 1-based, in the document's order. */
  starts?: number[];
  /** With `pieces`: the template file that made them, for messages (the event's copy or ours). */
  file?: string;
}

/** A template error as the user sees it: `templates/badge.typ:14:3 error: unknown variable: foo`. */
export class TemplateError extends BuildFailed {
  constructor(
    readonly diagnostics: { file: string; line: number; column: number; message: string }[],
    hint: string,
  ) {
    super(
      diagnostics
        .map((d) => `${d.file}${d.line ? `:${d.line}:${d.column}` : ""} error: ${d.message}`)
        .join("\n"),
      hint,
    );
  }
}

/** A place no file can ever be: below the null device, which is not a folder. */
const NO_PACKAGES = path.join(devNull, "conclave-has-no-typst-packages");
/** A proxy that refuses every connection at once, on this machine. */
const NO_NETWORK = "http://127.0.0.1:0";

/**
 * Seals the process environment that the Typst library reads, before any compiler starts. Typst
 * resolves `@preview/…` by downloading from its registry into the user's cache folder and
 * `@local/…` from the user's data folder (XDG_CACHE_HOME, XDG_DATA_HOME, else ~/.cache and
 * ~/.local/share), and its HTTP client honours the proxy variables. Both folders are pointed
 * below the null device, where nothing exists or can be created, and every download goes to a
 * proxy that refuses at once: a package import, even one spelled at run time, finds nothing,
 * reads nothing of the user's and sends nothing over the network. Worker threads share the
 * process environment with native code, so this runs in the main thread, before they start.
 */
export function sealTypstEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  env.XDG_DATA_HOME = NO_PACKAGES;
  env.XDG_CACHE_HOME = NO_PACKAGES;
  // macOS has no XDG folders: there the package folders are below HOME (~/Library/…).
  if (process.platform === "darwin") env.HOME = NO_PACKAGES;
  for (const name of ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY"]) {
    env[name] = NO_NETWORK;
    env[name.toLowerCase()] = NO_NETWORK;
  }
  delete env.NO_PROXY;
  delete env.no_proxy;
  // Fonts come from the engine's list only (EngineOptions.fontFiles).
  delete env.TYPST_FONT_PATHS;
}

/** What Typst says when a template asked for a package (which the sealed world cannot give). */
const PACKAGE_MESSAGE = /\bpackage\b/i;

const WARM_UP = `#set page(width: 120pt, height: auto, margin: 0pt)
#set text(font: "Pretendard", fallback: false)
#for w in ("regular", "medium", "semibold", "bold") { text(weight: w)[Kim Min-jun · Nguyễn Văn Đức · 김민준 0123] }
`;

/**
 * The Typst print engine, in process. One compiler, warm across documents: fonts are parsed once
 * and Typst's caches make each further compile of the same template a few milliseconds.
 */
export class TypstEngine {
  private readonly compiler: NodeCompiler;
  private readonly root: string;
  private readonly eventDir: string | undefined;
  /** The event's template files by relative path. */
  private readonly eventFiles: ReadonlySet<string>;
  /** Package imports found in the event's templates: every compile fails with them. */
  private readonly packageImports: SourceProblem[];
  private readonly mapped = new Map<string, Buffer>();
  private pagesSinceEviction = 0;

  constructor(options: EngineOptions) {
    if (isMainThread) sealTypstEnvironment();
    this.root = path.resolve(options.builtinDir);
    this.eventDir = options.eventDir;
    const own =
      options.eventFiles ??
      (options.eventDir
        ? readEventTemplates(confine(path.dirname(options.eventDir)), path.basename(options.eventDir))
        : {});
    this.eventFiles = new Set(Object.keys(own));
    this.packageImports = options.eventDir ? findPackageImports(own, options.eventDir) : [];
    this.compiler = NodeCompiler.create({
      workspace: this.root,
      fontArgs: [{ fontPaths: [...options.fontFiles] }],
    });
    // The event's templates shadow the built-in ones at the same virtual path.
    for (const [rel, bytes] of Object.entries(own))
      this.compiler.mapShadow(
        path.join(this.root, rel),
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      );
  }

  /**
   * Lays out and exports a few words in each bundled weight, so the fonts are parsed and shaped
   * once before the first real document (the pool does this while the data is still checked).
   */
  warm(): void {
    const main = path.join(this.root, "__conclave_warm_up__.typ");
    this.compiler.mapShadow(main, Buffer.from(WARM_UP));
    try {
      const doc = this.compiler.compile({ mainFilePath: main }).result;
      if (doc) this.compiler.pdf(doc, { creationTimestamp: 0, pdfTags: false });
    } finally {
      this.compiler.unmapShadow(main);
    }
  }

  /** Which file a template name resolves to, for messages: the event's, or the built-in one. */
  describe(template: string): string {
    if (this.eventDir && this.eventFiles.has(template)) return path.join(this.eventDir, template);
    return `templates/${template}`;
  }

  compile(job: CompileJob): CompiledPdf {
    if (this.packageImports.length > 0) throw new TemplateError(this.packageImports, PACKAGE_HINT);
    // Virtual files stay mapped while the next job brings the same bytes (a letterhead logo for
    // 10,000 letters): remapping would make Typst decode the image again for every document.
    const wanted = new Map(
      Object.entries(jobAssets(job)).map(([rel, bytes]) => [path.join(this.root, rel), bytes] as const),
    );
    for (const [p, bytes] of this.mapped) {
      const next = wanted.get(p);
      if (next && Buffer.from(next.buffer, next.byteOffset, next.byteLength).equals(bytes)) wanted.delete(p);
      else {
        this.compiler.unmapShadow(p);
        this.mapped.delete(p);
      }
    }
    for (const [p, bytes] of wanted) {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      this.compiler.mapShadow(p, buffer);
      this.mapped.set(p, buffer);
    }
    const main = path.join(this.root, job.template);
    const result = this.compiler.compile({ mainFilePath: main, inputs: { data: JSON.stringify(job.data) } });
    const doc = result.result;
    if (result.hasError() || !doc) {
      const error = result.takeError();
      const raw = (error ? this.compiler.fetchDiagnostics(error) : []) as {
        message: string;
        path?: string;
        range?: { start: { line: number; character: number } } | null;
        severity?: number;
      }[];
      const diagnostics = raw.map((d) => ({
        file: this.displayPath(d.path),
        line: d.range ? d.range.start.line + 1 : 0,
        column: d.range ? d.range.start.character + 1 : 0,
        message: PACKAGE_MESSAGE.test(d.message)
          ? `Typst packages are not available in conclave templates (${d.message})`
          : d.message,
      }));
      if (diagnostics.length === 0)
        diagnostics.push({
          file: this.describe(job.template),
          line: 0,
          column: 0,
          message: "the template did not compile",
        });
      throw new TemplateError(
        diagnostics,
        diagnostics.some((d) => d.message.startsWith("Typst packages are not available"))
          ? PACKAGE_HINT
          : "Fix the template (see docs/templates.md), or remove your copy to use the built-in one.",
      );
    }
    let pdf: Buffer;
    try {
      pdf = this.compiler.pdf(doc, {
        creationTimestamp: job.timestamp,
        pdfTags: job.tagged === true,
        ...(job.tagged ? { pdfStandard: "ua-1" } : {}),
      });
    } catch (error) {
      // An accessible PDF that the template's content cannot make (an image of an event's own
      // template without alt text): the template's problem, said as Typst says it.
      const text = error instanceof Error ? error.message : String(error);
      const messages = [...text.matchAll(/message: "((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
      if (!job.tagged || !messages.some((m) => m.startsWith("PDF/UA"))) throw error;
      const hints = [...new Set([...text.matchAll(/hints: \["((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!))];
      throw new TemplateError(
        [...new Set(messages)].map((message) => ({
          file: this.describe(job.template),
          line: 0,
          column: 0,
          message,
        })),
        `This material is an accessible PDF (PDF/UA-1)${hints.length ? `: ${hints.join("; ")}` : ""}. Give every image alt text (image("logo.svg", alt: "…")) in the template.`,
      );
    }
    const starts = job.pieces
      ? ((this.compiler.query(doc, { selector: "<conclave-starts>", field: "value" }) as number[][])[0] ?? [])
      : undefined;
    // Typst memoises every document it lays out; thousands of one-off documents (personal
    // agendas, letters) would keep gigabytes alive. What the last few compiles used stays warm.
    // A long document (a volume of letters, the programme) leaves the most behind: drop it at once.
    // Counted in pages, not compiles: a batch of 16 letters leaves as much behind as 16 letters.
    // What every compile reuses (the template, the fonts) is hit each time and stays young.
    this.pagesSinceEviction += doc.numOfPages;
    if (doc.numOfPages > 200) {
      this.evict(0);
      this.pagesSinceEviction = 0;
    } else if (this.pagesSinceEviction >= 64) {
      this.evict(2);
      this.pagesSinceEviction = 0;
    }
    return {
      pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength),
      pages: doc.numOfPages,
      ...(starts ? { starts, file: this.describe(job.template) } : {}),
    };
  }

  private displayPath(p: string | undefined): string {
    if (!p) return "templates";
    const rel = path.relative(this.root, p).split(path.sep).join("/");
    if (this.eventDir && this.eventFiles.has(rel)) return path.join(this.eventDir, rel);
    return `templates/${rel}`;
  }

  /** Drops cached compilation artefacts older than `age` compiles, to bound memory in long runs. */
  evict(age = 10): void {
    this.compiler.evictCache(age);
  }
}

/**
 * The PDF timestamp: SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else
 * midnight UTC of the event's first day. Never the clock.
 */
export function pdfTimestamp(eventStart: string, env: Record<string, string | undefined>): number {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  return Math.floor(Date.parse(`${eventStart}T00:00:00Z`) / 1000);
}
