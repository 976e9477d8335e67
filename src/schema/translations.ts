import type { Language } from "./fields.js";
import type { TableRow } from "./table.js";

/** What a row without translation columns has: one frozen object, not a new one per row (100,000 rows). */
const NONE: Readonly<Record<string, Partial<Record<Language, string>>>> = Object.freeze({});

/** Collects the `<field>_<lang>` cells of a row (`title_zh-Hans` for a title_zh column): { title: { ko: "…", vi: "…" } }. */
export function translationsOf(row: TableRow): Record<string, Partial<Record<Language, string>>> {
  if (!row.translations) return NONE;
  const out: Record<string, Partial<Record<Language, string>>> = {};
  for (const [key, value] of row.translations) {
    const at = key.lastIndexOf("_");
    const field = key.slice(0, at);
    const lang = key.slice(at + 1) as Language;
    out[field] ??= {};
    out[field]![lang] = value;
  }
  return out;
}
