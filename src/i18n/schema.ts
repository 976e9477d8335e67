import { z } from "zod";
import { PRECEDENCE_OFFICE_KEYS } from "../model/precedence-offices.js";
import { CATEGORIES } from "../schema/delegate-values.js";
import { SPEECH_ROLES as ROLES, SESSION_TYPES } from "../schema/sessions.js";

/**
 * The shape of a language pack (templates/i18n/<lang>.yaml, or an event's i18n/<lang>.yaml;
 * docs/languages.md). The English pack holds every key; any other pack may leave a label out, and
 * English is printed instead with a `missing-translation` warning (src/i18n/resolve.ts).
 *
 * A text with `{name}` placeholders says which names it may use, so a typo such as `{nmae}` is an
 * error of the pack, not a literal brace on a badge. `{n|one|other}` picks a plural form by the
 * pack's locale (Intl.PluralRules): "1 guest", "2 guests".
 */

const PLACEHOLDER = /\{([A-Za-z0-9_]+)(?:\|[^{}]*)?\}/g;

/** A text that may use exactly the placeholders `names` (none by default). */
function text(names: readonly string[] = []) {
  return z.string().superRefine((value, ctx) => {
    for (const m of value.matchAll(PLACEHOLDER)) {
      if (names.includes(m[1]!)) continue;
      ctx.addIssue({
        code: "custom",
        message:
          names.length > 0
            ? `the placeholder {${m[1]}} is not one this text can use (it can use ${names.map((n) => `{${n}}`).join(", ")})`
            : `the placeholder {${m[1]}} is not one this text can use (it takes none)`,
      });
    }
  });
}

const list = (length: number) => z.array(z.string().min(1)).length(length);
function record<K extends string>(
  keys: readonly K[],
): z.ZodObject<Record<K, ReturnType<typeof text>>, z.core.$strict>;
function record<K extends string, V extends z.ZodType>(
  keys: readonly K[],
  value: V,
): z.ZodObject<Record<K, V>, z.core.$strict>;
function record(keys: readonly string[], value: z.ZodType = text()) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, value])));
}

const DAY = ["y", "m", "d", "month", "weekday", "wd"] as const;
const SPAN = ["y1", "m1", "d1", "month1", "y2", "m2", "d2", "month2"] as const;

/**
 * The schema of a complete pack, built on first use: building it costs some 25 ms, which a
 * command that reads no pack file (the built-in packs come compiled, dist/i18n/builtin-packs.json)
 * need not spend at start-up.
 */
function isPattern(source: string): boolean {
  try {
    new RegExp(source, "i");
    return true;
  } catch {
    return false;
  }
}

