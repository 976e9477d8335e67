import { isMap, LineCounter, parseDocument, visit, type Node as YamlNode } from "yaml";
import { z } from "zod";
import { ENCODINGS } from "../csv/decode.js";
import { type Diagnostic, diag } from "../diagnostics.js";
import { BADGE_STOCKS } from "../materials/badges/stock-names.js";
import { didYouMean } from "../util/suggest.js";
import { CATEGORIES, PASSPORT_TYPES } from "./delegate-values.js";
import { SPEECH_ROLES } from "./sessions.js";

export { BADGE_STOCKS };

import {
  colour as colourField,
  DATE_ORDERS,
  date as dateField,
  isTimeZone,
  LANGUAGE_TAG,
  LANGUAGES,
  type Language,
} from "./fields.js";

/**
 * A language is the tag of a language pack, conclave's (LANGUAGES) or the event's own
 * (i18n/<tag>.yaml): which packs there are is checked after the shape (`checkLanguages`).
 */
const language = z.string().regex(LANGUAGE_TAG, "expected a language tag such as en, ko or zh-Hans");
/** Text in one or more languages; a plain string counts for every language. */
const localized = z.union([z.string().min(1), z.partialRecord(language, z.string().min(1))]);
const isoDate = z
  .string()
  .refine((s) => dateField.parse(s).ok, { message: "expected a date written YYYY-MM-DD" });
const hexColour = z
  .string()
  .refine((s) => colourField.parse(s).ok, { message: "expected a hex colour such as #1f4e79" });
const fileName = z.string().min(1);
const tableKeys = ["delegates", "venues", "sessions", "seating"] as const;

