import type { NameOrder } from "../schema/delegates.js";
import type { Language } from "../schema/fields.js";
import type { Delegate, Localized } from "./types.js";

/** Countries whose names are written family name first in their own script. */
const FAMILY_FIRST_COUNTRIES = new Set(["KR", "KP", "VN", "CN", "JP", "TW", "HK", "MO", "HU", "MN"]);

export function defaultNameOrder(country: string): NameOrder {
  return FAMILY_FIRST_COUNTRIES.has(country) ? "family-first" : "given-first";
}

/** Text of a localized value in one language, falling back to the event's default, then any. */
export function pick(value: Localized | undefined, lang: Language, fallback: Language): string | undefined {
  if (!value) return undefined;
  return value[lang] ?? value[fallback] ?? Object.values(value).find((v) => v !== undefined);
}

/**
 * The name in Latin script as the person uses it: family name first for Korean and Vietnamese
 * delegates ("Kim Min-jun", "Nguyễn Văn An"), given name first otherwise ("Anna Schmidt").
 * With `upperFamily`, the family name is in capitals, as protocol lists write it ("KIM Min-jun").
 */
export function latinName(
  d: Pick<Delegate, "givenName" | "familyName" | "nameOrder">,
  upperFamily = false,
): string {
  const family = upperFamily ? d.familyName.toLocaleUpperCase("en") : d.familyName;
  return d.nameOrder === "family-first" ? `${family} ${d.givenName}` : `${d.givenName} ${family}`;
}

/** Sort key for lists by family name: family, then given, in the locale's collation. */
export function familySortKey(d: Pick<Delegate, "givenName" | "familyName">): string {
  return `${d.familyName}\u0000${d.givenName}`;
}
