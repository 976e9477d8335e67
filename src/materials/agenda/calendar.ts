import { colonOf } from "../../model/i18n.js";
import { personIn, pick } from "../../model/names.js";
import { byPrecedence } from "../../model/precedence.js";
import type { Event, Session } from "../../model/types.js";
import { assembleIcs, type IcsCalendar, type IcsEvent, renderEvent, zonedToUtc } from "../../render/ics.js";
import type { Language } from "../../schema/fields.js";
import { AGENDA_WORDS } from "./text.js";

/** A stable domain for UIDs: the same session keeps its UID across builds and across files. */
export function uidDomain(event: Event): string {
  const base = event.config.short_name ?? event.config.name[event.config.defaultLanguage] ?? "event";
  const slug =
    base
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "event";
  return `${slug}.conclave`;
}

/** One session as a calendar event, in one language. */
export function sessionEvent(event: Event, s: Session, lang: Language): IcsEvent {
  const fb = event.config.defaultLanguage;
  const tz = event.config.timezone;
  const words = AGENDA_WORDS(lang);
  const room = s.room;
  const location = [
    pick(room.room, lang, fb),
    pick(room.venue, lang, fb),
    pick(room.address, lang, fb),
    pick(room.city, lang, fb),
  ].filter((x): x is string => Boolean(x));
  const people = (ds: readonly Session["speakers"][number][]) =>
    ds.map((d) => {
      const p = personIn(d, lang, fb);
      return p.detail ? `${p.name} (${p.detail})` : p.name;
    });
  const description = [
    // In precedence order, as the printed programme lists them (src/materials/agenda/plan.ts).
    s.speakers.length > 0
      ? `${words.speakers}${colonOf(lang)}${people(byPrecedence(s.speakers, event.config.country)).join("; ")}`
      : "",
    s.moderator ? `${words.moderator}${colonOf(lang)}${people([s.moderator])[0]}` : "",
    pick(s.description, lang, fb) ?? "",
  ].filter(Boolean);
  const section = pick(s.section, lang, fb);
  return {
    uid: `${s.id}@${uidDomain(event)}`,
    start: zonedToUtc(s.date, s.start, tz),
    end: zonedToUtc(s.date, s.end, tz),
    summary: pick(s.title, lang, fb) ?? s.id,
    ...(location.length > 0 ? { location: location.join(", ") } : {}),
    ...(description.length > 0 ? { description: description.join("\n\n") } : {}),
    categories: [s.type ? words.types[s.type] : "", section ?? ""].filter(Boolean),
  };
}

/** A calendar of some sessions in one language. */
export function calendarOf(
  event: Event,
  sessions: readonly Session[],
  lang: Language,
  stamp: number,
  name?: string,
): IcsCalendar {
  const fb = event.config.defaultLanguage;
  return {
    name: name ?? pick(event.config.name, lang, fb) ?? "",
    timezone: event.config.timezone,
    stamp,
    events: sessions.map((s) => sessionEvent(event, s, lang)),
  };
}

/**
 * The personal calendars of one run, as ICS text. 10,000 calendars repeat the same few hundred
 * sessions: each session's event is made, escaped and folded once per language, here.
 */
export function personalCalendars(
  event: Event,
  stamp: number,
): (sessions: readonly Session[], lang: Language, name: string) => string {
  const rendered = new Map<string, string>();
  return (sessions, lang, name) => {
    const events = sessions.map((s) => {
      const key = `${lang} ${s.id}`;
      let text = rendered.get(key);
      if (text === undefined) {
        text = renderEvent(sessionEvent(event, s, lang), stamp);
        rendered.set(key, text);
      }
      return text;
    });
    return assembleIcs({ name, timezone: event.config.timezone }, events);
  };
}
