import { type Diagnostic, diag } from "../diagnostics.js";
import type { PartialPack } from "./parse.js";
import type { Pack } from "./schema.js";

/** Keys that have no English to fall back on: a pack's own, or optional by design. */
const OWN = new Set([
  "language",
  "name",
  "countries",
  "country_forms",
  "precedence",
  "spoken_in",
  "fonts",
  "dates.field",
  "dates.field_time",
]);
/**
 * Sections taken whole, from the pack that has them: the cases of a salutation and the words of
 * address go together, and an English case among Korean ones would greet a Korean reader in English.
 */
const WHOLE = new Set([
  "names.honorifics",
  "names.read",
  "address.salutation",
  "address.reference",
  "address.named",
  "offices.names",
]);

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
    if (isPlain(under) && !OWN.has(path) && !WHOLE.has(path)) {
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
  // Each pack names the offices of precedence in its own words (English's are tried anyway);
  // an event's pack of a built-in language adds to, or replaces by office, conclave's words.
  pack.precedence = {
    ...(options.baseIsEnglish ? {} : base.precedence),
    ...(written.precedence as Pack["precedence"] | undefined),
  };
  pack.country_forms = {
    ...(options.baseIsEnglish ? {} : base.country_forms),
    ...(written.country_forms as Pack["country_forms"] | undefined),
  };
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

/** A text cut at its placeholders once: `[literal, {name, forms}, literal, …]`. */
type Piece = string | { name: string; forms?: [string, string] };
const compiled = new Map<string, Piece[]>();
function piecesOf(text: string): Piece[] {
  let pieces = compiled.get(text);
  if (pieces) return pieces;
  pieces = [];
  let at = 0;
  for (const m of text.matchAll(/\{([A-Za-z0-9_]+)(?:\|([^{}]*))?\}/g)) {
    if (m.index > at) pieces.push(text.slice(at, m.index));
    if (m[2] === undefined) pieces.push({ name: m[1]! });
    else {
      const [one, other = one] = m[2].split("|") as [string, string?];
      pieces.push({ name: m[1]!, forms: [one, other] });
    }
    at = m.index + m[0].length;
  }
  if (at < text.length) pieces.push(text.slice(at));
  // The texts are a pack's, a few hundred at most: the cache stays small.
  compiled.set(text, pieces);
  return pieces;
}

/**
 * Fills a pack's text: `{name}` by its value, `{n|one|other}` by the plural form of n in the
 * pack's locale. "{guests} {guests|guest|guests}" with guests 1 → "1 guest". A placeholder
 * without a value stays as written.
 */
export function fill(text: string, values: Record<string, string | number>, locale: string): string {
  let out = "";
  for (const p of piecesOf(text)) {
    if (typeof p === "string") {
      out += p;
      continue;
    }
    const value = values[p.name];
    if (value === undefined) out += p.forms ? `{${p.name}|${p.forms.join("|")}}` : `{${p.name}}`;
    else if (!p.forms) out += value;
    else out += pluralRules(locale).select(Number(value)) === "one" ? p.forms[0] : p.forms[1];
  }
  return out;
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
