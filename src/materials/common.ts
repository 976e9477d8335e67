import { UserError } from "../errors.js";
import { type ByLanguage, byLanguage } from "../model/i18n.js";
import { pick } from "../model/names.js";
import type { Event } from "../model/types.js";
import { type PagePick, PdfSource } from "../render/pdf-assemble.js";
import { type CompiledPdf, TemplateError } from "../render/typst.js";
import type { Language } from "../schema/fields.js";
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
 * Pieces (letters, personal agendas) grouped into batches of one language, keeping their order
 * within a language. One language per batch keeps each batch's font subset small, and with it
 * every file cut from the batch.
 *
 * The boundaries are content-defined: a batch ends after a piece whose key (the delegate's id)
 * hashes to 0 modulo `size`, so batches hold `size` pieces on average, and at most `3 × size`
 * (past that, 5 % of batches, one is cut by count). A delegate added or removed then changes the
 * one or two batches around it, not every later batch as counting from the start would: the
 * other batches keep their data, and with it their fingerprint (src/build/state.ts). The
 * boundaries depend on the pieces alone, so a clean build batches exactly as a rebuild does.
 */
export function batchByLanguage<T extends { lang: string }>(
  pieces: readonly T[],
  size: number,
  keyOf: (piece: T) => string,
): T[][] {
  const open = new Map<string, T[]>();
  const batches: T[][] = [];
  const cap = Math.max(1, size * 3);
  for (const p of pieces) {
    let batch = open.get(p.lang);
    if (!batch) {
      batch = [];
      open.set(p.lang, batch);
      batches.push(batch);
    }
    batch.push(p);
    if (batch.length >= cap || boundaryHash(keyOf(p)) % Math.max(1, size) === 0) open.delete(p.lang);
  }
  return batches;
}

/**
 * FNV-1a (32 bits) of a string's UTF-16 units, then MurmurHash3's finaliser: FNV alone leaves
 * its low bits (what `% 16` reads) depending on the keys' low bits only. Cheap, and stable
 * across runs and platforms.
 */
function boundaryHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
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

/** What each conclave PDF is, in its Title metadata (the badges name theirs in their own words). */
export type PdfKind =
  | "programme"
  | "agenda"
  | "invitation"
  | "visa"
  | "plan"
  | "cards"
  | "list"
  | "poster"
  | "protocol"
  | "caterer"
  | "expected";

/** From each language's pack (labels.pdf). */
const PDF_KINDS: ByLanguage<Record<PdfKind, string>> = byLanguage((l) => l.pdf);

/**
 * The PDF's Title (document information; templates/lib/theme.typ sets it from `pdf_title`):
 * "CICON 2023 — Floor plan · Gala banquet", as badges do. Viewers show it in the title bar and
 * print queues list it, where a file name alone says little.
 */
export function pdfTitle(event: Event, lang: Language, kind: PdfKind, detail?: string): string {
  const { config } = event;
  const name = config.short_name ?? pick(config.name, lang, config.defaultLanguage) ?? "";
  return `${name} — ${PDF_KINDS(lang)[kind]}${detail ? ` · ${detail}` : ""}`;
}
