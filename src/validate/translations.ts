import { type Diagnostic, diagAt } from "../diagnostics.js";
import type { EventTables } from "./tables.js";

/**
 * A session title or section without a translation into one of the event's languages: that
 * language's programme prints the default language's text instead, which the organiser should
 * know before the booklet goes to print.
 */
export function checkTranslations(t: EventTables): Diagnostic[] {
  const { languages, defaultLanguage } = t.config;
  if (languages.length < 2) return [];
  const out: Diagnostic[] = [];
  for (const s of t.sessions) {
    for (const field of ["title", "section"] as const) {
      if (!s[field]) continue;
      const given = s.translations[field] ?? {};
      const missing = languages.filter((l) => l !== defaultLanguage && !given[l]);
      if (missing.length === 0) continue;
      out.push(
        diagAt(
          "missing-translation",
          "warning",
          s.loc,
          field,
          `session ${s.id} has no ${missing.join(", ")} ${field}; the ${missing.join(" and ")} programme${missing.length > 1 ? "s" : ""} will print the ${defaultLanguage} one`,
          `Add ${missing.map((l) => `${field}_${l}`).join(", ")} to ${t.config.files.sessions}.`,
        ),
      );
    }
  }
  return out;
}
