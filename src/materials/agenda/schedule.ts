import { createHash } from "node:crypto";
import { personIn, pick } from "../../model/names.js";
import { byPrecedence } from "../../model/precedence.js";
import type { Delegate, Event, Localized, Room, Session } from "../../model/types.js";
import { zonedToUtc } from "../../render/ics.js";
import type { Language } from "../../schema/fields.js";
import type { SessionType } from "../../schema/sessions.js";
import { version as conclaveVersion } from "../../version.js";

/**
 * The programme in the frab/C3VOC schedule format, which the conference world's schedule apps
 * read (Giggity, EventFahrplan, ConfClerk, info-beamer, the C3VOC video pipeline):
 * `schedule.xml` (the XSD of c3voc.de/schedule) and `schedule.json` (its JSON Schema, schedule2).
 *
 * Everything an app keeps between updates is stable: GUIDs are UUID v5 of the event and the
 * session, room or person id, so an edited programme updates the sessions an app knows instead of
 * adding copies; numeric ids come from the GUIDs too. The schedule's `version` is a hash of what
 * it says, so it changes exactly when the programme does. Only what the printed programme shows
 * is in it: titles, times, rooms, sections, descriptions and the names of speakers and
 * moderators, never a delegate's email, phone or any other column.
 */

/** RFC 4122's namespace for URLs: the event's namespace is derived from it. */
const NAMESPACE_URL = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** UUID version 5 (SHA-1, RFC 4122 §4.3) of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Lowercase ASCII words joined by `joiner`: "Smart Cities & Energy" → "smart-cities-energy". */
function slugWords(text: string, joiner: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, joiner)
    .replace(new RegExp(`^\\${joiner}+|\\${joiner}+$`, "g"), "");
}

/**
 * The event's acronym as both schemas allow it: lowercase letters, digits and underscores, at
 * least four ("CICON 2023" → "cicon_2023").
 */
export function acronymOf(event: Event): string {
  const c = event.config;
  const base = slugWords(
    c.short_name ?? c.name.en ?? pick(c.name, c.defaultLanguage, c.defaultLanguage) ?? "",
    "_",
  );
  return base.length >= 4 ? base : `${base || "event"}_${c.start.slice(0, 4)}`;
}

/** How the C3VOC JSON names each kind of session; breaks are its meta events. */
const JSON_TYPES: Record<SessionType, string> = {
  plenary: "TALK",
  keynote: "TALK",
  panel: "DISCUSSION",
  workshop: "WORKSHOP",
  ceremony: "OTHER",
  banquet: "OTHER",
  networking: "MEETING",
  break: "BREAK",
  visit: "OTHER",
};

/** Minutes "HH:MM" → minutes since midnight. */
function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

const two = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;

