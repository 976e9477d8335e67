import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { subsetTables } from "../../../render/font-subset.js";
import { encodeWoff2 } from "../../../render/woff2.js";

const require = createRequire(import.meta.url);

export interface SiteFonts {
  /** @font-face rules, the files relative to assets/. */
  css: string;
  files: { path: string; bytes: Uint8Array }[];
}

const WEIGHTS = [
  ["Regular", 400],
  ["Bold", 700],
] as const;

/** Printable ASCII whatever the pages say: the markup is ASCII, so the pages are not searched for it. */
const ALWAYS = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("");

/**
 * The bundled Pretendard, regular and bold, cut to the characters the site's pages use and
 * written as WOFF2 (src/render/font-subset.ts, src/render/woff2.ts): the whole faces are 1.5 MB,
 * the example's subsets about a tenth of that (docs/site.md).
 */
export function siteFonts(used: ReadonlySet<number>): SiteFonts {
  const dir = path.join(
    path.dirname(require.resolve("pretendard/package.json")),
    "dist/public/static/alternative",
  );
  const characters = new Set(used);
  for (const ch of ALWAYS) characters.add(ch.codePointAt(0)!);
  const files = WEIGHTS.map(([w]) => ({
    path: `fonts/Pretendard-${w}.woff2`,
    bytes: encodeWoff2(subsetTables(readFileSync(path.join(dir, `Pretendard-${w}.ttf`)), characters)),
  }));
  const css = WEIGHTS.map(
    ([w, n]) =>
      `@font-face { font-family: Pretendard; font-style: normal; font-weight: ${n}; font-display: swap; src: url(fonts/Pretendard-${w}.woff2) format("woff2"); }\n`,
  ).join("");
  return { css, files };
}
