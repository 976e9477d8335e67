import { activePack } from "../i18n/active.js";
import { fill } from "../i18n/resolve.js";
import type { PackLabels } from "../i18n/schema.js";
import type { Category } from "../schema/delegates.js";
import type { Language } from "../schema/fields.js";

// The words and date forms of each language live in its pack (templates/i18n/<lang>.yaml,
// docs/languages.md); these functions only fill the pack's texts.

const datesOf = (lang: Language) => activePack(lang).dates;
const fillIn = (text: string, values: Record<string, string | number>, lang: Language) =>
  fill(text, values, activePack(lang).language);

function parts(iso: string): { y: number; m: number; d: number; wd: number } {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return { y, m, d, wd: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

/** The placeholders of a day in a pack's date texts: {y} {m} {d} {month} {weekday} {wd}. */
function dayValues(iso: string, lang: Language) {
  const { y, m, d, wd } = parts(iso);
  const dates = datesOf(lang);
  return {
    y,
    m,
    d,
    month: dates.months[m - 1]!,
    weekday: dates.weekdays[wd]!,
    wd: dates.weekdays_short[wd]!,
  };
}

/**
 * A date in each language's own long form (the pack's dates.long):
 *   en "Tuesday, 20 June 2023" · ko "2023년 6월 20일 (화)" · vi "Thứ Ba, ngày 20 tháng 6 năm 2023"
 */
export function formatDateLong(iso: string, lang: Language): string {
  return fillIn(datesOf(lang).long, dayValues(iso, lang), lang);
}

/** A short day label (dates.short): en "Tue 20 June" · ko "6월 20일 (화)" · vi "Thứ Ba 20/6". */
export function formatDateShort(iso: string, lang: Language): string {
  return fillIn(datesOf(lang).short, dayValues(iso, lang), lang);
}

/**
 * The span of an event (dates.range, chosen by what the two ends share):
 *   en "20–21 June 2023" · ko "2023년 6월 20~21일" · vi "20–21/6/2023".
 */
export function formatDateRange(start: string, end: string, lang: Language): string {
  const a = dayValues(start, lang);
  const b = dayValues(end, lang);
  const range = datesOf(lang).range;
  const pattern =
    start === end
      ? range.same_day
      : a.y !== b.y
        ? range.other_years
        : a.m === b.m
          ? range.same_month
          : range.same_year;
  const values = { y1: a.y, m1: a.m, d1: a.d, month1: a.month, y2: b.y, m2: b.m, d2: b.d, month2: b.month };
  return fillIn(pattern, values, lang);
}

/** Minutes since midnight as 24-hour HH:MM. */
export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Two times as the language writes a span (dates.time_range): "09:00–09:45", ko "09:00~09:45". */
export function formatTimeRange(start: number, end: number, lang: Language): string {
  return fillIn(datesOf(lang).time_range, { start: formatTime(start), end: formatTime(end) }, lang);
}

/** A language's labels (its pack's `labels`): `labelsOf("ko").seating.head` is 주빈석. */
export const labelsOf = (lang: Language): PackLabels => activePack(lang).labels;

/** What follows a label before its value: ": ", zh "：" (full-width, no space; labels.agenda.colon). */
export const colonOf = (lang: Language): string => labelsOf(lang).agenda.colon;

/** Fills one of a language's label texts: `fillLabel("en", w.counts, { guests: 1, tables: 2 })`. */
export const fillLabel = (lang: Language, text: string, values: Record<string, string | number>): string =>
  fillIn(text, values, lang);

/** Something each language's pack holds, as the materials ask for it: `T(lang)`. */
export type ByLanguage<T> = (lang: Language) => T;

/**
 * One value per language of something its pack holds, read from the pack in effect
 * (src/i18n/active.ts) at each call, made once per pack: `SEATING_WORDS("ko").head`. Any
 * language with a pack, conclave's or the event's, has one.
 */
export function byLanguage<T>(pick: (labels: PackLabels, lang: Language) => T): ByLanguage<T> {
  const made = new WeakMap<PackLabels, T>();
  return (lang) => {
    const labels = labelsOf(lang);
    let value = made.get(labels);
    if (value === undefined) {
      value = pick(labels, lang);
      made.set(labels, value);
    }
    return value;
  };
}

export const CATEGORY_LABELS: ByLanguage<Record<Category, string>> = byLanguage((l) => l.category);

/** One region-name formatter per language: a badge run asks for a country name per delegate. */
const regionNames = new Map<Language, Intl.DisplayNames>();

export function countryName(code: string, lang: Language): string {
  // Where protocol writes a name otherwise than Intl does ("Viet Nam"): the pack's countries.
  const override = activePack(lang).countries[code];
  if (override) return override;
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: "region" });
    regionNames.set(lang, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export const UI_TEXT: ByLanguage<PackLabels["ui"]> = byLanguage((l) => l.ui);

/** A date without weekday (dates.plain), as letters write it: en "19 April 2023" · ko "2023년 4월 19일" · vi "ngày 19 tháng 4 năm 2023". */
export function formatDatePlain(iso: string, lang: Language): string {
  return fillIn(datesOf(lang).plain, dayValues(iso, lang), lang);
}

/** A date with an optional HH:MM (dates.date_time), e.g. an arrival: "19 April 2023, 14:35" · "2023년 4월 19일 14:35" · "14:35 ngày 19 tháng 4 năm 2023". */
export function formatDateTimePlain(value: string, lang: Language): string {
  const [date, time] = value.split(" ");
  const d = formatDatePlain(date!, lang);
  if (!time) return d;
  return fillIn(datesOf(lang).date_time, { date: d, time }, lang);
}

/**
 * A date (and time) as the field of a form writes it, after a label that already says "Ngày …"
 * (dates.field, dates.field_time): vi "16/9/1983" · "14:35 ngày 19/6/2023", never "Ngày sinh:
 * ngày 16 tháng 9 năm 1983"; a pack without them writes it as formatDateTimePlain.
 */
export function formatDateField(value: string, lang: Language): string {
  const { field, field_time } = datesOf(lang);
  const [date, time] = value.split(" ");
  const pattern = time ? field_time : field;
  if (pattern === undefined) return formatDateTimePlain(value, lang);
  return fillIn(pattern, { ...dayValues(date!, lang), ...(time ? { time } : {}) }, lang);
}

const collators = new Map<string, Intl.Collator>();
/**
 * A collator for lists in `lang`, in its pack's order (`collation.locale`: ko, vi,
 * zh-Hans-u-co-pinyin for Chinese in pinyin order), one per locale and options.
 */
export function collatorFor(lang: Language, options: Intl.CollatorOptions): Intl.Collator {
  const locale = activePack(lang).collation.locale;
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let collator = collators.get(key);
  if (!collator) {
    collator = new Intl.Collator(locale, options);
    collators.set(key, collator);
  }
  return collator;
}
