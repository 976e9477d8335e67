/**
 * Parsers for the value types of the data format. Each takes a trimmed, non-empty cell and either
 * returns the typed value or says what form was expected (shown as the diagnostic's hint).
 */
export type FieldResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      message: string;
      hint: string;
      /** Message and hint that quote nothing of the value, for personal columns (date of birth). */
      withoutValue?: { message: string; hint: string };
    };

export interface FieldType<T = unknown> {
  /** Name shown in docs and messages: "date", "email"… */
  readonly name: string;
  parse(value: string, options?: ParseOptions): FieldResult<T>;
}

/** How the event's sheets write dates (event.yaml `locale.date_order`). */
export const DATE_ORDERS = ["dmy", "mdy", "ymd"] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** Event settings that change how a cell is read. */
export interface ParseOptions {
  /** Day/month order of dates like `06/07/2023`; without it, only forms with one reading pass. */
  dateOrder?: DateOrder;
  /** The languages that have a pack (conclave's and the event's); conclave's alone by default. */
  languages?: readonly string[];
  /** The names of countries in every pack, upper-cased, to their ISO code: a hint for a country cell. */
  countryForms?: ReadonlyMap<string, string>;
}

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(
  message: string,
  hint: string,
  withoutValue?: { message: string; hint: string },
): FieldResult<T> =>
  withoutValue ? { ok: false, message, hint, withoutValue } : { ok: false, message, hint };

export const text: FieldType<string> = { name: "text", parse: ok };

/** Identifiers: printable, no spaces or separators, because they become file names and references. */
const ID = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,63}$/u;
const ID_HINT =
  "Use letters, digits, '-', '_' or '.', starting with a letter or digit, at most 64 characters (e.g. KR-001).";
export const id: FieldType<string> = {
  name: "id",
  parse(value) {
    if (ID.test(value)) return ok(value);
    return fail(`"${value}" is not a valid id`, ID_HINT);
  },
};

/** Excel stores dates as days since 1899-12-30; a bare 5-digit number in a date column is one. */
export function excelSerialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + serial * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

const ORDER_WORDS: Record<DateOrder, string> = {
  dmy: "day first",
  mdy: "month first",
  ymd: "year first",
};
const ISO_HINT = (example: string) => `Write dates as YYYY-MM-DD, e.g. ${example}`;

/**
 * Dates as spreadsheets write them: `2023-06-20`, `2023.06.20` or `2023/06/20` (year first),
 * `6/20/2023` and `20/06/2023` or `20.06.2023` (day and month, either order), and Excel's serial
 * day numbers (`45097`). A day and month that could swap (`06/07/2023`) are read in the order
 * event.yaml gives (`locale.date_order`); without one, they are refused, naming both readings and
 * the two ways out. With an order set, a day and month written in the other order are refused too
 * (`20/06/2023` where the order is mdy; any of them where it is ymd): the sheet is not what the
 * setting says. Year-first forms, like ISO, are read the same under every setting.
 *
 *   date.parse("6/20/2023") → { ok: true, value: "2023-06-20" }
 *   date.parse("06/07/2023", { dateOrder: "dmy" }) → { ok: true, value: "2023-07-06" }
 */
