import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { CsvSyntaxError, Delimiter } from "./parse.js";

/**
 * Reading a large CSV in a second thread, pipelined with the checks of its records.
 *
 * csv-parse walks the text byte by byte in JavaScript: at 100,000 delegates that is about 0.45 s
 * of the one core validation uses, while the other core idles. Here the reading thread runs
 * `scanCsvHere` (csv-parse and conclave's wrapper, unchanged) and sends the records in batches;
 * this thread turns each batch back into records and hands them to the caller's `onRecord`
 * while the next batch is being read. The caller stays synchronous: this thread waits on a
 * shared counter (`Atomics.wait`) only when it has checked everything read so far.
 *
 * A batch is a few values, so that sending it costs one copy of its text and no object per cell:
 * when the file holds two characters that no cell can then hold (control characters such as
 * U+001F and U+001E, which a CSV from a spreadsheet never has), the cells joined with one and the
 * records with the other, and each record's line (transferred, not copied); otherwise the cells'
 * text joined into one string, each cell's length, and each record's line and number of cells.
 */

/** Below this many characters (about 1 MB) starting a thread costs more than it saves. */
export const PIPELINE_MIN_CHARS = 1_000_000;
/** Records per batch: small enough that this thread starts early, large enough to be cheap. */
export const BATCH_RECORDS = 1024;
/** How long to wait for the reading thread before calling it lost (it sends a batch every few ms). */
const STALL_MS = 60_000;

export type PipelineMessage =
  | { kind: "records"; cells: string; lengths: Int32Array; records: Int32Array; count: number }
  | { kind: "joined"; text: string; unit: string; record: string; lines: Int32Array; count: number }
  | { kind: "done"; errors: CsvSyntaxError[] }
  | { kind: "failed"; message: string; stack?: string };

export interface PipelineData {
  text: string;
  delimiter: Delimiter;
  port: MessagePort;
  /** Incremented by the reading thread after each message it sends. */
  signal: Int32Array;
}

let script: string | null | undefined;
/**
 * Whether to read in a second thread: only when the compiled reading thread's script is beside
 * this module (dist/csv/; running from the TypeScript sources, tests read in one thread), and a
 * core is free. A second thread costs CPU time of its own (starting it, copying the text there and
 * the records back, about 0.4 s at 100,000 delegates): on a machine whose cores are all busy
 * (load average above the number of cores less one) it only slows the run down, so the file is
 * read in one thread. The result is the same either way. `CONCLAVE_CSV_THREAD=0` reads in one
 * thread, `=1` in two whatever the load (the benchmark compares them).
 */
export function pipelineAvailable(): boolean {
  const forced = process.env.CONCLAVE_CSV_THREAD;
  if (forced === "0") return false;
  if (script === undefined) {
    const here = path.join(path.dirname(fileURLToPath(import.meta.url)), "parse-worker.js");
    script = existsSync(here) ? here : null;
  }
  if (script === null) return false;
  return forced === "1" || os.loadavg()[0]! + 1 <= os.availableParallelism();
}

export function scanCsvPipelined(
  text: string,
  delimiter: Delimiter,
  onRecord: (line: number, cells: string[]) => void,
): CsvSyntaxError[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const data = { text, delimiter, port: port2, signal };
  const worker = new Worker(script!, { workerData: data, transferList: [port2] });
  // The thread ends by itself after its last message; it must never keep the process alive.
  worker.unref();
  try {
    for (;;) {
      const seen = Atomics.load(signal, 0);
      const got = receiveMessageOnPort(port1) as { message: PipelineMessage } | undefined;
      if (!got) {
        if (Atomics.wait(signal, 0, seen, STALL_MS) === "timed-out")
          throw new Error("the CSV reading thread stopped answering");
        continue;
      }
      const m = got.message;
      if (m.kind === "done") return m.errors;
      if (m.kind === "failed") {
        const error = new Error(m.message);
        if (m.stack) error.stack = m.stack;
        throw error;
      }
      if (m.kind === "joined") {
        // One native split per batch and one per record, where slicing each cell in a loop here
        // costs this thread about a tenth of the whole validation.
        const records = m.text.split(m.record);
        for (let r = 0; r < m.count; r++) onRecord(m.lines[r]!, records[r]!.split(m.unit));
        continue;
      }
      const { cells, lengths, records, count } = m;
      let at = 0;
      let cell = 0;
      for (let r = 0; r < count; r++) {
        const n = records[2 * r + 1]!;
        const values = new Array<string>(n);
        for (let i = 0; i < n; i++) {
          const end = at + lengths[cell++]!;
          values[i] = cells.slice(at, end);
          at = end;
        }
        onRecord(records[2 * r]!, values);
      }
    }
  } finally {
    port1.close();
    void worker.terminate();
  }
}
