import { decodeBytes, type Encoding } from "../csv/decode.js";
import { type Diagnostic, diag, sortDiagnostics } from "../diagnostics.js";
import { buildEvent } from "../model/build.js";
import type { Event } from "../model/types.js";
import { delegatesSpec, toDelegateRow } from "../schema/delegates.js";
import type { EventConfig } from "../schema/event.js";
import { seatingSpec, toSeatingRow } from "../schema/seating.js";
import { sessionsSpec, toSessionRow } from "../schema/sessions.js";
import { readTable, type TableSpec } from "../schema/table.js";
import { toVenueRow, venuesSpec } from "../schema/venues.js";
import { checkGlyphs, type GlyphCoverage } from "./glyphs.js";
import { checkIds } from "./ids.js";
import { checkReferences } from "./references.js";
import { checkCapacity, checkSchedule } from "./schedule.js";
import { checkSeatingRows } from "./seating.js";
import type { EventTables } from "./tables.js";
import { checkLegacyVietnamese, type ReadTable } from "./text.js";
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
  /** Fonts' coverage for the missing-glyph check; without it the check is skipped. */
  coverage?: GlyphCoverage;
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
 * The whole validation, as one pure function: bytes of the three files → every diagnostic, and
 * the Event when the data is usable. Never stops at the first problem.
 */
export function checkEvent(input: CheckInput): CheckResult {
  const { config } = input;
  const diagnostics: Diagnostic[] = [];
  const encodings: Partial<Record<TableKey, Encoding>> = {};
  const read: Partial<Record<TableKey | "seating", ReadTable>> = {};

  for (const key of Object.keys(TABLE_SPECS) as TableKey[]) {
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
      read[key] = { spec, rows: [] };
      continue;
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
      read[key] = { spec, rows: [] };
      continue;
    }
    encodings[key] = decoded.encoding;
    if (decoded.encoding !== "utf-8") {
      diagnostics.push(
        diag(
          "encoding-guessed",
          "warning",
          { file: name },
          `decoded as ${decoded.encoding}${decoded.bom ? " (from its byte-order mark)" : decoded.guessed ? " (detected from its bytes)" : " (as event.yaml says)"}`,
          `Check a few names with accents or Hangul in the output; save as "CSV UTF-8" to silence this${decoded.guessed ? `, or set encodings.${key}: ${decoded.encoding} in event.yaml` : ""}.`,
        ),
      );
    }
    const table = readTable(spec, name, decoded.text, config.columns[key]);
    diagnostics.push(...table.diagnostics);
    read[key] = { spec, rows: table.rows };
  }

  // seating.csv is optional: read only when the file exists.
  const seatingFile = input.files.seating;
  if (seatingFile?.bytes) {
    const decoded = decodeBytes(seatingFile.bytes, config.encodings.seating);
    if (decoded.ok) {
      const table = readTable(seatingSpec, seatingFile.name, decoded.text, config.columns.seating);
      diagnostics.push(...table.diagnostics);
      read.seating = { spec: seatingSpec, rows: table.rows };
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
  const tables: EventTables = {
    config,
    delegates: read.delegates!.rows.map(toDelegateRow),
    venues: read.venues!.rows.map(toVenueRow),
    sessions: read.sessions!.rows.map(toSessionRow),
    seating: (read.seating?.rows ?? []).map(toSeatingRow),
  };
  const readTables = Object.values(read);
  diagnostics.push(
    ...checkIds(tables),
    ...checkReferences(tables),
    ...checkSchedule(tables),
    ...checkCapacity(tables),
    ...checkTranslations(tables),
    ...checkSeatingRows(tables),
    ...checkLegacyVietnamese(readTables),
    ...(input.coverage ? checkGlyphs(readTables, input.coverage) : []),
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