export const date: FieldType<string> = {
  name: "date",
  parse(value, options) {
    const order = options?.dateOrder;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return ok(value);
    const ymd = /^(\d{4})[./](\d{1,2})[./](\d{1,2})$/.exec(value);
    if (ymd) {
      const [y, mo, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
      // Year first, like ISO: no order setting can make it read otherwise.
      if (isRealDate(y, mo, d)) return ok(iso(y, mo, d));
    }
    const dm = /^(\d{1,2})([./])(\d{1,2})\2(\d{4})$/.exec(value);
    if (dm) {
      const [a, b, y] = [Number(dm[1]), Number(dm[3]), Number(dm[4])];
      const dayFirst = isRealDate(y, b, a);
      const monthFirst = isRealDate(y, a, b);
      const both = dayFirst && monthFirst && a !== b;
      if (order === "dmy" && dayFirst) return ok(iso(y, b, a));
      if (order === "mdy" && monthFirst) return ok(iso(y, a, b));
      if (order && !both && (dayFirst || monthFirst)) {
        const written = dayFirst ? "dmy" : "mdy";
        return contradicts(value, written, order, dayFirst ? iso(y, b, a) : iso(y, a, b));
      }
      if (order === "ymd" && both)
        return fail(
          `"${value}" is not year first, as locale.date_order (ymd) in event.yaml says, and could be ${iso(y, a, b)} or ${iso(y, b, a)}`,
          `${ISO_HINT(iso(y, a, b))}.`,
          {
            message:
              "is not year first, as locale.date_order (ymd) in event.yaml says, and its day and month could swap",
            hint: "Write dates as YYYY-MM-DD.",
          },
        );
      if (both)
        return fail(
          `"${value}" could be ${iso(y, a, b)} (month first) or ${iso(y, b, a)} (day first)`,
          `${ISO_HINT(iso(y, a, b))}, ${SET_ORDER}`,
          {
            message: "is a date whose day and month could swap",
            hint: `Write dates as YYYY-MM-DD, ${SET_ORDER}`,
          },
        );
      if (dayFirst) return ok(iso(y, b, a));
      if (monthFirst) return ok(iso(y, a, b));
    }
    if (/^\d{5}$/.test(value)) {
      const serial = Number(value);
      // Excel's serials of the years 1927 to 2173: an event's dates, and not a postcode or a count.
      if (serial >= 10_000) return ok(excelSerialToIso(serial));
    }
    return fail(`"${value}" is not a date`, `${ISO_HINT("2023-06-20")}.`);
  },
};

const SET_ORDER =
  "or say how your sheets write dates in event.yaml: locale: { date_order: dmy } for day first, mdy for month first.";

/** A date that has one reading, in an order other than the one event.yaml sets. */
function contradicts(
  value: string,
  written: DateOrder,
  order: DateOrder,
  reading: string,
): FieldResult<string> {
  const setting = `locale.date_order in event.yaml is ${order} (${ORDER_WORDS[order]})`;
  const fix = `or correct locale.date_order if the sheet's dates are all ${ORDER_WORDS[written]}.`;
  return fail(
    `"${value}" is written ${ORDER_WORDS[written]} (${reading}), but ${setting}`,
    `${ISO_HINT(reading)}, ${fix}`,
    {
      message: `is written ${ORDER_WORDS[written]}, but ${setting}`,
      hint: `Write dates as YYYY-MM-DD, ${fix}`,
    },
  );
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const TIME_HINT = "Write times as HH:MM on a 24-hour clock, e.g. 09:30 or 14:00.";

/**
 * Minutes since midnight. `24:00` is accepted as an end time at midnight. Spreadsheet forms with
 * one reading are accepted too: `9:00 AM`, `2:30 pm`, `09h00` (French, Vietnamese), `9:00:00`.
 *
 *   time.parse("2:30 PM") → { ok: true, value: 870 }
 */
export const time: FieldType<number> = {
  name: "time",
  parse(value) {
    const m = /^(\d{1,2})[:h](\d{2})(?::00)?(?:\s*([AaPp])\.?[Mm]\.?)?$/.exec(value);
    if (m && !(m[3] && value.includes("h"))) {
      let h = Number(m[1]);
      const min = Number(m[2]);
      const half = m[3]?.toLowerCase();
      if (half !== undefined) {
        if (h < 1 || h > 12) return fail(`"${value}" is not a time`, TIME_HINT);
        h = (h % 12) + (half === "p" ? 12 : 0);
      }
      if ((h < 24 && min < 60) || (h === 24 && min === 0 && half === undefined)) return ok(h * 60 + min);
    }
    return fail(`"${value}" is not a time`, TIME_HINT);
  },
};

/**
 * Date and time of travel: YYYY-MM-DD or YYYY-MM-DD HH:MM, the date also in the spreadsheet forms
 * `date` reads (`20/06/2023 14:35`, in the event's date order), given back as YYYY-MM-DD. Not an
 * Excel serial: its fraction would be the time, which a text column does not keep.
 */
export const dateTime: FieldType<string> = {
  name: "date or date-time",
  parse(value, options) {
    const m = /^(\d{4}-\d{2}-\d{2}|\d{1,4}[./]\d{1,2}[./]\d{1,4})(?:(?:T| +)(\d{1,2}:\d{2}))?$/.exec(value);
    if (m) {
      const day = date.parse(m[1]!, options);
      if (!day.ok && /\d[./]\d/.test(m[1]!)) return day;
      if (day.ok && (m[2] === undefined || time.parse(m[2]).ok))
        return ok(m[2] === undefined ? day.value : `${day.value} ${m[2]}`);
    }
    return fail(
      `"${value}" is not a date or date-time`,
      "Write YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2023-06-19 14:35.",
    );
  },
};

export const email: FieldType<string> = {
  name: "email",
  parse(value) {
    if (/^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/u.test(value)) return ok(value);
    return fail(
      "the value is not an email address",
      "Write one address such as name@example.org, without a display name.",
    );
  },
};

export function integer(min: number, max = Number.MAX_SAFE_INTEGER): FieldType<number> {
  return {
    name: min > 0 ? "positive integer" : "integer",
    parse(value) {
      if (/^[+-]?\d+$/.test(value)) {
        const n = Number(value);
        if (n >= min && n <= max) return ok(n);
        return fail(
          `${value} is out of range`,
          `Use a whole number from ${min}${max < 1e9 ? ` to ${max}` : " up"}.`,
        );
      }
      return fail(
        `"${value}" is not a whole number`,
        `Use a whole number from ${min} up, without spaces or units.`,
      );
    },
  };
}

export function oneOf<const T extends string>(values: readonly T[]): FieldType<T> {
  const lookup = new Map(values.map((v) => [v.toLowerCase(), v]));
  return {
    name: `one of ${values.join("|")}`,
    parse(value) {
      const hit = lookup.get(value.toLowerCase());
      if (hit) return ok(hit);
      return fail(`"${value}" is not an allowed value`, `Use one of: ${values.join(", ")}.`);
    },
  };
}

// ISO 3166-1 alpha-2, the officially assigned codes.
const COUNTRY_CODES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV " +
    "BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET " +
    "FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM " +
    "IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD " +
    "ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE " +
    "PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST " +
    "SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS " +
    "YE YT ZA ZM ZW"
  ).split(" "),
);
/**
 * ISO 3166-1 alpha-3 codes, typed for the two-letter one, mapped to it for the hint. The names
 * people type (Korea, 한국, Việt Nam) are the language packs' (`countries`, `country_forms`),
 * handed in as `ParseOptions.countryForms`.
 */
