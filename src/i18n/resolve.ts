import { type Diagnostic, diag } from "../diagnostics.js";
import type { PartialPack } from "./parse.js";
import type { Pack } from "./schema.js";

/** Keys that have no English to fall back on: a pack's own, or optional by design. */
const OWN = new Set(["language", "name", "countries", "dates.field", "dates.field_time"]);

export interface Resolved {
  pack: Pack;
  /** The dotted keys taken from the base pack because this one lacks them (English ones warn). */
  missing: string[];
  diagnostics: Diagnostic[];
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A pack as written, completed from `base`: the built-in pack of the same language when an event
 * overrides a few of its words, else English. Each key taken from English is a
 * `missing-translation` warning naming the pack's file and the key, as the English words will be
 * printed in a document of another language. Pure.
 */
export function resolvePack(
  written: PartialPack,
  base: Pack,
  options: { file: string; baseIsEnglish: boolean },
): Resolved {
  const missing: string[] = [];
  const merge = (over: unknown, under: unknown, path: string): unknown => {
    if (isPlain(under) && !OWN.has(path)) {
      const out: Record<string, unknown> = {};
      const o = isPlain(over) ? over : {};
      for (const key of new Set([...Object.keys(under), ...Object.keys(o)])) {
        out[key] = merge(o[key], under[key], path ? `${path}.${key}` : key);
      }
      return out;
    }
    if (over !== undefined) return over;
    // A new language's name is its tag until the pack names it; an override keeps the base's.
    if (path === "name" && options.baseIsEnglish) return written.language;
    if (!OWN.has(path)) missing.push(path);
    return under;
  };
  const pack = merge(written, base, "") as Pack;
  pack.language = written.language;
  // English country names are no fallback: Intl names the countries in the pack's own locale.
  pack.countries = {
    ...(options.baseIsEnglish ? {} : base.countries),
    ...(written.countries as Record<string, string>),
  };
  const diagnostics = options.baseIsEnglish
    ? missing.map((key) =>
        diag(
          "missing-translation",
          "warning",
          { file: options.file, field: key },
          `the language pack "${written.language}" (${options.file}) has no "${key}"; the English is printed instead`,
          `Add ${key} to ${options.file} (docs/languages.md lists the keys).`,
        ),
      )
    : [];
  return { pack, missing: options.baseIsEnglish ? missing : [], diagnostics };
}

/**
 * Fills a pack's text: `{name}` by its value, `{n|one|other}` by the plural form of n in the
 * pack's locale. "{guests} {guests|guest|guests}" with guests 1 → "1 guest".
 */
export function fill(text: string, values: Record<string, string | number>, locale: string): string {
  return text.replace(/\{([A-Za-z0-9_]+)(?:\|([^{}]*))?\}/g, (all, name: string, forms?: string) => {
    const value = values[name];
    if (value === undefined) return all;
    if (forms === undefined) return String(value);
    const [one, other = one] = forms.split("|") as [string, string?];
    return pluralRules(locale).select(Number(value)) === "one" ? one : other;
  });
}

const plurals = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let rules = plurals.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    plurals.set(locale, rules);
  }
  return rules;
}
