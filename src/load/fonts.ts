import { statSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { UserError } from "../errors.js";
import { activePack } from "../i18n/active.js";
import type { LanguagePacks } from "../i18n/packs.js";
import { createMeasurer, type Measurer } from "../render/measure.js";
import { type OpenTypeFont, readFont } from "../render/opentype.js";
import type { GlyphCoverage } from "../validate/glyphs.js";
import { type Confinement, confine, READ_LIMITS, readRegularFile, resolveConfined } from "./confine.js";

const require = createRequire(import.meta.url);
const measurers = new Map<string, Measurer>();

/**
 * A measurer over the bundled faces in the order Typst falls back through them: Pretendard, then
 * the font sets named by `sets` (an event's languages' packs, `fontSetsOf`), so a Chinese name is
 * measured with Noto Sans SC's widths where that is the font that prints it. One per set of
 * fonts, created once per process.
 */
export function bundledMeasurer(sets: readonly string[] = []): Measurer {
  const key = sets.join(",");
  let m = measurers.get(key);
  if (!m) {
    const weights = (files: string[]) => {
      const [regular, medium, semibold, bold] = files as [string, string, string, string];
      return { regular, medium, semibold, bold };
    };
    const known = sets.filter((id) => FONT_SETS[id]);
    m = createMeasurer(
      weights(pretendardFiles()),
      known.map((id) => weights(FONT_SETS[id]!())),
    );
    measurers.set(key, m);
  }
  return m;
}

/** The font sets the packs in effect ask for the languages an event prints, each once. */
export function fontSetsOfLanguages(languages: readonly string[]): string[] {
  return [...new Set(languages.flatMap((l) => activePack(l).fonts))];
}
const FONT_FILE = /\.(otf|ttf|ttc|otc)$/i;

/** The Pretendard faces, always loaded: Hangul, Latin with Vietnamese, Cyrillic with Mongolian Ө Ү. */
function pretendardFiles(): string[] {
  const dir = path.join(path.dirname(require.resolve("pretendard/package.json")), "dist/public/static");
  return ["Regular", "Medium", "SemiBold", "Bold"].map((w) => path.join(dir, `Pretendard-${w}.otf`));
}

/**
 * The font sets a language pack can ask for (`fonts:` in templates/i18n/<lang>.yaml), each from
 * npm, regular face first. Named by id so a pack, even an event's, loads only fonts conclave ships.
 */
export const FONT_SETS: Readonly<Record<string, () => string[]>> = {
  // Noto Sans SC in TrueType (the @fontsource packages ship only WOFF/WOFF2, which Typst cannot read).
  "noto-sans-sc": () => {
    const dir = path.dirname(require.resolve("@expo-google-fonts/noto-sans-sc/package.json"));
    return ["400Regular", "500Medium", "600SemiBold", "700Bold"].map((w) =>
      path.join(dir, w, `NotoSansSC_${w}.ttf`),
    );
  },
};

/**
 * The bundled fonts: Pretendard (from npm) covers Hangul, Vietnamese, Latin and Mongolian
 * Cyrillic; the font sets named by `sets` (the packs of the languages the event prints, see
 * `fontSetsOf`) are added after it, so a ko/vi/en event loads Pretendard alone. Materials and the
 * glyph check load exactly these plus the event's `fonts:`, never the system's.
 */
export function bundledFontFiles(sets: readonly string[] = []): string[] {
  return [...pretendardFiles(), ...sets.flatMap((id) => FONT_SETS[id]?.() ?? [])];
}

/** The font sets the packs of an event's languages ask for, each once, in the order of the languages. */
export function fontSetsOf(languages: readonly string[], packs: LanguagePacks): string[] {
  const byLanguage = new Map(packs.entries.map((e) => [e.language, e.pack.fonts]));
  return [...new Set(languages.flatMap((l) => byLanguage.get(l) ?? []))];
}

/**
 * Font files named in event.yaml (files or folders, relative to the event folder) plus the bundled
 * ones, as real paths: each inside the event folder or an allowed place, a regular file within
 * the font size limit (README "Safety"); Typst then loads exactly these. A bare folder is an
 * event folder with nothing allowed outside it.
 */
export async function resolveFontFiles(
  event: Confinement | string,
  configured: readonly string[],
  sets: readonly string[] = [],
): Promise<string[]> {
  const c = typeof event === "string" ? confine(event) : event;
  const files: string[] = [];
  const check = (real: string, label: string) => {
    const info = statSync(real);
    if (!info.isFile())
      throw new UserError(`${label} is not a font file`, "Name a font file or a folder of fonts.");
    if (info.size > READ_LIMITS.font)
      throw new UserError(
        `${label} is too large (${info.size.toLocaleString("en")} bytes; conclave reads at most 64 MiB for a font)`,
        "Check that fonts: names the right file; the limits are listed in README.md (Safety).",
      );
    files.push(real);
  };
  for (const entry of configured) {
    const label = `fonts: ${entry}`;
    const real = resolveConfined(c, entry, label);
    if (!real)
      throw new UserError(
        `the font ${entry} named in event.yaml does not exist`,
        "Fix the path under fonts: (relative to the event folder).",
      );
    if (!(await stat(real)).isDirectory()) {
      check(real, label);
      continue;
    }
    for (const f of (await readdir(real)).sort()) {
      if (!FONT_FILE.test(f)) continue;
      // Each file of a folder passes the same check: a link in it may point anywhere.
      const inner = resolveConfined(c, path.join(real, f), `${label}/${f}`);
      if (inner) check(inner, `${label}/${f}`);
    }
  }
  return [...files, ...bundledFontFiles(sets)];
}

/**
 * The union of the fonts' character maps. Of the bundled family only the regular face is read:
 * its weights share one character set.
 */
export async function loadCoverage(
  event: Confinement | string,
  configured: readonly string[],
  sets: readonly string[] = [],
): Promise<GlyphCoverage> {
  const c = typeof event === "string" ? confine(event) : event;
  const covered = new Set<number>();
  const families = new Set<string>();
  const bundled = new Set(bundledFontFiles(sets));
  const files = (await resolveFontFiles(c, configured, sets)).filter((f) => !bundled.has(f));
  // Of each bundled family its regular face: the weights share one character set.
  const regulars = [pretendardFiles()[0]!, ...sets.flatMap((id) => FONT_SETS[id]?.().slice(0, 1) ?? [])];
  for (const file of [...files, ...regulars]) {
    const own = !bundled.has(file);
    let font: OpenTypeFont;
    try {
      font = readFont(
        own ? readRegularFile(file, "font", `the font ${path.basename(file)}`) : await readFile(file),
      );
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(
        `cannot read the font ${path.basename(file)}: ${(e as Error).message}`,
        "Use an OpenType or TrueType font file (.otf, .ttf).",
      );
    }
    families.add(font.familyName);
    for (const cp of font.characters()) covered.add(cp);
  }
  return { has: (cp) => covered.has(cp), fonts: [...families], codePoints: () => covered };
}