const wallFormats = new Map<string, Intl.DateTimeFormat>();
/** An instant as the event's clock shows it: `2023-06-20T09:00:00+07:00`. */
function localIso(instant: number, timeZone: string): string {
  let f = wallFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "longOffset",
    });
    wallFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  const zone = /GMT([+-]\d{2}:\d{2})/.exec(p.timeZoneName ?? "")?.[1] ?? "+00:00";
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${zone}`;
}

/** The date `days` after an ISO date. */
function addDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

interface Track {
  name: string;
  slug: string;
}

interface Person {
  guid: string;
  name: string;
  role: "SPEAKER" | "MODERATOR";
}

/** One session as both formats need it. */
interface Item {
  session: Session;
  guid: string;
  id: number;
  slug: string;
  title: string;
  start: string;
  end: string;
  /** Local start "HH:MM" and duration "HH:MM". */
  startClock: string;
  duration: string;
  room: Room;
  roomName: string;
  track: Track;
  persons: Person[];
  /** The description in each language that has one. */
  description: Partial<Record<Language, string>>;
  url: string;
}

interface Day {
  index: number;
  date: string;
  start: string;
  end: string;
  items: Item[];
}

export interface Schedule {
  xml: string;
  json: string;
}

/** The two schedule files of an event. */
export function scheduleFiles(event: Event): Schedule {
  const model = scheduleModel(event);
  return { xml: scheduleXml(event, model), json: scheduleJson(event, model) };
}

interface Model {
  acronym: string;
  namespace: string;
  version: string;
  lang: Language;
  title: string;
  days: Day[];
  tracks: Track[];
  rooms: { room: Room; name: string; guid: string }[];
}

function scheduleModel(event: Event): Model {
  const c = event.config;
  const lang = c.defaultLanguage;
  const tz = c.timezone;
  const acronym = acronymOf(event);
  const namespace = uuidV5(`urn:conclave:event:${acronym}`, NAMESPACE_URL);
  const dayChange = minutesOf(c.agenda.day_change);
  const roomName = (r: Room) => pick(r.room, lang, lang) ?? r.id;

  // Tracks: one per section, in the order sessions first show them; sessions without a section
  // share one named after the event, since every C3VOC event belongs to a track.
  const tracks = new Map<string, Track>();
  const slugs = new Set<string>();
  const trackOf = (section: Localized | undefined): Track => {
    const name = pick(section, lang, lang) ?? "";
    let t = tracks.get(name);
    if (!t) {
      const base = slugWords(pick(section, "en", lang) ?? name, "-") || (name ? "track" : "programme");
      let slug = base;
      for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
      slugs.add(slug);
      t = { name: name || (pick(c.name, lang, lang) ?? acronym), slug };
      tracks.set(name, t);
    }
    return t;
  };

  // Numeric ids (the XML requires one) from the GUID, so they survive added and removed
  // sessions; the rare clash is settled in session id order.
  const ids = new Set<number>();
  const byId = [...event.sessions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const numeric = new Map<string, number>();
  for (const s of byId) {
    let n = (Number.parseInt(uuidV5(`session:${s.id}`, namespace).slice(0, 8), 16) % 2_000_000_000) + 1;
    while (ids.has(n)) n = (n % 2_000_000_000) + 1;
    ids.add(n);
    numeric.set(s.id, n);
  }

  const person = (d: Delegate, role: Person["role"]): Person => ({
    guid: uuidV5(`person:${d.id}`, namespace),
    name: personIn(d, lang, lang).name,
    role,
  });
  const base = c.agenda.schedule_url?.replace(/\/+$/, "");
  const days = new Map<string, Day>();
  const dayOf = (date: string): Day => {
    let d = days.get(date);
    if (!d) {
      d = {
        index: 0,
        date,
        start: localIso(zonedToUtc(date, dayChange, tz), tz),
        end: localIso(zonedToUtc(addDays(date, 1), dayChange, tz), tz),
        items: [],
      };
      days.set(date, d);
    }
    return d;
  };
  // Every day of the event has its entry, sessions or not.
  for (let date = c.start; date <= c.end; date = addDays(date, 1)) dayOf(date);
  for (const s of event.sessions) {
    const guid = uuidV5(`session:${s.id}`, namespace);
    const startAt = zonedToUtc(s.date, s.start, tz);
    const endAt = zonedToUtc(s.date, s.end, tz);
    // A session before the day change (a reception until 01:00) belongs to the day before.
    const date = s.start < dayChange ? addDays(s.date, -1) : s.date;
    const minutes = Math.max(0, Math.round((endAt - startAt) / 60_000));
    const description: Partial<Record<Language, string>> = {};
    for (const l of c.languages) {
      const text = s.description?.[l];
      if (text) description[l] = text;
    }
    dayOf(date).items.push({
      session: s,
      guid,
      id: numeric.get(s.id)!,
      slug: `${acronym}-${slugWords(s.id, "-") || numeric.get(s.id)}`,
      title: pick(s.title, lang, lang) ?? s.id,
      start: localIso(startAt, tz),
      end: localIso(endAt, tz),
      startClock: hhmm(s.start % 1440),
      duration: hhmm(minutes),
      room: s.room,
      roomName: roomName(s.room),
      track: trackOf(s.section),
      persons: [
        ...byPrecedence(s.speakers, c.country).map((d) => person(d, "SPEAKER")),
        ...(s.moderator ? [person(s.moderator, "MODERATOR")] : []),
      ],
      description,
      url: base ? `${base}/#${encodeURIComponent(s.id)}` : `urn:uuid:${guid}`,
    });
  }
  const ordered = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  ordered.forEach((d, i) => {
    d.index = i + 1;
  });
  const rooms = event.rooms.map((room) => ({
    room,
    name: roomName(room),
    guid: uuidV5(`room:${room.id}`, namespace),
  }));
  const model: Model = {
    acronym,
    namespace,
    version: "",
    lang,
    title: pick(c.name, lang, lang) ?? acronym,
    days: ordered,
    tracks: [...tracks.values()],
    rooms,
  };
  // The version is what the schedule says, hashed: apps reload when it changes, and only then.
  const said = JSON.stringify(
    ordered.map((d) => [d.date, d.items.map((it) => ({ ...it, session: it.session.id, room: it.room.id }))]),
  );
  model.version = createHash("sha256").update(said).digest("hex").slice(0, 12);
  return model;
}

/** Text for XML content and double-quoted attributes; characters XML 1.0 cannot hold are dropped. */
function xmlText(text: string): string {
  return (
    text
      .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // A reader turns a CR in text into a line feed; as a reference it reads back as written.
      .replace(/\r/g, "&#13;")
  );
}

