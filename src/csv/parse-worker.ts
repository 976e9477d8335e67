import { workerData } from "node:worker_threads";
import { scanCsvHere } from "./parse.js";
import { BATCH_RECORDS, type PipelineData, type PipelineMessage } from "./pipeline.js";

/** The reading thread of `scanCsvPipelined`: csv-parse over the whole text, records sent in batches. */
const { text, delimiter, port, signal } = workerData as PipelineData;

const send = (message: PipelineMessage, transfer: ArrayBuffer[] = []) => {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};

/**
 * Two characters the text does not hold, to join cells and records with: cells hold only
 * characters of the text, so splitting at them gives back exactly the cells. Undefined when the
 * text holds every candidate; batches then carry each cell's length instead.
 */
const SEPARATORS = ["\u001f", "\u001e", "\u001d", "\u001c", "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3"];
const free = SEPARATORS.filter((c) => !text.includes(c));
const unit = free[0];
const record = free[1];

let joined: string[] = [];
let lines = new Int32Array(BATCH_RECORDS);

let parts: string[] = [];
let lengths = new Int32Array(BATCH_RECORDS * 16);
let cellCount = 0;
let records = new Int32Array(BATCH_RECORDS * 2);
let count = 0;

const flushJoined = () => {
  send({ kind: "joined", text: joined.join(record), unit: unit!, record: record!, lines, count }, [
    lines.buffer as ArrayBuffer,
  ]);
  joined = [];
  lines = new Int32Array(BATCH_RECORDS);
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
    text,
    delimiter,
    record !== undefined
      ? (line, cells) => {
          joined.push(cells.join(unit));
          lines[count] = line;
          if (++count === BATCH_RECORDS) flushJoined();
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
          if (++count === BATCH_RECORDS) flush();
        },
  );
  if (count > 0) (record !== undefined ? flushJoined : flush)();
  send({ kind: "done", errors });
} catch (e) {
  const error = e instanceof Error ? e : new Error(String(e));
  send({ kind: "failed", message: error.message, ...(error.stack ? { stack: error.stack } : {}) });
}
