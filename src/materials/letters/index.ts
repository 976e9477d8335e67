import path from "node:path";
import { writeCsv } from "../../csv/write.js";
import { packsInEffect } from "../../i18n/active.js";
import { nameIn } from "../../model/names.js";
import { assemblePdf, type PagePick } from "../../render/pdf-assemble.js";
import { pdfTimestamp } from "../../render/typst.js";
import type { Language } from "../../schema/fields.js";
import { mapLimit } from "../../util/limit.js";
import { sortDelegates } from "../badges/plan.js";
import { batchByLanguage, cutPieces, pdfTitle, requireDelegates, themeOf } from "../common.js";
import type { MaterialContext, MaterialResult } from "../context.js";
import { placeLogo } from "../logo.js";
import { loadImage, loadLogo } from "../shared.js";
import { keepPhrases, keepWholePattern, needsKeepWhole, noBreakMatcher } from "../typography.js";
import { letterModules } from "./modules.js";
import { type LetterKind, planLetters } from "./plan.js";

export interface LetterCliOptions {
  kind?: LetterKind;
  lang?: Language;
  delegates?: string[];
  dryRun?: boolean;
}

/** Letters compiled together before being cut apart (see makeLetters). */
const LETTERS_PER_COMPILE = 32;

/**
 * `keep_whole`: whether templates/lib/letter.typ's keep-whole show rule (`pattern`,
 * keepWholePattern: the packs' country names of several words and spans of numbers) has
 * anything left to do in a letter once keepPhrases has made the known phrases' spaces no-break,
 * leaving out the event's dates (the template boxes their span itself): a "Việt Nam" with a
 * plain space, a dash after a name ("Hàn Quốc –"), a span of numbers ("14–15"). The template
 * asked this of the letter's `repr` itself, which cost Typst about 14 % of a letters run for a
 * question with the same answer here.
 */
export const withKeepWhole = <T extends { event: { dates: string } }>(
  l: T,
  pattern = new RegExp(keepWholePattern(packsInEffect().values()), "gu"),
): T & { keep_whole: boolean } => ({
  ...l,
  keep_whole: needsKeepWhole(JSON.stringify({ ...l, event: { ...l.event, dates: "" } }), pattern),
});

/**
 * `conclave letters`: one PDF per delegate in their language, all of them in one file for
 * printing (badge order), and mailing.csv for a mail-merge sender.
 */
