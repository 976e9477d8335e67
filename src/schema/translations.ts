import { LANGUAGES, type Language } from "./fields.js";
import type { TableRow, TableSpec } from "./table.js";

/** Collects the `<field>_<lang>` cells of a row: { title: { ko: "…", vi: "…" } }. */
export function translationsOf(
  row: TableRow,
  spec: TableSpec,
): Record<string, Partial<Record<Language, string>>> {
  const out: Record<string, Partial<Record<Language, string>>> = {};
  for (const c of spec.columns) {
    if (!c.translatable) continue;
    for (const lang of LANGUAGES) {
      const value = row.text.get(`${c.name}_${lang}`);
      if (value !== undefined) {
        out[c.name] ??= {};
        out[c.name]![lang] = value;
      }
    }
  }
  return out;
}
