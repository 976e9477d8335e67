import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { UserError } from "../errors.js";
import { createMeasurer, type Measurer } from "../render/measure.js";
import { type OpenTypeFont, readFont } from "../render/opentype.js";
import type { GlyphCoverage } from "../validate/glyphs.js";

const require = createRequire(import.meta.url);
let measurer: Measurer | undefined;

/** A measurer over the bundled Pretendard faces, created once per process. */
export function bundledMeasurer(): Measurer {
  const [regular, medium, semibold, bold] = bundledFontFiles() as [string, string, string, string];
  measurer ??= createMeasurer({ regular, medium, semibold, bold });
  return measurer;
}
const FONT_FILE = /\.(otf|ttf|ttc|otc)$/i;

/**
 * The bundled fonts: Pretendard (from npm) covers Hangul, Vietnamese and Latin. Materials and the
 * glyph check load exactly these plus the event's `fonts:`, never the system's.
 */
export function bundledFontFiles(): string[] {
  const dir = path.join(path.dirname(require.resolve("pretendard/package.json")), "dist/public/static");
  return ["Regular", "Medium", "SemiBold", "Bold"].map((w) => path.join(dir, `Pretendard-${w}.otf`));
}

/** Font files named in event.yaml (files or folders, relative to the event folder) plus the bundled ones. */
export async function resolveFontFiles(eventDir: string, configured: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const entry of configured) {
    const p = path.resolve(eventDir, entry);
    const info = await stat(p).catch(() => undefined);
    if (!info)
      throw new UserError(
        `the font ${entry} named in event.yaml does not exist`,
        "Fix the path under fonts: (relative to the event folder).",
      );
    if (info.isDirectory()) {
      for (const f of (await readdir(p)).sort()) if (FONT_FILE.test(f)) files.push(path.join(p, f));
    } else files.push(p);
  }
  return [...files, ...bundledFontFiles()];
}

/**
 * The union of the fonts' character maps. Of the bundled family only the regular face is read:
 * its weights share one character set.
 */
export async function loadCoverage(eventDir: string, configured: readonly string[]): Promise<GlyphCoverage> {
  const covered = new Set<number>();
  const families = new Set<string>();
  const bundled = new Set(bundledFontFiles().slice(1));
  const files = (await resolveFontFiles(eventDir, configured)).filter((f) => !bundled.has(f));
  for (const file of files) {
    let font: OpenTypeFont;
    try {
      font = readFont(await readFile(file));
    } catch (e) {
      throw new UserError(
        `cannot read the font ${path.basename(file)}: ${(e as Error).message}`,
        "Use an OpenType or TrueType font file (.otf, .ttf).",
      );
    }
    families.add(font.familyName);
    for (const cp of font.characters()) covered.add(cp);
  }
  return { has: (cp) => covered.has(cp), fonts: [...families] };
}
