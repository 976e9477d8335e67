import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
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
  await removeStaleFolders();
  const tmp = await mkdtemp(path.join(tmpdir(), PREFIX));
  await writeFile(path.join(tmp, PID_FILE), `${process.pid}\n`);
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

const PREFIX = "conclave-preview-";
const PID_FILE = "preview.pid";

/**
 * The folders of previews that were killed (kill -9, a power cut) and could not remove their own:
 * each of ours holds the pid of the preview that made it, and one whose process is gone is
 * removed. Folders of other users, or without the pid file, are left alone.
 */
async function removeStaleFolders(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const folder = path.join(tmpdir(), name);
    try {
      const info = await lstat(folder);
      if (!info.isDirectory() || (process.getuid && info.uid !== process.getuid())) continue;
      const pid = Number((await readFile(path.join(folder, PID_FILE), "utf8")).trim());
      if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
      await rm(folder, { recursive: true, force: true });
    } catch {
      // Not ours, not readable, or removed meanwhile.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 sends nothing: it only asks whether the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
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
