import type { Category, Gender, NameOrder, NamingCustom, PassportType, Sector } from "../schema/delegates.js";
import type { EventConfig } from "../schema/event.js";
import type { Language } from "../schema/fields.js";
import type { Strength, WishKind } from "../schema/seating.js";
import type { Audience, SeatingMode, SessionType, SpeechRole } from "../schema/sessions.js";
import type { Layout } from "../schema/venues.js";

/** Text in the event's languages; a missing language falls back to the default one. */
export type Localized = Partial<Record<Language, string>>;

/** Data printed only in visa letters: kept apart so no other material can reach it by accident. */
export interface TravelDocument {
  passportNumber?: string;
  nationality?: string;
  passportType?: PassportType;
  /** The name as the passport prints it, when the data gives it. */
  passportName?: string;
  dateOfBirth?: string;
}

export interface Delegate {
  id: string;
  givenName: string;
  familyName: string;
  nativeName?: string;
  /** Order of the native name: family-first for Korean and Vietnamese names unless the data says otherwise. */
  nameOrder: NameOrder;
  /** Hangul transcription for Korean readers of a name not written in Hangul. */
  nameKo?: string;
  /** The name in another language's script, as the person writes it (native_name_zh: a Korean's Hanja), by language. */
  nativeNames?: Readonly<Record<string, string>>;
  /** Transcriptions for readers of other languages (name_zh, name_mn), by column suffix. */
  transcriptions?: Readonly<Record<string, string>>;
  /** From the data only; namingCustom() in names.ts supplies the default. */
  namingCustom?: NamingCustom;
  /** The name after Mr/Ms, when the custom's rule does not fit. */
  addressedAs?: string;
  gender?: Gender;
  honorific?: Localized;
  organisation: Localized;
  position?: Localized;
  country: string;
  category: Category;
  delegation?: string;
  sector?: Sector;
  precedence?: number;
  language: Language;
  email?: string;
  phone?: string;
  sessionIds: string[];
  dietary?: string;
  accessibility?: string;
  /** The delegate this interpreter works for. */
  interpreterFor?: string;
  travel: TravelDocument & { arrival?: string; departure?: string };
  /** Source line in delegates.csv, for messages in later steps. */
  line: number;
  /** Column number of each header in delegates.csv, for messages in later steps. */
  columns: Readonly<Record<string, number>>;
}

export interface Room {
  id: string;
  venue: Localized;
  room: Localized;
  capacity: number;
  address?: Localized;
  city?: Localized;
  layout?: Layout;
  tables?: number;
  seatsPerTable?: number;
  headTableSeats?: number;
  accessibleSeats?: number;
}

export interface Session {
  id: string;
  title: Localized;
  date: string;
  /** Minutes since midnight, event time zone. */
  start: number;
  end: number;
  room: Room;
  section?: Localized;
  type?: SessionType;
  speakers: Delegate[];
  /** The speech role of each speaker who has one in the data (`KR-004:opening`), by delegate id. */
  speakerRoles: Readonly<Record<string, SpeechRole>>;
  moderator?: Delegate;
  description?: Localized;
  audience: Audience;
  seating: SeatingMode;
  /** Ids of the delegates attending, in delegate file order. */
  attendeeIds: string[];
  line: number;
}

/** A row of seating.csv, references checked. */
export interface Wish {
  kind: WishKind;
  a: string;
  b: string;
  strength: Strength;
  session?: string;
  /** Line in seating.csv, for explanations. */
  line: number;
}

/** The whole event with every reference resolved: what every material is planned from. */
export interface Event {
  config: EventConfig;
  delegates: Delegate[];
  rooms: Room[];
  /** Sorted by date, start, room. */
  sessions: Session[];
  delegateById: ReadonlyMap<string, Delegate>;
  sessionById: ReadonlyMap<string, Session>;
  /** seating.csv (empty when the event has none). */
  wishes: Wish[];
}
