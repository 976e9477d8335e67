const CR = 13;
const LF = 10;

/**
 * Counts physical lines in a UTF-8 buffer, front to back: CRLF, a lone CR and a lone LF are one
 * line break each, wherever they stand (inside quoted values too). csv-parse's `info.lines` counts
 * a CRLF inside a quoted value as two lines, and spreadsheets mix the three endings in one file, so
 * conclave counts the lines of each record itself from the record's byte range.
 *
 * The next CR and the next LF are found with `Buffer.indexOf` (native) and kept, so counting a
 * whole file costs one pass over it, whatever the records' sizes.
 */
export class LineBreaks {
  private nextLf: number;
  private nextCr: number;

  constructor(private readonly buf: Uint8Array) {
    this.nextLf = this.find(LF, 0);
    this.nextCr = this.find(CR, 0);
  }

  /**
   * Line breaks in [where the last call stopped, end), for ends that only grow and never cut a
   * CRLF in two.
   */
  countUntil(end: number): number {
    let n = 0;
    while (this.nextLf < end) {
      n++;
      this.nextLf = this.find(LF, this.nextLf + 1);
    }
    while (this.nextCr < end) {
      if (this.buf[this.nextCr + 1] !== LF) n++;
      this.nextCr = this.find(CR, this.nextCr + 1);
    }
    return n;
  }

  private find(byte: number, from: number): number {
    const at = this.buf.indexOf(byte, from);
    return at < 0 ? Number.POSITIVE_INFINITY : at;
  }
}

/** Offset just past the end of the line that `from` stands on (past its CR, LF or CRLF). */
export function endOfLine(buf: Uint8Array, from: number): { contentEnd: number; next: number } {
  let i = from;
  while (i < buf.length && buf[i] !== CR && buf[i] !== LF) i++;
  if (i >= buf.length) return { contentEnd: i, next: i };
  return { contentEnd: i, next: buf[i] === CR && buf[i + 1] === LF ? i + 2 : i + 1 };
}
