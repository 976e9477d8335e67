import path from "node:path";
import { UserError } from "../../errors.js";
import { delegateFileName } from "../../output/file-names.js";
import { renderIcs } from "../../render/ics.js";
import { assemblePdf } from "../../render/pdf-assemble.js";
import { pdfTimestamp } from "../../render/typst.js";
import { LANGUAGES, type Language } from "../../schema/fields.js";
import { mapLimit } from "../../util/limit.js";
import { batchByLanguage, cutPieces, pdfTitle, requireDelegates, themeOf } from "../common.js";
import type { MaterialContext, MaterialResult } from "../context.js";
import { placeLogo } from "../logo.js";
import { SEATING_WORDS } from "../seating/words.js";
import { loadImage, loadLogo } from "../shared.js";
import { keepPhrases, noBreakMatcher } from "../typography.js";
import { calendarOf, personalCalendars } from "./calendar.js";
import { mainVenue, personalBatch, planPersonal, planProgramme, sessionsByDelegate } from "./plan.js";
import { programmeJson, programmeMarkdown } from "./web.js";

/** Personal agendas compiled together before being cut apart (see makeAgenda). */
const AGENDAS_PER_COMPILE = 16;

export interface AgendaCliOptions {
  /** "ko+en": a bilingual edition, the first language on top. */
  bilingual?: string;
  delegates?: string[];
  /** Personal agendas in this language for everyone, instead of each delegate's own. */
  lang?: Language;
  /** Leave out the personal agendas (programme files only). */
  personal?: boolean;
}

/** Parses "ko+en" into two event languages, naming what is wrong otherwise. */
export function parseBilingual(value: string, languages: readonly Language[]): [Language, Language] {
  const parts = value.split("+").map((s) => s.trim());
  const ok = (l: string): l is Language => (LANGUAGES as readonly string[]).includes(l);
  if (parts.length !== 2 || !ok(parts[0]!) || !ok(parts[1]!) || parts[0] === parts[1]) {
    throw new UserError(
      `--bilingual "${value}" is not a pair of languages`,
      "Write two different language codes joined by +, such as ko+en.",
    );
  }
  for (const l of parts) {
    if (!languages.includes(l as Language))
      throw new UserError(
        `--bilingual: ${l} is not one of the event's languages (${languages.join(", ")})`,
        "Add it to languages: in event.yaml, or choose another pair.",
      );
  }
  return [parts[0] as Language, parts[1] as Language];
}

/**
 * `conclave agenda`: the programme PDF per language (and a bilingual edition), the programme as
 * ICS, Markdown and JSON, and each delegate's personal agenda as PDF and ICS.
 */
