import { workerData } from "node:worker_threads";
import { scanCsvHere, utf8Of } from "./parse.js";
import { BATCH_RECORDS, type PipelineData, type PipelineJob, type PipelineMessage } from "./pipeline.js";

/**
 * The reading thread of `scanCsvPipelined`: csv-parse over the whole text, records sent in
 * batches. It is started before its file is decoded (`prepareCsvThread`), so it loads its modules
 * while the other thread is busy, and waits for the one job it reads; then it ends.
 */
const { port, signal } = workerData as PipelineData;

/** Candidates for the character cells are joined with: control characters no spreadsheet writes, then noncharacters. */
const SEPARATORS = ["\u001f", "\u001e", "\u001d", "\u001c", "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3"];

const send = (message: PipelineMessage, transfer: ArrayBuffer[] = []) => {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};

/**
 * Cells that are all ASCII, told apart from the others: V8 keeps an ASCII string in one byte a
 * character, but a string cut out of a longer one keeps the longer one's width, and nearly every
 * batch of a delegates file holds a Korean or Vietnamese name. Joined all together, every cell
 * the other thread gets back (ids, emails, dates, session lists) would be two bytes a character:
 * twice the memory, and slower to compare, hash and match. So each batch is two strings, the
 * ASCII cells and the others, and a flag per cell says which one it comes from.
 */
const NOT_ASCII = /[^\u0000-\u007f]/;

/** Records of the first batch; each next batch holds twice as many, up to BATCH_RECORDS. */
const FIRST_BATCH_RECORDS = 64;

function read({ source, delimiter }: PipelineJob): void {
  const bytes = utf8Of(source);
  /**
   * A character the text does not hold, to join cells with: cells hold only characters of the
   * text, so splitting at it gives back exactly the cells. Undefined when the text holds every
   * candidate; batches then carry each cell's length instead.
   */
  const unit = SEPARATORS.find((c) => bytes.indexOf(c, 0, "utf8") < 0);

  let narrow: string[] = [];
  let wide: string[] = [];
  let isWide = new Uint8Array(BATCH_RECORDS * 16);
  let cellsOf = new Int32Array(BATCH_RECORDS);
  let lines = new Int32Array(BATCH_RECORDS);

  let parts: string[] = [];
  let lengths = new Int32Array(BATCH_RECORDS * 16);
  let cellCount = 0;
  let records = new Int32Array(BATCH_RECORDS * 2);
  let count = 0;
  // The first batches are small and grow to BATCH_RECORDS: the other thread, waiting for its
  // first records, gets them after some sixty lines instead of a thousand.
  let batch = FIRST_BATCH_RECORDS;
  const full = () => {
    if (count < batch) return false;
    batch = Math.min(batch * 2, BATCH_RECORDS);
    return true;
  };

  const flushSplit = () => {
    send(
      {
        kind: "split",
        narrow: narrow.join(unit),
        narrowCount: narrow.length,
        wide: wide.join(unit),
        wideCount: wide.length,
        unit: unit!,
        isWide,
        cellsOf,
        lines,
        count,
      },
      [isWide.buffer as ArrayBuffer, cellsOf.buffer as ArrayBuffer, lines.buffer as ArrayBuffer],
    );
    narrow = [];
    wide = [];
    isWide = new Uint8Array(isWide.length);
    cellsOf = new Int32Array(BATCH_RECORDS);
    lines = new Int32Array(BATCH_RECORDS);
    cellCount = 0;
    count = 0;
  };

  const flush = () => {
    send({ kind: "records", cells: parts.join(""), lengths, records, count }, [
      lengths.buffer as ArrayBuffer,
      records.buffer as ArrayBuffer,
    ]);
    parts = [];
    lengths = new Int32Array(lengths.length);
    cellCount = 0;
    records = new Int32Array(BATCH_RECORDS * 2);
    count = 0;
  };

  try {
    const errors = scanCsvHere(
      bytes,
      delimiter,
      unit !== undefined
        ? (line, cells) => {
            if (cellCount + cells.length > isWide.length) {
              const grown = new Uint8Array(Math.max(isWide.length * 2, cellCount + cells.length));
              grown.set(isWide.subarray(0, cellCount));
              isWide = grown;
            }
            for (const cell of cells) {
              if (NOT_ASCII.test(cell)) {
                wide.push(cell);
                isWide[cellCount++] = 1;
              } else {
                narrow.push(cell);
                isWide[cellCount++] = 0;
              }
            }
            cellsOf[count] = cells.length;
            lines[count] = line;
            count++;
            if (full()) flushSplit();
          }
        : (line, cells) => {
            if (cellCount + cells.length > lengths.length) {
              const grown = new Int32Array(Math.max(lengths.length * 2, cellCount + cells.length));
              grown.set(lengths.subarray(0, cellCount));
              lengths = grown;
            }
            for (const cell of cells) {
              parts.push(cell);
              lengths[cellCount++] = cell.length;
            }
            records[2 * count] = line;
            records[2 * count + 1] = cells.length;
            count++;
            if (full()) flush();
          },
    );
    if (count > 0) (unit !== undefined ? flushSplit : flush)();
    send({ kind: "done", errors });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    send({ kind: "failed", message: error.message, ...(error.stack ? { stack: error.stack } : {}) });
  }
}

port.once("message", (job: PipelineJob) => {
  read(job);
  // Nothing more comes: closing the port lets the thread end.
  port.close();
});
