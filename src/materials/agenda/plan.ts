import { formatDateLong, formatDateRange, formatTime } from "../../model/i18n.js";
import { latinName, nameIn, personIn, pick } from "../../model/names.js";
import { byPrecedence } from "../../model/precedence.js";
import type { Delegate, Event, Session } from "../../model/types.js";
import type { Language } from "../../schema/fields.js";
import { themeOf } from "../common.js";
import { AGENDA_WORDS, type AgendaWords, SECTION_PALETTE } from "./text.js";

/** Session types printed lighter: the programme's pauses, not its content. */
const LIGHT_TYPES = new Set(["break", "networking"]);

export interface PersonLine {
  id: string;
  name: string;
  detail: string;
}

/** One session as a programme prints it, in one language (and, for bilingual editions, a second). */
export interface ProgrammeItem {
  id: string;
  /** "09:00–09:45", and its ends as HH:MM in the event's time zone. */
  time: string;
  start: string;
  end: string;
  title: string;
  title2?: string;
  type: string;
  light: boolean;
  section?: { name: string; colour: string };
  room: string;
  venue: string;
  speakers: PersonLine[];
  moderator?: PersonLine;
}

/** Sessions whose times overlap: one session, or parallel sessions side by side by room. */
export interface ProgrammeBlock {
  time: string;
  parallel: boolean;
  columns: { room: string; items: ProgrammeItem[] }[];
}

export interface ProgrammeDay {
  date: string;
  label: string;
  label2?: string;
  blocks: ProgrammeBlock[];
}

/** What programme.typ receives as JSON. */
export interface ProgrammeData {
  lang: Language;
  lang2?: Language;
  paper: "a4" | "a5";
  theme: { primary: string; secondary: string; fonts: readonly string[] };
  words: AgendaWords;
  words2?: AgendaWords;
  cover: {
    name: string;
    name2?: string;
    edition?: string;
    dates: string;
    dates2?: string;
    city: string;
    organisers: { name: string; role: string }[];
    logo: string | null;
  };
  header: string;
  sections: { name: string; name2?: string; colour: string }[];
  days: ProgrammeDay[];
  /** Speakers and moderators, in the language's collation, with the sessions they appear in. */
  index: { name: string; sessions: string[] }[];
}

export interface PlanContext {
  fonts: readonly string[];
  logo?: string;
}

/** Sections in order of first appearance, each with its colour. */
export function sectionColours(event: Event): Map<string, string> {
  const out = new Map<string, string>();
  const base = event.config.defaultLanguage;
  for (const s of event.sessions) {
    const key = pick(s.section, base, base);
    if (key && !out.has(key)) out.set(key, SECTION_PALETTE[out.size % SECTION_PALETTE.length]!);
  }
  return out;
}

/** Clusters of overlapping sessions of one day, in time order. */
export function overlapBlocks(sessions: readonly Session[]): Session[][] {
  const sorted = [...sessions].sort((a, b) => a.start - b.start || a.end - b.end);
  const blocks: Session[][] = [];
  let end = -1;
  for (const s of sorted) {
    if (blocks.length > 0 && s.start < end) {
      blocks.at(-1)!.push(s);
      end = Math.max(end, s.end);
    } else {
      blocks.push([s]);
      end = s.end;
    }
  }
  return blocks;
}

export function byDay(sessions: readonly Session[]): Map<string, Session[]> {
  const days = new Map<string, Session[]>();
  for (const s of sessions) {
    const list = days.get(s.date) ?? [];
    list.push(s);
    days.set(s.date, list);
  }
  return days;
}

const span = (a: number, b: number) => `${formatTime(a)}–${formatTime(b)}`;

function person(d: Delegate, lang: Language, fallback: Language): PersonLine {
  return { id: d.id, ...personIn(d, lang, fallback) };
}

