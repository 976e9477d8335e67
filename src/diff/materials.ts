import { isExempt, isRecipient } from "../materials/letters/plan.js";
import { isRanked } from "../model/precedence.js";
import type { Delegate, Event, Session } from "../model/types.js";

/**
 * The printed (or written) outputs a change can touch, named as a secretariat knows them and as
 * out/ files them: badge (badges/), programme (agenda/programme.*), agenda/personal,
 * letters/invitation, letters/visa (made by `conclave letters --kind visa`), the seating outputs
 * of each seated session (seating/<session>/plan.pdf, place-cards.pdf, table-list.pdf) and the
 * protocol office's lists (protocol/protocol-list-*, protocol/caterer.*) and, with signed badge
 * codes, the door's (checkin/: who is expected at each door, and the files for check-in apps).
 */
export const OUTPUTS = [
  "badge",
  "programme",
  "agenda/personal",
  "letters/invitation",
  "letters/visa",
  "seating plan",
  "place card",
  "table list",
  "protocol list",
  "caterer list",
  "check-in list",
] as const;
export type Output = (typeof OUTPUTS)[number];

const SEATING: Output[] = ["seating plan", "place card", "table list"];
/** Where a person's name appears: every material that names delegates. */
const NAMED: Output[] = [
  "badge",
  "programme",
  "agenda/personal",
  "letters/invitation",
  "letters/visa",
  ...SEATING,
  "protocol list",
  "caterer list",
  "check-in list",
];
/** Where the forms of address (Mr/Ms, Ông/Bà, 의원) appear: personIn and addressOf in model/names.ts. */
const ADDRESSED: Output[] = [
  "programme",
  "agenda/personal",
  "letters/invitation",
  "letters/visa",
  ...SEATING,
  "protocol list",
];

/**
 * Which outputs print (or are decided by) each column of delegates.csv, read from the materials'
 * plan functions (docs/changes.md "conclave diff" has this table). A translation column
 * (`position_ko`) counts as its column. A column missing here is printed nowhere (accessibility).
 */
export const DELEGATE_FIELD_OUTPUTS: Readonly<Record<string, readonly Output[]>> = {
  given_name: NAMED,
  family_name: NAMED,
  // latinName() orders the Latin name by it, everywhere.
  name_order: NAMED,
  // The default name order and the name after Mr/Ms follow the naming custom.
  naming_custom: NAMED,
  native_name: NAMED.filter((o) => o !== "letters/visa"),
  // Hangul for Korean readers: nameIn()/hangulName(); the badge prints the Latin and native names only.
  name_ko: NAMED.filter((o) => o !== "badge" && o !== "letters/visa"),
  // The same for Chinese and Mongolian readers (nameIn()).
  name_zh: NAMED.filter((o) => o !== "badge" && o !== "letters/visa"),
  name_mn: NAMED.filter((o) => o !== "badge" && o !== "letters/visa"),
  honorific: ADDRESSED,
  gender: ADDRESSED,
  // callName(): only the salutation of a letter.
  addressed_as: ["letters/invitation", "letters/visa"],
  organisation: ["badge", ...ADDRESSED],
  position: ["badge", ...ADDRESSED],
  // The badge's country line, the letters' address, the protocol order; the solver mixes countries.
  country: ["badge", "letters/invitation", "letters/visa", ...SEATING, "protocol list"],
  // The badge's band; who is invited; who is ranked; who sits at the head table; the door's lists.
  category: ["badge", "letters/invitation", "letters/visa", ...SEATING, "protocol list", "check-in list"],
  // The badge order (badge.sort: delegation) and the solver's same_delegation.
  delegation: ["badge", ...SEATING],
  // officeOf(): the title in letters and the protocol rank.
  sector: ["letters/invitation", "letters/visa", "protocol list"],
  // Who is received first at each door, in order of precedence.
  precedence: [...SEATING, "protocol list", "check-in list"],
  // The language of the badge's back, the personal agenda, the letter, the place card's side.
  language: ["badge", "agenda/personal", "letters/invitation", ...SEATING],
  // Only in letters/invitation/mailing.csv.
  email: ["letters/invitation"],
  // Printed only for a liaison officer (protocol.liaisons) on the protocol list.
  phone: ["protocol list"],
  // Which doors expect them (and their badge code's zones).
  sessions: ["agenda/personal", ...SEATING, "check-in list"],
  dietary: ["caterer list"],
  interpreter_for: [...SEATING, "protocol list"],
  passport_number: ["letters/visa"],
  nationality: ["letters/visa"],
  passport_type: ["letters/visa"],
  passport_name: ["letters/visa"],
  date_of_birth: ["letters/visa"],
  arrival: ["letters/visa", "protocol list"],
  departure: ["letters/visa", "protocol list"],
};

