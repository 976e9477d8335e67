import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { CsvSource, CsvSyntaxError, Delimiter } from "./parse.js";

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
 * when the file lacks a character that no cell can then hold (a control character such as
 * U+001F, which a CSV from a spreadsheet never has), the ASCII cells joined with it, the other
 * cells joined with it, a flag per cell saying which of the two it is in, and each record's
 * number of cells and line (transferred, not copied); otherwise the cells' text joined into one
 * string, each cell's length, and each record's line and number of cells.
 */

/** Below this many characters (about 1 MB) starting a thread costs more than it saves. */
export const PIPELINE_MIN_CHARS = 1_000_000;
/** Records per batch: small enough that this thread starts early, large enough to be cheap. */
export const BATCH_RECORDS = 1024;
/** How long to wait for the reading thread before calling it lost (it sends a batch every few ms). */
const STALL_MS = 60_000;

export type PipelineMessage =
  | { kind: "records"; cells: string; lengths: Int32Array; records: Int32Array; count: number }
  | {
      kind: "split";
      /** The batch's ASCII cells, joined with `unit`, and how many. */
      narrow: string;
      narrowCount: number;
      /** The other cells, joined with `unit`, and how many. */
      wide: string;
      wideCount: number;
      unit: string;
      /** For each cell of the batch in order, 1 when it is in `wide`. */
      isWide: Uint8Array;
      /** Each record's number of cells, and its line. */
      cellsOf: Int32Array;
      lines: Int32Array;
      count: number;
    }
  | { kind: "done"; errors: CsvSyntaxError[] }
  | { kind: "failed"; message: string; stack?: string };

/** What the reading thread is started with; the text comes later, as a `PipelineJob` on `port`. */
export interface PipelineData {
  port: MessagePort;
  /** Incremented by the reading thread after each message it sends. */
  signal: Int32Array;
}

/** The one message this thread sends the reading thread: what to read. */
export interface PipelineJob {
  /** The text, or its bytes in UTF-8 (copied once, where the text would be copied and encoded again). */
  source: CsvSource;
  delimiter: Delimiter;
}

interface Reader {
  worker: Worker;
  /** This thread's end of the channel: the job goes out on it, the batches come back on it. */
  port: MessagePort;
  signal: Int32Array;
}

let script: string | null | undefined;
/** Whether a core was free, decided once a process (the first large file), so that every file reads the same way. */
let coreFree: boolean | undefined;

/** Idle and total time of all cores, in ms, from the kernel's counters. */
function cpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}
/** The counters when this module loaded, at the start of the command: the window `pipelineAvailable` looks at. */
const loadedAt = cpuTimes();
/** This process's own CPU time then (all its threads), to tell its work from other programs'. */
const ownAt = process.cpuUsage();

/**
 * Whether to read in a second thread: only when the compiled reading thread's script is beside
 * this module (dist/csv/; running from the TypeScript sources, tests read in one thread), and a
 * core is free. A second thread costs CPU time of its own (starting it, the records' copies back,
 * the garbage collector's work on two heaps): on a machine whose cores are all busy it only slows
 * the run down, so the file is read in one thread. A core is free when, since the command started
 * (some 50 to 100 ms of loading and reading files), other programs kept the cores busy for less
 * than half a core beyond all but two of them: the cores' busy time, from the kernel's counters,
 * less this process's own (its threads include V8's compilers and collector, busy at start-up, so
 * the cores' idle time alone would call a quiet machine busy). The load average, a minute's mean
 * that still counts processes which have finished (the previous `conclave validate`), is the
 * answer only when that window is too short for the kernel's 10 ms ticks. The result is the same
 * either way. `CONCLAVE_CSV_THREAD=0` reads in one thread, `=1` in two
 * whatever the load (the benchmark compares them).
 */
export function pipelineAvailable(): boolean {
  const forced = process.env.CONCLAVE_CSV_THREAD;
  if (forced === "0") return false;
  if (script === undefined) {
    const here = path.join(path.dirname(fileURLToPath(import.meta.url)), "parse-worker.js");
    script = existsSync(here) ? here : null;
  }
  if (script === null) return false;
  if (forced === "1") return true;
  coreFree ??= aCoreIsFree();
  return coreFree;
}

function aCoreIsFree(): boolean {
  const cores = os.availableParallelism();
  if (cores < 2) return false;
  const now = cpuTimes();
  const total = now.total - loadedAt.total;
  if (total < 30 * cores) return os.loadavg()[0]! + 1 <= cores;
  const own = process.cpuUsage(ownAt);
  const others = total - (now.idle - loadedAt.idle) - (own.user + own.system) / 1000;
  // The counters are of every core the kernel has, which may be more than this process may use.
  const counted = Math.max(cores, os.cpus().length);
  return others <= ((counted - 2 + 0.5) * total) / counted;
}

function startReader(): Reader {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const data: PipelineData = { port: port2, signal };
  const worker = new Worker(script!, { workerData: data, transferList: [port2] });
  // The thread ends by itself after its last message; it must never keep the process alive.
  worker.unref();
  return { worker, port: port1, signal };
}

/** A reading thread started ahead of its file (`prepareCsvThread`), not given a job yet. */
let spare: Reader | undefined;

/**
 * Starts the reading thread for a file of `bytes` bytes now, while the caller is still reading
 * and decoding its files: a thread takes some 50 to 90 ms to start and load csv-parse, which the
 * caller otherwise spends waiting for the first batch. Nothing happens for a file too small to
 * be read in a second thread, or when `pipelineAvailable()` says no; `scanCsv` of a large file
 * takes the thread, and `discardCsvThread` ends one left unused (a file that did not decode).
 */
export function prepareCsvThread(bytes: number): void {
  // A UTF-8 file holds at most as many characters as bytes: a file below the threshold in bytes
  // is below it in characters, and one above may still be below (then the thread is discarded).
  if (spare || bytes < PIPELINE_MIN_CHARS || !pipelineAvailable()) return;
  spare = startReader();
}

/** Ends a reading thread that `prepareCsvThread` started and no file used. */
export function discardCsvThread(): void {
  if (!spare) return;
  spare.port.close();
  void spare.worker.terminate();
  spare = undefined;
}

export function scanCsvPipelined(
  source: CsvSource,
  delimiter: Delimiter,
  onRecord: (line: number, cells: string[]) => void,
): CsvSyntaxError[] {
  const { worker, port: port1, signal } = spare ?? startReader();
  spare = undefined;
  const job: PipelineJob = { source, delimiter };
  port1.postMessage(job);
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
      if (m.kind === "split") {
        // Two native splits per batch, where slicing each cell in a loop here costs this thread
        // about a tenth of the whole validation.
        const narrow = m.narrowCount > 0 ? m.narrow.split(m.unit) : [];
        const wide = m.wideCount > 0 ? m.wide.split(m.unit) : [];
        const { isWide, cellsOf, lines } = m;
        let a = 0;
        let w = 0;
        let k = 0;
        for (let r = 0; r < m.count; r++) {
          const n = cellsOf[r]!;
          const values = new Array<string>(n);
          for (let i = 0; i < n; i++) values[i] = isWide[k++] === 1 ? wide[w++]! : narrow[a++]!;
          onRecord(lines[r]!, values);
        }
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
