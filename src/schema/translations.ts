import type { Language } from "./fields.js";
import type { TableRow } from "./table.js";

/** Collects the `<field>_<lang>` cells of a row: { title: { ko: "…", vi: "…" } }. */
export function translationsOf(row: TableRow): Record<string, Partial<Record<Language, string>>> {
  const out: Record<string, Partial<Record<Language, string>>> = {};
  if (!row.translations) return out;
  for (const [key, value] of row.translations) {
    const field = key.slice(0, -3);
    const lang = key.slice(-2) as Language;
    out[field] ??= {};
    out[field]![lang] = value;
  }
  return out;
}
