/**
 * The values of delegates.csv's closed columns (category, sector, name order, naming custom,
 * gender, passport type), apart from the column specs (delegates.ts): event.yaml's schema and the
 * language packs' schema name them too, and the specs read examples from the packs, which would
 * otherwise import each other.
 */
export const CATEGORIES = [
  "vip",
  "delegate",
  "speaker",
  "press",
  "staff",
  "interpreter",
  "organiser",
] as const;
export type Category = (typeof CATEGORIES)[number];
export const SECTORS = ["government", "parliament", "business", "academia", "media", "other"] as const;
export type Sector = (typeof SECTORS)[number];
export const NAME_ORDERS = ["given-first", "family-first"] as const;
export type NameOrder = (typeof NAME_ORDERS)[number];
/** Naming customs: how a name is ordered and which part of it a person is called by. */
export const NAMING_CUSTOMS = ["ko", "vi", "zh", "ja", "mn", "hu", "western"] as const;
export type NamingCustom = (typeof NAMING_CUSTOMS)[number];
export const GENDERS = ["male", "female"] as const;
export type Gender = (typeof GENDERS)[number];
export const PASSPORT_TYPES = ["diplomatic", "official", "ordinary"] as const;
export type PassportType = (typeof PASSPORT_TYPES)[number];
