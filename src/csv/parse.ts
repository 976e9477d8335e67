import { CsvError, type Options, parse } from "csv-parse/sync";
import { endOfLine, LineBreaks } from "./line-breaks.js";
import { PIPELINE_MIN_CHARS, pipelineAvailable, scanCsvPipelined } from "./pipeline.js";
import { reviewQuotes } from "./quotes.js";

/**
 * CSV text → records, read by csv-parse. conclave's wrapper adds what csv-parse does not give
 * (see docs/performance.md and the functions below for why):
 * - the physical line where each record starts, counted from the record's bytes, because
 *   csv-parse counts a CRLF inside a quoted value as two lines;
 * - quoting mistakes (a stray quote, text after a closing quote) reported with line and column
 *   while reading on, where csv-parse either stops at the first (strict) or stays silent (relaxed);
 * - an unclosed quote reported on the line where its record starts, the rest of the line the
 *   quote opened on read as unquoted cells, and reading resumed on the next line, where csv-parse
 *   stops with the rest of the file swallowed into that one field.
 * And, for speed only (the records, lines and errors are the same): clean stretches of lines are
 * read in one csv-parse call each, without the per-record `on_record` info object, and a large
 * file is read in a second thread while the caller checks its rows (`./pipeline.ts`).
 */
export interface RawRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvSyntaxError {
  line: number;
  column: number;
  message: string;
  hint: string;
}

export interface ParsedCsv {
  delimiter: Delimiter;
  records: RawRecord[];
  errors: CsvSyntaxError[];
}

export type Delimiter = "," | ";" | "\t";
export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t"];

const QUOTE = 34;
const CR = 13;
const LF = 10;

export function parseCsv(text: string, delimiter: Delimiter): ParsedCsv {
  const records: RawRecord[] = [];
  const errors = scanCsv(text, delimiter, (line, cells) => {
    records.push({ line, cells });
  });
  return { delimiter, records, errors };
}

/**
 * The options conclave reads every CSV with. No casting, no column objects (the schema maps
 * headers itself, so `__proto__` or a repeated header is only a string), no trimming (the schema
 * cleans values and warns about what it removed), every row whatever its length (the schema says
 * which cells are missing or extra), blank lines kept (the schema counts them), all three line
 * endings in one file (csv-parse's discovery would keep the first one it meets), and no BOM
 * handling: the decoder drops it, and `scanCsv` steps over one left in a library caller's text.
 */
const OPTIONS = {
  record_delimiter: ["\r\n", "\n", "\r"],
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: false,
  cast: false,
  columns: false,
  bom: false,
} satisfies Options;

/**
 * The options for bytes that hold no CR: the same records, since "\n" is then the only one of the
 * three line endings that can occur, but csv-parse compares each byte with one record delimiter
 * instead of three (about 15 % of its time on a large file).
 */
const LF_ONLY_OPTIONS = { ...OPTIONS, record_delimiter: ["\n"] } satisfies Options;

/**
 * The options for bytes that hold no quote either: csv-parse still reads every byte, but with no
 * quote character it no longer compares each byte with the quote and the escape (about a tenth
 * of its time on a delegates file, where most stretches have no quote). Without a quote byte in
 * them, the records are the same.
 */
const UNQUOTED_LF_ONLY_OPTIONS = { ...LF_ONLY_OPTIONS, quote: null, escape: null } satisfies Options;
const UNQUOTED_OPTIONS = { ...OPTIONS, quote: null, escape: null } satisfies Options;

/**
 * The options for bytes [from, to): LF_ONLY_OPTIONS when they hold no CR, and without a quote
 * character when `quoted` is false (the caller has counted the quotes in those bytes: none).
 */
function optionsFor(buf: Buffer, from: number, to: number, delimiter: Delimiter, quoted = true): Options {
  const hasCr = buf.subarray(from, to).indexOf(CR) >= 0;
  const options = quoted
    ? hasCr
      ? OPTIONS
      : LF_ONLY_OPTIONS
    : hasCr
      ? UNQUOTED_OPTIONS
      : UNQUOTED_LF_ONLY_OPTIONS;
  return { ...options, delimiter };
}