function buildPackSchema() {
  const dates = z.strictObject({
    /** January … December, as a date prints them. */
    months: list(12),
    /** Sunday … Saturday. */
    weekdays: list(7),
    weekdays_short: list(7),
    /** A day with its weekday: "Tuesday, 20 June 2023". */
    long: text(DAY),
    /** A day label of a programme: "Tue 20 June". */
    short: text(DAY),
    /** A date without weekday, as letters write it: "19 April 2023". */
    plain: text(DAY),
    /** A date and an HH:MM time: "{date}, {time}". */
    date_time: text(["date", "time"]),
    /** The span of an event, by what the two ends share. */
    range: z.strictObject({
      same_day: text(SPAN),
      same_month: text(SPAN),
      same_year: text(SPAN),
      other_years: text(SPAN),
    }),
    /** Two times: "09:00–09:45". */
    time_range: text(["start", "end"]),
    /** Optional: a date in a form's field, after a label that already says "Date…" (else `plain`). */
    field: text(["y", "m", "d"]).optional(),
    /** Optional: a date and time in a form's field (else `date_time`). */
    field_time: text(["y", "m", "d", "time"]).optional(),
  });

  const PDF_KINDS = [
    "programme",
    "agenda",
    "invitation",
    "visa",
    "plan",
    "cards",
    "list",
    "poster",
    "protocol",
    "caterer",
    "expected",
  ] as const;
  const DIETARY = [
    "vegetarian",
    "vegan",
    "halal",
    "kosher",
    "no pork",
    "no beef",
    "gluten-free",
    "lactose-free",
    "nut allergy",
    "seafood allergy",
    "shellfish allergy",
  ] as const;

  const labels = z.strictObject({
    /** A badge's category band. */
    category: record(CATEGORIES),
    /** Words several materials share. */
    ui: record(["programme", "emergency", "wifi", "table"]),
    agenda: z.strictObject({
      ...record([
        "programme",
        "personal",
        "speakers",
        "moderator",
        "speaker",
        "sections",
        "index",
        "page",
        "continued",
        "notes",
        "venue",
        "yourRoles",
        "table",
        "noSessions",
        "colon",
      ]).shape,
      organisers: record(["host", "co-organiser", "partner", "sponsor"]),
      types: record(SESSION_TYPES),
    }),
    seating: z.strictObject({
      ...record([
        "table",
        "head",
        "findTable",
        "findTableHint",
        "seat",
        "scale",
        "legend",
        "stage",
        "door",
        "aisle",
        "schematic",
        "behind",
      ]).shape,
      behindEntry: text(["name", "seat"]),
      counts: text(["guests", "tables"]),
      section: text(["sheet", "of", "first", "last"]),
    }),
    badges: z.strictObject({
      badges: text(),
      fullPrinted: text(),
      parallel: text(["n"]),
      full: text(["url"]),
    }),
    /** Each PDF's Title metadata. */
    pdf: record(PDF_KINDS),
    letters: z.strictObject({
      placeDate: text(["place", "date"]),
      /** Before the letter's reference number: en "Ref.", zh "编号：". */
      ref: text(),
      /** The closing formula above the signature of an invitation, and of a visa letter. */
      closing: text(),
      closingVisa: text(),
      /** The footer of a letter longer than a page: en "Page {n} of {total}". */
      page: text(["n", "total"]),
    }),
    protocol: z.strictObject({
      ...record([
        "title",
        "order",
        "name",
        "position",
        "interpreter",
        "liaison",
        "arrival",
        "departure",
        "table",
        "caterer",
        "needs",
        "guests",
        "total",
        "none",
        "noTable",
      ]).shape,
      /** The number of guests the caterer serves: en "{n} covers", ko "{n}명" (no space). */
      served: text(["n"]),
    }),
    /** The lists of who is expected at each door (out/checkin/expected.<lang>.pdf). */
    checkin: record(["expected", "protocol", "everyone", "rank", "arrived", "name", "id", "category"]),
    /** The programme site (out/site/): its headings, links and the line naming the time zone. */
    site: z.strictObject({
      ...record([
        "days",
        "rooms",
        "speakers",
        "downloads",
        "programmePdf",
        "bilingualPdf",
        "calendar",
        "languages",
        "skip",
        "time",
        "room",
        "section",
        "type",
        "address",
        "capacity",
        "sessions",
        "about",
        "breadcrumb",
        "allLanguages",
        "sessionsIn",
      ]).shape,
      timeZone: text(["zone", "offset"]),
    }),
    /** Dietary needs as delegates.csv writes them (lower case), for the caterer's list. */
    dietary: record(DIETARY),
    /** A speech role beside a name (`label`) and in a letter's sentence (`letter`). */
    roles: record(ROLES, z.strictObject({ label: text(), letter: text() })),
  });

  const HONORIFIC_KEYS = [
    "excellency",
    "hon",
    "dr",
    "prof",
    "mr",
    "ms",
    "male",
    "female",
    "office",
    "foreign_dignitary",
    "neutral",
  ] as const;
  /** What the `honorific` column may say, read in any pack's words (`ông` is Mr). */
  const READ_KEYS = [
    "mr",
    "ms",
    "dr",
    "prof",
    "hon",
    "excellency",
    "excellency_male",
    "excellency_female",
  ] as const;
  const NAMING_CUSTOMS = ["ko", "vi", "zh", "ja", "mn", "hu", "western"] as const;
  /** The values every form of address may use (src/model/names.ts addressOf). */
  const ADDRESS = [
    "name",
    "call",
    "short",
    "honorific",
    "gender",
    "academic",
    "title",
    "formal",
    "named",
    "short_named",
  ] as const;

  /**
   * How a language writes the names of people for its readers, which words it addresses them by,
   * and how it sorts them (src/model/names.ts).
   */
  const names = z.strictObject({
    /** The Unicode script its readers read names in: a native_name in it is printed as written. */
    script: z.enum(["Latin", "Hangul", "Han", "Cyrillic"]),
    /** The naming custom of the language's own people: others holding an office are foreign dignitaries. */
    custom: z.enum(NAMING_CUSTOMS).optional(),
    /** A name transcribed for these readers (name_ko): `{name}` the transcription, `{latin}` the Latin name. */
    transcribed: text(["name", "latin"]),
    /** The naming customs whose family names are capitals for these readers under letters.upper_family. */
    upper_family: z.array(z.enum(NAMING_CUSTOMS)),
    /** A name of the patronymic custom (mn) as these readers write it: `{initial}. {given}`; none: whole. */
    patronymic: text(["initial", "given"]).optional(),
    /** Organisation, title, name, as Korean writes a person's line; else name, then office. */
    organisation_first: z.boolean(),
    /** What joins the organisation, title and name of such a line (a space; none in Chinese). */
    join: z.string(),
    /** The words of address, by what the data says of a person; `office` is the office's title. */
    honorifics: z.partialRecord(z.enum(HONORIFIC_KEYS), z.string().min(1)),
    /** Which honorific is chosen, first match wins. */
    honorific_order: z.array(z.enum(HONORIFIC_KEYS)),
    /** Words of the honorific column in this language, by what they say. */
    read: z.partialRecord(z.enum(READ_KEYS), z.array(z.string().min(1))),
    /** The name with its honorific: en `{honorific} {name}`, ko `{name} {honorific}`. */
    formal: text(["name", "honorific"]),
    /** An office and its organisation: `exact` when the position is the office alone. */
    office_with_organisation: z.strictObject({
      default: text(["position", "organisation"]),
      exact: text(["position", "organisation"]).optional(),
    }),
  });

  /** How a letter addresses a person: the first case of `salutation` that applies is used. */
  const address = z.strictObject({
    /** The address block: `lines` (name, office, country), `line` (one line, `line`), or `none`. */
    block: z.enum(["lines", "line", "none"]),
    line: text(["where", ...ADDRESS]).optional(),
    /** The name as the body says it with its honorific: ko `{name} {honorific}님`, default `{name} 님`. */
    named: z.strictObject({ honorific: text(["name", "honorific"]), default: text(["name"]) }).optional(),
    salutation: z.strictObject({
      excellency: text(ADDRESS).optional(),
      office: text(ADDRESS).optional(),
      academic: text(ADDRESS).optional(),
      gendered: text(ADDRESS).optional(),
      parliamentarian: text(ADDRESS).optional(),
      default: text(ADDRESS),
      /** The salutation followed by the office: vi `{salutation}, {role}`. */
      with_role: text(["salutation", "role"]).optional(),
    }),
    /** How the body refers to the person. */
    reference: z.strictObject({ excellency: text(ADDRESS).optional(), default: text(ADDRESS) }),
    /** The signature's name line: `{name}` alone (vi) or `{formal}` with the honorific (en). */
    signature: text(["name", "formal"]),
  });

  /** The order of a sorted list of names. */
  const collation = z.strictObject({
    /** The Intl.Collator locale: ko, vi, zh-Hans-u-co-pinyin. */
    locale: z.string().min(1),
    /** Letters of the alphabet that head a group of their own (vi Ă Â Đ Ê Ô Ơ Ư). */
    letters: z.array(z.string().min(1)),
    /** Naming customs whose people are filed by their given name's last word (vi: tên). */
    by_given_name: z.array(z.enum(NAMING_CUSTOMS)),
    /**
     * Optional: the headings of a list whose first characters are not letters (zh: the pinyin
     * initials), each with the first character filed under it in the collation's order. A key is
     * filed under the last heading whose character sorts at or before its own first character.
     */
    initials: z.record(z.string().min(1), z.string().min(1)).optional(),
  });

  /** An office's names in one language (src/model/offices.ts holds which offices there are). */
  const office = z.strictObject({
    /** Names of the office as a position starts (en, vi) or ends (ko, zh, mn) with it. */
    words: z.array(z.string().min(1)),
    /** The title said with the name: ko 의원 (문승민 의원님), zh 主任 (李主任). */
    title: z.string().min(1).optional(),
  });
  const offices = z.strictObject({
    /** Whether a position starts with its office (en "Vice Mayor of …") or ends with it (ko 부시장). */
    position: z.enum(["start", "end"]),
    names: z.record(z.string().regex(/^[a-z-]+$/, "an office key such as vice-mayor"), office),
    /**
     * Spellings that mean the same, folded to the second before a position is compared with the
     * office names: vi `uỷ: ủy` (both tone placements are in use; Nghị định 30 writes ủy).
     */
    spellings: z.record(z.string().min(1), z.string()).optional(),
  });

  /**
   * Optional: the language's text that conclave's help and hints quote as examples, never printed
   * on a material: the columns' examples in docs/data-format.md and the specs (src/schema/), the
   * hints of `conclave validate`, the sample event.yaml of `conclave init`.
   */
  const examples = z.strictObject({
    /** A name of the language's own people in its script: ko 김민준 (delegates.csv `native_name`). */
    name: z.string().min(1).optional(),
    /** A foreign name transcribed for these readers (`name_ko`, `name_zh`, `name_mn`) and its Latin original. */
    transcription: z.strictObject({ name: z.string().min(1), latin: z.string().min(1) }).optional(),
    /** A street address as the language writes it (venues.csv `address`). */
    address: z.string().min(1).optional(),
    /** Headers of a spreadsheet in the language, by the column they are (event.yaml `columns`). */
    headers: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/, "a column such as family_name"), z.string().min(1))
      .optional(),
    /** The menu item of the converter that turns the language's legacy encodings into Unicode (vi: Unikey's). */
    converter: z.string().min(1).optional(),
  });

  /** A complete pack: what the English pack must hold, and what every resolved pack holds. */
  const packSchema = z.strictObject({
    /** The BCP 47 tag: Intl's locale for plurals, collation and country names. */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 language tag such as ko or zh-Hans"),
    /** The language's name in itself: 한국어, Tiếng Việt. */
    name: z.string().min(1),
    dates,
    /** Country names where protocol writes them otherwise than Intl does ("Viet Nam"), by ISO code. */
    countries: z
      .record(z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code such as KR"), z.string())
      .default({}),
    /**
     * The other names people write for a country in this language, by ISO code (en `KR: [Korea,
     * South Korea]`): read in a country column (the hint gives the code) and kept whole on a line.
     */
    country_forms: z
      .record(
        z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code such as KR"),
        z.array(z.string().min(1)),
      )
      .default({}),
    /** The font sets conclave bundles that this language needs (src/load/fonts.ts FONT_SETS), loaded only for it. */
    fonts: z.array(z.enum(["noto-sans-sc"])),
    /** The countries whose host language this is (ko: KR, KP): place cards put it first there. */
    spoken_in: z.array(z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code such as KR")),
    names,
    address,
    collation,
    offices,
    /**
     * The words that name each office of precedence in this language (src/model/precedence-offices.ts),
     * as patterns matched without regard to case (templates/i18n/ko.yaml has the Korean ones). A pack's own: none are
     * taken from English, whose words are tried anyway.
     */
    precedence: z
      .partialRecord(
        z.enum(PRECEDENCE_OFFICE_KEYS),
        z.array(
          z.string().min(1).refine(isPattern, "a pattern (a regular expression) such as vice[- ]minister"),
        ),
      )
      .default({}),
    examples: examples.optional(),
    labels,
  });
  return packSchema;
}

export type Pack = z.infer<ReturnType<typeof buildPackSchema>>;
export type PackLabels = Pack["labels"];

/**
 * The same shape with every section and key optional (a pack may translate only some labels),
 * still strict: a key the English pack does not know is an error, with the known ones as a hint.
 */
function loosen(t: z.ZodType): z.ZodType {
  if (t instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(t.shape).map(([k, v]) => [k, loosen(v as z.ZodType).optional()]),
    );
    return z.strictObject(shape);
  }
  if (t instanceof z.ZodOptional || t instanceof z.ZodDefault) return loosen(t.unwrap() as z.ZodType);
  return t;
}

let built: { pack: ReturnType<typeof buildPackSchema>; partial: z.ZodObject } | undefined;

/**
 * The schemas of packs: `pack`, complete (what the English pack must hold), and `partial`, what a
 * pack file may hold: `language` is required, the rest optional.
 */
export function packSchemas(): NonNullable<typeof built> {
  if (!built) {
    const pack = buildPackSchema();
    built = {
      pack,
      partial: (loosen(pack) as z.ZodObject).extend({ language: pack.shape.language }),
    };
  }
  return built;
}

/** The keys the schema knows at a path of a pack, for "did you mean" hints. */
export function knownPackKeys(path: readonly (string | number)[]): string[] {
  let t: z.ZodType = packSchemas().pack;
  for (const p of path) {
    while (t instanceof z.ZodOptional || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
    if (!(t instanceof z.ZodObject) || typeof p !== "string") return [];
    const next = (t.shape as Record<string, z.ZodType>)[p];
    if (!next) return [];
    t = next;
  }
  while (t instanceof z.ZodOptional || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
  return t instanceof z.ZodObject ? Object.keys(t.shape) : [];
}
