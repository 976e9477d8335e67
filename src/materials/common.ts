import { UserError } from "../errors.js";
import type { Event } from "../model/types.js";
import { type PagePick, PdfSource } from "../render/pdf-assemble.js";
import { type CompiledPdf, TemplateError } from "../render/typst.js";
import { closest } from "../util/suggest.js";

/** The colours and fonts every template's `lib/theme.typ` reads. */
export interface Theme {
  primary: string;
  secondary: string;
  fonts: readonly string[];
}

/** The event's branding, with conclave's defaults where event.yaml sets none. */
export function themeOf(event: Event, fonts: readonly string[]): Theme {
  return {
    primary: event.config.branding.primary ?? "#1f4e79",
    secondary: event.config.branding.secondary ?? "#c8a24a",
    fonts,
  };
}

/** `--delegates`: every id must exist; the first unknown one gets a "did you mean". */
export function requireDelegates(event: Event, ids: readonly string[] | undefined): void {
  if (!ids || ids.length === 0) return;
  const unknown = ids.filter((id) => !event.delegateById.has(id));
  if (unknown.length === 0) return;
  const guess = closest(unknown[0]!, event.delegateById.keys());
  throw new UserError(
    `--delegates: no delegate with id ${unknown.join(", ")}`,
    guess ? `Did you mean ${guess}?` : "Use ids from the id column of delegates.csv.",
  );
}

/**
 * Pieces (letters, personal agendas) grouped into batches of one language, at most `size` each,
 * keeping their order within a language. One language per batch keeps each batch's font subset
 * small, and with it every file cut from the batch.
 */
export function batchByLanguage<T extends { lang: string }>(pieces: readonly T[], size: number): T[][] {
  const open = new Map<string, T[]>();
  const batches: T[][] = [];
  for (const p of pieces) {
    let batch = open.get(p.lang);
    if (!batch || batch.length >= size) {
      batch = [];
      open.set(p.lang, batch);
      batches.push(batch);
    }
    batch.push(p);
  }
  return batches;
}

/**
 * The pages of each piece of a batch compiled with `pieces: true`, ready for assemblePdf. A
 * template that does not mark its pieces (an edited copy without `piece-start`) is a template
 * error the user can fix, not a crash.
 */
export function cutPieces(compiled: CompiledPdf, count: number, template: string): PagePick[] {
  const starts = compiled.starts ?? [];
  const ok =
    starts.length === count &&
    starts.every(
      (s, i) => Number.isInteger(s) && s >= 1 && s <= compiled.pages && (i === 0 || s > starts[i - 1]!),
    );
  if (!ok)
    throw new TemplateError(
      [
        {
          file: compiled.file ?? `templates/${template}`,
          line: 0,
          column: 0,
          message: `the template marked ${starts.length} piece starts for ${count} pieces`,
        },
      ],
      "Keep `piece-start` at the top of each piece and `piece-starts` at the end (templates/lib/pieces.typ).",
    );
  const source = new PdfSource(compiled.pdf);
  return starts.map((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : compiled.pages;
    const pages: number[] = [];
    for (let p = s; p <= end; p++) pages.push(p - 1);
    return { source, pages };
  });
}
