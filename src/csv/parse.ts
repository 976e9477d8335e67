/**
 * A small RFC 4180 reader tuned for spreadsheets' output. It keeps the physical line where each
 * record starts (for diagnostics), accepts CRLF, CR and LF in one file, and recovers from broken
 * quoting so that one bad row does not hide the problems of the rows after it.
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
 * The reader itself: hands each record to `onRecord` as soon as it is read, so a caller that
 * turns records into rows keeps no more than one record alive (at 100,000 rows, holding every
 * record until the last one is read is most of the garbage collector's work).
 * Returns the syntax errors; the records are the caller's to keep or drop.
 */
export function scanCsv(
  text: string,
  delimiter: Delimiter,
  onRecord: (line: number, cells: string[]) => void,
): CsvSyntaxError[] {
  const errors: CsvSyntaxError[] = [];
  const sep = delimiter.charCodeAt(0);
  const n = text.length;
  let pos = 0;
  let line = 1;

  while (pos < n) {
    const recordLine = line;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text.charCodeAt(pos) === QUOTE) {
        // Quoted field: "" is a quote; the field ends at the next lone quote.
        const openPos = pos;
        const openLine = line;
        pos++;
        let value = "";
        let chunkStart = pos;
        let closed = false;
        while (pos < n) {
          const c = text.charCodeAt(pos);
          if (c === QUOTE) {
            if (text.charCodeAt(pos + 1) === QUOTE) {
              value += text.slice(chunkStart, pos + 1);
              pos += 2;
              chunkStart = pos;
              continue;
            }
            value += text.slice(chunkStart, pos);
            pos++;
            closed = true;
            break;
          }
          if (c === CR) {
            if (text.charCodeAt(pos + 1) !== LF) line++;
          } else if (c === LF) line++;
          pos++;
        }
        if (!closed) {
          // Unclosed quote: the field swallowed the rest of the file. Point at where it opened,
          // end the field at the end of that line, and read on from there.
          errors.push({
            line: recordLine,
            column: cells.length + 1,
            message: `a quoted field opened on line ${openLine} is never closed`,
            hint: 'Close the quote, or double any quote inside a quoted value ("").',
          });
          let eol = openPos + 1;
          while (eol < n && text.charCodeAt(eol) !== CR && text.charCodeAt(eol) !== LF) eol++;
          cells.push(text.slice(openPos + 1, eol));
          pos = eol;
          line = openLine;
          pos = skipLineBreak(text, pos);
          if (pos > eol) line++;
          endOfRecord = true;
          break;
        }
        // After the closing quote only a delimiter or the end of the record may follow.
        let tail = "";
        if (pos < n && !isBreakOrSep(text.charCodeAt(pos), sep)) {
          const start = pos;
          while (pos < n && !isBreakOrSep(text.charCodeAt(pos), sep)) pos++;
          tail = text.slice(start, pos);
          errors.push({
            line: openLine,
            column: cells.length + 1,
            message: `text ${JSON.stringify(tail)} follows the closing quote of a field`,
            hint: 'A quoted value must end with its quote; double quotes inside it ("") or quote the whole value.',
          });
        }
        cells.push(value + tail);
      } else {
        const start = pos;
        while (pos < n) {
          const c = text.charCodeAt(pos);
          if (c === sep || c === CR || c === LF) break;
          pos++;
        }
        const value = text.slice(start, pos);
        const stray = value.indexOf('"');
        if (stray >= 0) {
          errors.push({
            line,
            column: cells.length + 1,
            message: "a quote stands inside an unquoted field",
            hint: 'Quote the whole value and double the quote inside it: "5\'10""" instead of 5\'10".',
          });
        }
        cells.push(value);
      }
      if (pos >= n) {
        endOfRecord = true;
      } else {
        const c = text.charCodeAt(pos);
        if (c === sep) {
          pos++;
          if (pos >= n) {
            cells.push("");
            endOfRecord = true;
          }
        } else if (c === CR || c === LF) {
          pos = skipLineBreak(text, pos);
          line++;
          endOfRecord = true;
        }
      }
    }
    onRecord(recordLine, cells);
  }
  return errors;
}

function isBreakOrSep(c: number, sep: number): boolean {
  return c === sep || c === CR || c === LF;
}

function skipLineBreak(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === CR) return text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
  if (c === LF) return pos + 1;
  return pos;
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
