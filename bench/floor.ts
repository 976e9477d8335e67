import { createReadStream } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { bundledFontFiles } from "../src/load/fonts.js";
import { RenderPool } from "../src/render/pool.js";
import type { CompileJob } from "../src/render/typst.js";

/**
 * The floor under a build's PDF stages: the same Typst documents a build compiled (recorded with
 * CONCLAVE_RECORD_COMPILES), compiled again by bare Typst — a pool of as many workers as the
 * build had, each compile and PDF export and nothing else: no planning, QR codes, cutting,
 * writing or calendars. `keep` chooses the templates to count (the PDF materials).
 */
export async function typstFloor(
  recorded: string,
  keep: (template: string) => boolean,
): Promise<{ seconds: number; compiles: number; pages: number }> {
  const root = path.resolve(import.meta.dirname, "..");
  const pool = new RenderPool(
    { builtinDir: path.join(root, "templates"), fontFiles: bundledFontFiles() },
    availableParallelism(),
  );
  const lines = createInterface({ input: createReadStream(recorded), crlfDelay: Number.POSITIVE_INFINITY });
  const inFlight = new Set<Promise<void>>();
  let compiles = 0;
  let pages = 0;
  // The build's PDF stages start with warm workers (seating spawned them): so does the floor.
  let started = 0;
  try {
    for await (const line of lines) {
      if (!line) continue;
      const raw = JSON.parse(line) as CompileJob & { assets: Record<string, string> };
      if (!keep(raw.template)) continue;
      const job: CompileJob = {
        ...raw,
        assets: Object.fromEntries(
          Object.entries(raw.assets).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, "base64"))]),
        ),
      };
      if (started === 0) {
        await Promise.all(Array.from({ length: availableParallelism() }, () => pool.compile(job)));
        started = performance.now();
      }
      const p = pool.compile(job).then((r) => {
        compiles++;
        pages += r.pages;
        inFlight.delete(p);
      });
      inFlight.add(p);
      // A few jobs queued ahead keep every worker busy without holding the whole file in memory.
      if (inFlight.size >= 8) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  return { seconds: (performance.now() - started) / 1000, compiles, pages };
}
