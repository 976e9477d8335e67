import { type Diagnostic, diag } from "../diagnostics.js";
import type { TableRow, TableSpec } from "../schema/table.js";

/** A check of one row's text, run while the file is read; it adds what it finds to `out`. */
export type RowCheck = (row: TableRow, out: Diagnostic[]) => void;

// VNI fonts store a tone or vowel mark as a separate Latin-1 letter after the vowel: "Nguyeãn",
// "Vieät Nam", "Traàn", "Vaên". These pairs never occur in real Vietnamese ("oà" of "hoàng" does,
// so it is not one of them).
const VNI = /a[àáâãäåéèúüëê]|e[àáâãäå]|o[âãäå]|[aeiouyAEIOUY][øûïöëæ]/gu;
// TCVN3 (ABC) puts Vietnamese letters on Latin-1 symbol positions: "NguyÔn V¨n", "§µ N½ng".
const TCVN3 = /\p{L}[¨©ª«¬®¸µ¶·¹»¼½¾]|[§¨©ª«¬®¸µ¶·¹»¼½¾]\p{L}/gu;
const hits = (re: RegExp, s: string) => s.match(re)?.length ?? 0;
// Both encodings put a Latin-1 letter or symbol (U+00A0–U+00FF) beside a letter: text without one
// cannot match either pattern, which spares the regular expressions almost every value.
const LATIN1 = /[\u00a0-\u00ff]/;

/** Text typed with a legacy Vietnamese font encoding, which prints as mojibake in Unicode fonts. */
export function legacyVietnameseCheck(spec: TableSpec): RowCheck {
  const textFields = spec.columns
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.type.name === "text" && !c.personal);
  const countryAt = spec.columns.findIndex((c) => c.name === "country");
  return (row, out) => {
    // One suspicious pair is enough in a Vietnamese delegate's row; elsewhere a name such as
    // "Zoë" or "Joël" has one too, so it takes two.
    const needed = countryAt >= 0 && row.values[countryAt] === "VN" ? 1 : 2;
    for (const { c, index } of textFields) {
      const value = row.text[index];
      if (!value || !LATIN1.test(value)) continue;
      const kind =
        hits(VNI, value) >= needed ? "VNI" : hits(TCVN3, value) >= needed ? "TCVN3 (ABC)" : undefined;
      if (!kind) continue;
      out.push(
        diag(
          "legacy-vietnamese-encoding",
          "error",
          { file: row.loc.file, line: row.loc.line, column: row.loc.columns[c.name] ?? 0, field: c.name },
          `${c.name} "${value}" looks like Vietnamese typed in the legacy ${kind} encoding`,
          "Convert the sheet to Unicode (e.g. with Unikey's converter, 'Chuyển mã' from " +
            `${kind.startsWith("VNI") ? "VNI Windows" : "TCVN3 (ABC)"} to Unicode), then save as "CSV UTF-8".`,
        ),
      );
    }
  };
}
