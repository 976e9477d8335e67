import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../errors.js";
import { bundledMeasurer } from "../../load/fonts.js";
import { pdfTimestamp } from "../../render/typst.js";
import type { MaterialContext, MaterialResult } from "../index.js";
import { type BadgeSort, planBadges } from "./plan.js";
import { customStock, STOCKS, type Stock } from "./stocks.js";

export interface BadgeCliOptions {
  stock?: string;
  sort?: BadgeSort;
  delegates?: string[];
  skip?: number;
  calibrate?: boolean;
  back?: boolean;
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

const LOGO_TYPES: Record<string, string> = {
  ".svg": "svg",
  ".png": "png",
  ".jpg": "jpg",
  ".jpeg": "jpg",
  ".gif": "gif",
};

/** Reads the event's logo for templates, as a virtual file. */
export async function loadLogo(
  eventDir: string,
  logo: string | undefined,
): Promise<{ path: string; bytes: Uint8Array } | undefined> {
  if (!logo) return undefined;
  const ext = path.extname(logo).toLowerCase();
  if (!LOGO_TYPES[ext]) throw new UserError(`branding.logo: ${logo} is not an SVG, PNG, JPEG or GIF file`);
  const bytes = await readFile(path.resolve(eventDir, logo)).catch(() => {
    throw new UserError(`branding.logo: ${logo} does not exist`, "The path is relative to the event folder.");
  });
  return { path: `/assets/logo${ext}`, bytes };
}

/** `conclave badges`: plan, draw the QR codes, compile badge.typ, write out/badges/badges.pdf. */
export async function makeBadges(
  ctx: MaterialContext,
  options: BadgeCliOptions = {},
): Promise<MaterialResult> {
  const started = performance.now();
  const { event, eventDir } = ctx;
  const cfg = event.config.badge;
  const stock = resolveStock(options.stock ?? cfg.stock, cfg.custom);
  const logo = await loadLogo(eventDir, event.config.branding.logo);
  const plan = planBadges(event, {
    stock,
    sort: options.sort ?? cfg.sort,
    ids: options.delegates,
    skip: options.skip ?? 0,
    calibrate: options.calibrate ?? false,
    back: options.back ?? cfg.back,
    cutMarks: cfg.cut_marks,
    offset: cfg.offset_mm,
    fonts: ctx.fontFamilies,
    measurer: bundledMeasurer(),
    logo: logo?.path,
  });
  const assets: Record<string, Uint8Array> = {};
  if (logo) assets[logo.path] = logo.bytes;
  if (!options.calibrate) {
    const svgs = await ctx.qr(plan.qr.map((q) => q.text));
    const encoder = new TextEncoder();
    plan.qr.forEach((q, i) => {
      assets[q.path] = encoder.encode(svgs[i]!);
    });
  }
  // First the pieces every badge shares (header, each language's back), once; then the sheets,
  // which reuse them as images.
  const timestamp = pdfTimestamp(event.config.start, process.env);
  const pieces = await ctx.render({
    template: "badge.typ",
    data: { ...plan.data, mode: "pieces", badges: [], sheets: [] },
    assets,
    timestamp,
  });
  assets["/pieces.pdf"] = pieces.pdf;
  const compiled = await ctx.render({ template: "badge.typ", data: plan.data, assets, timestamp });
  const file = options.calibrate ? "badges/calibration.pdf" : "badges/badges.pdf";
  const entry = await ctx.writer.write(file, compiled.pdf, "badges");
  const count = plan.delegates.length;
  const summary = options.calibrate
    ? `calibration sheet for ${stock.name} → ${path.join(ctx.writer.root, file)}`
    : `${count} badge${count === 1 ? "" : "s"} on ${plan.sheets} sheet${plan.sheets === 1 ? "" : "s"} (${stock.name}${plan.data.duplex ? ", duplex" : ""}, ${compiled.pages} pages) → ${path.join(ctx.writer.root, file)}`;
  return {
    material: "badges",
    files: 1,
    pages: compiled.pages,
    bytes: entry.size,
    seconds: (performance.now() - started) / 1000,
    summary,
  };
}
