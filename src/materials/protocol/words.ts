import { type ByLanguage, byLanguage } from "../../model/i18n.js";
import type { Language } from "../../schema/fields.js";

/** Words of the protocol list and the caterer's list, per language. */
export interface ProtocolWords {
  title: string;
  order: string;
  name: string;
  position: string;
  interpreter: string;
  liaison: string;
  arrival: string;
  departure: string;
  table: string;
  caterer: string;
  needs: string;
  guests: string;
  total: string;
  /** The number of guests served, `{n}` filled by the template: "{n} covers", ko "{n}명". */
  served: string;
  /** After a label (labels.agenda.colon): ": ", zh "：". */
  colon: string;
  none: string;
  noTable: string;
}

/** From each language's pack (labels.protocol). */
export const PROTOCOL_WORDS: ByLanguage<ProtocolWords> = byLanguage((l) => ({
  ...l.protocol,
  colon: l.agenda.colon,
}));

/**
 * The usual dietary needs in each language, by the need as delegates.csv writes it (lower case,
 * single spaces): a caterer in Ho Chi Minh City reads "không ăn thịt lợn", not "no pork". A need
 * not in this table is printed as written.
 */
const DIETARY = byLanguage((l) => l.dietary as Record<string, string>);
/** Needs written another way than the pack's key. */
const DIETARY_ALIASES: Record<string, string> = { "gluten free": "gluten-free" };

/** A dietary need in one language, given its grouping key (see planCatererList). */
export function dietaryIn(key: string, written: string, lang: Language): string {
  return DIETARY(lang)[DIETARY_ALIASES[key] ?? key] ?? written;
}