function scheduleXml(event: Event, m: Model): string {
  const c = event.config;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', "<schedule>"];
  out.push(`  <generator name="conclave" version="${xmlText(conclaveVersion)}"/>`);
  if (c.agenda.schedule_url) out.push(`  <url>${xmlText(c.agenda.schedule_url)}</url>`);
  out.push(`  <version>${m.version}</version>`, "  <conference>");
  out.push(`    <acronym>${m.acronym}</acronym>`, `    <title>${xmlText(m.title)}</title>`);
  out.push(`    <start>${c.start}</start>`, `    <end>${c.end}</end>`, `    <days>${m.days.length}</days>`);
  out.push("    <timeslot_duration>00:05</timeslot_duration>");
  if (c.agenda.schedule_url) out.push(`    <url>${xmlText(c.agenda.schedule_url)}</url>`);
  out.push(`    <time_zone_name>${xmlText(c.timezone)}</time_zone_name>`);
  if (c.branding.primary) {
    const bg = c.branding.secondary ? ` background="${c.branding.secondary}"` : "";
    out.push(`    <color primary="${c.branding.primary}"${bg}/>`);
  }
  for (const t of m.tracks) out.push(`    <track name="${xmlText(t.name)}" slug="${xmlSlug(t.slug)}"/>`);
  out.push("  </conference>");
  for (const d of m.days) {
    out.push(`  <day index="${d.index}" date="${d.date}" start="${d.start}" end="${d.end}">`);
    // Rooms in the order of venues.csv, each with its sessions in time order.
    for (const r of m.rooms) {
      const items = d.items.filter((it) => it.room === r.room);
      if (items.length === 0) continue;
      out.push(`    <room name="${xmlText(r.name)}" guid="${r.guid}">`);
      for (const it of items) {
        const s = it.session;
        out.push(`      <event id="${it.id}" guid="${it.guid}">`);
        out.push(`        <date>${it.start}</date>`, `        <start>${it.startClock}</start>`);
        out.push(
          `        <duration>${it.duration}</duration>`,
          `        <room>${xmlText(it.roomName)}</room>`,
        );
        out.push(`        <title>${xmlText(it.title)}</title>`, "        <subtitle></subtitle>");
        out.push(
          `        <track>${xmlText(it.track.name)}</track>`,
          `        <type>${s.type ?? "session"}</type>`,
        );
        out.push(`        <language>${m.lang}</language>`);
        const text = it.description[m.lang] ?? Object.values(it.description)[0] ?? "";
        out.push(
          `        <abstract>${xmlText(text)}</abstract>`,
          `        <description>${xmlText(text)}</description>`,
        );
        out.push("        <persons>");
        for (const p of it.persons)
          out.push(`          <person guid="${p.guid}">${xmlText(p.name)}</person>`);
        out.push("        </persons>", "        <links></links>", "        <attachments></attachments>");
        if (it.url.startsWith("http")) out.push(`        <url>${xmlText(it.url)}</url>`);
        out.push("      </event>");
      }
      out.push("    </room>");
    }
    out.push("  </day>");
  }
  out.push("</schedule>", "");
  return out.join("\n");
}

/** The XSD's track slug starts with a letter: "2030-agenda" → "t-2030-agenda". */
function xmlSlug(slug: string): string {
  return /^[a-z][a-z0-9-]+$/.test(slug) ? slug : `t-${slug.replace(/_/g, "-")}`;
}

function scheduleJson(event: Event, m: Model): string {
  const c = event.config;
  const localized = (map: Partial<Record<Language, string>>) => (Object.keys(map).length > 0 ? map : null);
  const events = m.days.flatMap((d) =>
    d.items.map((it) => {
      const room = { guid: m.rooms.find((r) => r.room === it.room)!.guid, name: it.roomName };
      if (it.session.type === "break")
        return { type: "BREAK", guid: it.guid, title: it.title, start: it.start, end: it.end, room };
      return {
        guid: it.guid,
        start: it.start,
        end: it.end,
        room,
        slug: it.slug,
        url: it.url,
        title: it.title,
        subtitle: null,
        track: { slug: it.track.slug },
        type: JSON_TYPES[it.session.type ?? "plenary"],
        language: m.lang,
        abstract: localized(it.description),
        participants: it.persons.map((p) => ({ guid: p.guid, name: p.name, role: p.role })),
        links: [],
      };
    }),
  );
  const schedule = {
    $schema: "https://c3voc.de/schedule/schema.json",
    generator: { name: "conclave", version: conclaveVersion },
    schedule: {
      version: m.version,
      conference: {
        acronym: m.acronym,
        title: m.title,
        start: m.days[0]!.start,
        end: m.days.at(-1)!.end,
        time_zone_name: c.timezone,
        ...(c.agenda.schedule_url ? { url: c.agenda.schedule_url } : {}),
        languages: c.languages,
        defaults: { language: m.lang },
        ...(c.branding.primary
          ? {
              colors: {
                primary: c.branding.primary,
                ...(c.branding.secondary ? { background: c.branding.secondary } : {}),
              },
            }
          : {}),
        tracks: m.tracks.map((t) => ({ name: t.name, slug: t.slug })),
        rooms: m.rooms.map((r) => ({
          name: r.name,
          guid: r.guid,
          ...(r.room.capacity ? { capacity: r.room.capacity } : {}),
        })),
        days: m.days.map((d) => ({ index: d.index, date: d.date, start: d.start, end: d.end })),
      },
      events,
    },
  };
  return `${JSON.stringify(schedule, null, 2)}\n`;
}
