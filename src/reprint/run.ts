import { readdirSync } from "node:fs";
import path from "node:path";
import { eventRenderPool } from "../build/event-pool.js";
import { loadRevisions, REVISIONS_FILE } from "../checkin/keys.js";
import { existingTarget, writeTarget } from "../cli/commands/init-write.js";
import { writeCsv } from "../csv/write.js";
import { countBySeverity, type Diagnostic } from "../diagnostics.js";
import { checkSide, SideInvalid, snapshotInput } from "../diff/sides.js";
import { readSnapshot } from "../diff/snapshot.js";
import { DataInvalid, UserError } from "../errors.js";
import { withLanguagePacks } from "../i18n/active.js";
import type { Confinement } from "../load/confine.js";
import { loadEventFolder } from "../load/event-folder.js";
import { badgeLayoutOptions, makeBadges } from "../materials/badges/index.js";
import { requireDelegates, themeOf } from "../materials/common.js";
import type { MaterialResult } from "../materials/context.js";
import { makeLetters } from "../materials/letters/index.js";
import { letterModules } from "../materials/letters/modules.js";
import { previousTables } from "../materials/seating/previous.js";
import type { Event } from "../model/types.js";
import { OutputWriter, resolveOutDir } from "../output/writer.js";
import type { RenderPool } from "../render/pool.js";
import { pdfTimestamp } from "../render/typst.js";
import { CATEGORIES, type Category } from "../schema/delegates.js";
import { checkEvent } from "../validate/index.js";
import { version } from "../version.js";
import { type ChangedTable, changedTables, type PrintedCard, printedSeating } from "./cards.js";
import {
  compareFaces,
  type PrintedFace,
  printedFaces,
  printedLetters,
  type ReprintChanges,
} from "./faces.js";
import { listCsv, listData } from "./list.js";
import { readPoint, writePoint } from "./point.js";

export interface ReprintOptions {
  out?: string;
  allowOutside?: string[];
  jobs: number;
  /** Move the reprint point to the badges as they are now (`--done`): nothing is printed. */
  done?: boolean;
  /** Blank badges per category in use (`--blanks N`). */
  blanks?: number;
  /** The first badge goes on this position of the first sheet, 1-based (`--start-at K`). */
  startAt?: number;
  /** Reprint exactly these delegates, whatever changed (`--delegates`). */
  delegates?: string[];
}

export type ReprintResult =
  | {
      kind: "done";
      out: string;
      faces: number;
      /** Badges whose raised revision went into badge-revisions.csv (signed codes). */
      revisions: number;
    }
  | { kind: "nothing"; out: string; since: string }
  | {
      kind: "made";
      out: string;
      folder: string;
      number: number;
      changes: ReprintChanges;
      /** Invitation letters to print again (changed or new recipients). */
      letters: ReprintChanges["print"];
      lettersResult?: MaterialResult;
      /** Visa support letters to print again (changed or new recipients). */
      visa: ReprintChanges["print"];
      visaResult?: MaterialResult;
      blanks: { category: Category; count: number }[];
      badges?: MaterialResult;
      /** Tables whose place cards to print again (all cards of each), in the build's order. */
      tables: ChangedTable[];
      /** Whether the "find your table" list changed, and is printed again. */
      tableList: boolean;
      /** Overflow warnings of the reprinted place cards and list (`seating-overflow`). */
      seatingProblems: Diagnostic[];
      files: string[];
    };

/**
 * `conclave reprint`: the badges whose printed face changed since the reprint point (the last
 * `reprint --done`, or before any, the last build's data), into out/reprint/<NNN>/ with a list
 * of what to print and which old badges to take out of the boxes. With `done`, moves the point.
 */
export async function reprintEventFolder(folder: string, options: ReprintOptions): Promise<ReprintResult> {
  const loaded = await loadEventFolder(folder, { allowOutside: options.allowOutside ?? [] });
  // The event's language packs are in effect for everything the reprint makes (src/i18n/active.ts).
  return withLanguagePacks(loaded.packs, () => reprintLoaded(loaded, options));
}

