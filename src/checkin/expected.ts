import { initialOf, lookupKey } from "../materials/seating/plan.js";
import { byLanguage, collatorFor, formatDateLong } from "../model/i18n.js";
import { nameIn, pick } from "../model/names.js";
import { byPrecedence } from "../model/precedence.js";
import type { Delegate, Event } from "../model/types.js";
import type { Language } from "../schema/fields.js";

/**
 * Who is expected at each door: for each day and each entrance (a room with sessions that day),
 * the delegates who attend one of its sessions. The protocol guests (a precedence rank in
 * delegates.csv) come first, on a page of their own, in order of precedence, for the liaison
 * officers who receive them; then everyone else as the language looks names up: Korean by Hangul
 * order, Vietnamese by the Vietnamese alphabet and Vietnamese guests by their given name (tên),
 * others by family name, each under its initial. A box to tick beside every name.
 */

export interface ExpectedEntry {
  id: string;
  name: string;
  category: string;
}

export interface ExpectedSection {
  day: string;
  entrance: string;
  /** Sessions at this door that day: "09:00 Opening ceremony". */
  sessions: string[];
  protocol: (ExpectedEntry & { rank: number })[];
  groups: { heading: string; entries: ExpectedEntry[] }[];
  total: number;
}

export function expectedSections(
  event: Event,
  lang: Language,
  category: (d: Delegate) => string,
): ExpectedSection[] {
  const fb = event.config.defaultLanguage;
  const collator = collatorFor(lang, { sensitivity: "base", numeric: true });
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const out: ExpectedSection[] = [];
  const days = [...new Set(event.sessions.map((s) => s.date))].sort();
  for (const day of days) {
    for (const room of event.rooms) {
      const sessions = event.sessions.filter((s) => s.date === day && s.room.id === room.id);
      if (sessions.length === 0) continue;
      const ids = new Set(sessions.flatMap((s) => s.attendeeIds));
      const people = event.delegates.filter((d) => ids.has(d.id));
      const ranked = byPrecedence(
        people.filter((d) => d.precedence !== undefined),
        event.config.country,
      );
      const rankedIds = new Set(ranked.map((d) => d.id));
      const rest = people
        .filter((d) => !rankedIds.has(d.id))
        .map((d) => ({ d, ...lookupKey(d, lang) }))
        .sort((a, b) => collator.compare(a.key, b.key) || (a.d.id < b.d.id ? -1 : 1));
      const groups: ExpectedSection["groups"] = [];
      for (const { d, name, key } of rest) {
        const heading = initialOf(key, lang);
        const entry = { id: d.id, name, category: category(d) };
        const last = groups.at(-1);
        if (last && last.heading === heading) last.entries.push(entry);
        else groups.push({ heading, entries: [entry] });
      }
      out.push({
        day: formatDateLong(day, lang),
        entrance: [pick(room.room, lang, fb), pick(room.venue, lang, fb)].filter(Boolean).join(" · "),
        sessions: sessions.map((s) => `${hhmm(s.start)} ${pick(s.title, lang, fb) ?? s.id}`),
        protocol: ranked.map((d, i) => ({
          id: d.id,
          name: nameIn(d, lang),
          category: category(d),
          rank: i + 1,
        })),
        groups,
        total: people.length,
      });
    }
  }
  return out;
}

/** The lists' words, from each language's pack (labels.checkin). */
export const CHECKIN_WORDS = byLanguage((l) => ({ ...l.checkin, colon: l.agenda.colon }));
