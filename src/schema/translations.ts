import type { Language } from "./fields.js";
import type { TableRow } from "./table.js";

/** Collects the `<field>_<lang>` cells of a row (`title_zh-Hans` for a title_zh column): { title: { ko: "…", vi: "…" } }. */
export function translationsOf(row: TableRow): Record<string, Partial<Record<Language, string>>> {
  const out: Record<string, Partial<Record<Language, string>>> = {};
  if (!row.translations) return out;
  for (const [key, value] of row.translations) {
    const at = key.lastIndexOf("_");
    const field = key.slice(0, at);
    const lang = key.slice(at + 1) as Language;
    out[field] ??= {};
    out[field]![lang] = value;
  }
  return out;
}