const ALPHA3: Record<string, string> = {
  KOR: "KR",
  PRK: "KP",
  VNM: "VN",
  MNG: "MN",
  CHN: "CN",
  JPN: "JP",
  GBR: "GB",
  USA: "US",
};

export const country: FieldType<string> = {
  name: "ISO 3166-1 alpha-2 country code",
  parse(value, options) {
    const upper = value.toUpperCase();
    if (upper.length === 2 && COUNTRY_CODES.has(upper)) return ok(upper);
    const alias = ALPHA3[upper] ?? options?.countryForms?.get(upper);
    return fail(
      `"${value}" is not an ISO 3166-1 alpha-2 country code`,
      alias ? `Write ${alias} instead.` : "Use the two-letter code, e.g. KR for Korea, VN for Viet Nam.",
    );
  },
};

/**
 * conclave's own language packs (templates/i18n/<tag>.yaml; a test keeps the two the same). An
 * event may add others in its folder (i18n/<tag>.yaml), so a Language is any pack's tag.
 */
export const LANGUAGES: readonly string[] = ["en", "ko", "mn", "vi", "zh-Hans"];
/** The BCP 47 tag of a language pack: en, ko, zh-Hans. */
export type Language = string;
/** The form of a language tag (BCP 47, as the packs write them). */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The suffix of a language's columns in the CSV files: its tag's first part (position_ko,
 * title_zh for zh-Hans, name_mn). Two packs of one suffix (zh-Hans, zh-Hant) cannot both be an
 * event's: the columns would not say which is meant.
 */
export const columnSuffix = (lang: Language): string => lang.split("-")[0]!;

/** A language code in a CSV cell: a language with a pack, conclave's or the event's. */
export const language: FieldType<Language> = {
  name: `language code (${LANGUAGES.join("|")}, or an event's own pack)`,
  parse(value, options) {
    return languagesField(options?.languages ?? LANGUAGES).parse(value, options);
  },
};

// One lookup per list of languages, not one per cell: every delegate's language column comes here,
// and building the map and its message for each of 100,000 rows was a tenth of a second.
const languageFields = new WeakMap<readonly string[], FieldType<Language>>();
function languagesField(languages: readonly string[]): FieldType<Language> {
  let field = languageFields.get(languages);
  if (!field) {
    field = oneOf(languages as readonly Language[]);
    languageFields.set(languages, field);
  }
  return field;
}

export const colour: FieldType<string> = {
  name: "colour",
  parse(value) {
    if (/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value)) return ok(value.toLowerCase());
    return fail(`"${value}" is not a colour`, "Write a hex colour such as #1f4e79 or #c00.");
  },
};

/** Ids separated by `;` (a comma would clash with the CSV delimiter of most spreadsheets). */
export const idList: FieldType<string[]> = {
  name: "ids separated by ;",
  parse(value) {
    // Scanned by hand: every delegate's sessions column goes through here.
    const parts: string[] = [];
    let from = 0;
    for (let i = 0; i <= value.length; i++) {
      const ch = i < value.length ? value.charCodeAt(i) : 0x3b;
      if (ch !== 0x3b && ch !== 0x7c) continue; // ; or |
      const p = value.slice(from, i).trim();
      from = i + 1;
      if (p.length === 0) continue;
      if (!ID.test(p)) {
        return fail(
          `"${p}" in the list is not a valid id`,
          p.includes(",") ? "Separate ids with ';', not ','." : ID_HINT,
        );
      }
      // Repeats dropped, first kept (lists are a few ids: a search beats a set).
      if (!parts.includes(p)) parts.push(p);
    }
    return ok(parts);
  },
};

export const phone: FieldType<string> = {
  name: "phone",
  parse(value) {
    if (/^\+?[\d\s().-]{6,24}$/.test(value)) return ok(value);
    return fail(
      "the value is not a phone number",
      "Write digits with an optional leading + and spaces, e.g. +84 28 3822 1234.",
    );
  },
};

/** IANA time zone names the runtime knows (Asia/Ho_Chi_Minh, Asia/Seoul…). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