async function reprintLoaded(
  loaded: Awaited<ReturnType<typeof loadEventFolder>>,
  options: ReprintOptions,
): Promise<ReprintResult> {
  const checked = checkEvent(loaded.input);
  if (countBySeverity(checked.diagnostics).errors > 0 || !checked.event)
    throw new DataInvalid(checked.diagnostics);
  const event = checked.event;
  const outDir = resolveOutDir(loaded.dir, options.out);
  const snapshot = readSnapshot(outDir);
  if (!snapshot)
    throw new UserError(
      `no build in ${outDir} yet; a reprint is made against the badges of a build`,
      "Run `conclave build` first (and print its badges), or name the build's folder with --out.",
    );
  requireDelegates(event, options.delegates);
  const tables = await previousTables(outDir, event);
  const families = loaded.input.coverage?.fonts ?? ["Pretendard"];
  const fontFamilies = ["Pretendard", ...families.filter((f) => f !== "Pretendard")];
  const facesOf = (e: Event) =>
    printedFaces(
      e,
      badgeLayoutOptions({ event: e, fontFamilies, ...(tables ? { tables } : {}) }, {}, logoPath(e)),
    );
  const layout = badgeLayoutOptions({ event, fontFamilies }, {}, undefined);
  const positions = layout.stock.cols * layout.stock.rows;
  if ((options.startAt ?? 1) > positions)
    throw new UserError(
      `--start-at ${options.startAt}: a sheet of ${layout.stock.name} has ${positions} position${positions === 1 ? "" : "s"}`,
      `Positions are counted from 1, left to right and top to bottom: use 1 to ${positions}.`,
    );
  const now = facesOf(event);
  // The letter modules the event folder adds (its own letter.typ), as the build writes them.
  const modules = letterModules(loaded.dir);
  const nowLetters = printedLetters(event, "invitation", modules);
  const nowVisa = printedLetters(event, "visa", modules);
  const theme = themeOf(event, fontFamilies);
  const nowSeating = await printedSeating(outDir, event, theme);
  const point = readPoint(outDir);
  if (options.done) {
    // The reprinted badges carry a raised revision: from now on it is the current one, and the
    // badges printed before stop verifying at the door.
    const raised = Object.entries(point?.revisions ?? {});
    if (raised.length > 0) await writeRevisions(loaded.dir, loaded.confinement, raised);
    writePoint(outDir, point?.last ?? 0, {
      faces: now,
      letters: nowLetters,
      visa: nowVisa,
      ...(nowSeating ? { cards: nowSeating.cards, tableList: nowSeating.tableList } : {}),
    });
    return { kind: "done", out: outDir, faces: now.size, revisions: raised.length };
  }
  // The last build's event, laid out from the data it was made from (read once, when needed).
  let lastEvent: Event | undefined;
  const lastBuilt = async () => {
    if (lastEvent) return lastEvent;
    try {
      lastEvent = checkSide(
        "the last build's data",
        // Read with the folder's own language packs, which its event.yaml may name.
        await snapshotInput("the last build's data", snapshot, loaded.packs),
      ).event;
      return lastEvent;
    } catch (e) {
      if (e instanceof SideInvalid) throw new DataInvalid(e.diagnostics);
      throw e;
    }
  };
  let before: Map<string, PrintedFace>;
  let beforeLetters: Map<string, PrintedFace>;
  if (point) {
    before = new Map(Object.entries(point.faces));
    beforeLetters = new Map(Object.entries(point.letters));
  } else {
    // No point yet: the badges of the last build.
    const last = await lastBuilt();
    before = facesOf(last);
    beforeLetters = printedLetters(last, "invitation", modules);
  }
  // A point written before reprints had visa letters has none: the last build's are compared.
  const beforeVisa = point?.visa
    ? new Map(Object.entries(point.visa))
    : printedLetters(await lastBuilt(), "visa", modules);
  // Place cards: a point written before reprints had them, or with no plan then, has none: the
  // last build's plan and data are compared.
  let beforeCards: Map<string, PrintedCard> | undefined;
  let beforeTableList: string | undefined;
  if (point?.cards) {
    beforeCards = new Map(Object.entries(point.cards));
    beforeTableList = point.tableList;
  } else if (nowSeating) {
    const last = await printedSeating(outDir, await lastBuilt(), themeOf(await lastBuilt(), fontFamilies));
    beforeCards = last?.cards ?? new Map();
    beforeTableList = last?.tableList;
  }
  const cardTables = nowSeating
    ? changedTables(event, beforeCards ?? new Map(), nowSeating, options.delegates)
    : [];
  const tableList = nowSeating !== undefined && nowSeating.tableList !== beforeTableList;
  const changes = compareFaces(before, now, options.delegates);
  // Letters are mailed, not boxed: only those to print again (changed or new recipients).
  const letters = compareFaces(beforeLetters, nowLetters, options.delegates).print;
  const visa = compareFaces(beforeVisa, nowVisa, options.delegates).print;
  const inUse = CATEGORIES.filter((c) => event.delegates.some((d) => d.category === c));
  const blanks =
    (options.blanks ?? 0) > 0 ? inUse.map((category) => ({ category, count: options.blanks! })) : [];
  if (
    changes.print.length === 0 &&
    changes.destroy.length === 0 &&
    blanks.length === 0 &&
    letters.length === 0 &&
    visa.length === 0 &&
    cardTables.length === 0 &&
    !tableList
  )
    return {
      kind: "nothing",
      out: outDir,
      since: point ? "the last `conclave reprint --done`" : "the last build",
    };

  const number = Math.max(point?.last ?? 0, ...existingNumbers(outDir)) + 1;
  const folderName = String(number).padStart(3, "0");
  const target = path.join(outDir, "reprint", folderName);
  const writer = new OutputWriter(target);
  writer.open();
  const { pool } = await eventRenderPool(loaded, options.jobs);
  const files: string[] = [];
  const signed = event.config.badge.qr === "signed";
  const ctx = {
    event,
    eventDir: loaded.dir,
    confinement: loaded.confinement,
    writer,
    render: (job: Parameters<RenderPool["compile"]>[0]) => pool.compile(job),
    workers: options.jobs,
    fontFamilies,
    ...(tables ? { tables } : {}),
  };
  try {
    let badges: MaterialResult | undefined;
    const ids = changes.print.map((p) => p.face.id);
    const blankList = blanks.flatMap((b) => Array.from({ length: b.count }, () => b.category));
    if (ids.length > 0 || blankList.length > 0) {
      badges = await makeBadges(ctx, {
        delegates: ids,
        blanks: blankList,
        skip: Math.max(0, (options.startAt ?? 1) - 1),
        ...(signed ? { raiseRevisions: true } : {}),
      });
      files.push("badges/badges.pdf");
    }
    let lettersResult: MaterialResult | undefined;
    if (letters.length > 0) {
      lettersResult = await makeLetters(ctx, {
        kind: "invitation",
        delegates: letters.map((l) => l.face.id),
      });
      files.push("letters/invitation/");
    }
    let visaResult: MaterialResult | undefined;
    if (visa.length > 0) {
      visaResult = await makeLetters(ctx, { kind: "visa", delegates: visa.map((l) => l.face.id) });
      files.push("letters/visa/");
    }
    if (nowSeating && (cardTables.length > 0 || tableList)) {
      const timestamp = pdfTimestamp(event.config.start, process.env);
      if (cardTables.length > 0) {
        const ids = new Set(cardTables.flatMap((t) => t.cards));
        const cards = await pool.compile({
          template: "place-cards.typ",
          data: nowSeating.templates.cards(nowSeating.data.filter((c) => ids.has(c.delegate))),
          timestamp,
        });
        await writer.write("seating/place-cards.pdf", cards.pdf, "seating");
        files.push("seating/place-cards.pdf");
      }
      if (tableList) {
        const list = await pool.compile({
          template: "table-list.typ",
          data: nowSeating.listData,
          timestamp,
        });
        await writer.write("seating/table-list.pdf", list.pdf, "seating");
        files.push("seating/table-list.pdf");
      }
    }
    const seating = { tables: cardTables, tableList };
    const data = listData(event, number, changes, blanks, letters, theme, visa, seating);
    await writer.write("list.csv", listCsv(changes, blanks, letters, visa, seating), "reprint");
    const list = await pool.compile({
      template: "reprint-list.typ",
      data,
      timestamp: pdfTimestamp(event.config.start, process.env),
    });
    await writer.write("list.pdf", list.pdf, "reprint");
    files.push("list.csv", "list.pdf");
    await writer.writeManifest(`conclave ${version}`);
    // The point stays where it was (a reprint is not printed yet); before the first one, the
    // last build's faces are kept as the point, so a later build does not move it.
    writePoint(outDir, number, {
      faces: before,
      letters: beforeLetters,
      visa: beforeVisa,
      ...(beforeCards ? { cards: beforeCards } : {}),
      ...(beforeTableList ? { tableList: beforeTableList } : {}),
      ...(signed ? { revisions: raisedRevisions(loaded.confinement, ids) } : {}),
    });
    return {
      kind: "made",
      out: outDir,
      folder: target,
      number,
      changes,
      letters,
      ...(lettersResult ? { lettersResult } : {}),
      visa,
      ...(visaResult ? { visaResult } : {}),
      blanks,
      ...(badges ? { badges } : {}),
      tables: cardTables,
      tableList,
      seatingProblems: reprintedProblems(nowSeating?.problems ?? [], cardTables, tableList),
      files,
    };
  } catch (e) {
    await writer.abort();
    throw e;
  } finally {
    await pool.close();
    writer.close();
  }
}

