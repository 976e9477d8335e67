import { formatDateRange, formatDateTimePlain } from "../../model/i18n.js";
import { nameIn, personIn, pick } from "../../model/names.js";
import { byPrecedence, isRanked } from "../../model/precedence.js";
import type { Delegate, Event } from "../../model/types.js";
import type { Language } from "../../schema/fields.js";
import { tableLabel } from "../seating/words.js";
import { dietaryIn, PROTOCOL_WORDS, type ProtocolWords } from "./words.js";

/** One guest on the protocol list, as one language writes it. */
export interface ProtocolEntry {
  id: string;
  order: number;
  name: string;
  /**
   * The name in Latin letters, as its owner spells it (Hoàng Minh Trí, never the passport's
   * Hoang Minh Tri), below a Hangul one so every protocol officer can read it; empty when the
   * name line already shows it.
   */
  latin: string;
  position: string;
  interpreter: string;
  liaison: string;
  arrival: string;
  departure: string;
  table: string;
}

export interface ProtocolList {
  kind: "protocol";
  lang: Language;
  words: ProtocolWords;
  event: string;
  dates: string;
  entries: ProtocolEntry[];
}

/**
 * The guests of the protocol office: everyone with a protocol rank (a `precedence` number, a
 * public office, or VIP; src/model/precedence.ts), in precedence order.
 */
export function protocolGuests(event: Event): Delegate[] {
  return byPrecedence(event.delegates.filter(isRanked), event.config.country);
}

/**
 * The languages of the protocol list: protocol.languages, else the host country's language, then
 * each guest country's (the language most of its ranked guests read), as far as the event has them.
 */
export function protocolLanguages(event: Event): Language[] {
  const { config } = event;
  if (config.protocol.languages) return [...config.protocol.languages];
  const guests = protocolGuests(event);
  const languageOf = (country: string) => {
    const counts = new Map<Language, number>();
    for (const d of event.delegates)
      if (d.country === country) counts.set(d.language, (counts.get(d.language) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const countries = [
    ...(config.country ? [config.country] : []),
    ...guests.map((d) => d.country).filter((c) => c !== config.country),
  ];
  const out: Language[] = [];
  for (const c of countries) {
    const l = languageOf(c);
    if (l && config.languages.includes(l) && !out.includes(l)) out.push(l);
  }
  return out.length > 0 ? out : [config.defaultLanguage];
}

/** The protocol list in one language. `tables`: each delegate's banquet table, when seated. */
export function planProtocolList(
  event: Event,
  lang: Language,
  tables: ReadonlyMap<string, string> | undefined,
): ProtocolList {
  const { config } = event;
  const fb = config.defaultLanguage;
  const interpreters = new Map<string, Delegate[]>();
  for (const d of event.delegates)
    if (d.interpreterFor)
      interpreters.set(d.interpreterFor, [...(interpreters.get(d.interpreterFor) ?? []), d]);
  const liaison = (id: string) => {
    const value = config.protocol.liaisons[id];
    if (!value) return "";
    const officer = event.delegateById.get(value);
    if (!officer) return value;
    return [nameIn(officer, lang), officer.phone].filter(Boolean).join(", ");
  };
  const entries = protocolGuests(event).map((d, k) => {
    const person = personIn(d, lang, fb);
    const name = nameIn(d, lang);
    const latin = nameIn(d, "en");
    const table = tables?.get(d.id);
    return {
      id: d.id,
      order: k + 1,
      name: person.name,
      latin: latin !== name && !person.name.includes(latin) ? latin : "",
      position: person.detail,
      interpreter: (interpreters.get(d.id) ?? []).map((x) => nameIn(x, lang)).join(", "),
      liaison: liaison(d.id),
      arrival: d.travel.arrival ? formatDateTimePlain(d.travel.arrival, lang) : "",
      departure: d.travel.departure ? formatDateTimePlain(d.travel.departure, lang) : "",
      table: table ? tableLabel(table, lang) : "",
    };
  });
  return {
    kind: "protocol",
    lang,
    words: PROTOCOL_WORDS(lang),
    event: pick(config.name, lang, fb) ?? "",
    dates: formatDateRange(config.start, config.end, lang),
    entries,
  };
}

/** One dietary need at one table: how many, and who (so the waiter serves the right plate). */
export interface NeedLine {
  need: string;
  count: number;
  guests: string[];
}

export interface CatererList {
  kind: "caterer";
  lang: Language;
  words: ProtocolWords;
  event: string;
  tables: { table: string; guests: number; needs: NeedLine[] }[];
  totals: NeedLine[];
  covers: number;
}

/**
 * The caterer's list: per table, how many guests and each dietary need with the guests who have
 * it, then the totals. The only material that prints the `dietary` column. Without a seating plan
 * every attendee of a seated or catered session is listed under "No table".
 */
export function planCatererList(
  event: Event,
  lang: Language,
  tables: ReadonlyMap<string, string> | undefined,
): CatererList {
  const words = PROTOCOL_WORDS(lang);
  const seated = tables && tables.size > 0;
  const people = seated
    ? [...tables.keys()].map((id) => event.delegateById.get(id)).filter((d): d is Delegate => d !== undefined)
    : event.delegates;
  const tableOf = (d: Delegate) => (seated ? tables.get(d.id)! : "");
  // A need in the list's language when it is a usual one, else as written the first time;
  // grouped whatever its case and spacing.
  const keyOf = (need: string) => need.trim().toLocaleLowerCase().replace(/\s+/g, " ");
  const label = new Map<string, string>();
  const byTable = new Map<string, Delegate[]>();
  for (const d of people) {
    const t = tableOf(d);
    byTable.set(t, [...(byTable.get(t) ?? []), d]);
    if (d.dietary?.trim() && !label.has(keyOf(d.dietary)))
      label.set(keyOf(d.dietary), dietaryIn(keyOf(d.dietary), d.dietary.trim(), lang));
  }
  const needsOf = (list: Delegate[]): NeedLine[] => {
    const m = new Map<string, string[]>();
    for (const d of list)
      if (d.dietary?.trim()) m.set(keyOf(d.dietary), [...(m.get(keyOf(d.dietary)) ?? []), nameIn(d, lang)]);
    return [...m]
      .map(([k, guests]) => ({ need: label.get(k)!, count: guests.length, guests }))
      .sort((a, b) => b.count - a.count || a.need.localeCompare(b.need));
  };
  const order = (t: string) => (t === "head" ? -1 : t === "" ? Number.MAX_SAFE_INTEGER : Number(t) || 0);
  const rows = [...byTable]
    .sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))
    .map(([t, list]) => ({
      table: t === "" ? words.noTable : tableLabel(t, lang),
      guests: list.length,
      needs: needsOf(list),
    }));
  const fb = event.config.defaultLanguage;
  return {
    kind: "caterer",
    lang,
    words,
    event: pick(event.config.name, lang, fb) ?? "",
    tables: rows,
    totals: needsOf(people).map((n) => ({ ...n, guests: [] })),
    covers: people.length,
  };
}
