import { type DecodeResult, decodeBytes, ENCODINGS, type Encoding } from "../csv/decode.js";
import { discardCsvThread, prepareCsvThread } from "../csv/pipeline.js";
import { type Diagnostic, diag, sortDiagnostics } from "../diagnostics.js";
import { builtinPacks } from "../i18n/builtin.js";
import { countryFormsOf } from "../i18n/country-forms.js";
import type { LanguagePacks } from "../i18n/packs.js";
import { buildEvent } from "../model/build.js";
import type { Event } from "../model/types.js";
import { delegatesSpec, toDelegateRow } from "../schema/delegates.js";
import type { EventConfig } from "../schema/event.js";
import { LANGUAGES } from "../schema/fields.js";
import { type SeatingRow, seatingSpec, toSeatingRow } from "../schema/seating.js";
import { sessionsSpec, toSessionRow } from "../schema/sessions.js";
import { scanTable, type TableRow, type TableSpec } from "../schema/table.js";
import { toVenueRow, venuesSpec } from "../schema/venues.js";
import { type GlyphCoverage, glyphChecks } from "./glyphs.js";
import { checkIds } from "./ids.js";
import { checkKoreanNames } from "./korean-names.js";
import { checkLogoContrast, type LogoFiles } from "./logo.js";
import { packGlyphs } from "./pack-glyphs.js";
import { checkReferences } from "./references.js";
import { checkCapacity, checkSchedule } from "./schedule.js";
import { checkSeatingRows } from "./seating.js";
import type { EventTables } from "./tables.js";
import { legacyVietnameseCheck, nameLettersCheck, type RowCheck } from "./text.js";
import { checkTranslations } from "./translations.js";

export type TableKey = "delegates" | "venues" | "sessions";
export const TABLE_SPECS: Record<TableKey, TableSpec> = {
  delegates: delegatesSpec,
  venues: venuesSpec,
  sessions: sessionsSpec,
};

/** One CSV file as read from disk: its bytes, or null when it does not exist. */
export interface FileInput {
  /** Name relative to the event folder, as shown in diagnostics. */
  name: string;
  bytes: Uint8Array | null;
}

export interface CheckInput {
  config: EventConfig;
  /** The three files every event has, and seating.csv when it exists (optional). */
  files: Record<TableKey, FileInput> & { seating?: FileInput };
  /** The bytes of branding.logo and logo_on_white for the logo-contrast check; without them it is skipped. */
  logos?: LogoFiles;
  /** Fonts' coverage for the missing-glyph check; without it the check is skipped. */
  coverage?: GlyphCoverage;
  /** The language packs (src/i18n/packs.ts): their errors, and warnings of the languages the event prints. */
  packs?: Pick<LanguagePacks, "diagnostics"> & Partial<Pick<LanguagePacks, "entries" | "files">>;
  /** Build the Event when the data is valid (default true); `validate` alone does not need it. */
  buildModel?: boolean;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** How each file was decoded. */
  encodings: Partial<Record<TableKey, Encoding>>;
  tables: EventTables;
  /** The resolved event, present only when there are no errors. */
  event?: Event;
  rowCounts: Record<TableKey, number>;
}

/**
 * A broken pack file is an error whatever it is for; a missing translation matters only in a
 * language the event prints.
 */
