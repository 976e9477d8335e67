import path from "node:path";
import { CHECKIN_WORDS, expectedSections } from "../../checkin/expected.js";
import { loadPrivateKey, loadRevisions } from "../../checkin/keys.js";
import { checkinFiles } from "../../checkin/outputs.js";
import { UserError } from "../../errors.js";
import { confine } from "../../load/confine.js";
import { CATEGORY_LABELS } from "../../model/i18n.js";
import type { OutputWriter } from "../../output/writer.js";
import { assemblePdf, PdfSource } from "../../render/pdf-assemble.js";
import { pdfTimestamp } from "../../render/typst.js";
import { mapLimit } from "../../util/limit.js";
import { pdfTitle, themeOf } from "../common.js";
import type { MaterialContext, MaterialResult } from "../context.js";

/** The files of out/checkin/ this material makes (and removes when the codes are no longer signed). */
const CHECKIN_FILE = /^checkin\/(checkin\.(csv|json|html)|expected\.[a-z-]+\.pdf)$/;

/**
 * Removes the check-in files this run did not make: a language the event no longer has, or
 * every one of them when the codes are no longer signed. Those an earlier version of conclave
 * wrote as a part of the badges are listed under that material.
 */
export function completeCheckin(writer: OutputWriter): void {
  for (const material of ["checkin", "badges"]) writer.complete(material, (p) => CHECKIN_FILE.test(p));
}

/**
 * `conclave checkin lists` (and `build`, when badge.qr is signed): what the door needs beside the
 * badges, in out/checkin/: checkin.csv, checkin.json and checkin.html for check-in apps and the
 * laptop at the door, and who is expected at each door in each language (expected.<lang>.pdf).
 * A material of its own, not a part of the badge run: the lists change with every registration
 * and change of programme until the night before, long after the badges are printed, and at
 * 100,000 delegates they are most of a signed build's time (docs/checkin.md).
 */
export async function makeCheckin(ctx: MaterialContext): Promise<MaterialResult> {
  const started = performance.now();
  const { event } = ctx;
  if (event.config.badge.qr !== "signed")
    throw new UserError(
      "check-in lists are made for signed badge codes, and this event's badges carry none (badge.qr)",
      "Run `conclave keys init` in the event folder and set `badge: { qr: signed }` in event.yaml, then build the badges and the check-in lists.",
    );
  const c = ctx.confinement ?? confine(ctx.eventDir, []);
  const files = checkinFiles(event, loadPrivateKey(c, ctx.eventDir), loadRevisions(c));
  let bytes = 0;
  let count = 0;
  let pages = 0;
  for (const [name, text] of [
    ["checkin/checkin.csv", files.csv],
    ["checkin/checkin.json", files.json],
    ["checkin/checkin.html", files.html],
  ] as const) {
    bytes += (await ctx.writer.write(name, text, "checkin")).size;
    count++;
  }
  // Who is expected at each door, in each of the event's languages: a compile per day and
  // entrance (at 100,000 delegates one document per language held 2 GB in the workers), the
  // sections' pages then put together into one file per language.
  const timestamp = pdfTimestamp(event.config.start, process.env);
  const theme = themeOf(event, ctx.fontFamilies);
  const languages = event.config.languages;
  let done = 0;
  const listed: string[] = [];
  for (const lang of languages) {
    const sections = expectedSections(event, lang, (d) => CATEGORY_LABELS(lang)[d.category]);
    if (sections.length === 0) continue;
    listed.push(lang);
    const data = {
      theme,
      lang,
      event: pdfTitle(event, lang, "expected"),
      pdf_title: pdfTitle(event, lang, "expected"),
      words: CHECKIN_WORDS(lang),
    };
    const compiled = await mapLimit(sections, Math.max(1, ctx.workers ?? 2) * 2, (section) =>
      ctx.render({ template: "checkin-expected.typ", data: { ...data, sections: [section] }, timestamp }),
    );
    const pdf = assemblePdf(
      compiled.map((c) => {
        const source = new PdfSource(c.pdf);
        return { source, pages: source.pages.map((_, k) => k) };
      }),
      { lang },
    );
    pages += compiled.reduce((n, c) => n + c.pages, 0);
    bytes += (await ctx.writer.write(`checkin/expected.${lang}.pdf`, pdf, "checkin")).size;
    count++;
    ctx.onProgress?.(++done, languages.length);
  }
  completeCheckin(ctx.writer);
  const people = event.delegates.length;
  return {
    material: "checkin",
    files: count,
    pages,
    bytes,
    seconds: (performance.now() - started) / 1000,
    summary: `${people.toLocaleString("en")} delegate${people === 1 ? "" : "s"} for check-in apps and the door's page; ${listed.length > 0 ? `who is expected at each door in ${listed.join(", ")}` : "no list of who is expected (no session lists its attendees)"} → ${path.join(ctx.writer.root, "checkin")}`,
  };
}
