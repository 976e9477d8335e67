import path from "node:path";
import { badgeSigner } from "../../checkin/badge-codes.js";
import { type Diagnostic, diag } from "../../diagnostics.js";
import { UserError } from "../../errors.js";
import { confine } from "../../load/confine.js";
import { bundledMeasurer, fontSetsOfLanguages } from "../../load/fonts.js";
import { sessionFolderName } from "../../output/file-names.js";
import { assemblePdf, PdfSource } from "../../render/pdf-assemble.js";
import { type CompiledPdf, pdfTimestamp, type QrAsset } from "../../render/typst.js";
import { mapLimit } from "../../util/limit.js";
import type { MaterialContext, MaterialResult } from "../context.js";
import { loadLogo } from "../shared.js";
import { type BadgeOptions, type BadgeSort, layoutBadges } from "./plan.js";
import { customStock, STOCKS, type Stock } from "./stocks.js";

/** The most badges in one PDF file when no volume size is given. */
const MAX_BADGES_PER_FILE = 2_500;
/** Badges laid out by one Typst compile; a volume is put together from such parts. */
const BADGES_PER_COMPILE = 200;

export interface BadgeCliOptions {
  stock?: string;
  sort?: BadgeSort;
  delegates?: string[];
  skip?: number;
  /** Blank badges to add, one category per badge (see BadgeOptions.blanks). */
  blanks?: BadgeOptions["blanks"];
  calibrate?: boolean;
  back?: boolean;
  volumeSheets?: number;
  /**
   * With signed codes, each badge of this run one revision above badge-revisions.csv: a reprint,
   * whose badges replace the ones printed before (src/reprint/run.ts).
   */
  raiseRevisions?: boolean;
}

/** The stock named by --stock, else event.yaml. */
export function resolveStock(name: string, custom: Parameters<typeof customStock>[0] | undefined): Stock {
  if (name === "custom") {
    if (!custom)
      throw new UserError(
        "the custom badge stock needs badge.custom in event.yaml",
        "Add badge.custom: { width, height, columns, rows } (mm).",
      );
    return customStock(custom);
  }
  const stock = STOCKS[name];
  if (!stock)
    throw new UserError(
      `there is no badge stock "${name}"`,
      `Use one of: ${[...Object.keys(STOCKS), "custom"].join(", ")}.`,
    );
  return stock;
}

/**
 * The layout options of a badges run: the flags over event.yaml. `conclave reprint` lays out
 * faces with the same options to tell which printed faces changed.
 */
export function badgeLayoutOptions(
  ctx: Pick<MaterialContext, "event" | "fontFamilies" | "tables"> &
    Partial<Pick<MaterialContext, "confinement" | "eventDir">>,
  options: BadgeCliOptions,
  logo: string | undefined,
): BadgeOptions {
  const cfg = ctx.event.config.badge;
  // Signed codes need the private key: read here, where the badges are drawn, and nowhere else.
  const signCode =
    cfg.qr === "signed" && ctx.eventDir !== undefined
      ? badgeSigner(
          ctx.event,
          ctx.confinement ?? confine(ctx.eventDir, []),
          ctx.eventDir,
          options.raiseRevisions === true,
        )
      : undefined;
  return {
    ...(signCode ? { signCode } : {}),
    stock: resolveStock(options.stock ?? cfg.stock, cfg.custom),
    sort: options.sort ?? cfg.sort,
    ...(options.delegates ? { ids: options.delegates } : {}),
    skip: options.skip ?? 0,
    ...(options.blanks ? { blanks: options.blanks } : {}),
    calibrate: options.calibrate ?? false,
    back: options.back ?? cfg.back,
    ...(cfg.cut_marks !== undefined ? { cutMarks: cfg.cut_marks } : {}),
    offset: cfg.offset_mm,
    bleed: cfg.bleed_mm,
    safe: cfg.safe_mm,
    fonts: ctx.fontFamilies,
    measurer: bundledMeasurer(fontSetsOfLanguages(ctx.event.config.languages)),
    ...(logo ? { logo } : {}),
    ...(ctx.tables ? { tables: ctx.tables } : {}),
  };
}

/**
 * Sheets per volume file (0: one file): the size asked for (`--volume-sheets`, badge.volume_sheets),
 * else one file up to 2,500 badges and volumes of about 2,500 past that. `conclave preview` finds
 * a delegate's sheet with it.
 */
