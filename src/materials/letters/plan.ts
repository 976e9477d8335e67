import type { Diagnostic } from "../../diagnostics.js";
import { diag, sortDiagnostics } from "../../diagnostics.js";
import {
  countryName,
  formatDatePlain,
  formatDateRange,
  formatDateTimePlain,
  formatTime,
} from "../../model/i18n.js";
import { addressOf, officeOf, pick } from "../../model/names.js";
import type { Delegate, Event, Session } from "../../model/types.js";
import { letterFileName } from "../../output/file-names.js";
import { textIn } from "../../schema/event.js";
import type { Language } from "../../schema/fields.js";

export type LetterKind = "invitation" | "visa";

/** What templates/letters/letter.typ receives for one letter (see docs/templates.md). */
export interface LetterData {
  kind: LetterKind;
  lang: Language;
  letterhead: { name: string; address: string; logo: string | null };
  place_date: string;
  reference: string;
  subject: string;
  recipient: { formal: string; position: string; organisation: string; country: string };
  salutation: string;
  /** How the body names the recipient: "Hon. Moon", "문승민 의원님", "Ông An". */
  name_ref: string;
  event: { name: string; dates: string; city: string; venue: string; address: string };
  /** Sessions where the recipient speaks or moderates. */
  roles: { role: "speaker" | "moderator"; title: string; date: string; time: string; room: string }[];
  /** VIPs and parliamentarians get the protocol paragraph. */
  protocol: boolean;
  /** Main sessions by day, breaks left out. */
  programme: { day: string; items: { time: string; title: string }[] }[];
  reply_by: string | null;
  signatory: { name: string; title: string; signature: string | null };
  /** Visa letters only: never present in an invitation or any other output. */
  visa?: {
    embassy: string;
    passport: string;
    nationality: string;
    date_of_birth: string;
    arrival: string;
    departure: string;
  };
}

export interface PlannedLetter {
  delegate: Delegate;
  lang: Language;
  /** Path below out/letters/<kind>/. */
  file: string;
  data: LetterData;
}

export interface LetterPlanOptions {
  kind: LetterKind;
  lang?: Language;
  ids?: readonly string[];
  logo?: string;
  signature?: string;
  order: readonly Delegate[];
}

const PROGRAMME_TYPES = new Set(["plenary", "keynote", "panel", "ceremony", "banquet", "workshop", "visit"]);
const HIGHLIGHT_TYPES = new Set(["plenary", "keynote", "ceremony", "banquet"]);

/** The visa fields a letter needs, and the column each comes from. */
const VISA_FIELDS = [
  ["passportNumber", "passport_number"],
  ["nationality", "nationality"],
  ["dateOfBirth", "date_of_birth"],
  ["arrival", "arrival"],
  ["departure", "departure"],
] as const;

/**
 * One letter per delegate in their language, in the badge order. Visa letters need passport data:
 * a delegate without it gets a diagnostic naming the row and missing columns (never the values),
 * and the others are still planned.
 */
