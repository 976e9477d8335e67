import { activePack } from "../i18n/active.js";
import { countryName } from "../model/i18n.js";
import type { Event } from "../model/types.js";
import type { Language } from "../schema/fields.js";

/**
 * Country names a line never splits ("Việt Nam", "Hàn Quốc", "Republic of Korea"): of every
 * delegate's country and the event's own, in every language of the event, as Intl or the pack
 * names it and in the other forms protocol and the press write (the pack's `country_forms`:
 * "South Korea", "Đại Hàn Dân Quốc"). Only names of more than one word need the rule; Korean
 * names are kept whole by keep-hangul already.
 */
function countryPhrases(event: Event): string[] {
  const codes = new Set(event.delegates.map((d) => d.country));
  if (event.config.country) codes.add(event.config.country);
  const out: string[] = [];
  for (const code of codes)
    for (const lang of event.config.languages) {
      out.push(countryName(code, lang as Language));
      out.push(...(activePack(lang).country_forms[code] ?? []));
    }
  return out;
}

/** The event's no-break phrases: `typography.no_break` and the country names, several words each. */
export function noBreakPhrases(event: Event): string[] {
  const phrases = [...(event.config.typography.no_break ?? []), ...countryPhrases(event)]
    .map((p) => p.normalize("NFC").trim())
    .filter((p) => /\s/.test(p));
  // Longer phrases first, so "Cộng hòa Xã hội Chủ nghĩa Việt Nam" is kept whole, not only its "Việt Nam".
  return [...new Set(phrases)].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

const escapeRegex = (s: string) => s.replace(/[\\^$.*+?()[\]{}|-]/g, (c) => `\\${c}`);
const LETTER = "[\\p{L}\\p{N}]";

/**
 * A matcher of the event's no-break phrases, or undefined when it has none. Case is ignored
 * ("VIỆT NAM" on a badge) and a phrase matches across any run of spaces, but never inside a
 * longer word ("Viet Namese" is left alone).
 */
export function noBreakMatcher(event: Event): RegExp | undefined {
  const phrases = noBreakPhrases(event);
  if (phrases.length === 0) return undefined;
  const edge = (c: string, side: "start" | "end") =>
    new RegExp(LETTER, "u").test(c) ? (side === "start" ? `(?<!${LETTER})` : `(?!${LETTER})`) : "";
  const alternatives = phrases.map(
    (p) => `${edge(p[0]!, "start")}${p.split(/\s+/).map(escapeRegex).join("\\s+")}${edge(p.at(-1)!, "end")}`,
  );
  return new RegExp(alternatives.join("|"), "giu");
}

/** No-break space: Unicode line breaking (and so Typst) never breaks a line at it. */
const NBSP = "\u00a0";

/**
 * `value` with the spaces inside every no-break phrase made no-break spaces, in every string
 * of it (objects and arrays are copied, other values kept): "Thành phố Hồ Chí Minh" →
 * "Thành phố Hồ\u00a0Chí\u00a0Minh" for `no_break: [Hồ Chí Minh]`. Applied to the data a Typst
 * template receives, so no template needs a rule of its own and nothing is slower to lay out;
 * a PDF reader copies the text with ordinary-looking spaces. Keep it away from data written
 * as Markdown, JSON or ICS.
 */
export function keepPhrases<T>(value: T, matcher: RegExp | undefined): T {
  if (!matcher) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return /\s/.test(v) ? v.replace(matcher, (m) => m.replace(/\s+/g, NBSP)) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