export async function makeLetters(
  ctx: MaterialContext,
  options: LetterCliOptions = {},
): Promise<MaterialResult> {
  const started = performance.now();
  const { event, writer } = ctx;
  const { config } = event;
  const kind = options.kind ?? "invitation";
  requireDelegates(event, options.delegates);
  // The letterhead's own logo, else the event's, placed on the white page by placeLogo: the logo
  // for white grounds when given, else on a plate where a colour (the example's white ring) would
  // vanish.
  const own = config.letters.letterhead.logo;
  const logo = own
    ? await loadLogo(ctx, own, "letters.letterhead.logo")
    : await loadLogo(ctx, config.branding.logo);
  const onWhite = own
    ? undefined
    : await loadImage(ctx, "branding.logo_on_white", config.branding.logo_on_white, "logo-on-white");
  const placement = logo
    ? placeLogo({ logo, onWhite, ground: "#ffffff", primary: themeOf(event, ctx.fontFamilies).primary })
    : undefined;
  const signatureSetting = `letters.${kind}.signatory.signature`;
  const signature = await loadImage(
    ctx,
    signatureSetting,
    config.letters[kind].signatory?.signature,
    "signature",
  );
  const order = sortDelegates(event.delegates, config.badge.sort, config.defaultLanguage);
  const { letters, problems, hostNationals, exempt } = planLetters(event, {
    kind,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.delegates ? { ids: options.delegates } : {}),
    ...(placement ? { logo: placement } : {}),
    ...(signature ? { signature: signature.path } : {}),
    order,
    modules: letterModules(ctx.eventDir),
  });
  const dir = `letters/${kind}`;
  if (options.dryRun) {
    const lines = letters.map((l) => `${dir}/${l.file}  (${l.lang})`);
    if (letters.length > 0) {
      const per = config.letters.volume_letters;
      const count = per > 0 ? Math.ceil(letters.length / per) : 1;
      for (let i = 1; i <= count; i++)
        lines.push(`${dir}/${count === 1 ? "all.pdf" : `all-${String(i).padStart(3, "0")}.pdf`}`);
      lines.push(`${dir}/mailing.csv`);
    }
    return {
      material: "letters",
      files: 0,
      pages: 0,
      bytes: 0,
      seconds: (performance.now() - started) / 1000,
      summary: `dry run: ${letters.length} ${kind} letter${letters.length === 1 ? "" : "s"} would be written to ${path.join(writer.root, dir)}`,
      lines,
      problems,
    };
  }
  const assets: Record<string, Uint8Array> = {};
  for (const image of [logo, onWhite]) if (image) assets[image.path] = image.bytes;
  if (signature) assets[signature.path] = signature.bytes;
  const timestamp = pdfTimestamp(config.start, process.env);
  const theme = themeOf(event, ctx.fontFamilies);
  let files = 0;
  let pages = 0;
  let bytes = 0;
  const write = async (file: string, data: Uint8Array | string) => {
    const entry = await writer.write(`${dir}/${file}`, data, "letters");
    files++;
    bytes += entry.size;
  };
  // Letters are compiled in batches of one language and cut apart into one file per delegate
  // (src/render/pdf-assemble.ts): one compile of 32 letters costs about what three single ones do.
  // all.pdf is put together from the same pages in badge order. Past `volume_letters` letters it
  // is split into volumes (all-001.pdf, …): print shops prefer files of a few thousand pages, and
  // memory then holds two volumes' letters at a time, not the whole run.
  const perVolume = config.letters.volume_letters > 0 ? config.letters.volume_letters : letters.length;
  const volumes: (typeof letters)[] = [];
  for (let i = 0; i < letters.length; i += Math.max(1, perVolume))
    volumes.push(letters.slice(i, i + perVolume));
  const allFiles = volumes.map((_, i) =>
    volumes.length === 1 ? "all.pdf" : `all-${String(i + 1).padStart(3, "0")}.pdf`,
  );
  let done = 0;
  const noBreak = noBreakMatcher(event);
  const keepWhole = keepWholePattern(packsInEffect().values());
  const keepWholeRe = new RegExp(keepWhole, "gu");
  // Letters for everyone: the kind's folder is made anew and replaces the old one when complete
  // (a reprint for a few delegates writes their files in place).
  if (!options.delegates) writer.replaceFolder(dir);
  await mapLimit(volumes, 2, async (volume, v) => {
    const batches = batchByLanguage(volume, LETTERS_PER_COMPILE, (l) => l.delegate.id);
    const cut = new Map<(typeof letters)[number], PagePick>();
    await Promise.all(
      batches.map(async (batch) => {
        const compiled = await ctx.render({
          template: "letters/letter.typ",
          // "Thành phố Hồ Chí Minh" in an address line never splits (typography.no_break).
          data: {
            ...((d) => ({ ...d, letters: d.letters.map((l) => withKeepWhole(l, keepWholeRe)) }))(
              keepPhrases({ theme, lang: batch[0]!.lang, letters: batch.map((l) => l.data) }, noBreak),
            ),
            keep_whole_pattern: keepWhole,
            pdf_title: pdfTitle(event, batch[0]!.lang, kind),
          },
          assets,
          timestamp,
          pieces: true,
          // Letters are sent by email and read on screens, by screen readers too: each one is an
          // accessible PDF (PDF/UA-1), cut from its batch with its part of the structure tree.
          tagged: true,
        });
        const picks = cutPieces(compiled, batch.length, "letters/letter.typ");
        for (const [j, l] of batch.entries()) {
          cut.set(l, picks[j]!);
          await write(l.file, assemblePdf([picks[j]!]));
          pages += picks[j]!.pages.length;
          ctx.onProgress?.(++done, letters.length);
        }
      }),
    );
    // The print file is for the printer: its pages without the structure trees, which for
    // 10,000 letters would be most of its objects.
    const all = assemblePdf(
      volume.map((l) => cut.get(l)!),
      { lang: `(${config.defaultLanguage})`, structure: false },
    );
    await write(allFiles[v]!, all);
    pages += volume.reduce((n, l) => n + cut.get(l)!.pages.length, 0);
  });
  if (letters.length > 0) {
    await write(
      "mailing.csv",
      writeCsv(
        ["id", "name", "email", "language", "file"],
        letters.map((l) => [l.delegate.id, nameIn(l.delegate, "en"), l.delegate.email ?? "", l.lang, l.file]),
      ),
    );
  }
  if (!options.delegates) await writer.commitFolder(dir, "letters");
  const n = letters.length;
  // Errors leave a delegate out (no passport data); a warning's letter is made (in another language).
  const leftOut = problems.filter((p) => p.severity === "error").length;
  const other = problems.length - leftOut;
  const notes = [
    hostNationals ? `${hostNationals} ${config.country} nationals need no visa` : "",
    exempt ? `${exempt} exempt by letters.visa.exemptions` : "",
    leftOut ? `${leftOut} delegate${leftOut === 1 ? "" : "s"} left out, see below` : "",
    other ? `${other} warning${other === 1 ? "" : "s"} below` : "",
  ].filter(Boolean);
  return {
    material: "letters",
    files,
    pages,
    bytes,
    seconds: (performance.now() - started) / 1000,
    summary: `${n} ${kind} letter${n === 1 ? "" : "s"}${notes.length ? ` (${notes.join("; ")})` : ""} → ${path.join(writer.root, dir)}`,
    problems,
  };
}