/** The overflow warnings of what the reprint prints: its cards' (by delegate id) and the list's. */
function reprintedProblems(problems: Diagnostic[], tables: ChangedTable[], list: boolean): Diagnostic[] {
  const ids = new Set(tables.flatMap((t) => t.cards));
  return problems.filter((p) => {
    const [id, material] = p.message.split(": ");
    return (material === "place cards" && ids.has(id ?? "")) || (list && material === "table list");
  });
}

/** The numbers of the reprint folders already in out/reprint/ (a point deleted by hand must not reuse one). */
function existingNumbers(outDir: string): number[] {
  try {
    return readdirSync(path.join(outDir, "reprint"))
      .filter((n) => /^\d{3,}$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
}

/** The logo's virtual path as the badges name it (src/materials/shared.ts loadImage): part of the printed face. */
function logoPath(event: Event): string | undefined {
  const logo = event.config.branding.logo;
  return logo ? `/assets/logo${path.extname(logo).toLowerCase()}` : undefined;
}

/** The revision each reprinted badge carries: one above badge-revisions.csv (1 when not listed). */
function raisedRevisions(c: Confinement, ids: readonly string[]): Map<string, number> {
  const now = loadRevisions(c);
  return new Map(ids.map((id) => [id, Math.min(65_535, (now.get(id) ?? 1) + 1)]));
}

/**
 * Writes the raised revisions into the event folder's badge-revisions.csv (made when missing),
 * keeping every other row; never through a link.
 */
async function writeRevisions(dir: string, c: Confinement, raised: [string, number][]): Promise<void> {
  const all = loadRevisions(c);
  for (const [id, rev] of raised) all.set(id, Math.max(rev, all.get(id) ?? 1));
  const file = path.join(dir, REVISIONS_FILE);
  const kind = await existingTarget(file, file);
  const rows = [...all]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, rev]) => [id, String(rev)]);
  await writeTarget(file, writeCsv(["id", "revision"], rows), kind === "file", file);
}
