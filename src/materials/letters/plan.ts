import type { Diagnostic } from "../../diagnostics.js";
import { diag, sortDiagnostics } from "../../diagnostics.js";
import { activePack } from "../../i18n/active.js";
import {
  countryName,
  fillLabel,
  formatDateField,
  formatDatePlain,
  formatDateRange,
  formatTime,
  labelsOf,
} from "../../model/i18n.js";
import {
  addressOf,
  latinName,
  nameIn,
  officeOf,
  officeWithOrganisation,
  passportName,
  pick,
  positionIn,
  signatureOf,
} from "../../model/names.js";
import { SPEECH_ROLE_WORDS, speechRoleOf } from "../../model/roles.js";
import type { Delegate, Event, Session } from "../../model/types.js";
import { letterFileName } from "../../output/file-names.js";
import type { EventConfig } from "../../schema/event.js";
import { textIn } from "../../schema/event.js";
import type { Language } from "../../schema/fields.js";
import type { SpeechRole } from "../../schema/sessions.js";
import type { LogoPlacement } from "../logo.js";
import { letterModules } from "./modules.js";

export type LetterKind = "invitation" | "visa";

/** What templates/letters/letter.typ receives for one letter (see docs/templates.md). */
export interface LetterData {
  kind: LetterKind;
  lang: Language;
  /** The logo as placeLogo puts it on the white page (src/materials/logo.ts), or none. */
  letterhead: { name: string; address: string; logo: LogoPlacement | null };
  place_date: string;
  /** The pack's words of a letter (labels.letters): the reference's label, the closing formula
   * of this kind of letter and the footer "Page {n} of {total}" (filled by the template). */
  words: { ref: string; closing: string; page: string };
  reference: string;
  subject: string;
  /**
   * The address block: en name, office with organisation (organisation empty when the office
   * names it), country; ko `address` is the one line a Korean letter is addressed with.
   */
  recipient: { formal: string; position: string; organisation: string; country: string; address: string };
  salutation: string;
  /** How the body names the recipient: "you" / "Your Excellency", "문승민 의원님", "Ông". */
  name_ref: string;
  event: { name: string; dates: string; city: string; venue: string; address: string };
  /**
   * Sessions where the recipient speaks or moderates, in time order, all in one paragraph:
   * `letter` is the role's words for the sentence ("deliver the opening address at", "개회사를").
   */
  roles: {
    role: SpeechRole;
    letter: string;
    label: string;
    title: string;
    date: string;
    from: string;
    to: string;
    room: string;
  }[];
  /** VIPs and parliamentarians get the protocol paragraph. */
  protocol: boolean;
  /** Main sessions by day, breaks left out. */
  programme: { day: string; items: { time: string; title: string }[] }[];
  reply_by: string | null;
  signatory: { name: string; title: string; signature: string | null };
  /** Visa letters only: never present in an invitation or any other output. */
  visa?: {
    embassy: string;
    /** Exactly as the passport prints it: "HONG HYUNWOO", never with an honorific. */
    name: string;
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
  logo?: LogoPlacement;
  signature?: string;
  order: readonly Delegate[];
  /** `letterModules()`: the kinds and languages letters can be written in (default: conclave's). */
  modules?: ReadonlySet<string>;
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
): { letters: PlannedLetter[]; problems: Diagnostic[]; hostNationals: number; exempt: number } {
  const { config } = event;
  const fb = config.defaultLanguage;
  const settings = config.letters;
  const kindSettings = settings[options.kind];
  const wanted = options.ids ? new Set(options.ids) : undefined;
  const letters: PlannedLetter[] = [];
  const problems: Diagnostic[] = [];
  const mainRoom = mostUsedRoom(event.sessions);
  const letterDate = settings.date ?? config.start;
  const modules = options.modules ?? letterModules();
  /** Delegates whose language has no letter of this kind, by that language. */
  const untranslated = new Map<Language, { written: Language; delegates: Delegate[] }>();
  const summaries = new Map<Language, ReturnType<typeof programmeSummary>>();
  const summaryIn = (lang: Language) => {
    let v = summaries.get(lang);
    if (!v) {
      v = programmeSummary(event.sessions, lang, fb);
      summaries.set(lang, v);
    }
    return v;
  };
  const signatoryId = signatoryOf(event, options.kind);
  // Who speaks or moderates where, once for the event rather than once per delegate.
  const rolesOf = new Map<string, Session[]>();
  for (const s of event.sessions)
    for (const x of new Set([...s.speakers, ...(s.moderator ? [s.moderator] : [])]))
      rolesOf.set(x.id, [...(rolesOf.get(x.id) ?? []), s]);
  let hostNationals = 0;
  let exempt = 0;
  for (const d of options.order) {
    if (wanted && !wanted.has(d.id)) continue;
    // The signatory does not invite himself; --delegates names exactly who else gets a letter.
    if (d.id === signatoryId) continue;
    if (!wanted && !isRecipient(d, rolesOf.get(d.id) ?? [], settings.recipients)) continue;
    if (options.kind === "visa") {
      // Citizens of the host country enter without a visa: no letter, and nothing to report.
      if (config.country && (d.travel.nationality ?? d.country) === config.country) {
        hostNationals++;
        continue;
      }
      if (isExempt(d, settings.visa.exemptions)) {
        exempt++;
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
    // A visa letter is read by the consul: the embassy's language, not the delegate's.
    const asked = options.lang ?? (options.kind === "visa" ? settings.visa.language : d.language);
    // A language with a pack but no letter of this kind (an event's i18n/fr.yaml): the letter is
    // written in the event's default language, or English, and a warning says whose.
    const lang = [asked, fb, "en"].find((l) => modules.has(`${options.kind}:${l}`)) ?? asked;
    if (lang !== asked) {
      const list = untranslated.get(asked);
      if (list) list.delegates.push(d);
      else untranslated.set(asked, { written: lang, delegates: [d] });
    }
    const t = (v: Parameters<typeof textIn>[0]) => textIn(v, lang, fb) ?? "";
    const country = countryName(d.country, lang);
    const address = addressOf(d, lang, { upperFamily: settings.upper_family, fallback: fb, country });
    const position = positionIn(d, lang, fb);
    const org = pick(d.organisation, lang, fb);
    const office = officeWithOrganisation(position, org, lang);
    const mine = rolesOf.get(d.id) ?? [];
    const place = t(settings.place) || pick(config.city, lang, fb) || "";
    const date = formatDatePlain(letterDate, lang);
    const eventName = pick(config.name, lang, fb) ?? "";
    const letterWords = labelsOf(lang).letters;
    const data: LetterData = {
      kind: options.kind,
      lang,
      letterhead: {
        name: t(settings.letterhead.name) || (pick(config.organisers[0]?.name, lang, fb) ?? eventName),
        address: t(settings.letterhead.address),
        // A tagged letter reads the logo as the event's name.
        logo: options.logo ? { ...options.logo, alt: eventName } : null,
      },
      place_date: fillLabel(lang, letterWords.placeDate, { place, date }),
      words: {
        ref: letterWords.ref,
        closing: options.kind === "visa" ? letterWords.closingVisa : letterWords.closing,
        page: letterWords.page,
      },
      reference: kindSettings.reference.replaceAll("{id}", d.id),
      subject: t(kindSettings.subject),
      recipient: {
        formal: address.formal,
        position: position ? office : "",
        organisation: position ? "" : (org ?? ""),
        country,
        address: address.block.join(" "),
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
      roles: mine.map((s) => {
        const role = speechRoleOf(s, d.id)!;
        const words = SPEECH_ROLE_WORDS(lang)[role];
        // The venue is named in the first paragraph: a room elsewhere adds its own venue.
        const elsewhere = mainRoom && pick(s.room.venue, lang, fb) !== pick(mainRoom.venue, lang, fb);
        return {
          role,
          letter: words.letter,
          label: words.label,
          title: pick(s.title, lang, fb) ?? s.id,
          date: formatDatePlain(s.date, lang),
          from: formatTime(s.start),
          to: formatTime(s.end),
          room: [pick(s.room.room, lang, fb), elsewhere ? pick(s.room.venue, lang, fb) : undefined]
            .filter(Boolean)
            .join(", "),
        };
      }),
      // Met on arrival, a reserved seat, a liaison officer: what a visiting dignitary is offered,
      // not the host country's own officials.
      protocol:
        (d.category === "vip" || officeOf(d)?.dignitary === true) &&
        (!config.country || d.country !== config.country),
      programme: summaryIn(lang),
      reply_by: kindSettings.reply_by ? formatDatePlain(kindSettings.reply_by, lang) : null,
      signatory: { ...signatoryLines(event, options.kind, lang), signature: options.signature ?? null },
    };
    if (options.kind === "visa") {
      data.visa = {
        embassy: t(settings.visa.embassy),
        name: passportName({ ...d, passportName: d.travel.passportName }),
        passport: d.travel.passportNumber!,
        nationality: countryName(d.travel.nationality!, lang),
        date_of_birth: formatDateField(d.travel.dateOfBirth!, lang),
        arrival: formatDateField(d.travel.arrival!, lang),
        departure: formatDateField(d.travel.departure!, lang),
      };
    }
    letters.push({ delegate: d, lang, file: `${letterFileName(event, d.id)}.pdf`, data });
  }
  for (const [asked, { written, delegates: list }] of untranslated) {
    const ids = list.slice(0, 8).map((d) => d.id);
    const more = list.length > 8 ? ` and ${list.length - 8} more` : "";
    const where =
      options.lang !== undefined
        ? { file: `--lang ${asked}` }
        : options.kind === "visa"
          ? {
              file: "event.yaml",
              ...(config.at?.["letters.visa.language"] ?? {}),
              field: "letters.visa.language",
            }
          : {
              file: config.files.delegates,
              line: list[0]!.line,
              column: list[0]!.columns.language ?? 0,
              field: "language",
            };
    const whose = list.length === 1 ? "the letter" : `the ${list.length} letters`;
    problems.push(
      diag(
        "missing-translation",
        "warning",
        where,
        `conclave has no ${options.kind} letter in ${asked}: ${whose} of ${ids.join(", ")}${more} ${list.length === 1 ? "is" : "are"} in ${written}${options.lang !== undefined ? ` (--lang ${asked})` : ""}`,
        `Add templates/letters/${options.kind}.${asked}.typ to the event folder, with your own templates/letters/letter.typ importing it (conclave templates eject letters/letter), or give these delegates another language.`,
      ),
    );
  }
  return { letters, problems: sortDiagnostics(problems), hostNationals, exempt };
}

/** The signatory's delegate id: `signatory.id`, else the delegate whose name the signatory's is. */
function signatoryOf(event: Event, kind: LetterKind): string | undefined {
  const s = event.config.letters[kind].signatory;
  if (!s) return undefined;
  if (s.id) return s.id;
  const names = new Set(
    (typeof s.name === "string" ? [s.name] : Object.values(s.name))
      .filter((n): n is string => n !== undefined)
      .map((n) => n.normalize("NFC").trim()),
  );
  const found = event.delegates.find((d) =>
    [...names].some(
      (n) =>
        n === latinName(d) || n === d.nativeName || n.endsWith(` ${latinName(d)}`) || n === nameIn(d, "ko"),
    ),
  );
  return found?.id;
}

/**
 * The signature lines in one language: from the signatory's row in delegates.csv when
 * `signatory.id` names one (src/model/names.ts signatureOf), else from event.yaml; a language
 * that writes organisation first signs on one line, title before name: "한국CEO서밋협회 회장 윤기범".
 */
function signatoryLines(event: Event, kind: LetterKind, lang: Language): { name: string; title: string } {
  const { config } = event;
  const s = config.letters[kind].signatory;
  const fb = config.defaultLanguage;
  const delegate = s?.id ? event.delegateById.get(s.id) : undefined;
  const name = textIn(s?.name, lang, fb) ?? "";
  const title = textIn(s?.title, lang, fb) ?? "";
  if (delegate && !s?.title) return signatureOf(delegate, lang, fb);
  const { join, organisation_first } = activePack(lang).names;
  if (organisation_first) return { name: [title, name].filter(Boolean).join(join), title: "" };
  return { name, title };
}

/**
 * Who receives letters (`letters.recipients`): a listed category, or a speech role in a session.
 * Staff, interpreters and organisers come only by category: their moderating is their work.
 */
export function isRecipient(
  d: Delegate,
  sessions: readonly Session[],
  r: EventConfig["letters"]["recipients"],
) {
  if (r.categories.includes(d.category)) return true;
  if (d.category === "staff" || d.category === "interpreter" || d.category === "organiser") return false;
  return sessions.some((s) => {
    const role = speechRoleOf(s, d.id);
    return role !== undefined && r.roles.includes(role);
  });
}

/** Exempt from a visa by nationality and passport type (ordinary unless the data says). */
export function isExempt(d: Delegate, exemptions: EventConfig["letters"]["visa"]["exemptions"]): boolean {
  const nationality = d.travel.nationality ?? d.country;
  const type = d.travel.passportType ?? "ordinary";
  return exemptions.some((e) => e.nationality === nationality && e.passports.includes(type));
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
  // A heading of its own: "Ngày 20 tháng 6 năm 2023", capitalised, where a sentence says "ngày 20…".
  return [...days].map(([date, items]) => {
    const day = formatDatePlain(date, lang);
    return { day: day.charAt(0).toLocaleUpperCase(lang) + day.slice(1), items };
  });
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
