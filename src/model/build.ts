import type { EventConfig } from "../schema/event.js";
import type { Language } from "../schema/fields.js";
import type { EventTables } from "../validate/tables.js";
import { attendeesBySession } from "./attendance.js";
import { defaultNameOrder, namingCustom } from "./names.js";
import type { Delegate, Event, Localized, Room, Session } from "./types.js";

/** Base value plus its `_<lang>` translations; the base counts as the default language. */
function localized(
  base: string | undefined,
  translations: Partial<Record<Language, string>> | undefined,
  config: EventConfig,
): Localized | undefined {
  if (base === undefined && !translations) return undefined;
  const out: Localized = { ...translations };
  if (base !== undefined) out[config.defaultLanguage] ??= base;
  return out;
}

/**
 * Typed rows of valid data → the Event, with every reference resolved. Call only when validation
 * found no errors: a reference that does not resolve here is a bug, and throws.
 */
export function buildEvent(t: EventTables): Event {
  const { config } = t;
  const delegates: Delegate[] = t.delegates.map((r) => ({
    id: r.id,
    givenName: r.givenName,
    familyName: r.familyName,
    nativeName: r.nativeName,
    nameOrder:
      r.nameOrder ??
      defaultNameOrder(
        namingCustom({
          country: r.country,
          namingCustom: r.namingCustom,
          travel: { nationality: r.nationality },
        }),
      ),
    nameKo: r.nameKo,
    ...(r.translations.native_name
      ? { nativeNames: r.translations.native_name as Record<string, string> }
      : {}),
    ...(r.nameZh || r.nameMn
      ? {
          transcriptions: Object.fromEntries(
            Object.entries({ zh: r.nameZh, mn: r.nameMn }).filter(([, v]) => v !== undefined),
          ) as Record<string, string>,
        }
      : {}),
    namingCustom: r.namingCustom,
    addressedAs: r.addressedAs,
    gender: r.gender,
    honorific: localized(r.honorific, r.translations.honorific, config),
    organisation: localized(r.organisation, r.translations.organisation, config)!,
    position: localized(r.position, r.translations.position, config),
    country: r.country,
    category: r.category,
    delegation: r.delegation,
    sector: r.sector,
    precedence: r.precedence,
    language: r.language && config.languages.includes(r.language) ? r.language : config.defaultLanguage,
    email: r.email,
    phone: r.phone,
    sessionIds: r.sessions,
    dietary: r.dietary,
    accessibility: r.accessibility,
    interpreterFor: r.interpreterFor,
    travel: {
      passportNumber: r.passportNumber,
      nationality: r.nationality,
      passportType: r.passportType,
      passportName: r.passportName,
      dateOfBirth: r.dateOfBirth,
      arrival: r.arrival,
      departure: r.departure,
    },
    line: r.loc.line,
    columns: r.loc.columns,
  }));
  const delegateById = new Map(delegates.map((d) => [d.id, d]));
  const rooms: Room[] = t.venues.map((v) => ({
    id: v.id,
    venue: localized(v.venue, v.translations.venue, config)!,
    room: localized(v.room, v.translations.room, config)!,
    capacity: v.capacity,
    address: localized(v.address, v.translations.address, config),
    city: localized(v.city, v.translations.city, config),
    layout: v.layout,
    tables: v.tables,
    seatsPerTable: v.seatsPerTable,
    headTableSeats: v.headTableSeats,
    accessibleSeats: v.accessibleSeats,
  }));
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const attendees = attendeesBySession(t.sessions, t.delegates);
  const resolve = (id: string, what: string) => {
    const d = delegateById.get(id);
    if (!d) throw new Error(`buildEvent: unresolved ${what} ${id} (validation should have caught it)`);
    return d;
  };
  const sessions: Session[] = t.sessions.map((s) => {
    const room = roomById.get(s.room);
    if (!room) throw new Error(`buildEvent: unresolved room ${s.room} (validation should have caught it)`);
    return {
      id: s.id,
      title: localized(s.title, s.translations.title, config)!,
      date: s.date,
      start: s.start,
      end: s.end,
      room,
      section: localized(s.section, s.translations.section, config),
      type: s.type,
      speakers: s.speakers.map((id) => resolve(id, "speaker")),
      speakerRoles: s.speakerRoles,
      moderator: s.moderator ? resolve(s.moderator, "moderator") : undefined,
      description: localized(s.description, s.translations.description, config),
      audience: s.audience,
      seating: s.seating,
      attendeeIds: attendees.get(s.id) ?? [],
      line: s.loc.line,
    };
  });
  sessions.sort(
    (a, b) => a.date.localeCompare(b.date) || a.start - b.start || a.room.id.localeCompare(b.room.id),
  );
  return {
    config,
    delegates,
    rooms,
    sessions,
    delegateById,
    sessionById: new Map(sessions.map((s) => [s.id, s])),
    wishes: t.seating.map((w) => ({
      kind: w.kind,
      a: w.a,
      b: w.b,
      strength: w.strength,
      ...(w.session ? { session: w.session } : {}),
      line: w.loc.line,
    })),
  };
}
