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
  const used = new Set<number>();
  for (const p of pages) for (const ch of p.html) used.add(ch.codePointAt(0)!);
  const fonts = siteFonts(used);
  let files = 0;
  let bytes = 0;
  writer.replaceFolder("site");
  const write = async (rel: string, data: Uint8Array | string) => {
    const entry = await writer.write(`site/${rel}`, data, "agenda");
    files++;
    bytes += entry.size;
  };
  for (const p of pages) await write(p.path, p.html);
  await write("assets/site.css", siteCss(colours, fonts.css));
  for (const f of fonts.files) await write(`assets/${f.path}`, f.bytes);
  await writer.commitFolder("site", "agenda");
  const darkened = (["primary", "secondary"] as const).flatMap((k) => {
    const c = colours[k];
    return c.darkenedFrom ? [`${k} ${c.darkenedFrom} → ${c.colour}`] : [];
  });
  return { files, bytes, pages: pages.length, darkened };
}
