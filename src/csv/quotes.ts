import type { CsvSyntaxError } from "./parse.js";

const QUOTE = 34;
const CR = 13;
const LF = 10;

const CLOSE_HINT =
  'A quoted value must end with its quote; double quotes inside it ("") or quote the whole value.';
const STRAY_HINT = 'Quote the whole value and double the quote inside it: "5\'10""" instead of 5\'10".';

/**
 * Rereads one record whose values kept a quote character, to report quoting mistakes with their
 * line and column. csv-parse, with `relax_quotes`, keeps such a record silently (a stray quote
 * stays in the value; text after a closing quote keeps both quotes: `"ok"tail`); without it, it
 * stops at the first mistake of the file. conclave wants every problem in one report and the value
 * a spreadsheet user meant: `"ok"tail` → `oktail`, with a diagnostic.
 *
 * Only records that csv-parse returned with a `"` in some value come here (a handful in a real
 * file), and csv-parse has already found where the record ends, so `raw` is exactly one record
 * without its line break. The split into fields is csv-parse's: a field starts with a quote or it
 * does not, a lone quote closes it, `""` is one quote, and the delimiter ends an unquoted field.
 *
 * @param line physical line where the record starts
 * @param errors receives the mistakes found
 */
export function reviewQuotes(
  raw: string,
  line: number,
  delimiter: string,
  errors: CsvSyntaxError[],
): string[] {
  const sep = delimiter.charCodeAt(0);
  const n = raw.length;
  const cells: string[] = [];
  let pos = 0;
  for (;;) {
    if (raw.charCodeAt(pos) === QUOTE) {
      const openLine = line;
      pos++;
      let value = "";
      let chunkStart = pos;
      while (pos < n) {
        const c = raw.charCodeAt(pos);
        if (c === QUOTE) {
          if (raw.charCodeAt(pos + 1) === QUOTE) {
            value += raw.slice(chunkStart, pos + 1);
            pos += 2;
            chunkStart = pos;
            continue;
          }
          break;
        }
        if (c === LF || (c === CR && raw.charCodeAt(pos + 1) !== LF)) line++;
        pos++;
      }
      value += raw.slice(chunkStart, pos);
      pos++; // the closing quote
      let tail = "";
      if (pos < n && raw.charCodeAt(pos) !== sep) {
        const start = pos;
        while (pos < n && raw.charCodeAt(pos) !== sep) pos++;
        tail = raw.slice(start, pos);
        errors.push({
          line: openLine,
          column: cells.length + 1,
          message: `text ${JSON.stringify(tail)} follows the closing quote of a field`,
          hint: CLOSE_HINT,
        });
      }
      cells.push(value + tail);
    } else {
      const start = pos;
      while (pos < n && raw.charCodeAt(pos) !== sep) pos++;
      const value = raw.slice(start, pos);
      if (value.includes('"')) {
        errors.push({
          line,
          column: cells.length + 1,
          message: "a quote stands inside an unquoted field",
          hint: STRAY_HINT,
        });
      }
      cells.push(value);
    }
    if (pos >= n) return cells;
    pos++; // the delimiter; a delimiter at the very end leaves one more, empty, field
  }
}
