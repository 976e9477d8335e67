import { resolveStock, volumeSheetsOf } from "../materials/badges/index.js";
import { sortDelegates } from "../materials/badges/plan.js";
import { latinName } from "../model/names.js";
import type { Delegate, Event } from "../model/types.js";
import { delegateFileName, letterFileName } from "../output/file-names.js";

/** What the preview offers to show: the materials of a build, and the programme site. */
export const PREVIEW_MATERIALS = [
  "badges",
  "agenda",
  "letters",
  "seating",
  "protocol",
  "checkin",
  "site",
] as const;
export type PreviewMaterial = (typeof PREVIEW_MATERIALS)[number];

/** A file of out/manifest.json. */
export interface BuiltFile {
  path: string;
  sha256: string;
  size: number;
  material: string;
}

/** A PDF to show: every page, or one sheet of several (a delegate's badge, front and back). */
export interface ShownPdf {
  path: string;
  /** The sheet to show, 0-based, of `sheets` in the file: its pages are the file's pages / sheets. */
  sheet?: { index: number; of: number; position: number };
}

export interface View {
  /** What is shown, as a heading ("Badge of Moon Seung-min (KR-001)"). */
  title: string;
  pdfs: ShownPdf[];
  /** Why there is nothing, or what to know about what is shown. */
  note?: string;
}

const pdfsUnder = (files: readonly BuiltFile[], test: (p: string) => boolean) =>
  files
    .filter((f) => f.path.endsWith(".pdf") && test(f.path))
    .map((f) => ({ path: f.path }))
    .sort((a, b) => a.path.localeCompare(b.path));

/**
 * Which files of a build show a material, for everyone or for one delegate: the delegate's own
 * file where the material makes one (personal agenda, letter), the sheet that holds their badge,
 * else the material's files. Pure: the build's file list and the event in, paths out.
 *
 *   viewOf(event, files, "letters", kim) → { title: "Invitation letter of Kim Min-jun (KR-003)",
 *                                            pdfs: [{ path: "letters/invitation/KR-003-Kim-Min-jun.pdf" }] }
 */
export function viewOf(
  event: Event,
  files: readonly BuiltFile[],
  material: Exclude<PreviewMaterial, "site">,
  delegate?: Delegate,
): View {
  const who = delegate ? `${latinName(delegate)} (${delegate.id})` : undefined;
  const listed = new Set(files.map((f) => f.path));
  const own = (path: string, title: string, missing: string): View =>
    listed.has(path) ? { title, pdfs: [{ path }] } : { title, pdfs: [], note: missing };
  switch (material) {
    case "badges": {
      if (!delegate)
        return { title: "Badges", pdfs: pdfsUnder(files, (p) => /^badges\/badges(-\d+)?\.pdf$/.test(p)) };
      return badgeOf(event, listed, delegate, `Badge of ${who}`);
    }
    case "agenda":
      if (delegate)
        return own(
          `agenda/personal/${delegateFileName(event, delegate.id)}.pdf`,
          `Personal agenda of ${who}`,
          `${who} has no personal agenda in this build.`,
        );
      return { title: "Programmes", pdfs: pdfsUnder(files, (p) => /^agenda\/[^/]+\.pdf$/.test(p)) };
    case "letters":
      if (delegate)
        return own(
          `letters/invitation/${letterFileName(event, delegate.id)}.pdf`,
          `Invitation letter of ${who}`,
          `${who} receives no invitation letter (letters.recipients in event.yaml decides who does).`,
        );
      return {
        title: "Invitation letters",
        pdfs: pdfsUnder(files, (p) => p === "letters/invitation/all.pdf"),
      };
    case "checkin": {
      const pdfs = pdfsUnder(files, (p) => p.startsWith("checkin/"));
      return {
        title: "Check-in lists",
        pdfs,
        ...(pdfs.length === 0
          ? { note: "Check-in lists are made only for signed badge codes (badge.qr: signed in event.yaml)." }
          : delegate
            ? { note: "The check-in lists are the event's, not one per delegate." }
            : {}),
      };
    }
    case "seating":
    case "protocol":
      return {
        title: material === "seating" ? "Seating" : "Protocol",
        pdfs: pdfsUnder(files, (p) => p.startsWith(`${material}/`)),
        ...(delegate ? { note: `The ${material} lists are the event's, not one per delegate.` } : {}),
      };
  }
}

/** The sheet of the badges' file that holds a delegate's badge, as `conclave badges` lays them out. */
function badgeOf(event: Event, listed: ReadonlySet<string>, delegate: Delegate, title: string): View {
  const cfg = event.config.badge;
  const stock = resolveStock(cfg.stock, cfg.custom);
  const perSheet = stock.cols * stock.rows;
  const order = sortDelegates(event.delegates, cfg.sort, event.config.defaultLanguage);
  const i = order.findIndex((d) => d.id === delegate.id);
  const sheets = Math.ceil(order.length / perSheet);
  const sheet = Math.floor(i / perSheet);
  const volumeSheets = volumeSheetsOf(order.length, perSheet, cfg.volume_sheets);
  const volume = volumeSheets > 0 ? Math.floor(sheet / volumeSheets) : 0;
  const path =
    volumeSheets > 0 && sheets > volumeSheets
      ? `badges/badges-${String(volume + 1).padStart(3, "0")}.pdf`
      : "badges/badges.pdf";
  if (i < 0 || !listed.has(path)) return { title, pdfs: [], note: "There is no badge for this delegate." };
  const inFile = volumeSheets > 0 ? Math.min(volumeSheets, sheets - volume * volumeSheets) : sheets;
  return {
    title,
    pdfs: [
      { path, sheet: { index: sheet - volume * volumeSheets, of: inFile, position: (i % perSheet) + 1 } },
    ],
    note: `Sheet ${sheet + 1} of ${sheets}, position ${(i % perSheet) + 1} of ${perSheet} (${stock.name}).`,
  };
}