export function planLetters(
  event: Event,
  options: LetterPlanOptions,
): { letters: PlannedLetter[]; problems: Diagnostic[]; hostNationals: number } {
  const { config } = event;
  const fb = config.defaultLanguage;
  const settings = config.letters;
  const kindSettings = settings[options.kind];
  const wanted = options.ids ? new Set(options.ids) : undefined;
  const letters: PlannedLetter[] = [];
  const problems: Diagnostic[] = [];
  const mainRoom = mostUsedRoom(event.sessions);
  const letterDate = settings.date ?? config.start;
  const summaries = new Map<Language, ReturnType<typeof programmeSummary>>();
  const summaryIn = (lang: Language) => {
    let v = summaries.get(lang);
    if (!v) {
      v = programmeSummary(event.sessions, lang, fb);
      summaries.set(lang, v);
    }
    return v;
  };
  // Who speaks or moderates where, once for the event rather than once per delegate.
  const rolesOf = new Map<string, Session[]>();
  for (const s of event.sessions)
    for (const x of new Set([...s.speakers, ...(s.moderator ? [s.moderator] : [])]))
      rolesOf.set(x.id, [...(rolesOf.get(x.id) ?? []), s]);
  let hostNationals = 0;
  for (const d of options.order) {
    if (wanted && !wanted.has(d.id)) continue;
    if (options.kind === "visa") {
      // Citizens of the host country enter without a visa: no letter, and nothing to report.
      if (config.country && (d.travel.nationality ?? d.country) === config.country) {
        hostNationals++;
        continue;
      }
      const missing = VISA_FIELDS.filter(([k]) => !d.travel[k]).map(([, col]) => col);
      if (missing.length > 0) {
        problems.push(
          diag(
            "visa-data-missing",
            "error",
            {
              file: config.files.delegates,
              line: d.line,
              column: d.columns[missing[0]!] ?? 0,
              field: missing[0]!,
            },
            `${d.id} has no ${missing.join(", ")}: no visa letter was made for this delegate`,
            "Fill these columns in delegates.csv, or leave the delegate out with --delegates.",
          ),
        );
        continue;
      }
    }
    const lang = options.lang ?? d.language;
    const t = (v: Parameters<typeof textIn>[0]) => textIn(v, lang, fb) ?? "";
    const address = addressOf(d, lang, { upperFamily: settings.upper_family });
    const mine = rolesOf.get(d.id) ?? [];
    const place = t(settings.place) || pick(config.city, lang, fb) || "";
    const date = formatDatePlain(letterDate, lang);
    const eventName = pick(config.name, lang, fb) ?? "";
    const data: LetterData = {
      kind: options.kind,
      lang,
      letterhead: {
        name: t(settings.letterhead.name) || (pick(config.organisers[0]?.name, lang, fb) ?? eventName),
        address: t(settings.letterhead.address),
        logo: options.logo ?? null,
      },
      place_date: lang === "ko" ? date : `${place}, ${date}`,
      reference: kindSettings.reference.replaceAll("{id}", d.id),
      subject: t(kindSettings.subject),
      recipient: {
        formal: address.formal,
        position: pick(d.position, lang, fb) ?? "",
        organisation: pick(d.organisation, lang, fb) ?? "",
        country: countryName(d.country, lang),
      },
      salutation: address.salutation,
      name_ref: address.reference,
      event: {
        name: eventName,
        dates: formatDateRange(config.start, config.end, lang),
        city: pick(config.city, lang, fb) ?? "",
        venue: mainRoom ? (pick(mainRoom.venue, lang, fb) ?? "") : "",
        address: mainRoom ? (pick(mainRoom.address, lang, fb) ?? "") : "",
      },
      roles: mine.map((s) => ({
        role: s.speakers.some((x) => x.id === d.id) ? ("speaker" as const) : ("moderator" as const),
        title: pick(s.title, lang, fb) ?? s.id,
        date: formatDatePlain(s.date, lang),
        time: `${formatTime(s.start)}–${formatTime(s.end)}`,
        room: [pick(s.room.room, lang, fb), pick(s.room.venue, lang, fb)].filter(Boolean).join(", "),
      })),
      protocol: d.category === "vip" || officeOf(d) !== undefined,
      programme: summaryIn(lang),
      reply_by: kindSettings.reply_by ? formatDatePlain(kindSettings.reply_by, lang) : null,
      signatory: {
        name: t(kindSettings.signatory?.name),
        title: t(kindSettings.signatory?.title),
        signature: options.signature ?? null,
      },
    };
    if (options.kind === "visa") {
      data.visa = {
        embassy: t(settings.visa.embassy),
        passport: d.travel.passportNumber!,
        nationality: countryName(d.travel.nationality!, lang),
        date_of_birth: formatDatePlain(d.travel.dateOfBirth!, lang),
        arrival: formatDateTimePlain(d.travel.arrival!, lang),
        departure: formatDateTimePlain(d.travel.departure!, lang),
      };
    }
    letters.push({ delegate: d, lang, file: `${letterFileName(event, d.id)}.pdf`, data });
  }
  return { letters, problems: sortDiagnostics(problems), hostNationals };
}

/**
 * The programme a letter summarises: the sessions of the main types, at most twelve. A large
 * congress has hundreds of panels; its letter lists the plenaries, ceremonies and the banquet.
 */
function programmeSummary(sessions: readonly Session[], lang: Language, fb: Language) {
  const MAX = 12;
  let chosen = sessions.filter((s) => !s.type || PROGRAMME_TYPES.has(s.type));
  if (chosen.length > MAX) chosen = chosen.filter((s) => s.type && HIGHLIGHT_TYPES.has(s.type));
  chosen = chosen.slice(0, MAX);
  const days = new Map<string, { time: string; title: string }[]>();
  for (const s of chosen) {
    const list = days.get(s.date) ?? [];
    list.push({ time: formatTime(s.start), title: pick(s.title, lang, fb) ?? s.id });
    days.set(s.date, list);
  }
  return [...days].map(([date, items]) => ({ day: formatDatePlain(date, lang), items }));
}

/** The venue letters name: the room most sessions use. */
function mostUsedRoom(sessions: readonly Session[]) {
  const counts = new Map<string, { n: number; room: Session["room"] }>();
  for (const s of sessions) {
    const c = counts.get(s.room.id) ?? { n: 0, room: s.room };
    c.n++;
    counts.set(s.room.id, c);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.room;
}