function item(
  s: Session,
  lang: Language,
  lang2: Language | undefined,
  event: Event,
  colours: Map<string, string>,
): ProgrammeItem {
  const fb = event.config.defaultLanguage;
  const sectionKey = pick(s.section, fb, fb);
  const title2 = lang2 ? pick(s.title, lang2, fb) : undefined;
  return {
    id: s.id,
    time: span(s.start, s.end),
    start: formatTime(s.start),
    end: formatTime(s.end),
    title: pick(s.title, lang, fb) ?? s.id,
    ...(title2 ? { title2 } : {}),
    type: s.type ? AGENDA_WORDS[lang].types[s.type] : "",
    light: s.type !== undefined && LIGHT_TYPES.has(s.type),
    ...(sectionKey
      ? { section: { name: pick(s.section, lang, fb) ?? sectionKey, colour: colours.get(sectionKey)! } }
      : {}),
    room: pick(s.room.room, lang, fb) ?? s.room.id,
    venue: pick(s.room.venue, lang, fb) ?? "",
    // Speakers in precedence order (src/model/precedence.ts), not in the order sessions.csv lists
    // them; the moderator stays apart.
    speakers: byPrecedence(s.speakers, event.config.country).map((d) => person(d, lang, fb)),
    ...(s.moderator ? { moderator: person(s.moderator, lang, fb) } : {}),
  };
}

/**
 * The printed programme in one language, or two for a bilingual edition (`lang2` printed under
 * `lang`): cover, days with parallel sessions side by side by room, section legend, speaker index.
 */
export function planProgramme(
  event: Event,
  lang: Language,
  ctx: PlanContext,
  lang2?: Language,
): ProgrammeData {
  const { config } = event;
  const fb = config.defaultLanguage;
  const colours = sectionColours(event);
  const roomOrder = new Map(event.rooms.map((r, i) => [r.id, i]));
  const days: ProgrammeDay[] = [];
  for (const [date, sessions] of byDay(event.sessions)) {
    const blocks = overlapBlocks(sessions).map((group): ProgrammeBlock => {
      const rooms = [...new Set(group.map((s) => s.room.id))].sort(
        (a, b) => roomOrder.get(a)! - roomOrder.get(b)!,
      );
      const columns = rooms.map((r) => {
        const items = group.filter((s) => s.room.id === r).map((s) => item(s, lang, lang2, event, colours));
        return { room: items[0]!.room, items };
      });
      const start = Math.min(...group.map((s) => s.start));
      const end = Math.max(...group.map((s) => s.end));
      return { time: span(start, end), parallel: rooms.length > 1, columns };
    });
    days.push({
      date,
      label: formatDateLong(date, lang),
      ...(lang2 ? { label2: formatDateLong(date, lang2) } : {}),
      blocks,
    });
  }
  const people = new Map<string, { d: Delegate; sessions: string[] }>();
  for (const s of event.sessions) {
    for (const d of [...s.speakers, ...(s.moderator ? [s.moderator] : [])]) {
      const entry = people.get(d.id) ?? { d, sessions: [] };
      if (!entry.sessions.includes(s.id)) entry.sessions.push(s.id);
      people.set(d.id, entry);
    }
  }
  const collator = new Intl.Collator(lang, { sensitivity: "base" });
  const index = [...people.values()]
    .map(({ d, sessions }) => ({ name: indexName(d, lang), sessions }))
    .sort((a, b) => collator.compare(a.name, b.name));
  const sections = [...colours].map(([key, colour]) => {
    const session = event.sessions.find((s) => pick(s.section, fb, fb) === key)!;
    const name2 = lang2 ? pick(session.section, lang2, fb) : undefined;
    return { name: pick(session.section, lang, fb) ?? key, ...(name2 ? { name2 } : {}), colour };
  });
  const name = pick(config.name, lang, fb) ?? "";
  const name2 = lang2 ? pick(config.name, lang2, fb) : undefined;
  return {
    lang,
    ...(lang2 ? { lang2, words2: AGENDA_WORDS[lang2] } : {}),
    paper: config.agenda.paper,
    theme: themeOf(event, ctx.fonts),
    words: AGENDA_WORDS[lang],
    cover: {
      name,
      ...(name2 ? { name2 } : {}),
      ...(config.edition ? { edition: config.edition } : {}),
      dates: formatDateRange(config.start, config.end, lang),
      ...(lang2 ? { dates2: formatDateRange(config.start, config.end, lang2) } : {}),
      city: pick(config.city, lang, fb) ?? "",
      organisers: config.organisers.map((o) => ({ name: pick(o.name, lang, fb) ?? "", role: o.role })),
      logo: ctx.logo ?? null,
    },
    header: `${config.short_name ?? name} · ${AGENDA_WORDS[lang].programme}`,
    sections,
    days,
    index,
  };
}

