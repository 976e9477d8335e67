import {
  collatorFor,
  formatDateLong,
  formatDateRange,
  formatTime,
  formatTimeRange,
} from "../../model/i18n.js";
import { latinName, nameIn, personIn, personLine, pick } from "../../model/names.js";
import { byPrecedence } from "../../model/precedence.js";
import { SPEECH_ROLE_WORDS, speechRoleOf } from "../../model/roles.js";
import type { Delegate, Event, Session } from "../../model/types.js";
import type { Language } from "../../schema/fields.js";
import type { SpeechRole } from "../../schema/sessions.js";
import { themeOf } from "../common.js";
import type { LogoPlacement } from "../logo.js";
import { AGENDA_WORDS, type AgendaWords, type OrganiserRole, SECTION_PALETTE } from "./text.js";

/** Session types printed lighter: the programme's pauses, not its content. */
const LIGHT_TYPES = new Set(["break", "networking"]);

/** A speaker or moderator as one language writes them, and the second language for bilingual editions. */
export interface PersonLine {
  id: string;
  name: string;
  detail: string;
  /** The detail is printed before the name (Korean: 산업통상자원부 오경수 차관). */
  detailFirst?: boolean;
  name2?: string;
  detail2?: string;
  detailFirst2?: boolean;
  /** The speech they give: 개회사, Opening address, Phát biểu khai mạc (and in the second language). */
  role?: string;
  role2?: string;
}

/**
 * One session as a programme prints it, in one language and, for bilingual editions, every
 * printed string again in a second (`…2`, only where it differs from the first).
 */
export interface ProgrammeItem {
  id: string;
  /** "09:00–09:45", and its ends as HH:MM in the event's time zone. */
  time: string;
  start: string;
  end: string;
  title: string;
  title2?: string;
  type: string;
  type2?: string;
  light: boolean;
  section?: { name: string; name2?: string; colour: string };
  room: string;
  room2?: string;
  venue: string;
  venue2?: string;
  /** Away from the event's main venue (a site visit): the programme prints venue and address. */
  offsite: boolean;
  address?: string;
  address2?: string;
  description?: string;
  description2?: string;
  speakers: PersonLine[];
  moderator?: PersonLine;
  /** 좌장 (a discussion's chair) or 사회 (a ceremony's master of ceremonies), per language. */
  moderatorLabel: string;
  moderatorLabel2?: string;
}

/** Sessions whose times overlap: one session, or parallel sessions side by side by room. */
export interface ProgrammeBlock {
  time: string;
  parallel: boolean;
  columns: { room: string; room2?: string; items: ProgrammeItem[] }[];
}

export interface ProgrammeDay {
  date: string;
  label: string;
  label2?: string;
  blocks: ProgrammeBlock[];
}

/** The organisers of one role, as the cover prints them: "Hosted by Korea CEO Summit Association". */
export interface OrganiserLine {
  role: OrganiserRole;
  label: string;
  names: string[];
}

/** What programme.typ receives as JSON. */
export interface ProgrammeData {
  lang: Language;
  lang2?: Language;
  paper: "a4" | "a5";
  /** A large-print edition: one column, 16 pt body (templates/programme.typ). */
  large?: boolean;
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
    city2?: string;
    /** One line per role, in the order host, co-organiser, partner, sponsor. */
    organisers: OrganiserLine[];
    organisers2?: OrganiserLine[];
    logo: LogoPlacement | null;
  };
  header: string;
  /** The venue most sessions are in, named once above the first day. */
  venue?: { name: string; name2?: string; address?: string; address2?: string };
  sections: { name: string; name2?: string; colour: string }[];
  days: ProgrammeDay[];
  /**
   * Speakers and moderators, in the first language's collation, with the sessions they appear
   * in; `name2` is the second language's form when it differs.
   */
  index: { name: string; name2?: string; sessions: string[] }[];
}