/** Which outputs print each column of sessions.csv. */
export const SESSION_FIELD_OUTPUTS: Readonly<Record<string, readonly Output[]>> = {
  title: ["programme", "agenda/personal", "badge", "letters/invitation", "seating plan", "check-in list"],
  date: ["programme", "agenda/personal", "badge", "letters/invitation", "check-in list"],
  start: ["programme", "agenda/personal", "badge", "letters/invitation", "check-in list"],
  end: ["programme", "agenda/personal", "letters/invitation"],
  room: ["programme", "agenda/personal", "badge", "letters/invitation", "seating plan", "check-in list"],
  section: ["programme", "badge", "seating plan"],
  type: ["programme", "agenda/personal", "badge", "letters/invitation"],
  // Speakers are named on the programme and the badge's back; a speech role can bring a letter.
  speakers: ["programme", "badge", "agenda/personal", "letters/invitation"],
  moderator: ["programme", "agenda/personal", "letters/invitation"],
  // In the calendar (programme.ics) and the web programme.
  description: ["programme"],
  audience: ["programme", "agenda/personal"],
  seating: [...SEATING, "badge", "agenda/personal", "protocol list"],
};

/** Which outputs print each column of venues.csv (through the sessions held in the room). */
export const VENUE_FIELD_OUTPUTS: Readonly<Record<string, readonly Output[]>> = {
  venue: ["programme", "agenda/personal", "letters/invitation", "check-in list"],
  room: ["programme", "agenda/personal", "badge", "letters/invitation", "seating plan", "check-in list"],
  address: ["programme", "letters/invitation"],
  city: ["programme"],
  capacity: [],
  layout: SEATING,
  tables: SEATING,
  seats_per_table: SEATING,
  head_table_seats: SEATING,
  accessible_seats: SEATING,
};

/** What prints the event's dates (and the check-in codes' validity, which they set). */
const EVENT_DATES: Output[] = [
  "badge",
  "programme",
  "agenda/personal",
  "letters/invitation",
  "letters/visa",
  "protocol list",
  "check-in list",
];

/**
 * Which outputs a setting of event.yaml touches, by its first key (the longest listed prefix
 * wins). Settings of how the data is read (files, encodings, columns) touch nothing themselves:
 * what they change in the data is listed as data changes.
 */
export const SETTING_OUTPUTS: Readonly<Record<string, readonly Output[]>> = {
  name: NAMED,
  short_name: ["badge", "programme", "agenda/personal", "letters/invitation", "letters/visa"],
  edition: ["programme", "letters/invitation", "letters/visa"],
  // The codes' validity is the event's dates.
  start: EVENT_DATES,
  end: EVENT_DATES,
  timezone: ["programme", "agenda/personal", "check-in list"],
  city: ["badge", "programme", "agenda/personal", "letters/invitation", "letters/visa"],
  country: ["letters/visa", "protocol list", ...SEATING],
  organisers: ["programme", "letters/invitation", "letters/visa"],
  languages: NAMED,
  branding: NAMED,
  fonts: NAMED,
  allow_outside: [],
  files: [],
  encodings: [],
  columns: [],
  validation: [],
  badge: ["badge"],
  // Signed or not decides the check-in files, and the codes they list.
  "badge.qr": ["badge", "check-in list"],
  agenda: ["programme", "agenda/personal"],
  letters: ["letters/invitation", "letters/visa"],
  "letters.invitation": ["letters/invitation"],
  "letters.visa": ["letters/visa"],
  seating: SEATING,
  "seating.place_cards": ["place card"],
  "seating.floor": ["seating plan"],
  "seating.floors": ["seating plan"],
  protocol: ["protocol list"],
};

