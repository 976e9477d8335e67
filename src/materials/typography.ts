import { activePack } from "../i18n/active.js";
import type { Pack } from "../i18n/schema.js";
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

/** What a regular expression reads as itself, escaped alike for JavaScript (`u`) and Typst (Rust). */
const escapeLiteral = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
const SPACE = `[ ${NBSP}]`;

/**
 * The pattern of what a letter and the protocol lists never split across lines, for Typst's
 * keep-whole show rule (templates/lib/theme.typ, `keep_whole_pattern` in their data): every
 * country name of several words in the packs (their `countries` and `country_forms`: "Việt Nam",
 * "Hàn Quốc", "Republic of Korea", "Монгол Улс"), with a plain or no-break space between its
 * words, and a dash after it ("Hàn Quốc –", so a line may break after the dash but never start
 * with it); and a span of numbers ("20–21"), which would otherwise break after its dash.
 * (A Vietnamese reader takes "Việt" at the end of one line and "Nam" at the start of the next for
 * a typesetting error.) The same source is a JavaScript pattern (flag `u`) and a Typst regex:
 * literals, classes, groups and `\p{Nd}`, which is Typst's `\d`. Longer names come first, so
 * "United States of America" is kept whole, not only its "United States".
 */
export function keepWholePattern(packs: Iterable<Pack>): string {
  const names = new Set<string>();
  for (const pack of packs) {
    for (const name of Object.values(pack.countries)) names.add(name.normalize("NFC").trim());
    for (const forms of Object.values(pack.country_forms))
      for (const name of forms) names.add(name.normalize("NFC").trim());
  }
  const phrases = [...names]
    .filter((n) => /\s/.test(n))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => n.split(/\s+/).map(escapeLiteral).join(SPACE));
  const numbers = "\\p{Nd}+–\\p{Nd}+";
  return phrases.length > 0 ? `(?:${phrases.join("|")})(?:${SPACE}–)?|${numbers}` : numbers;
}

/**
 * Whether the keep-whole rule of `pattern` (keepWholePattern) has anything to do in `text`: a
 * match with a plain space in it, or a span of numbers. A country name whose spaces are all
 * no-break ones already (keepPhrases) never splits without it. Asked of a letter's data, so
 * Typst runs the rule (a pass over every piece of text) only on the letters that need it.
 */
export function needsKeepWhole(text: string, pattern: RegExp): boolean {
  for (const m of text.matchAll(pattern)) if (m[0].includes(" ") || !m[0].includes(NBSP)) return true;
  return false;
}