export interface PlanContext {
  fonts: readonly string[];
  /** The logo as the programme's cover draws it (placeLogo), or none. */
  logo?: LogoPlacement;
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

/**
 * A time range as the language writes it (its pack's dates.time_range): "09:00–09:45", Korean
 * "09:00~09:45". A bilingual edition follows its first language.
 */
const span = (a: number, b: number, lang: Language) => formatTimeRange(a, b, lang);

/** `{ key2: b }` when a second language's text differs from the first's, else nothing. */
function second<K extends string>(key: K, a: string | undefined, b: string | undefined) {
  return (b !== undefined && b !== "" && b !== a ? { [key]: b } : {}) as Partial<Record<K, string>>;
}

/** Roles printed beside a speaker's name: the speeches of a ceremony, a keynote address. */
const PRINTED_ROLES = new Set<SpeechRole>(["opening", "welcome", "congratulatory", "keynote", "closing"]);

/** One language's form of a person: as personIn gives it, in personLine's order. */
function form(d: Delegate, lang: Language, fallback: Language) {
  const p = personIn(d, lang, fallback);
  // Korean writes the organisation first (서울그린에너지 조현우 대표이사): personLine says which.
  const first = p.detail !== "" && personLine(d, lang, fallback).startsWith(p.detail);
  return { ...p, first };
}

function person(
  d: Delegate,
  lang: Language,
  lang2: Language | undefined,
  fallback: Language,
  s?: Session,
): PersonLine {
  const one = form(d, lang, fallback);
  const two = lang2 ? form(d, lang2, fallback) : undefined;
  const speech = s ? speechRoleOf(s, d.id) : undefined;
  const role = speech && PRINTED_ROLES.has(speech) ? SPEECH_ROLE_WORDS(lang)[speech].label : undefined;
  const role2 = speech && role && lang2 ? SPEECH_ROLE_WORDS(lang2)[speech].label : undefined;
  // A bilingual edition names the person in both languages' forms, or once when they agree.
  const both = two && (two.name !== one.name || two.detail !== one.detail);
  return {
    id: d.id,
    name: one.name,
    detail: one.detail,
    ...(one.first ? { detailFirst: true } : {}),
    ...(both ? { name2: two.name, detail2: two.detail, ...(two.first ? { detailFirst2: true } : {}) } : {}),
    ...(role ? { role, ...second("role2", role, role2) } : {}),
  };
}

/** The venue most sessions are in: sessions elsewhere print their venue's name and address. */
export function mainVenue(event: Event): string | undefined {
  const fb = event.config.defaultLanguage;
  const count = new Map<string, number>();
  for (const s of event.sessions) {
    const v = pick(s.room.venue, fb, fb) ?? "";
    count.set(v, (count.get(v) ?? 0) + 1);
  }
  return [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** What both editions share: the event, its fallback language, colours, main venue, settings. */
interface ItemContext {
  event: Event;
  lang: Language;
  lang2: Language | undefined;
  colours: Map<string, string>;
  main: string | undefined;
}

function item(s: Session, c: ItemContext): ProgrammeItem {
  const { event, lang, lang2 } = c;
  const fb = event.config.defaultLanguage;
  const text = (v: Session["title"] | undefined, l: Language) => pick(v, l, fb);
  const both = <K extends string>(key: K, v: Session["title"] | undefined, a: string | undefined) =>
    lang2 ? second(key, a, text(v, lang2)) : {};
  const sectionKey = text(s.section, fb);
  const title = text(s.title, lang) ?? s.id;
  const type = s.type ? AGENDA_WORDS(lang).types[s.type] : "";
  const room = text(s.room.room, lang) ?? s.room.id;
  const venue = text(s.room.venue, lang) ?? "";
  const offsite = c.main !== undefined && text(s.room.venue, fb) !== c.main;
  const address = offsite ? text(s.room.address, lang) : undefined;
  const description = event.config.agenda.descriptions ? text(s.description, lang) : undefined;
  const sectionName = text(s.section, lang) ?? sectionKey;
  const modRole = s.moderator ? (speechRoleOf(s, s.moderator.id) ?? "moderator") : "moderator";
  const moderatorLabel = SPEECH_ROLE_WORDS(lang)[modRole].label;
  return {
    id: s.id,
    time: span(s.start, s.end, lang),
    start: formatTime(s.start),
    end: formatTime(s.end),
    title,
    ...both("title2", s.title, title),
    type,
    ...(lang2 && s.type ? second("type2", type, AGENDA_WORDS(lang2).types[s.type]) : {}),
    light: s.type !== undefined && LIGHT_TYPES.has(s.type),
    ...(sectionKey
      ? {
          section: {
            name: sectionName!,
            ...both("name2", s.section, sectionName),
            colour: c.colours.get(sectionKey)!,
          },
        }
      : {}),
    room,
    ...both("room2", s.room.room, room),
    venue,
    ...both("venue2", s.room.venue, venue),
    offsite,
    ...(address ? { address, ...both("address2", s.room.address, address) } : {}),
    ...(description ? { description, ...both("description2", s.description, description) } : {}),
    // Speakers in precedence order (src/model/precedence.ts), not in the order sessions.csv lists
    // them; the moderator stays apart.
    speakers: byPrecedence(s.speakers, event.config.country).map((d) => person(d, lang, lang2, fb, s)),
    ...(s.moderator ? { moderator: person(s.moderator, lang, lang2, fb) } : {}),
    moderatorLabel,
    ...(lang2 ? second("moderatorLabel2", moderatorLabel, SPEECH_ROLE_WORDS(lang2)[modRole].label) : {}),
  };
}

const ORGANISER_ROLES: readonly OrganiserRole[] = ["host", "co-organiser", "partner", "sponsor"];

/** The cover's organiser lines: one per role present, "Hosted by …", "Co-organised by …". */
export function organiserLines(event: Event, lang: Language): OrganiserLine[] {
  const fb = event.config.defaultLanguage;
  return ORGANISER_ROLES.flatMap((role) => {
    const names = event.config.organisers
      .filter((o) => o.role === role)
      .map((o) => pick(o.name, lang, fb) ?? "")
      .filter(Boolean);
    return names.length > 0 ? [{ role, label: AGENDA_WORDS(lang).organisers[role], names }] : [];
  });
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
  const ic: ItemContext = { event, lang, lang2, colours, main: mainVenue(event) };
  const days: ProgrammeDay[] = [];
  for (const [date, sessions] of byDay(event.sessions)) {
    const blocks = overlapBlocks(sessions).map((group): ProgrammeBlock => {
      const rooms = [...new Set(group.map((s) => s.room.id))].sort(
        (a, b) => roomOrder.get(a)! - roomOrder.get(b)!,
      );
      const columns = rooms.map((r) => {
        const items = group.filter((s) => s.room.id === r).map((s) => item(s, ic));
        const first = items[0]!;
        return { room: first.room, ...(first.room2 ? { room2: first.room2 } : {}), items };
      });
      const start = Math.min(...group.map((s) => s.start));
      const end = Math.max(...group.map((s) => s.end));
      return { time: span(start, end, lang), parallel: rooms.length > 1, columns };
    });
    const label = formatDateLong(date, lang);
    days.push({
      date,
      label,
      ...(lang2 ? second("label2", label, formatDateLong(date, lang2)) : {}),
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
  const collator = collatorFor(lang, { sensitivity: "base" });
  const index = [...people.values()]
    .map(({ d, sessions }) => {
      const name = indexName(d, lang);
      const name2 = lang2 ? indexName(d, lang2) : undefined;
      // "호앙 민 찌(Hoàng Minh Trí)" already holds the Latin form.
      return { name, ...(name2 && !name.includes(name2) ? second("name2", name, name2) : {}), sessions };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
  const sections = [...colours].map(([key, colour]) => {
    const session = event.sessions.find((s) => pick(s.section, fb, fb) === key)!;
    const name = pick(session.section, lang, fb) ?? key;
    return { name, ...(lang2 ? second("name2", name, pick(session.section, lang2, fb)) : {}), colour };
  });
  const name = pick(config.name, lang, fb) ?? "";
  const dates = formatDateRange(config.start, config.end, lang);
  const city = pick(config.city, lang, fb) ?? "";
  const words2 = lang2 ? AGENDA_WORDS(lang2) : undefined;
  return {
    lang,
    ...(lang2 ? { lang2, words2 } : {}),
    paper: config.agenda.paper,
    theme: themeOf(event, ctx.fonts),
    words: AGENDA_WORDS(lang),
    cover: {
      name,
      ...(lang2 ? second("name2", name, pick(config.name, lang2, fb)) : {}),
      ...(config.edition ? { edition: config.edition } : {}),
      dates,
      ...(lang2 ? second("dates2", dates, formatDateRange(config.start, config.end, lang2)) : {}),
      city,
      ...(lang2 ? second("city2", city, pick(config.city, lang2, fb)) : {}),
      organisers: organiserLines(event, lang),
      ...(lang2 ? { organisers2: organiserLines(event, lang2) } : {}),
      // The logo is the event's: a screen reader says the event's name for it.
      logo: ctx.logo ? { ...ctx.logo, alt: name } : null,
    },
    ...venueLine(event, ic.main, lang, lang2),
    header: [config.short_name ?? name, AGENDA_WORDS(lang).programme, words2?.programme]
      .filter(Boolean)
      .join(" · "),
    sections,
    days,
    index,
  };
}

/** The main venue's name and address in the edition's languages. */
function venueLine(event: Event, main: string | undefined, lang: Language, lang2: Language | undefined) {
  const fb = event.config.defaultLanguage;
  const room = event.sessions.find((s) => pick(s.room.venue, fb, fb) === main)?.room;
  if (!room) return {};
  const name = pick(room.venue, lang, fb) ?? "";
  const address = pick(room.address, lang, fb);
  return {
    venue: {
      name,
      ...(lang2 ? second("name2", name, pick(room.venue, lang2, fb)) : {}),
      ...(address
        ? { address, ...(lang2 ? second("address2", address, pick(room.address, lang2, fb)) : {}) }
        : {}),
    },
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
  delegate: {
    id: string;
    name: string;
    latin: string;
    /** The Latin form is printed beside the name only when it is more than the name without its accents. */
    showLatin: boolean;
    organisation: string;
    table?: string;
  };
  days: {
    label: string;
    items: {
      time: string;
      title: string;
      room: string;
      venue: string;
      /** Of a session away from the main venue (a site visit). */
      address?: string;
      description?: string;
      light: boolean;
      role?: string;
    }[];
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

/** Text without its accents, in lower case: "Bà Hồ Thu Hằng" → "ba ho thu hang" (đ → d). */
const stripped = (s: string) =>
  s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLocaleLowerCase("en");

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
  ctx: PlanContext & { table?: string; lang?: Language; mainVenue?: string },
): PersonalData {
  const { config } = event;
  const fb = config.defaultLanguage;
  const lang = ctx.lang ?? d.language;
  const words = AGENDA_WORDS(lang);
  const main = ctx.mainVenue ?? mainVenue(event);
  const name = personIn(d, lang, fb).name;
  const latin = latinName(d);
  const days = [...byDay(sessions)].map(([date, list]) => ({
    label: formatDateLong(date, lang),
    items: list.map((s) => {
      // 개회사, 축사, 좌장, 사회…: the delegate's own role, in the words the letters use too.
      const speech = speechRoleOf(s, d.id);
      // A plain speaker is marked as the programme calls them (연사; the letters' 발표 is a talk).
      const role =
        speech === "speaker" ? words.speaker : speech ? SPEECH_ROLE_WORDS(lang)[speech].label : undefined;
      const offsite = main !== undefined && pick(s.room.venue, fb, fb) !== main;
      const address = offsite ? pick(s.room.address, lang, fb) : undefined;
      const description = config.agenda.descriptions ? pick(s.description, lang, fb) : undefined;
      return {
        time: span(s.start, s.end, lang),
        title: pick(s.title, lang, fb) ?? s.id,
        room: pick(s.room.room, lang, fb) ?? s.room.id,
        venue: pick(s.room.venue, lang, fb) ?? "",
        ...(address ? { address } : {}),
        ...(description ? { description } : {}),
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
      name,
      latin,
      showLatin: !stripped(name).includes(stripped(latin)),
      organisation: pick(d.organisation, lang, fb) ?? "",
      ...(ctx.table ? { table: ctx.table } : {}),
    },
    days,
  };
}
