import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { UserError } from "../../errors.js";
import { loadEventFolder } from "../../load/event-folder.js";
import { PageRasterizer } from "../../preview/raster.js";
import { startPreviewServer } from "../../preview/server.js";
import { PreviewSession } from "../../preview/session.js";
import type { Ui } from "../ui.js";

export interface PreviewOptions {
  /** `--port`: 0 (the default) lets the system choose a free one. */
  port: number;
  jobs: number;
  allowOutside: string[];
}

/**
 * `conclave preview [dir]`: a web server on 127.0.0.1 showing the materials as rendered pages,
 * rebuilt when a file of the event folder changes. It builds into a temporary folder of its own
 * (never the event's out/), which it removes when stopped. Runs until Ctrl-C (or SIGTERM), then
 * exits 0.
 */
export async function previewCommand(dir: string, options: PreviewOptions, ui: Ui): Promise<number> {
  // A folder that is not an event at all stops here; errors in its data are shown on the page.
  await assertEventFolder(dir, options.allowOutside);
  const tmp = await mkdtemp(path.join(tmpdir(), "conclave-preview-"));
  const out = path.join(tmp, "out");
  const raster = new PageRasterizer();
  let server: Awaited<ReturnType<typeof startPreviewServer>> | undefined;
  const session = new PreviewSession(dir, {
    jobs: options.jobs,
    allowOutside: options.allowOutside,
    out,
    onChange: (event) => server?.notify(event),
    log: (text) => ui.log(text),
  });
  let stop: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    stop = resolve;
  });
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    server = await startPreviewServer(session, raster, out, options.port).catch(
      (e: NodeJS.ErrnoException) => {
        if (e.code === "EADDRINUSE")
          throw new UserError(
            `port ${options.port} on 127.0.0.1 is in use`,
            "Choose another with --port, or leave --port out for a free one.",
          );
        throw e;
      },
    );
    ui.out(`Preview of ${dir} at ${server.url} (Ctrl-C to stop)`);
    ui.log(`Building into ${tmp} (removed when the preview stops).`);
    session.start();
    const signal = await stopped;
    ui.log(`\n${signal === "SIGINT" ? "Interrupted" : "Stopped"}: closing the preview.`);
  } finally {
    process.removeListener("SIGINT", stop);
    process.removeListener("SIGTERM", stop);
    // The watcher and any build (its compile workers) first, then the server and what it drew.
    await session.close();
    await server?.close();
    await raster.close();
    await rm(tmp, { recursive: true, force: true });
  }
  return 0;
}

/** The folder holds an event.yaml (a missing folder or file is a usage error, exit 2). */
async function assertEventFolder(dir: string, allowOutside: string[]): Promise<void> {
  try {
    await loadEventFolder(dir, { allowOutside, glyphs: false });
  } catch (e) {
    if (e instanceof UserError) throw e;
    // Invalid data or event.yaml: the preview starts and shows the errors.
  }
}