/** Settings of one kind of letter (invitation, visa). */
const letterKind = z
  .object({
    signatory: z
      .object({
        name: localized,
        title: localized.optional(),
        signature: fileName.optional(),
        /** The signatory's delegate id: never sent a letter; the signature line follows the data. */
        id: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    reference: z
      .string()
      .min(1)
      .refine((r) => r.includes("{id}"), { message: "expected a pattern containing {id}" }),
    reply_by: isoDate.optional(),
    subject: localized.optional(),
  })
  .strict();

/** A length in metres on the floor plan of a room. */
const metres = z.number().positive().max(1000);
const offset = z.number().min(0).max(1000);

/**
 * The room of a seated session for the floor plan (docs/seating.md, "The floor plan"). x is
 * measured from the left wall, y from the stage wall (the top of the page), in metres.
 */
const floorSchema = z
  .object({
    /** Only for this room id of venues.csv; without it, for every seated room. */
    room: z.string().min(1).optional(),
    width_m: metres,
    depth_m: metres,
    stage: z
      .object({ width_m: metres, depth_m: metres, x_m: offset.optional(), label: localized.optional() })
      .strict()
      .optional(),
    doors: z
      .array(
        z
          .object({
            wall: z.enum(["top", "bottom", "left", "right"]),
            at_m: offset,
            width_m: metres.default(1.8),
            label: localized.optional(),
          })
          .strict(),
      )
      .default([]),
    aisles: z
      .array(
        z
          .object({ x_m: offset, y_m: offset, width_m: metres, depth_m: metres, label: localized.optional() })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type FloorConfig = z.output<typeof floorSchema>;

export const eventSchema = z
  .object({
    name: localized,
    short_name: z.string().min(1).optional(),
    edition: z.union([z.string(), z.number()]).transform(String).optional(),
    start: isoDate,
    end: isoDate,
    timezone: z
      .string()
      .refine(isTimeZone, { message: "expected an IANA time zone such as Asia/Ho_Chi_Minh" }),
    city: localized,
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 code such as VN")
      .optional(),
    organisers: z
      .array(
        z
          .object({
            name: localized,
            role: z.enum(["host", "co-organiser", "partner", "sponsor"]).default("host"),
            logo: fileName.optional(),
          })
          .strict(),
      )
      .default([]),
    languages: z.array(language).min(1).default(["en"]),
    branding: z
      .object({
        primary: hexColour.optional(),
        secondary: hexColour.optional(),
        logo: fileName.optional(),
        /** A variant of the logo drawn for white grounds (the logo itself may have white parts). */
        logo_on_white: fileName.optional(),
      })
      .strict()
      .default({}),
    typography: z
      .object({
        /** Phrases never split across lines ("Hồ Chí Minh", "Thủ Đức"); country names are built in. */
        no_break: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ no_break: [] }),
    fonts: z.array(fileName).default([]),
    /** Folders (or files) outside the event folder that it may read: shared logos and fonts. */
    allow_outside: z.array(fileName).default([]),
    files: z.partialRecord(z.enum(tableKeys), fileName).default({}),
    encodings: z.partialRecord(z.enum(tableKeys), z.enum(ENCODINGS)).default({}),
    /** How the CSVs write dates whose day and month could swap (06/07/2023): dmy, mdy or ymd. */
    locale: z
      .object({ date_order: z.enum(DATE_ORDERS).optional() })
      .strict()
      .default({}),
    columns: z.partialRecord(z.enum(tableKeys), z.record(z.string(), z.string())).default({}),
    validation: z
      .object({ travel_buffer_minutes: z.number().int().min(0).default(15) })
      .strict()
      .default({ travel_buffer_minutes: 15 }),
    badge: z
      .object({
        stock: z.enum(BADGE_STOCKS).default("a6-4up"),
        custom: z
          .object({
            page: z
              .union([z.enum(["a4", "letter"]), z.tuple([z.number().positive(), z.number().positive()])])
              .default("a4"),
            width: z.number().positive(),
            height: z.number().positive(),
            columns: z.number().int().positive(),
            rows: z.number().int().positive(),
            gap_x: z.number().min(0).optional(),
            gap_y: z.number().min(0).optional(),
            margin_left: z.number().min(0).optional(),
            margin_top: z.number().min(0).optional(),
          })
          .strict()
          .optional(),
        qr: z
          .string()
          .min(1)
          .refine((q) => q === "id" || q === "vcard" || q === "signed" || q.includes("{id}"), {
            message: "expected id, vcard, signed, or a URL pattern containing {id}",
          })
          .default("id"),
        colours: z.partialRecord(z.enum(CATEGORIES), hexColour).default({}),
        back: z.boolean().default(true),
        /** Unset: marks on sheets that are cut, none on a card (cr80) or a folded A5. */
        cut_marks: z.boolean().optional(),
        sort: z.enum(["family", "delegation", "category"]).default("family"),
        volume_sheets: z.number().int().min(0).default(0),
        /** Printed on the back, in the back's language when given per language. */
        emergency_contact: localized.optional(),
        wifi: localized.optional(),
        /** Where the full programme is, printed on a back whose programme had to be shortened. */
        programme_url: z.string().min(1).optional(),
        offset_mm: z.tuple([z.number(), z.number()]).default([0, 0]),
        bleed_mm: z.number().min(0).max(5).default(0),
        /** Text and images keep this far inside each badge's trim, in mm. */
        safe_mm: z.number().min(0).max(10).default(3),
      })
      .strict()
      .refine((b) => b.stock !== "custom" || b.custom !== undefined, {
        message: "stock custom needs badge.custom: { width, height, columns, rows }",
        path: ["stock"],
      })
      .default({
        stock: "a6-4up",
        qr: "id",
        colours: {},
        back: true,
        sort: "family",
        volume_sheets: 0,
        offset_mm: [0, 0],
        bleed_mm: 0,
        safe_mm: 3,
      }),
    agenda: z
      .object({
        paper: z.enum(["a4", "a5"]).default("a4"),
        /** A bilingual edition made with every build, e.g. "ko+en". */
        bilingual: z
          .string()
          .regex(
            /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\+[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
            "expected two languages joined by +, such as ko+en",
          )
          .optional(),
        /** Session descriptions printed under their titles (dress code, meeting points). */
        descriptions: z.boolean().default(true),
        /** A large-print programme per language with every build (16 pt, one column). */
        large_print: z.boolean().default(false),
        /**
         * When a day of schedule.xml and schedule.json begins: a session before it (a reception
         * until 01:00) belongs to the day before, as schedule apps show it.
         */
        day_change: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day such as 04:00")
          .default("04:00"),
        /** Where the programme is published: the schedule exports link each session there. */
        schedule_url: z
          .string()
          .regex(/^https?:\/\/\S+$/, "expected a web address starting with https://")
          .optional(),
      })
      .strict()
      .default({ paper: "a4", descriptions: true, large_print: false, day_change: "04:00" }),
    letters: z
      .object({
        /** The date printed on the letters; never the clock, so a rebuild gives the same letters. */
        date: isoDate.optional(),
        /** Place before the date: "TP. Hồ Chí Minh, ngày …" (default: the event's city). */
        place: localized.optional(),
        /** Korean family names in capitals in English letters: "KIM Min-jun". */
        upper_family: z.boolean().default(false),
        /** Letters per volume of all.pdf (all-001.pdf, …); 0: one file whatever the count. */
        volume_letters: z.number().int().min(0).default(1000),
        letterhead: z
          .object({ name: localized.optional(), address: localized.optional(), logo: fileName.optional() })
          .strict()
          .default({}),
        /**
         * Who receives an invitation: delegates of these categories, and anyone with one of these
         * speech roles in a session (staff, interpreters and organisers only when their category
         * is listed). The signatory never does.
         */
        recipients: z
          .object({
            categories: z.array(z.enum(CATEGORIES)).default(["vip", "delegate", "speaker"]),
            roles: z.array(z.enum(SPEECH_ROLES)).default([...SPEECH_ROLES]),
          })
          .strict()
          .default({ categories: ["vip", "delegate", "speaker"], roles: [...SPEECH_ROLES] }),
        invitation: letterKind.default({ reference: "{id}" }),
        visa: letterKind
          .extend({
            embassy: localized.optional(),
            /** The embassy's language (or English): visa letters are written for the consul. */
            language: language.default("en"),
            /** Who needs no visa: by nationality and passport type (the host's nationals always). */
            exemptions: z
              .array(
                z
                  .object({
                    nationality: z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 code"),
                    passports: z.array(z.enum(PASSPORT_TYPES)).min(1),
                  })
                  .strict(),
              )
              .default([]),
          })
          .strict()
          .default({ reference: "VISA/{id}", language: "en", exemptions: [] }),
      })
      .strict()
      .default({
        upper_family: false,
        volume_letters: 1000,
        letterhead: {},
        recipients: { categories: ["vip", "delegate", "speaker"], roles: [...SPEECH_ROLES] },
        invitation: { reference: "{id}" },
        visa: { reference: "VISA/{id}", language: "en", exemptions: [] },
      }),
    seating: z
      .object({
        /** The host of the head table (centre seat); default: the highest-ranking guest of the host country. */
        host: z.string().min(1).optional(),
        seed: z.number().int().default(1),
        /**
         * The solver's work budget, times the default: counted work, so a plan is the same on every
         * machine. 2 searches twice as long for a better plan; 0.5 half as long.
         */
        effort: z.number().positive().max(100).default(1),
        /**
         * A safety cap on the search time per seated session, in seconds. It binds only when the
         * work budget takes longer than this (a slow or overloaded machine), and then the plan is
         * not reproducible and conclave says so.
         */
        time_limit_seconds: z.number().positive().default(120),
        /** How the head table is arranged (docs/seating.md "Precedence and the head table"). */
        head_table: z
          .object({
            /** long: one side facing the room, host in the centre; round: a round top table. */
            custom: z.enum(["long", "round"]).default("long"),
            /** beside: interpreters take the seat next to their principal; behind: a chair behind, no table seat. */
            interpreters: z.enum(["beside", "behind"]).default("beside"),
            /** The co-host of a round top table (seated opposite the host); default: the host country's next in rank. */
            co_host: z.string().min(1).optional(),
          })
          .strict()
          .default({ custom: "long", interpreters: "beside" }),
        /** How the round tables are numbered. */
        numbering: z
          .object({
            /** Numbers never used, e.g. [4, 13]: the next table takes the next number. */
            skip: z.array(z.number().int().positive()).default([]),
            /** Where table 1 stands: nearest the head table (default) or at the far end, by the door. */
            first: z.enum(["nearest_head", "far_end"]).default("nearest_head"),
            /** odd_even: odd numbers on the room's left of the centre aisle, even on its right. */
            sides: z.enum(["none", "odd_even"]).default("none"),
          })
          .strict()
          .default({ skip: [], first: "nearest_head", sides: "none" }),
        /** The room drawn on the floor plan (docs/seating.md); `floors` for one per room id. */
        floor: floorSchema.optional(),
        floors: z.array(floorSchema).optional(),
        /**
         * Re-solve from the previous plan (out/seating/<session>/assignment.csv): a guest moves from
         * their table only for a hard rule or a gain above weights.move. Unset: `conclave seating`
         * does, `conclave build` plans from the data alone (an incremental build equals a clean
         * one); true: both do; false: neither.
         */
        stable: z.boolean().optional(),
        /** Place cards: the language of each side of the tent (default: host, then guest). */
        place_cards: z
          .object({ languages: z.array(language).min(1).max(2).optional() })
          .strict()
          .optional(),
        weights: z
          .object({
            mix_country: z.number().min(0).optional(),
            same_delegation: z.number().min(0).optional(),
            same_organisation: z.number().min(0).optional(),
            shared_language: z.number().min(0).optional(),
            prefer_together: z.number().min(0).optional(),
            prefer_apart: z.number().min(0).optional(),
            alternate: z.number().min(0).optional(),
            /** Per guest moved from their table of the previous plan (docs/seating.md "Re-solving after changes"). */
            move: z.number().min(0).optional(),
          })
          .strict()
          .default({}),
      })
      .strict()
      .default({
        seed: 1,
        effort: 1,
        time_limit_seconds: 120,
        head_table: { custom: "long", interpreters: "beside" },
        numbering: { skip: [], first: "nearest_head", sides: "none" },
        weights: {},
      }),
    protocol: z
      .object({
        /** Languages of the protocol list; default: the host country's language, then the guests'. */
        languages: z.array(language).min(1).optional(),
        /** Each guest's liaison officer: guest id → a delegate id (name and phone printed) or plain text. */
        liaisons: z.record(z.string().min(1), z.string().min(1)).default({}),
      })
      .strict()
      .default({ liaisons: {} }),
  })
  .strict()
  .refine((e) => e.end >= e.start, { message: "end is before start", path: ["end"] });

export type EventConfigInput = z.input<typeof eventSchema>;
type Parsed = z.output<typeof eventSchema>;

/** The event file after validation, with defaults filled in and names per language. */
export interface EventConfig extends Omit<Parsed, "name" | "city" | "organisers"> {
  name: Partial<Record<Language, string>>;
  city: Partial<Record<Language, string>>;
  organisers: { name: Partial<Record<Language, string>>; role: string; logo?: string }[];
  /** The language of materials when a delegate has none: the first of `languages`. */
  defaultLanguage: Language;
  files: Record<(typeof tableKeys)[number], string>;
  /**
   * Where the settings that name a delegate or a logo stand in the file (`seating.host` → line, column), so
   * validation can point at an unknown id there. Absent for a config built in memory.
   */
  at?: Record<string, { file: string; line: number; column: number }>;
}

/** Settings whose value is a delegate id, checked against delegates.csv (src/validate/references.ts). */
export const DELEGATE_SETTINGS = [
  ["seating", "host"],
  ["seating", "head_table", "co_host"],
] as const;

/** Settings whose place in the file `at` records: the delegate ids, and the logos (src/validate/logo.ts). */
const LOCATED_SETTINGS = [...DELEGATE_SETTINGS, ["branding", "logo"], ["branding", "logo_on_white"]] as const;

export const DEFAULT_FILES = {
  delegates: "delegates.csv",
  venues: "venues.csv",
  sessions: "sessions.csv",
  seating: "seating.csv",
} as const;

function toRecord(value: string | Partial<Record<Language, string>>, languages: readonly Language[]) {
  if (typeof value !== "string") return value;
  return Object.fromEntries(languages.map((l) => [l, value])) as Partial<Record<Language, string>>;
}

/** Alias expansions allowed in event.yaml: far more than a real event file reuses. */
const MAX_ALIAS_COUNT = 100;

/**
 * Offset of the first alias in the document (of the first one named `name`, when given), to point
 * an alias error at.
 */
function firstAlias(doc: ReturnType<typeof parseDocument>, name?: string): number | undefined {
  let at: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (name !== undefined && node.source !== name) return undefined;
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at;
}

/** A file nested thousands of levels deep overflows the YAML parser's stack: the file's fault. */
function tooDeep(file: string): EventParse {
  return {
    ok: false,
    diagnostics: [
      diag(
        "event-config",
        "error",
        { file, line: 1, column: 1 },
        "event.yaml is nested too deeply to read (thousands of levels of lists or mappings)",
        "An event file needs a few levels of indentation; check that the file is the event's event.yaml.",
      ),
    ],
  };
}

export type EventParse =
  | { ok: true; config: EventConfig; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Text of event.yaml → the event configuration, or diagnostics that point at the line and column
 * of the offending key or value.
 */
export function parseEventConfig(
  text: string,
  file = "event.yaml",
  /** The languages that have a pack: conclave's, and the event folder's i18n/<tag>.yaml. */
  known: readonly string[] = LANGUAGES,
): EventParse {
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    if (e instanceof RangeError) return tooDeep(file);
    throw e;
  }
  const diagnostics: Diagnostic[] = [];
  // The parser turns its own stack overflow into an error of the document.
  if (doc.errors.some((e) => e.message.includes("call stack"))) return tooDeep(file);
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    diagnostics.push(
      diag(
        "event-config",
        "error",
        { file, line: pos.line, column: pos.col },
        `YAML syntax: ${e.message.split("\n")[0]}`,
        "Check indentation and quoting; values with ':' or '#' need quotes.",
      ),
    );
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  // Aliases expand when the document becomes data: nine anchors of nine aliases each (a
  // "billion laughs") turn 300 bytes into hundreds of millions of values. The yaml package counts
  // them and refuses; that refusal is the user's file, not a bug in conclave.
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (e) {
    if (e instanceof RangeError) return tooDeep(file);
    if (!(e instanceof ReferenceError)) throw e;
    // An alias before (or without) its anchor: the yaml package names it at the end of its message.
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(e.message)?.[1];
    const first = firstAlias(doc, unresolved);
    const pos = first === undefined ? { line: 1, col: 1 } : lineCounter.linePos(first);
    diagnostics.push(
      unresolved !== undefined
        ? diag(
            "event-config",
            "error",
            { file, line: pos.line, column: pos.col },
            `the YAML alias *${unresolved} names no anchor &${unresolved} set before it`,
            `Set the anchor first (key: &${unresolved} value), or write the value out instead of *${unresolved}.`,
          )
        : diag(
            "event-config",
            "error",
            { file, line: pos.line, column: pos.col },
            "YAML aliases (*name) expand into too many values; the file looks like a resource-exhaustion attack",
            `Write the settings out instead of reusing anchors (&name) inside anchors; at most ${MAX_ALIAS_COUNT} expansions are allowed.`,
          ),
    );
    return { ok: false, diagnostics };
  }
  const result = eventSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const at = positionOf(doc.getIn(path, true), lineCounter, key);
          const known = knownKeys(path);
          diagnostics.push(
            diag(
              "event-config",
              "error",
              { file, ...at, field: [...path, key].join(".") },
              `unknown setting "${[...path, key].join(".")}"`,
              `Remove it or fix its spelling.${didYouMean(key, known)}`,
            ),
          );
        }
        continue;
      }
      const at = positionOf(doc.getIn(path, true), lineCounter) ?? { line: 1, column: 1 };
      const where = path.length > 0 ? path.join(".") : "the file";
      const missing = issue.code === "invalid_type" && issue.message.includes("received undefined");
      diagnostics.push(
        diag(
          "event-config",
          "error",
          { file, ...at, field: path.join(".") },
          missing ? `the setting "${where}" is required` : `${where}: ${issue.message}`,
          missing
            ? `Add "${path.at(-1)}:" to event.yaml (see docs/data-format.md#eventyaml).`
            : "See docs/data-format.md#eventyaml for the settings and their forms.",
        ),
      );
    }
    return { ok: false, diagnostics };
  }
  const parsed = result.data;
  const unknown = checkLanguages(
    parsed,
    known,
    (path) => positionOf(doc.getIn(path, true), lineCounter),
    file,
  );
  if (unknown.length > 0) return { ok: false, diagnostics: unknown };
  const languages = parsed.languages;
  const config: EventConfig = {
    ...parsed,
    name: toRecord(parsed.name, languages),
    city: toRecord(parsed.city, languages),
    organisers: parsed.organisers.map((o) => ({ ...o, name: toRecord(o.name, languages) })),
    defaultLanguage: languages[0]!,
    files: { ...DEFAULT_FILES, ...parsed.files },
    at: Object.fromEntries(
      LOCATED_SETTINGS.flatMap((path) => {
        const pos = positionOf(doc.getIn(path, true), lineCounter);
        return pos ? [[path.join("."), { file, ...pos }]] : [];
      }),
    ),
  };
  return { ok: true, config, diagnostics };
}

/** Each language event.yaml names must have a pack: an error at its line and column otherwise. */
function checkLanguages(
  parsed: z.infer<typeof eventSchema>,
  known: readonly string[],
  at: (path: (string | number)[]) => { line: number; column: number } | undefined,
  file: string,
): Diagnostic[] {
  const named: [(string | number)[], string][] = [
    ...parsed.languages.map((l, i): [(string | number)[], string] => [["languages", i], l]),
    ...(parsed.seating.place_cards?.languages ?? []).map((l, i): [(string | number)[], string] => [
      ["seating", "place_cards", "languages", i],
      l,
    ]),
    ...(parsed.protocol?.languages ?? []).map((l, i): [(string | number)[], string] => [
      ["protocol", "languages", i],
      l,
    ]),
    [["letters", "visa", "language"], parsed.letters.visa.language],
    ...(parsed.agenda.bilingual ?? "")
      .split("+")
      .filter(Boolean)
      .map((l): [(string | number)[], string] => [["agenda", "bilingual"], l]),
  ];
  return named
    .filter(([, l]) => !known.includes(l))
    .map(([path, l]) =>
      diag(
        "event-config",
        "error",
        { file, ...(at(path) ?? { line: 1, column: 1 }), field: path.join(".") },
        `${path.join(".")}: there is no language pack for "${l}"`,
        `The packs are ${known.join(", ")}${didYouMean(l, [...known])}; a new language needs i18n/${l}.yaml in the event folder (docs/languages.md).`,
      ),
    );
}

/** Where a YAML node (or, in a mapping, the key `key`) starts in its file. */
export function positionOf(
  node: unknown,
  lc: LineCounter,
  key?: string,
): { line: number; column: number } | undefined {
  let target: unknown = node;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    target = pair?.key;
  }
  const range = (target as YamlNode | undefined)?.range;
  if (!range) return undefined;
  const pos = lc.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

function knownKeys(path: (string | number)[]): string[] {
  let shape: z.ZodType = eventSchema as unknown as z.ZodType;
  for (const p of path) {
    const def = unwrap(shape);
    const s = (def as unknown as { shape?: Record<string, z.ZodType> }).shape;
    if (s && typeof p === "string" && s[p]) shape = s[p];
    else if (def instanceof z.ZodArray) shape = def.element as z.ZodType;
    else return [];
  }
  const s = (unwrap(shape) as unknown as { shape?: Record<string, unknown> }).shape;
  return s ? Object.keys(s) : [];
}

function unwrap(t: z.ZodType): z.ZodType {
  let cur: z.ZodType = t;
  for (let i = 0; i < 10; i++) {
    const inner =
      (cur as unknown as { unwrap?: () => z.ZodType }).unwrap?.() ??
      (cur as unknown as { def?: { in?: z.ZodType; innerType?: z.ZodType; schema?: z.ZodType } }).def
        ?.innerType ??
      (cur as unknown as { def?: { in?: z.ZodType } }).def?.in;
    if (!inner || inner === cur) break;
    cur = inner;
  }
  return cur;
}

/** A setting written as one text or as `{en, ko, vi}`, in one language (else the fallback, else any). */
export function textIn(
  value: string | Partial<Record<Language, string>> | undefined,
  lang: Language,
  fallback: Language,
): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  return value[lang] ?? value[fallback] ?? Object.values(value).find((v) => v !== undefined);
}
