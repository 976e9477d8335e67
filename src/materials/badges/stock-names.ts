/** Badge stocks conclave knows by name (geometry in stocks.ts); a module of its own so the CLI can list them cheaply. */
export const BADGE_STOCKS = [
  "a6-4up",
  "a7-8up",
  "cr80",
  "letter-6up-4x3",
  "insert-90x54",
  "a5-foldable",
  "custom",
] as const;
