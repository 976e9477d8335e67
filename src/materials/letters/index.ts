import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeCsv } from "../../csv/write.js";
import { UserError } from "../../errors.js";
import { latinName } from "../../model/names.js";
import { pdfTimestamp } from "../../render/typst.js";
import type { Language } from "../../schema/fields.js";
import { mapLimit } from "../../util/limit.js";
import { loadLogo } from "../badges/index.js";
import { sortDelegates } from "../badges/plan.js";
import type { MaterialContext, MaterialResult } from "../index.js";
import { type LetterKind, planLetters } from "./plan.js";

export interface LetterCliOptions {
  kind?: LetterKind;
  lang?: Language;
  delegates?: string[];
  dryRun?: boolean;
}

const IMAGE = /\.(svg|png|jpe?g|gif)$/i;

/** The signatory's signature image from event.yaml, as a virtual file for the template. */
async function loadSignature(eventDir: string, file: string | undefined, kind: LetterKind) {
  if (!file) return undefined;
  const setting = `letters.${kind}.signatory.signature`;
  if (!IMAGE.test(file)) throw new UserError(`${setting}: ${file} is not an SVG, PNG, JPEG or GIF file`);
  const bytes = await readFile(path.resolve(eventDir, file)).catch(() => {
    throw new UserError(`${setting}: ${file} does not exist`, "The path is relative to the event folder.");
  });
  return { path: `/assets/signature${path.extname(file).toLowerCase()}`, bytes: new Uint8Array(bytes) };
}

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
  if (options.delegates) {
    const unknown = options.delegates.filter((id) => !event.delegateById.has(id));
    if (unknown.length > 0)
      throw new UserError(
        `--delegates: no delegate with id ${unknown.join(", ")}`,
        "Use ids from delegates.csv.",
      );
  }
  const logo = await loadLogo(ctx.eventDir, config.letters.letterhead.logo ?? config.branding.logo);
  const signature = await loadSignature(ctx.eventDir, config.letters[kind].signatory?.signature, kind);
  const order = sortDelegates(event.delegates, config.badge.sort, config.defaultLanguage);
  const { letters, problems, hostNationals } = planLetters(event, {
    kind,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.delegates ? { ids: options.delegates } : {}),
    ...(logo ? { logo: logo.path } : {}),
    ...(signature ? { signature: signature.path } : {}),
    order,
  });
  const dir = `letters/${kind}`;
  if (options.dryRun) {
    const lines = letters.map((l) => `${dir}/${l.file}  (${l.lang})`);
    if (letters.length > 0) lines.push(`${dir}/all.pdf`, `${dir}/mailing.csv`);
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
  if (logo) assets[logo.path] = logo.bytes;
  if (signature) assets[signature.path] = signature.bytes;
  const timestamp = pdfTimestamp(config.start, process.env);
  const theme = {
    primary: config.branding.primary ?? "#12355b",
    secondary: config.branding.secondary ?? "#c8102e",
    fonts: ctx.fontFamilies,
  };
  let files = 0;
  let pages = 0;
  let bytes = 0;
  const write = async (file: string, data: Uint8Array | string) => {
    const entry = await writer.write(`${dir}/${file}`, data, "letters");
    files++;
    bytes += entry.size;
  };
  // all.pdf is one long document: it compiles in the pool while the single letters do.
  const all =
    letters.length > 0
      ? ctx.render({
          template: "letters/letter.typ",
          data: { theme, lang: config.defaultLanguage, letters: letters.map((l) => l.data) },
          assets,
          timestamp,
        })
      : undefined;
  let done = 0;
  await mapLimit(letters, 16, async (l) => {
    const pdf = await ctx.render({
      template: "letters/letter.typ",
      data: { theme, lang: l.lang, letters: [l.data] },
      assets,
      timestamp,
    });
    await write(l.file, pdf.pdf);
    pages += pdf.pages;
    ctx.onProgress?.(++done, letters.length);
  });
  if (all) {
    const pdf = await all;
    await write("all.pdf", pdf.pdf);
    pages += pdf.pages;
    await write(
      "mailing.csv",
      writeCsv(
        ["id", "name", "email", "language", "file"],
        letters.map((l) => [l.delegate.id, latinName(l.delegate), l.delegate.email ?? "", l.lang, l.file]),
      ),
    );
  }
  const n = letters.length;
  const notes = [
    hostNationals ? `${hostNationals} ${config.country} nationals need no visa` : "",
    problems.length
      ? `${problems.length} delegate${problems.length === 1 ? "" : "s"} left out, see below`
      : "",
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
