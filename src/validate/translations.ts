import type { Location } from "../diagnostics.js";
import { type Diagnostic, diagAt } from "../diagnostics.js";
import type { Language } from "../schema/fields.js";
import { columnSuffix } from "../schema/fields.js";
import type { EventTables } from "./tables.js";

/** A row that has a value in a translatable column: where it is, its id, its translations. */
interface Row {
  loc: Location;
  id: string;
  translations: Record<string, Partial<Record<Language, string>>>;
}

/** The languages a row's text is printed in, beyond the default language. */
type Needs = (row: Row) => readonly Language[];

/** Rows listed in a message before "and n more". */
const LISTED = 8;

/**
 * One warning per translation column (`position_ko`, `venue_vi`…) naming the rows whose text is
 * printed in that language but has none there: that language's materials print the default
 * language's text instead, as a Korean letter that says "Saigon Riverside Hotel" under a
 * letterhead that says 사이공 리버사이드 호텔. The warning points at the first such row.
 */
function missingColumns(
  file: string,
  rows: readonly Row[],
  fields: readonly string[],
  has: (row: Row, field: string) => boolean,
  needs: Needs,
  what: (field: string, lang: Language) => string,
  defaultLanguage: Language,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Per field and language: how many rows miss the translation, and the first few (the message
  // lists no more). One pass over the rows, asking each row's languages once for all its fields.
  const missing = fields.map(() => new Map<Language, { count: number; first: Row[] }>());
  for (const row of rows) {
    let langs: readonly Language[] | undefined;
    for (let f = 0; f < fields.length; f++) {
      const field = fields[f]!;
      if (!has(row, field)) continue;
      langs ??= needs(row);
      if (langs.length === 0) break;
      const given = row.translations[field];
      for (const lang of langs) {
        if (given?.[lang]) continue;
        const list = missing[f]!.get(lang);
        if (!list) missing[f]!.set(lang, { count: 1, first: [row] });
        else if (list.count++ < LISTED) list.first.push(row);
      }
    }
  }
  fields.forEach((field, f) => {
    for (const [lang, { count, first }] of missing[f]!) {
      const ids = first.map((r) => r.id || `line ${r.loc.line}`);
      const more = count > LISTED ? ` and ${count - LISTED} more` : "";
      const rowsText = count === 1 ? "1 row" : `${count} rows`;
      out.push(
        diagAt(
          "missing-translation",
          "warning",
          first[0]!.loc,
          field,
          `${field}_${columnSuffix(lang)} is missing in ${rowsText} (${ids.join(", ")}${more}); ${what(field, lang)} will print the ${defaultLanguage} text`,
          `Fill ${field}_${columnSuffix(lang)} in ${file} for ${count === 1 ? "that row" : "those rows"} (add the column if the file has none).`,
        ),
      );
    }
  });
  return out;
}

/**
 * Translations missing from the columns a material prints, for the languages that material is
 * made in:
 * - sessions.csv `title`, `section`, `description` and venues.csv `venue`, `room`: the programme
 *   is printed in every language of the event;
 * - delegates.csv `organisation` and `position`: in every language for speakers and moderators
 *   (the programme names them), else in the delegate's own language (badge, letter, agenda).
 */
export function checkTranslations(t: EventTables): Diagnostic[] {
  const { languages, defaultLanguage, files } = t.config;
  if (languages.length < 2) return [];
  const others = languages.filter((l) => l !== defaultLanguage);
  const everywhere: Needs = () => others;
  const sessionText = (s: (typeof t.sessions)[number], f: string) =>
    Boolean(f === "title" ? s.title : f === "section" ? s.section : s.description);
  const programme = (_: string, lang: Language) => `the ${lang} programme`;
  const speaking = new Set<string>();
  for (const s of t.sessions) {
    for (const id of s.speakers) speaking.add(id);
    if (s.moderator) speaking.add(s.moderator);
  }
  // The rows handed to delegateNeeds are the delegates themselves: their language is on the row,
  // no id lookup needed (100,000 delegates: a map of them cost a tenth of validation's rule time).
  const own = new Map<Language, readonly Language[]>(others.map((l) => [l, [l]]));
  const delegateNeeds: Needs = (row) => {
    if (speaking.has(row.id)) return others;
    const lang = (row as (typeof t.delegates)[number]).language;
    return (lang && own.get(lang)) || [];
  };
  return [
    ...missingColumns(
      files.sessions,
      t.sessions,
      ["title", "section", "description"],
      (row, f) => sessionText(row as (typeof t.sessions)[number], f),
      everywhere,
      programme,
      defaultLanguage,
    ),
    ...missingColumns(
      files.venues,
      t.venues,
      ["venue", "room"],
      (row, f) => Boolean((row as (typeof t.venues)[number])[f as "venue" | "room"]),
      everywhere,
      programme,
      defaultLanguage,
    ),
    ...missingColumns(
      files.delegates,
      t.delegates,
      ["organisation", "position"],
      (row, f) => Boolean((row as (typeof t.delegates)[number])[f as "organisation" | "position"]),
      delegateNeeds,
      (_, lang) => `the ${lang} badges, letters, agendas and programme`,
      defaultLanguage,
    ),
  ];
}
