import type { Pack } from "./schema.js";

/**
 * Every pack's names of countries (its official `countries` and the other `country_forms`),
 * upper-cased, to their ISO code: what a country cell holding "Korea", "한국" or "Việt Nam"
 * should say instead (`ParseOptions.countryForms`).
 */
export function countryFormsOf(packs: Iterable<Pack>): Map<string, string> {
  const forms = new Map<string, string>();
  for (const pack of packs) {
    for (const [code, name] of Object.entries(pack.countries)) forms.set(name.toUpperCase(), code);
    for (const [code, names] of Object.entries(pack.country_forms))
      for (const name of names) forms.set(name.toUpperCase(), code);
  }
  return forms;
}