/**
 * Reads `text` with csv-parse and hands each record to `onRecord` as soon as it is read, so a
 * caller that turns records into rows keeps no more than one record alive (at 100,000 rows,
 * holding every record until the last one is read is most of the garbage collector's work).
 * Returns the syntax errors; the records are the caller's to keep or drop.
 *
 * A large file is read in a second thread (`./pipeline.ts`), while this one checks the records
 * already read: the same records, lines and errors, in the same order.
 */
export function scanCsv(
  text: string,
  delimiter: Delimiter,
  onRecord: (line: number, cells: string[]) => void,
  /**
   * `text` in UTF-8, when the caller has it (a file's own bytes): read as they are, and `text`
   * is then not looked at (it may be empty).
   */
  utf8?: Uint8Array,
): CsvSyntaxError[] {
  const source = utf8 ?? text;
  // The bytes' length when they are at hand (the text is not built then): UTF-8 has at least as
  // many bytes as characters, so a file past the threshold in characters is past it in bytes.
  return (utf8 ? utf8.length : text.length) >= PIPELINE_MIN_CHARS && pipelineAvailable()
    ? scanCsvPipelined(source, delimiter, onRecord)
    : scanCsvHere(source, delimiter, onRecord);
}

/** What `scanCsvHere` reads: text, or the same text's bytes in UTF-8. */
export type CsvSource = string | Uint8Array;

/** The UTF-8 bytes of a source, without a copy when it is bytes already. */
export function utf8Of(source: CsvSource): Buffer {
  return typeof source === "string"
    ? Buffer.from(source, "utf8")
    : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
}

/**
 * `scanCsv` in this thread, whatever the size: what the reading thread runs. `stretchBytes` is
 * the size of the stretches read in one csv-parse call (0: every record through `on_record`);
 * tests compare the two.
 */
