import type { Event } from "../../../model/types.js";
import type { OutputWriter } from "../../../output/writer.js";
import { siteColours, siteCss } from "./css.js";
import { siteFonts } from "./fonts.js";
import { planSite, type SiteDownloads } from "./pages.js";

export interface SiteResult {
  files: number;
  bytes: number;
  pages: number;
  /** Brand colours darkened for contrast, for the build's summary: "primary #d17a22 → #a9631b". */
  darkened: string[];
}

/**
 * Every character of the pages but ASCII (the fonts keep all of printable ASCII): the regular
 * expression skips the markup natively, the loop sees only the rest.
 */
function charactersOf(texts: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const t of texts) for (const ch of t.replace(/[\u0000-\u007f]+/g, "")) out.add(ch.codePointAt(0)!);
  return out;
}

/**
 * out/site/: the programme site (docs/site.md). The folder is made whole by each run and put in
 * place of the old one (OutputWriter.replaceFolder), so a page of a session no longer in the
 * programme goes with it and out/ after a rebuild is byte for byte a clean build's.
 */
export async function writeSite(
  event: Event,
  writer: OutputWriter,
  downloads: SiteDownloads,
  theme: { primary: string; secondary: string },
): Promise<SiteResult> {
  const pages = planSite(event, downloads);
  const colours = siteColours(theme);
  const used = charactersOf(pages.map((p) => p.html));
  const fonts = siteFonts(used);
  let files = 0;
  let bytes = 0;
  writer.replaceFolder("site");
  const all = [
    ...pages.map((p) => ({ path: `site/${p.path}`, data: p.html })),
    { path: "site/assets/site.css", data: siteCss(colours, fonts.css) },
    ...fonts.files.map((f) => ({ path: `site/assets/${f.path}`, data: f.bytes })),
  ];
  for (const entry of await writer.writeMany(all, "agenda")) {
    files++;
    bytes += entry.size;
  }
  await writer.commitFolder("site", "agenda");
  const darkened = (["primary", "secondary"] as const).flatMap((k) => {
    const c = colours[k];
    return c.darkenedFrom ? [`${k} ${c.darkenedFrom} → ${c.colour}`] : [];
  });
  return { files, bytes, pages: pages.length, darkened };
}