function packDiagnostics(input: CheckInput): Diagnostic[] {
  const used = new Set<string>(input.config.languages);
  return (input.packs?.diagnostics ?? []).filter(
    (d) => d.severity === "error" || used.has(d.file.replace(/^.*\//, "").replace(/\.yaml$/, "")),
  );
}

/**
 * The whole validation, as one pure function: bytes of the three files → every diagnostic, and
 * the Event when the data is usable. Never stops at the first problem.
 */
export function checkEvent(input: CheckInput): CheckResult {
  // A large file is read in a second thread (src/csv/pipeline.ts): started now, it loads while
  // this thread decodes, instead of after.
  prepareCsvThread(Math.max(0, ...Object.values(input.files).map((f) => f?.bytes?.length ?? 0)));
  try {
    return checkEventNow(input);
  } finally {
    discardCsvThread();
  }
}

function checkEventNow(input: CheckInput): CheckResult {
  const { config } = input;
  const dateOrder = config.locale?.date_order;
  // A language column may name any language with a pack, conclave's or the event's own.
  const languages = [...new Set([...LANGUAGES, ...(input.packs?.entries?.map((e) => e.language) ?? [])])];
  const countryForms = countryFormsOf(
    input.packs?.entries?.map((e) => e.pack) ?? [...builtinPacks().values()],
  );
  const diagnostics: Diagnostic[] = [];
  const encodings: Partial<Record<TableKey, Encoding>> = {};
  const glyphs = input.coverage ? glyphChecks(input.coverage) : undefined;

  /**
   * One file, row by row: each row's text is checked and the row turned into its record as soon
   * as it is read, so only the records stay in memory.
   */
  const readRows = <T>(
    spec: TableSpec,
    name: string,
    decoded: { text: string; utf8?: Uint8Array },
    key: TableKey | "seating",
    convert: (row: TableRow) => T,
  ) => {
    const checks: RowCheck[] = [legacyVietnameseCheck(spec), nameLettersCheck(spec)];
    if (glyphs) checks.push(glyphs(spec));
    const records: T[] = [];
    const table = scanTable(
      spec,
      name,
      // Read only when the bytes are not the text (src/csv/decode.ts decodes it on demand).
      () => decoded.text,
      config.columns[key] ?? {},
      (row) => {
        for (const check of checks) check(row, diagnostics);
        records.push(convert(row));
      },
      dateOrder ? { dateOrder, languages, countryForms } : { languages, countryForms },
      decoded.utf8,
    );
    diagnostics.push(...table.diagnostics);
    return records;
  };

  const readFile = <T>(key: TableKey, convert: (row: TableRow) => T): T[] => {
    const spec = TABLE_SPECS[key];
    const { name, bytes } = input.files[key];
    if (bytes === null) {
      diagnostics.push(
        diag(
          "file-not-found",
          "error",
          { file: name },
          `${name} does not exist`,
          `Create it with the header row (conclave init writes one), or point files.${key} in event.yaml at the right file.`,
        ),
      );
      return [];
    }
    const decoded = decodeBytes(bytes, config.encodings[key]);
    if (!decoded.ok) {
      diagnostics.push(
        diag(
          "encoding-error",
          "error",
          { file: name, line: decoded.line, column: decoded.column },
          decoded.message,
          'Save the file from your spreadsheet as "CSV UTF-8 (comma delimited)", or name its encoding under encodings: in event.yaml.',
        ),
      );
      return [];
    }
    encodings[key] = decoded.encoding;
    if (decoded.encoding !== "utf-8") diagnostics.push(guessedEncoding(name, key, decoded));
    return readRows(spec, name, decoded, key, convert);
  };

  const delegates = readFile("delegates", toDelegateRow);
  const venues = readFile("venues", toVenueRow);
  const sessions = readFile("sessions", toSessionRow);

  // seating.csv is optional: read only when the file exists.
  let seating: SeatingRow[] = [];
  const seatingFile = input.files.seating;
  if (seatingFile?.bytes) {
    const decoded = decodeBytes(seatingFile.bytes, config.encodings.seating);
    if (decoded.ok) {
      seating = readRows(seatingSpec, seatingFile.name, decoded, "seating", toSeatingRow);
    } else {
      diagnostics.push(
        diag(
          "encoding-error",
          "error",
          { file: seatingFile.name, line: decoded.line, column: decoded.column },
          decoded.message,
          'Save the file as "CSV UTF-8 (comma delimited)".',
        ),
      );
    }
  }
  const tables: EventTables = { config, delegates, venues, sessions, seating };
  diagnostics.push(
    ...checkIds(tables),
    ...checkReferences(tables),
    ...(input.logos ? checkLogoContrast(input.config, input.logos) : []),
    ...checkSchedule(tables),
    ...checkCapacity(tables),
    ...checkTranslations(tables),
    ...checkKoreanNames(tables),
    ...checkSeatingRows(tables),
    ...packDiagnostics(input),
    ...(input.coverage && input.packs?.files
      ? packGlyphs(
          input.packs.files,
          new Set([...config.languages, ...delegates.map((d) => d.language).filter((l) => l !== undefined)]),
          input.coverage,
        )
      : []),
  );
  const sorted = sortDiagnostics(diagnostics);
  const result: CheckResult = {
    diagnostics: sorted,
    encodings,
    tables,
    rowCounts: {
      delegates: tables.delegates.length,
      venues: tables.venues.length,
      sessions: tables.sessions.length,
    },
  };
  if (input.buildModel !== false && !sorted.some((d) => d.severity === "error"))
    result.event = buildEvent(tables);
  return result;
}

const ENCODING_NAMES: Record<Encoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  cp949: "Korean Excel's CP949",
  "windows-1252": "Western European Excel's Windows-1252",
  "windows-1258": "Vietnamese Excel's Windows-1258",
};

/**
 * The `encoding-guessed` warning: which encoding was used, why, and how to force another one. When
 * the bytes fit Windows-1252 and Windows-1258 alike, it shows a word that reads differently.
 */
function guessedEncoding(name: string, key: TableKey, decoded: DecodeResult & { ok: true }): Diagnostic {
  const why = decoded.bom
    ? "from its byte-order mark"
    : decoded.guessed
      ? "detected from its bytes"
      : "as event.yaml says";
  const alt = decoded.alternative;
  const message =
    `decoded as ${decoded.encoding} (${ENCODING_NAMES[decoded.encoding]}, ${why})` +
    (alt ? `; the bytes fit ${alt.encoding} as well, which would read "${alt.word}" as "${alt.as}"` : "");
  const others = ENCODINGS.filter((e) => e !== decoded.encoding && e !== "utf-8").join(", ");
  const hint = !decoded.guessed
    ? 'Check a few names with accents or Hangul in the output; save as "CSV UTF-8" to silence this.'
    : alt
      ? `If names read wrong, set encodings.${key}: ${alt.encoding} in event.yaml; if they are right, set encodings.${key}: ${decoded.encoding} to silence this (or save as "CSV UTF-8").`
      : `Check a few names with accents or Hangul in the output; if they read wrong, name the encoding under encodings.${key} in event.yaml (${others}); save as "CSV UTF-8" to silence this.`;
  return diag("encoding-guessed", "warning", { file: name }, message, hint);
}