export async function makeAgenda(
  ctx: MaterialContext,
  options: AgendaCliOptions = {},
): Promise<MaterialResult> {
  const started = performance.now();
  const { event, writer } = ctx;
  const { config } = event;
  const logo = await loadLogo(ctx, config.branding.logo);
  const onWhite = await loadImage(
    ctx,
    "branding.logo_on_white",
    config.branding.logo_on_white,
    "logo-on-white",
  );
  const assets: Record<string, Uint8Array> = {};
  for (const image of [logo, onWhite]) if (image) assets[image.path] = image.bytes;
  const timestamp = pdfTimestamp(config.start, process.env);
  const theme = themeOf(event, ctx.fontFamilies);
  // The cover is the event's primary colour: the logo goes on a plate only where that would hide part of it.
  const placement = logo
    ? placeLogo({ logo, onWhite, ground: theme.primary, primary: theme.primary })
    : undefined;
  // "Việt Nam", "Hồ Chí Minh": no-break spaces in what the PDFs print, not in the web files.
  const noBreak = noBreakMatcher(event);
  const plan = { fonts: ctx.fontFamilies, ...(placement ? { logo: placement } : {}) };
  const bilingualText = options.bilingual ?? config.agenda.bilingual;
  const pair = bilingualText ? parseBilingual(bilingualText, config.languages) : undefined;
  const wantedIds = options.delegates;
  requireDelegates(event, wantedIds);
  let files = 0;
  let pages = 0;
  let bytes = 0;
  const write = async (file: string, data: Uint8Array | string) => {
    const entry = await writer.write(`agenda/${file}`, data, "agenda");
    files++;
    bytes += entry.size;
  };

  // The programme: one PDF per language and the bilingual edition, compiled in parallel.
  const editions: [Language, Language | undefined][] = config.languages.map((l) => [l, undefined]);
  if (pair) editions.push(pair);
  const programmes = editions.map(([l, l2]) => planProgramme(event, l, plan, l2));
  const compiled = await Promise.all(
    programmes.map((data, i) =>
      ctx.render({
        template: "programme.typ",
        data: { ...keepPhrases(data, noBreak), pdf_title: pdfTitle(event, editions[i]![0], "programme") },
        assets,
        timestamp,
      }),
    ),
  );
  for (const [i, c] of compiled.entries()) {
    const [l, l2] = editions[i]!;
    await write(l2 ? `programme.${l}-${l2}.pdf` : `programme.${l}.pdf`, c.pdf);
    pages += c.pages;
  }
  const single = programmes.slice(0, config.languages.length);
  const stamp = timestamp * 1000;
  await write("programme.md", programmeMarkdown(single[0]!));
  await write("programme.json", programmeJson(single));
  await write("programme.ics", renderIcs(calendarOf(event, event.sessions, config.defaultLanguage, stamp)));

  // Personal agendas, a PDF and an ICS per delegate. The PDFs are compiled in batches of one
  // language and cut into one file per delegate (src/render/pdf-assemble.ts): one compile of 16
  // agendas costs about what two single ones do. Batches go to the pool a few at a time, so
  // memory holds a few batches, not 10,000 agendas.
  if (options.personal !== false) {
    const byDelegate = sessionsByDelegate(event);
    const people = wantedIds ? wantedIds.map((id) => event.delegateById.get(id)!) : event.delegates;
    const batches = batchByLanguage(
      people.map((d) => ({ d, lang: options.lang ?? d.language })),
      AGENDAS_PER_COMPILE,
      (p) => p.d.id,
    );
    const calendar = personalCalendars(event, stamp);
    const main = mainVenue(event);
    let done = 0;
    // Every delegate's agenda: the folder is made anew and replaces the old one when complete.
    if (!wantedIds) writer.replaceFolder("agenda/personal");
    await mapLimit(batches, 4, async (batch) => {
      const agendas = batch.map(({ d, lang }) => {
        const sessions = byDelegate.get(d.id) ?? [];
        const raw = ctx.tables?.get(d.id);
        const table = raw === "head" ? SEATING_WORDS[lang].head : raw;
        return {
          d,
          sessions,
          lang,
          data: planPersonal(event, d, sessions, {
            ...plan,
            lang,
            ...(main ? { mainVenue: main } : {}),
            ...(table ? { table } : {}),
          }),
        };
      });
      const compiled = await ctx.render({
        template: "personal-agenda.typ",
        data: {
          ...keepPhrases(personalBatch(agendas.map((a) => a.data)), noBreak),
          pdf_title: pdfTitle(event, batch[0]!.lang, "agenda"),
        },
        assets: {},
        timestamp,
        pieces: true,
      });
      const picks = cutPieces(compiled, agendas.length, "personal-agenda.typ");
      for (const [j, a] of agendas.entries()) {
        const name = delegateFileName(event, a.d.id);
        await write(`personal/${name}.ics`, calendar(a.sessions, a.lang, a.data.delegate.latin));
        await write(`personal/${name}.pdf`, assemblePdf([picks[j]!]));
        pages += picks[j]!.pages.length;
        ctx.onProgress?.(++done, people.length);
      }
    });
    if (!wantedIds) await writer.commitFolder("agenda/personal", "agenda");
  }
  // The programme files are made in every run: one of a language the event no longer has goes.
  writer.complete("agenda", (p) => /^agenda\/[^/]+$/.test(p));
  const langs = editions.map(([l, l2]) => (l2 ? `${l}+${l2}` : l)).join(", ");
  const personal = options.personal === false ? 0 : (wantedIds?.length ?? event.delegates.length);
  return {
    material: "agenda",
    files,
    pages,
    bytes,
    seconds: (performance.now() - started) / 1000,
    summary: `programme (${langs}), ${personal} personal agenda${personal === 1 ? "" : "s"}, calendars → ${path.join(writer.root, "agenda")}`,
  };
}