export function scanCsvHere(
  source: CsvSource,
  delimiter: Delimiter,
  onRecord: (line: number, cells: string[]) => void,
  stretchBytes = STRETCH_BYTES,
): CsvSyntaxError[] {
  const errors: CsvSyntaxError[] = [];
  const buf = utf8Of(source);
  const breaks = new LineBreaks(buf);
  /** Byte offset and line where the next record starts (after a BOM, which is no data). */
  let start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let line = 1;
  let nextQuote = nextByte(buf, QUOTE, start);
  let nextNul = nextByte(buf, 0, start);

  /** One record, ending (line break included) at byte `end`; `checked` when already reviewed. */
  const take = (end: number, cells: string[], checked = false) => {
    if (nextQuote < end) {
      // A quoting mistake leaves a quote in a value, except before a NUL byte, which csv-parse
      // takes for the end of the data after a closing quote (`"a"\0b` reads as a\0b, silently).
      if (!checked && (nextNul < end || cells.some((c) => c.includes('"')))) {
        const raw = buf.toString("utf8", start, contentEnd(buf, start, end));
        cells = reviewQuotes(raw, line, delimiter, errors);
      }
      nextQuote = nextByte(buf, QUOTE, end);
    }
    if (nextNul < end) nextNul = nextByte(buf, 0, end);
    const recordLine = line;
    line += breaks.countUntil(end);
    start = end;
    onRecord(recordLine, cells);
  };

  // Stretches of whole lines that csv-parse reads without a mistake are read in one call each,
  // without `on_record`: csv-parse builds an info object of some twenty fields for every record
  // it hands to `on_record`, a quarter of its time. A stretch's records are then numbered from
  // its line breaks. From the first stretch that is not clean on, every record goes through
  // `on_record` as below, which finds the bytes of each one.
  // The first stretches are small and grow to `stretchBytes`: the reading thread sends its first
  // records after a few kilobytes instead of a whole stretch, while the other thread waits.
  let stretch = Math.min(stretchBytes, FIRST_STRETCH_BYTES);
  while (stretchBytes > 0) {
    const { end, quotes } = cleanStretchEnd(buf, start, stretch);
    stretch = Math.min(stretch * 2, stretchBytes);
    if (end <= start || nextNul < end) break;
    const records = readClean(buf, start, end, delimiter, quotes > 0);
    if (!records) break;
    const lines = breaks.countUntil(end);
    // Every record is one line unless a quoted value holds a line break.
    const oneLineEach = lines === records.length - (endsWithBreak(buf, end) ? 0 : 1);
    const first = line;
    for (const cells of records) {
      onRecord(line, cells);
      line += oneLineEach ? 1 : 1 + countCellBreaks(cells);
    }
    line = first + lines;
    start = end;
  }
  nextQuote = nextByte(buf, QUOTE, start);

  while (start < buf.length) {
    const from = start;
    try {
      parse(buf.subarray(from), {
        ...optionsFor(buf, from, buf.length, delimiter),
        on_record: (cells: string[], info) => {
          take(from + info.bytes, cells);
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError) || error.code !== "CSV_QUOTE_NOT_CLOSED") throw error;
      // csv-parse read to the end of the file inside the quote (a later quote would have closed
      // it). The record began at `start`; its `index` complete fields end at the delimiter at
      // `bytes`, and the unclosed field follows that delimiter.
      const { index, bytes } = error as unknown as { index: number; bytes: number };
      const fieldStart = index === 0 ? start : from + bytes + 1;
      const before = index === 0 ? [] : readPrefix(buf, start, fieldStart, line, delimiter, errors);
      const openLine = line + countBreaks(buf, start, fieldStart);
      const eol = endOfLine(buf, fieldStart);
      errors.push({
        line,
        column: index + 1,
        message: `a quoted field opened on line ${openLine} is never closed`,
        hint: 'Close the quote, or double any quote inside a quoted value ("").',
      });
      // The quote was most likely meant as a letter: the rest of its line is read without quoting
      // (so the row keeps its cells and shows no further, spurious problems) and the next line
      // starts a new record.
      take(eol.next, [...before, ...readUnquoted(buf, fieldStart + 1, eol.contentEnd, delimiter)], true);
    }
  }
  return errors;
}

/** Bytes of a stretch read in one csv-parse call: about a thousand lines of a delegates file. */
const STRETCH_BYTES = 128 * 1024;
/** Bytes of the first stretch (some fifty lines); each next one is twice as long, up to STRETCH_BYTES. */
const FIRST_STRETCH_BYTES = 8 * 1024;

/**
 * Where a stretch of whole lines from `start` ends, and how many quotes it holds: past the first line break after
 * `bytes`, or further on until the stretch holds an even number of quotes, so that it
 * does not end inside a quoted value (which may hold line breaks). A stretch that holds a quoting
 * mistake can end anywhere; `readClean` then refuses it.
 */
function cleanStretchEnd(buf: Buffer, start: number, bytes: number): { end: number; quotes: number } {
  let end = Math.min(start + bytes, buf.length);
  if (end < buf.length) end = endOfLine(buf, end).next;
  let quotes = 0;
  let from = start;
  for (;;) {
    // Searched within the stretch only: a search to the end of a quote-free file, once per
    // stretch, would read the whole rest of it every time.
    const part = buf.subarray(from, end);
    for (let q = part.indexOf(QUOTE); q >= 0; q = part.indexOf(QUOTE, q + 1)) quotes++;
    if (quotes % 2 === 0 || end >= buf.length) return { end, quotes };
    from = end;
    end = endOfLine(buf, end).next;
  }
}

/**
 * The records of bytes [start, end) when csv-parse reads them cleanly: no error, and (when the
 * stretch has quotes) no quote left in a value, the sign of a quoting mistake. Undefined otherwise,
 * and the caller reads the stretch record by record to say where the mistake is.
 */
function readClean(
  buf: Buffer,
  start: number,
  end: number,
  delimiter: Delimiter,
  quoted: boolean,
): string[][] | undefined {
  let records: string[][];
  try {
    records = parse(buf.subarray(start, end), optionsFor(buf, start, end, delimiter, quoted));
  } catch {
    return undefined;
  }
  if (quoted) for (const cells of records) for (const c of cells) if (c.includes('"')) return undefined;
  return records;
}

function endsWithBreak(buf: Uint8Array, end: number): boolean {
  return end > 0 && (buf[end - 1] === LF || buf[end - 1] === CR);
}

/** Line breaks inside a record's values (CRLF, CR, LF: one each), which only quoted values hold. */
function countCellBreaks(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.indexOf("\n") < 0 && c.indexOf("\r") < 0) continue;
    for (let i = 0; i < c.length; i++) {
      const ch = c.charCodeAt(i);
      if (ch === LF || (ch === CR && c.charCodeAt(i + 1) !== LF)) n++;
    }
  }
  return n;
}

