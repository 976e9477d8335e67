import { appendFileSync, existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { packageRoot } from "../paths.js";
import {
  type CompiledPdf,
  type CompileJob,
  type EngineOptions,
  jobAssets,
  sealTypstEnvironment,
  TemplateError,
} from "./typst.js";

type Reply =
  | { id: number; ok: true; pdf: Uint8Array; pages: number; starts?: number[]; file?: string }
  | {
      id: number;
      ok: false;
      template?: { diagnostics: TemplateError["diagnostics"]; hint?: string };
      message?: string;
    };

/** Appends a compile job to a JSON-lines file, asset bytes (QR codes drawn) in base64. */
function recordJob(file: string, job: CompileJob): void {
  const { qr: _drawn, ...rest } = job;
  const assets = Object.fromEntries(
    Object.entries(jobAssets(job)).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
  );
  appendFileSync(file, `${JSON.stringify({ ...rest, assets })}\n`);
}

/** The compiled worker script: beside this module in dist/, or dist/ when running from sources. */
function workerScript(): string {
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.js");
  return existsSync(here) ? here : path.join(packageRoot, "dist/render/worker.js");
}

/**
 * Jobs given to a worker at once: its next job waits in its message queue while it compiles, so
 * it starts at once when the compile ends. With one, a worker sat idle until the main thread took
 * its result and sent it another, and the main thread, writing thousands of letters and agendas
 * to disk (an `open` can take a millisecond), kept each worker waiting some 2 s of a 20 s run.
 */
const JOBS_PER_WORKER = 2;

/**
 * A pool of worker threads, each with its own warm Typst compiler. Jobs go to the first worker
 * with room (JOBS_PER_WORKER); `close()` terminates them all at once (Ctrl-C), so no compile
 * outlives the build.
 */
export class RenderPool {
  private readonly workers: Worker[] = [];
  /** Jobs each worker has been given and not yet answered. */
  private readonly load = new Map<Worker, number>();
  private readonly queue: {
    message: { job: CompileJob };
    resolve: (r: CompiledPdf) => void;
    reject: (e: Error) => void;
  }[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (r: CompiledPdf) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;
  private closed = false;

  private readonly size: number;

  constructor(
    private readonly options: EngineOptions,
    size: number,
  ) {
    // More compilers than cores only take memory (each is a Typst instance with its fonts).
    this.size = Math.max(1, Math.min(size, availableParallelism()));
    sealTypstEnvironment(); // before the first worker: they share the environment with Typst
  }

  private spawn(): Worker {
    const worker = new Worker(workerScript(), { workerData: this.options });
    worker.on("message", (reply: Reply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (p) {
        if (reply.ok)
          p.resolve({
            pdf: reply.pdf,
            pages: reply.pages,
            ...(reply.starts ? { starts: reply.starts, ...(reply.file ? { file: reply.file } : {}) } : {}),
          });
        else if (reply.template)
          p.reject(new TemplateError(reply.template.diagnostics, reply.template.hint ?? ""));
        else p.reject(new Error(reply.message));
      }
      this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
      this.drain();
    });
    worker.on("error", (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    this.workers.push(worker);
    this.load.set(worker, 0);
    return worker;
  }

  /**
   * Starts every worker now, each loading Typst and warming its fonts, rather than at the first
   * job: the build does this while the main thread checks the data.
   */
  start(): void {
    while (!this.closed && this.workers.length < this.size) {
      const worker = this.spawn();
      worker.postMessage({ id: -1, warm: true });
    }
  }

  compile(job: CompileJob): Promise<CompiledPdf> {
    // The benchmark replays a build's compiles with bare Typst to measure conclave's overhead
    // (bench/suite.ts, docs/performance.md): it asks for every job to be recorded.
    const record = process.env.CONCLAVE_RECORD_COMPILES;
    if (record) recordJob(record, job);
    return this.submit<CompiledPdf>({ job });
  }

  private submit<T>(message: { job: CompileJob }): Promise<T> {
    if (this.closed) return Promise.reject(new Error("the render pool is closed"));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ message, resolve: resolve as (r: CompiledPdf) => void, reject });
      // A new worker while every one is busy and the pool may grow.
      if (this.workers.length < this.size && this.workers.every((w) => (this.load.get(w) ?? 0) > 0))
        this.spawn();
      this.drain();
    });
  }

  private drain(): void {
    while (this.queue.length > 0) {
      // The least busy worker with room: two jobs go to two workers, not both to one.
      let worker: Worker | undefined;
      for (const w of this.workers)
        if (
          (this.load.get(w) ?? 0) < JOBS_PER_WORKER &&
          (!worker || this.load.get(w)! < this.load.get(worker)!)
        )
          worker = w;
      if (!worker) return;
      this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
      const { message, resolve, reject } = this.queue.shift()!;
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    }
  }

  /**
   * Asks every worker to drop Typst's caches (between materials: what the agendas laid out is no
   * use to the letters, and would otherwise stay in memory for the rest of the build).
   */
  evictAll(): void {
    for (const w of this.workers) w.postMessage({ id: -1, evict: true });
  }

  /**
   * Stops every worker at once, mid-compile (Ctrl-C, or a batch that failed: the others must not
   * go on to produce files after the build gave up). Jobs queued or in flight are rejected, so
   * no caller waits for a result that will never come.
   */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error("the build was stopped");
    for (const q of this.queue.splice(0)) q.reject(stopped);
    // At once, not after the workers have gone: a worker ends only when its compile returns.
    for (const p of this.pending.values()) p.reject(stopped);
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
