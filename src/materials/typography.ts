import { countryName } from "../model/i18n.js";
import type { Event } from "../model/types.js";
import type { Language } from "../schema/fields.js";

/**
 * Country names a line never splits ("Việt Nam", "Hàn Quốc", "Republic of Korea"): of every
 * delegate's country and the event's own, in every language of the event. Only names of more
 * than one word need the rule; Korean names are kept whole by keep-hangul already.
 */
function countryPhrases(event: Event): string[] {
  const codes = new Set(event.delegates.map((d) => d.country));
  if (event.config.country) codes.add(event.config.country);
  const out: string[] = [];
  for (const code of codes)
    for (const lang of event.config.languages) out.push(countryName(code, lang as Language));
  // The forms protocol and the press write besides the official one.
  if (codes.has("VN")) out.push("Viet Nam", "Việt Nam");
  if (codes.has("KR")) out.push("Hàn Quốc", "Đại Hàn Dân Quốc", "South Korea");
  return out;
}

/** Rust regex (Typst's) metacharacters, escaped so a phrase matches as written. */
const escapeRegex = (s: string) => s.replace(/[\\.+*?()|[\]{}^$#&~-]/g, (c) => `\\${c}`);

/**
 * The phrases of an event that must not break across lines: `typography.no_break` from event.yaml
 * and the built-in country names, as one regular expression for Typst (`no-break` in
 * templates/lib/theme.typ), or undefined when there are none. Longer phrases come first so
 * "Cộng hòa Xã hội Chủ nghĩa Việt Nam" is kept whole rather than only its "Việt Nam". Spaces
 * match any run of spaces, and case is ignored ("VIỆT NAM" on a badge).
 */
export function noBreakPattern(event: Event): string | undefined {
  const phrases = [...(event.config.typography.no_break ?? []), ...countryPhrases(event)]
    .map((p) => p.normalize("NFC").trim())
    .filter((p) => /\s/.test(p));
  const unique = [...new Set(phrases)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  if (unique.length === 0) return undefined;
  // \b only where the phrase starts or ends with a letter or digit: "(C)" has no boundary after it.
  const edge = (c: string) => (/[\p{L}\p{N}]/u.test(c) ? "\\b" : "");
  const alternatives = unique.map(
    (p) => `${edge(p[0]!)}${p.split(/\s+/).map(escapeRegex).join("\\s+")}${edge(p.at(-1)!)}`,
  );
  return `(?i)(?:${alternatives.join("|")})`;
}