/**
 * The complete fields of a record before its unclosed quote: bytes [from, to) end with the
 * delimiter, so csv-parse reads them as one record with an empty last field, which is dropped.
 */
function readPrefix(
  buf: Buffer,
  from: number,
  to: number,
  line: number,
  delimiter: Delimiter,
  errors: CsvSyntaxError[],
): string[] {
  const records: string[][] = parse(buf.subarray(from, to), { ...OPTIONS, delimiter });
  const cells = records[0] ?? [""];
  const suspicious = buf.subarray(from, to).includes(0) || cells.some((c) => c.includes('"'));
  if (!suspicious) return cells.slice(0, -1);
  return reviewQuotes(buf.toString("utf8", from, to), line, delimiter, errors).slice(0, -1);
}

/** Bytes [from, to), one line, split at the delimiter with quotes read as ordinary characters. */
function readUnquoted(buf: Buffer, from: number, to: number, delimiter: Delimiter): string[] {
  const records: string[][] = parse(buf.subarray(from, to), { ...OPTIONS, delimiter, quote: null });
  return records[0] ?? [""];
}

/** End of a record's content: its bytes up to `end` without the line break that ends it. */
function contentEnd(buf: Uint8Array, start: number, end: number): number {
  if (end > start && buf[end - 1] === LF) return end - 1 > start && buf[end - 2] === CR ? end - 2 : end - 1;
  if (end > start && buf[end - 1] === CR) return end - 1;
  return end;
}

function countBreaks(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (buf[i] === LF || (buf[i] === CR && buf[i + 1] !== LF)) n++;
  return n;
}

function nextByte(buf: Uint8Array, byte: number, from: number): number {
  const at = buf.indexOf(byte, from);
  return at < 0 ? Number.POSITIVE_INFINITY : at;
}

/** Canonical form of a header for matching: case, spaces, hyphens and invisible marks ignored. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, "_");
}

/**
 * The delimiter is the one whose split of the first line matches most of the expected headers
 * (a German or Vietnamese Excel writes `;`, "Unicode text" writes tabs); a tie goes to the one
 * that splits into more fields, then to the comma.
 */
/** The text of the first line of UTF-8 bytes (without its line break): all `chooseDelimiter` reads. */
export function firstLineOf(utf8: Uint8Array): string {
  let end = 0;
  while (end < utf8.length && utf8[end] !== CR && utf8[end] !== LF) end++;
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(utf8.subarray(0, end));
}

export function chooseDelimiter(text: string, expectedHeaders: Iterable<string>): Delimiter {
  const expected = new Set([...expectedHeaders].map(normalizeHeader));
  const firstLine = text.slice(0, firstBreak(text));
  let best: Delimiter = ",";
  let bestScore = -1;
  let bestFields = 0;
  for (const d of DELIMITERS) {
    const fields = firstLine.split(d).map((f) => normalizeHeader(f.replace(/^"|"$/g, "")));
    const score = fields.filter((f) => expected.has(f)).length;
    if (score > bestScore || (score === bestScore && fields.length > bestFields)) {
      best = d;
      bestScore = score;
      bestFields = fields.length;
    }
  }
  return best;
}

function firstBreak(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR || c === LF) return i;
  }
  return text.length;
}