export function volumeSheetsOf(badges: number, perSheet: number, asked: number): number {
  return asked > 0 || badges <= MAX_BADGES_PER_FILE ? asked : Math.ceil(MAX_BADGES_PER_FILE / perSheet);
}

/** `conclave badges`: plan, draw the QR codes, compile badge.typ, write out/badges/badges.pdf. */
export async function makeBadges(
  ctx: MaterialContext,
  options: BadgeCliOptions = {},
): Promise<MaterialResult> {
  const started = performance.now();
  const { event } = ctx;
  const cfg = event.config.badge;
  const stock = resolveStock(options.stock ?? cfg.stock, cfg.custom);
  const logo = await loadLogo(ctx, event.config.branding.logo);
  // Faces are laid out part by part, as the parts are made ready (below).
  const plan = layoutBadges(event, badgeLayoutOptions(ctx, options, logo?.path));
  const assets: Record<string, Uint8Array> = {};
  if (logo) assets[logo.path] = logo.bytes;
  const timestamp = pdfTimestamp(event.config.start, process.env);
  // Large runs may be split into volumes of N sheets (print shops prefer files of a few thousand
  // pages). Past 2,500 badges the run is split even when no size was asked for.
  const perSheet = stock.cols * stock.rows;
  const volumeSheets = volumeSheetsOf(
    plan.delegates.length,
    perSheet,
    options.volumeSheets ?? cfg.volume_sheets,
  );
  const volumes =
    volumeSheets > 0 && !options.calibrate ? chunk(plan.data.sheets, volumeSheets) : [plan.data.sheets];
  // Each volume is compiled in parts of about 200 badges and put together from their pages
  // (src/render/pdf-assemble.ts): two workers lay out small documents faster per badge than
  // large ones (10,000 badges: about 6 s against 8 s in parts of 2,500; parts of 140, 300 and
  // 600 measured slower than 200), hold a fraction of the memory while they do (0.45 GB against
  // 0.9 GB), and the first part reaches a worker sooner.
  const partSheets = Math.max(1, Math.ceil(BADGES_PER_COMPILE / perSheet));
  const parts = volumes.flatMap((sheets, volume) =>
    chunk(sheets, partSheets).map((partSheetsOf) => ({ volume, sheets: partSheetsOf })),
  );
  const partsOf = volumes.map(() => [] as number[]);
  for (const [i, p] of parts.entries()) partsOf[p.volume]!.push(i);
  // The pieces every badge shares (header, backs, cut marks, bands) first; the sheets place them.
  const pieces = await ctx.render({
    template: "badge.typ",
    data: { ...plan.data, mode: "pieces", badges: [], sheets: [] },
    assets: { ...assets },
    timestamp,
  });
  assets["/pieces.pdf"] = pieces.pdf;
  // A part's badges, made on the main thread while the workers compile the parts before it:
  // memory holds a few parts at a time, not the whole run. The main thread says what each QR
  // code holds (and signs it); the worker that compiles the part draws the codes (at 100,000
  // signed badges the main thread drawing them, some 90 µs a code then, was what the workers
  // waited for).
  // A signed code is base32 behind its prefix: alphanumeric mode keeps it at version 6, drawn as a
  // 1-bit image (41 runs of paths a row would slow the layout of a large run threefold).
  const signed = cfg.qr === "signed";
  const prepare = (sheets: (typeof volumes)[number]) => {
    const used = [...new Set(sheets.flat().map((s) => s.badge))];
    const index = new Map(used.map((b, j) => [b, j]));
    // QR codes are named by their place in the part, so every part reuses the same virtual
    // paths (Typst numbers each file path it ever sees, and stops at 65,535).
    const qr: QrAsset[] = [];
    const badges = used.map((b, j) => {
      const badge = plan.face(b);
      if (options.calibrate || badge.qr === null) return badge;
      badge.qr = signed ? `/qr/${j}.png` : `/qr/${j}.svg`;
      qr.push({ path: badge.qr, text: plan.qrText(b), mode: signed ? "alphanumeric" : "byte" });
      return badge;
    });
    return {
      data: {
        ...plan.data,
        badges,
        sheets: sheets.map((sheet) => sheet.map((s) => ({ at: s.at, badge: index.get(s.badge)! }))),
      },
      qr,
      count: used.length,
    };
  };
  const prepared = new Map<number, ReturnType<typeof prepare>>();
  const compiledParts = new Map<number, CompiledPdf>();
  const left = partsOf.map((p) => p.length);
  const results: { file: string; pages: number; bytes: number }[] = [];
  let done = 0;
  const begun = new Set<number>();
  // One part more than there are workers is in flight, so a worker never waits for the main
  // thread to take a result before it gets the next part.
  const inFlight = (ctx.workers ?? 2) + 1;
  await mapLimit(parts, inFlight, async (part, i) => {
    begun.add(i);
    const job = prepared.get(i) ?? prepare(part.sheets);
    prepared.delete(i);
    const compiling = ctx.render({ template: "badge.typ", data: job.data, assets, qr: job.qr, timestamp });
    // The part that starts when one in flight is done is made ready while they compile.
    const ahead = i + inFlight;
    if (ahead < parts.length)
      setImmediate(() => {
        if (!begun.has(ahead) && !prepared.has(ahead)) prepared.set(ahead, prepare(parts[ahead]!.sheets));
      });
    compiledParts.set(i, await compiling);
    done += job.count;
    ctx.onProgress?.(done, plan.delegates.length + plan.blanks);
    if (--left[part.volume]! > 0) return;
    // The volume's last part is in: its parts, in order, make the volume's file.
    const mine = partsOf[part.volume]!.map((j) => compiledParts.get(j)!);
    for (const j of partsOf[part.volume]!) compiledParts.delete(j);
    // Always put together here, even from one part: the pages get their TrimBox and BleedBox.
    const { front, back } = plan.boxes;
    const pdf = assemblePdf(
      mine.map((c) => {
        const source = new PdfSource(c.pdf);
        return { source, pages: source.pages.map((_, k) => k) };
      }),
      { boxes: (page) => (plan.data.duplex && page % 2 === 1 ? back : front) },
    );
    const file = options.calibrate
      ? "badges/calibration.pdf"
      : volumes.length > 1
        ? `badges/badges-${String(part.volume + 1).padStart(3, "0")}.pdf`
        : "badges/badges.pdf";
    const entry = await ctx.writer.write(file, pdf, "badges");
    results[part.volume] = { file, pages: mine.reduce((n, c) => n + c.pages, 0), bytes: entry.size };
  });
  // A full run makes every volume: those of an earlier, longer run go (calibration.pdf stays).
  if (!options.calibrate && !options.delegates && !options.skip)
    ctx.writer.complete("badges", (p) => /^badges\/badges(-\d+)?\.pdf$/.test(p));
  const pages = results.reduce((n, r) => n + r.pages, 0);
  const bytes = results.reduce((n, r) => n + r.bytes, 0);
  const where =
    results.length === 1
      ? path.join(ctx.writer.root, results[0]!.file)
      : `${results.length} volumes in ${path.join(ctx.writer.root, "badges")}`;
  const count = plan.delegates.length + plan.blanks;
  const problems = [...plan.problems(), ...missingTables(ctx, plan.data.duplex || stock.fold)];
  const summary = options.calibrate
    ? `calibration sheet for ${stock.name} → ${where}`
    : `${n(count)} badge${count === 1 ? "" : "s"} on ${n(plan.sheets)} sheet${plan.sheets === 1 ? "" : "s"} (${stock.name}${plan.data.duplex ? ", duplex" : ""}, ${n(pages)} pages) → ${where}`;
  return {
    material: "badges",
    files: results.length,
    pages,
    bytes,
    seconds: (performance.now() - started) / 1000,
    summary:
      problems.length > 0
        ? `${summary} (${problems.length} warning${problems.length === 1 ? "" : "s"}, see below)`
        : summary,
    ...(problems.length > 0 ? { problems } : {}),
  };
}

/**
 * The event seats its banquet but this run has no seating plan to read (no `seating/` in this
 * output folder, say after `badges --out elsewhere`): the backs would silently lack the table.
 */
function missingTables(ctx: MaterialContext, backs: boolean): Diagnostic[] {
  const seated = ctx.event.sessions.find((s) => s.seating === "assigned");
  if (!backs || !seated || (ctx.tables && ctx.tables.size > 0)) return [];
  const where = path.join(
    ctx.writer.root,
    "seating",
    sessionFolderName(ctx.event, seated.id),
    "assignment.csv",
  );
  return [
    diag(
      "badge-no-table",
      "warning",
      { file: ctx.event.config.files.sessions ?? "sessions.csv", line: seated.line },
      `badges: no seating plan for ${seated.id} in this output folder (${where}), so no back prints a banquet table`,
      "Make the seating plan into the same folder first (`conclave seating <dir> --out <folder>`), or build everything at once with `conclave build`.",
    ),
  ];
}

const n = (x: number) => x.toLocaleString("en");

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}
