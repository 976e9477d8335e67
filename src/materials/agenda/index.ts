import { createHash } from "node:crypto";
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
import { scheduleFiles } from "./schedule.js";
import { writeSite } from "./site/index.js";
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
  /**
   * The programme site (out/site/): `true` makes the site alone (`conclave agenda --site`), `false`
   * leaves it out (`--no-site`); by default it is made with everything else.
   */
  site?: boolean;
  /** Also a large-print programme per language (`--large-print`; default: agenda.large_print). */
  largePrint?: boolean;
}

/** Parses "ko+en" into two event languages, naming what is wrong otherwise. */
export function parseBilingual(value: string, languages: readonly Language[]): [Language, Language] {
  const parts = value.split("+").map((s) => s.trim());
  // A language with a pack: conclave's, or one of the event's languages (whose pack is its own).
  const ok = (l: string): l is Language => LANGUAGES.includes(l) || languages.includes(l);
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
  const pdfName = ([l, l2]: [Language, Language | undefined]) =>
    l2 ? `programme.${l}-${l2}.pdf` : `programme.${l}.pdf`;
  // Only the site (`agenda --site`): no programme to compile.
  const programmes =
    options.site === true ? [] : editions.map(([l, l2]) => planProgramme(event, l, plan, l2));
  // Large print: one more edition per language, A4 in one column at 16 pt (docs/agenda.md).
  const largePrint = options.largePrint ?? config.agenda.large_print;
  const large = largePrint
    ? programmes.slice(0, config.languages.length).map((p) => ({ ...p, paper: "a4" as const, large: true }))
    : [];
  // The programmes are the longest compiles of the material (seconds each at 2,000 sessions): they
  // go to the pool first and compile while this thread makes the site and plans the personal
  // agendas, whose batches fill the other workers; their files are written at the end.
  const compiling = Promise.all(
    [...programmes, ...large].map((data) =>
      ctx.render({
        template: "programme.typ",
        data: {
          ...keepPhrases(data, noBreak),
          pdf_title: pdfTitle(event, data.lang, "programme"),
        },
        assets,
        timestamp,
        // The programme is read on screens too, by screen readers: an accessible PDF (PDF/UA-1).
        tagged: true,
      }),
    ),
  );
  // Awaited below; until then a failure must not count as unhandled.
  compiling.catch(() => {});
  let siteSummary = "";
  if (options.site !== false) {
    const site = await writeSite(
      event,
      writer,
      {
        pdfs: editions.map((e) => ({ langs: e[1] ? [e[0], e[1]] : [e[0]], file: pdfName(e) })),
        calendar: "programme.ics",
      },
      theme,
    );
    files += site.files;
    bytes += site.bytes;
    const darkened = site.darkened.length > 0 ? `; for contrast ${site.darkened.join(", ")}` : "";
    siteSummary = `site (${site.pages} pages${darkened}) → ${path.join(writer.root, "site")}`;
  }
  if (options.site === true) {
    return {
      material: "agenda",
      files,
      pages,
      bytes,
      seconds: (performance.now() - started) / 1000,
      summary: siteSummary,
    };
  }
  const writeProgrammes = async () => {
    for (const [i, c] of (await compiling).entries()) {
      const edition = editions[i];
      await write(
        edition ? pdfName(edition) : `programme.${config.languages[i - editions.length]}.large-print.pdf`,
        c.pdf,
      );
      pages += c.pages;
    }
  };
  const single = programmes.slice(0, config.languages.length);
  const stamp = timestamp * 1000;
  await write("programme.md", programmeMarkdown(single[0]!));
  await write("programme.json", programmeJson(single));
  await write("programme.ics", renderIcs(calendarOf(event, event.sessions, config.defaultLanguage, stamp)));
  const schedule = scheduleFiles(event);
  await write("schedule.xml", schedule.xml);
  await write("schedule.json", schedule.json);

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
    // After a build that remembered its files (src/build/state.ts), the files of delegates whose
    // inputs did not change are neither cut nor written again, and the others are written in
    // place; otherwise (a first build, --full) the folder is made anew and replaces the old one.
    const memory = ctx.outputs;
    const inPlace = memory !== undefined && (wantedIds !== undefined || memory.remembers("agenda/personal"));
    // Only a file the manifest lists can be kept: it stays listed as the previous build made it.
    const listed = new Map(inPlace ? writer.files.map((f) => [f.path, f.sha256]) : []);
    const kept = new Set<string>();
    const keep = (rel: string, key: string): { pages?: number } | undefined => {
      if (!memory || !listed.has(rel)) return undefined;
      const found = memory.recall(rel, key, listed.get(rel));
      if (!found) return undefined;
      memory.note(rel, key, found.pages);
      kept.add(rel);
      files++;
      bytes += found.size;
      return found;
    };
    const save = async (rel: string, key: string, data: Uint8Array | string, filePages?: number) => {
      // A piece of a batch compiled again (a neighbour changed) may still come out the same.
      const content = typeof data === "string" ? Buffer.from(data) : data;
      if (
        memory &&
        inPlace &&
        listed.get(rel) === createHash("sha256").update(content).digest("hex") &&
        memory.intact(rel, listed.get(rel))
      ) {
        memory.note(rel, key, filePages);
        kept.add(rel);
        files++;
        bytes += content.byteLength;
        return;
      }
      await write(rel.slice("agenda/".length), data);
      memory?.note(rel, key, filePages);
    };
    if (!wantedIds && !inPlace) writer.replaceFolder("agenda/personal");
    await mapLimit(batches, 4, async (batch) => {
      const agendas = batch.map(({ d, lang }) => {
        const sessions = byDelegate.get(d.id) ?? [];
        const raw = ctx.tables?.get(d.id);
        const table = raw === "head" ? SEATING_WORDS(lang).head : raw;
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
      const job = {
        template: "personal-agenda.typ",
        data: {
          ...keepPhrases(personalBatch(agendas.map((a) => a.data)), noBreak),
          pdf_title: pdfTitle(event, batch[0]!.lang, "agenda"),
        },
        assets: {},
        timestamp,
        pieces: true,
        // Sent to each delegate and read on phones and by screen readers: an accessible PDF
        // (PDF/UA-1), cut from its batch with its part of the structure tree, as letters are.
        tagged: true,
      };
      // A piece's bytes follow from the whole batch's compile (the pieces share its fonts and
      // other resources), so a PDF's key is the batch's fingerprint and the piece's place in it; a calendar's is
      // its own text.
      const batchKey = memory?.fingerprint(job) ?? "";
      const names = agendas.map((a) => `agenda/personal/${delegateFileName(event, a.d.id)}`);
      const pdfKeys = agendas.map((_, j) => `${batchKey} ${j}`);
      const keptPdfs = names.map((name, j) => (inPlace ? keep(`${name}.pdf`, pdfKeys[j]!) : undefined));
      for (const [j, a] of agendas.entries()) {
        const text = calendar(a.sessions, a.lang, a.data.delegate.latin);
        const key = createHash("sha256").update(text).digest("hex");
        if (!(inPlace && keep(`${names[j]}.ics`, key))) await save(`${names[j]}.ics`, key, text);
      }
      if (keptPdfs.every((k) => k !== undefined)) {
        // Every PDF of the batch is in out/ as it would be cut again: no compile, no cut.
        memory?.retain(batchKey, job.template);
        for (const k of keptPdfs) pages += k.pages ?? 0;
      } else {
        const compiled = await ctx.render(job);
        const picks = cutPieces(compiled, agendas.length, job.template);
        for (const [j, pick] of picks.entries()) {
          const k = keptPdfs[j];
          if (k) pages += k.pages ?? 0;
          else {
            await save(`${names[j]}.pdf`, pdfKeys[j]!, assemblePdf([pick]), pick.pages.length);
            pages += pick.pages.length;
          }
        }
      }
      for (let j = 0; j < agendas.length; j++) ctx.onProgress?.(++done, people.length);
    });
    if (!wantedIds && !inPlace) await writer.commitFolder("agenda/personal", "agenda");
    // Written in place: the files of delegates no longer in the event go, the kept ones stay.
    if (!wantedIds && inPlace)
      writer.complete("agenda", (p) => p.startsWith("agenda/personal/") && !kept.has(p));
  }
  await writeProgrammes();
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
    summary: `programme (${langs}), ${personal} personal agenda${personal === 1 ? "" : "s"}, calendars → ${path.join(writer.root, "agenda")}${siteSummary ? `; ${siteSummary}` : ""}`,
  };
}