/** The index sorts by family name, written as the language writes the whole name. */
function indexName(d: Delegate, lang: Language): string {
  const native = nameIn(d, lang);
  if (native !== latinName(d)) return native;
  return d.nameOrder === "family-first" ? latinName(d) : `${d.familyName}, ${d.givenName}`;
}

/** One delegate's agenda: only their sessions, their roles marked, their banquet table. */
export interface PersonalData {
  lang: Language;
  theme: ProgrammeData["theme"];
  words: AgendaWords;
  event: { name: string; dates: string; city: string };
  delegate: { id: string; name: string; latin: string; organisation: string; table?: string };
  days: {
    label: string;
    items: { time: string; title: string; room: string; venue: string; light: boolean; role?: string }[];
  }[];
}

/**
 * What personal-agenda.typ reads: the agendas of several delegates in one language, compiled as
 * one document and cut into one file per delegate.
 */
export interface PersonalBatch extends Omit<PersonalData, "delegate" | "days"> {
  agendas: Pick<PersonalData, "delegate" | "days">[];
}

/** Personal agendas of one language as one batch for personal-agenda.typ. */
export function personalBatch(agendas: readonly PersonalData[]): PersonalBatch {
  const first = agendas[0];
  if (!first) throw new Error("an empty batch of personal agendas");
  const { delegate: _d, days: _days, ...shared } = first;
  return { ...shared, agendas: agendas.map((a) => ({ delegate: a.delegate, days: a.days })) };
}

/** Sessions each delegate attends, in programme order. */
export function sessionsByDelegate(event: Event): Map<string, Session[]> {
  const out = new Map<string, Session[]>();
  for (const s of event.sessions) {
    for (const id of s.attendeeIds) {
      const list = out.get(id);
      if (list) list.push(s);
      else out.set(id, [s]);
    }
  }
  return out;
}

export function planPersonal(
  event: Event,
  d: Delegate,
  sessions: readonly Session[],
  ctx: PlanContext & { table?: string; lang?: Language },
): PersonalData {
  const { config } = event;
  const fb = config.defaultLanguage;
  const lang = ctx.lang ?? d.language;
  const words = AGENDA_WORDS[lang];
  const days = [...byDay(sessions)].map(([date, list]) => ({
    label: formatDateLong(date, lang),
    items: list.map((s) => {
      const role = s.speakers.some((x) => x.id === d.id)
        ? words.speaker
        : s.moderator?.id === d.id
          ? words.moderator
          : undefined;
      return {
        time: span(s.start, s.end),
        title: pick(s.title, lang, fb) ?? s.id,
        room: pick(s.room.room, lang, fb) ?? s.room.id,
        venue: pick(s.room.venue, lang, fb) ?? "",
        light: s.type !== undefined && LIGHT_TYPES.has(s.type),
        ...(role ? { role } : {}),
      };
    }),
  }));
  return {
    lang,
    theme: themeOf(event, ctx.fonts),
    words,
    event: {
      name: pick(config.name, lang, fb) ?? "",
      dates: formatDateRange(config.start, config.end, lang),
      city: pick(config.city, lang, fb) ?? "",
    },
    delegate: {
      id: d.id,
      name: personIn(d, lang, fb).name,
      latin: latinName(d),
      organisation: pick(d.organisation, lang, fb) ?? "",
      ...(ctx.table ? { table: ctx.table } : {}),
    },
    days,
  };
}
