import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { type Diagnostic, diag } from "../diagnostics.js";
import type { PackFile } from "../i18n/packs.js";
import { type GlyphCoverage, missingCharacters, missingGlyphMessage, needsNoGlyph } from "./glyphs.js";

/**
 * Keys of a pack whose words are read or matched, never printed: patterns of offices, the words
 * of the honorific column, other names of countries, locales and font sets, and the examples
 * conclave's help and hints quote (shown in a terminal, not on a material).
 */
const NOT_PRINTED = [
  /^language$/,
  /^fonts(\.|$)/,
  /^spoken_in(\.|$)/,
  /^precedence(\.|$)/,
  /^country_forms(\.|$)/,
  /^names\.read(\.|$)/,
  /^names\.script$/,
  /^names\.custom$/,
  /^offices\.position$/,
  /^offices\.spellings(\.|$)/,
  /^offices\.names\.[^.]+\.words(\.|$)/,
  /^collation\.locale$/,
  /^examples(\.|$)/,
];

/**
 * `missing-glyph` in an event's own language packs (i18n/<lang>.yaml): a label, date word or
 * salutation that no configured font can draw would print as an empty box on every badge, letter
 * or plan in that language. Checked for the languages the event prints, at the line and column of
 * the value in the pack file.
 */
export function packGlyphs(
  files: readonly PackFile[],
  languages: ReadonlySet<string>,
  coverage: GlyphCoverage,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const drawable = (cp: number) => needsNoGlyph(cp) || coverage.has(cp);
  for (const { file, text } of files) {
    const lang = file.replace(/^.*\//, "").replace(/\.yaml$/, "");
    if (!languages.has(lang)) continue;
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
    // A pack that does not parse is reported as a language-pack error already.
    if (doc.errors.length > 0) continue;
    const visit = (node: unknown, path: string) => {
      if (NOT_PRINTED.some((p) => p.test(path))) return;
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : "";
          visit(pair.value, path ? `${path}.${key}` : key);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          visit(item, `${path}.${i}`);
        });
      } else if (isScalar(node) && typeof node.value === "string") {
        const missing = missingCharacters(node.value, drawable);
        if (missing.length === 0) return;
        const at = lc.linePos((node as Node).range?.[0] ?? 0);
        out.push(
          diag(
            "missing-glyph",
            "error",
            { file, line: at.line, column: at.col, field: path },
            missingGlyphMessage(path, missing),
            `Fonts in use: ${coverage.fonts.join(", ")}. Add a font that has ${missing.length === 1 ? "it" : "them"} under fonts: in event.yaml (or the pack's fonts:, e.g. [noto-sans-sc] for Chinese characters), or write the ${lang} words otherwise.`,
          ),
        );
      }
    };
    visit(doc.contents, "");
  }
  return out;
}
