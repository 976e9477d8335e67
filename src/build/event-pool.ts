import path from "node:path";
import type { LoadedEvent } from "../load/event-folder.js";
import { bundledFontFiles, fontSetsOf, resolveFontFiles } from "../load/fonts.js";
import { readEventTemplates } from "../load/templates.js";
import { builtinTemplatesDir } from "../paths.js";
import { RenderPool } from "../render/pool.js";

/**
 * The compiler pool for one event: the built-in templates with the event's own templates/ over
 * them, and the event's fonts before the bundled ones (so an event font of the same family wins).
 * Shared by a build and a reprint, so both compile with exactly the same world.
 */
export async function eventRenderPool(
  loaded: LoadedEvent,
  jobs: number,
): Promise<{ pool: RenderPool; eventFiles: Record<string, Uint8Array>; fontFiles: string[] }> {
  const sets = fontSetsOf(loaded.config.languages, loaded.packs);
  const found = await resolveFontFiles(loaded.confinement, loaded.config.fonts, sets);
  const bundled = bundledFontFiles(sets);
  const fontFiles = [...found.filter((f) => !bundled.includes(f)), ...bundled];
  const eventFiles = readEventTemplates(loaded.confinement);
  const pool = new RenderPool(
    { builtinDir: builtinTemplatesDir, eventDir: path.join(loaded.dir, "templates"), eventFiles, fontFiles },
    jobs,
  );
  return { pool, eventFiles, fontFiles };
}
