import { type Diagnostic, diag } from "../diagnostics.js";
import { packsInEffect } from "../i18n/active.js";
import type { EventTables } from "./tables.js";

const HANGUL = /[\uAC00-\uD7A3]/;

/**
 * `name-ko-missing`: a name a Korean reader will see has no Hangul form. Korean letters and
 * programmes write a Vietnamese or Western name in Hangul with the original in brackets
 * (`호앙 민 찌(Hoàng Minh Trí)`); without `name_ko` (or a Hangul `native_name`) they can only
 * print the Latin letters. Checked only when the event has Korean materials, and only for the
 * people Korean readers meet by name: speakers, moderators, VIPs, and delegates who read Korean.
 */
export function checkKoreanNames(t: EventTables): Diagnostic[] {
  if (!t.config.languages.includes("ko")) return [];
  const onStage = new Set<string>();
  for (const s of t.sessions) {
    for (const id of s.speakers) onStage.add(id);
    if (s.moderator) onStage.add(s.moderator);
  }
  const out: Diagnostic[] = [];
  // Whether a language's readers read Hangul, asked of the packs once per language.
  const packs = packsInEffect();
  const hangulReaders = new Map<string | undefined, boolean>();
  const readsHangulIn = (language: string | undefined) => {
    let v = hangulReaders.get(language);
    if (v === undefined) {
      v = language !== undefined && packs.get(language)?.names.script === "Hangul";
      hangulReaders.set(language, v);
    }
    return v;
  };
  // The Korean pack's example of a transcription: " (e.g. 호앙 민 찌 for Hoàng Minh Trí)".
  const sample = packs.get("ko")?.examples?.transcription;
  const example = sample ? ` (e.g. ${sample.name} for ${sample.latin})` : "";
  for (const d of t.delegates) {
    if (d.nameKo || (d.nativeName && HANGUL.test(d.nativeName))) continue;
    const language = d.language ?? t.config.languages[0];
    // A reader of a Hangul pack (Korean) needs the name in Hangul even off the stage.
    const readsHangul = readsHangulIn(language);
    if (!(onStage.has(d.id) || d.category === "vip" || readsHangul)) continue;
    const name = d.nativeName ?? `${d.familyName} ${d.givenName}`;
    const cols = d.loc.columns;
    out.push(
      diag(
        "name-ko-missing",
        "warning",
        {
          file: d.loc.file,
          line: d.loc.line,
          column: cols.name_ko ?? cols.native_name ?? cols.given_name ?? 0,
          field: "name_ko",
        },
        `${d.id} has no name in Hangul: Korean materials print "${name}" in Latin letters only`,
        `Add a name_ko column with the name as Korean writes it${example}, or a Hangul native_name.`,
      ),
    );
  }
  return out;
}
