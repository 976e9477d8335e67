import { parentPort, workerData } from "node:worker_threads";
import { type CompileJob, type EngineOptions, TemplateError, TypstEngine } from "./typst.js";

/** One compile worker: a warm Typst engine answering jobs from the pool. */
const engine = new TypstEngine(workerData as EngineOptions);

parentPort?.on(
  "message",
  async (message: { id: number; job?: CompileJob; evict?: boolean; warm?: boolean }) => {
    if (message.evict) {
      engine.evict(0);
      return;
    }
    if (message.warm) {
      engine.warm();
      return;
    }
    if (!message.job) return;
    try {
      const { pdf, pages, starts, file } = engine.compile(message.job);
      const copy = pdf.slice(); // own buffer, transferable
      parentPort?.postMessage({ id: message.id, ok: true, pdf: copy, pages, starts, file }, [copy.buffer]);
    } catch (error) {
      if (error instanceof TemplateError) {
        parentPort?.postMessage({
          id: message.id,
          ok: false,
          template: { diagnostics: error.diagnostics, hint: error.hint },
        });
      } else {
        parentPort?.postMessage({
          id: message.id,
          ok: false,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    }
  },
);