/** The outputs of a setting's key path ("badge.colours.vip" → badge). */
export function settingOutputs(path: string): readonly Output[] {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const hit = SETTING_OUTPUTS[parts.slice(0, n).join(".")];
    if (hit) return hit;
  }
  return [];
}

/** Speakers and moderators, by delegate id: who appears on the programme. */
function rolesOf(event: Event): Map<string, Session[]> {
  const out = new Map<string, Session[]>();
  for (const s of event.sessions)
    for (const x of new Set([...s.speakers, ...(s.moderator ? [s.moderator] : [])]))
      out.set(x.id, [...(out.get(x.id) ?? []), s]);
  return out;
}

const facts = new WeakMap<
  Event,
  { roles: Map<string, Session[]>; seated: Set<string>; liaisons: Set<string> }
>();
function factsOf(event: Event) {
  let f = facts.get(event);
  if (!f) {
    const seated = new Set<string>();
    for (const s of event.sessions)
      if (s.seating === "assigned") for (const id of s.attendeeIds) seated.add(id);
    const liaisons = new Set<string>([
      ...Object.keys(event.config.protocol.liaisons),
      ...Object.values(event.config.protocol.liaisons),
    ]);
    f = { roles: rolesOf(event), seated, liaisons };
    facts.set(event, f);
  }
  return f;
}

/**
 * Whether a delegate has a copy of an output in this event: everyone has a badge and a personal
 * agenda; the programme names speakers and moderators; invitations go to the recipients of
 * letters.recipients; visa letters to recipients who are not host nationals nor exempt; seating
 * outputs to those who attend a seated session; the protocol list to ranked guests, their
 * interpreters and liaison officers; the caterer's list to those with a dietary need; the
 * check-in files to everyone when the badge codes are signed.
 */
export function hasOutput(output: Output, d: Delegate, event: Event): boolean {
  const f = factsOf(event);
  const recipient = () => isRecipient(d, f.roles.get(d.id) ?? [], event.config.letters.recipients);
  switch (output) {
    case "badge":
    case "agenda/personal":
      return true;
    case "programme":
      return f.roles.has(d.id);
    case "letters/invitation":
      return recipient();
    case "letters/visa": {
      const host = event.config.country;
      const national = host !== undefined && (d.travel.nationality ?? d.country) === host;
      return recipient() && !national && !isExempt(d, event.config.letters.visa.exemptions);
    }
    case "seating plan":
    case "place card":
    case "table list":
      return f.seated.has(d.id);
    case "protocol list": {
      if (isRanked(d) || f.liaisons.has(d.id)) return true;
      const principal = d.interpreterFor ? event.delegateById.get(d.interpreterFor) : undefined;
      return principal !== undefined && isRanked(principal);
    }
    case "caterer list":
      return (d.dietary?.trim() ?? "") !== "";
    case "check-in list":
      return event.config.badge.qr === "signed";
  }
}

/**
 * Whether a column of this delegate is printed on an output they have: a phone only on the
 * protocol list, and only a liaison officer's (protocol.liaisons names them).
 */
export function printsField(field: string, output: Output, d: Delegate, event: Event): boolean {
  if (field === "phone") return Object.values(event.config.protocol.liaisons).includes(d.id);
  return hasOutput(output, d, event);
}

/** Outputs in the one order every report uses. */
export function inOrder(outputs: Iterable<Output>): Output[] {
  const set = new Set(outputs);
  return OUTPUTS.filter((o) => set.has(o));
}
