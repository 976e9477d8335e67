import { colonOf, formatDateShort, formatTime } from "../../model/i18n.js";
import { nameIn, pick } from "../../model/names.js";
import type { Event } from "../../model/types.js";
import { type FittedText, fitText, type Measurer, textHeight } from "../../render/measure.js";
import type { Language } from "../../schema/fields.js";
import type { BadgeGeometry, Run } from "./layout.js";
import { BADGE_WORDS } from "./words.js";

const LEADING = 0.15;
/** The smallest text on a back: the programme, the emergency and Wi-Fi lines. */
export const BACK_MIN_SIZE = 7;

/** One slot of the programme at a glance: sessions that start together (breaks left out). */
export interface GlanceItem {
  time: string;
  /** Each session's section or title. */
  titles: string[];
  rooms: string[];
  speakers: string[];
}

export interface GlanceDay {
  day: string;
  items: GlanceItem[];
}

/** The programme at a glance in one language, with every detail it may print. */
export function programmeAtAGlance(event: Event, lang: Language): GlanceDay[] {
  const fallback = event.config.defaultLanguage;
  const days = new Map<string, Map<number, GlanceItem>>();
  for (const s of event.sessions) {
    if (s.type === "break") continue;
    const slots = days.get(s.date) ?? new Map<number, GlanceItem>();
    days.set(s.date, slots);
    const item = slots.get(s.start) ?? { time: formatTime(s.start), titles: [], rooms: [], speakers: [] };
    slots.set(s.start, item);
    item.titles.push(pick(s.section, lang, fallback) ?? pick(s.title, lang, fallback) ?? s.id);
    const room = pick(s.room.room, lang, fallback);
    if (room && !item.rooms.includes(room)) item.rooms.push(room);
    for (const p of s.speakers) {
      const name = nameIn(p, lang);
      if (!item.speakers.includes(name)) item.speakers.push(name);
    }
  }
  return [...days].map(([date, slots]) => ({ day: formatDateShort(date, lang), items: [...slots.values()] }));
}

/**
 * How much a back's programme says, from most to least: the shortening rule. Rooms go first,
 * then speakers, then parallel sessions are counted instead of named; only then do whole items
 * go, from the end, and a last line says where the full programme is.
 */
export const DETAIL_LEVELS = ["rooms and speakers", "speakers", "titles", "grouped"] as const;
export type DetailLevel = (typeof DETAIL_LEVELS)[number];

export interface BackText {
  title: string;
  days: GlanceDay[];
  footer: string[];
  /** "Full programme: https://…", printed when items had to go. */
  full: string;
  /** "3 parallel sessions", in the back's language. */
  parallel: (n: number) => string;
  /** Whether the footer's first line is the emergency contact (else it is the Wi-Fi). */
  hasEmergency: boolean;
}

export interface BackLayout {
  /** Every line of the shared part of the back, in badge coordinates. */
  runs: Run[];
  level: DetailLevel;
  size: number;
  /** Items of the programme left out (from the end). */
  dropped: number;
  /** Fields that did not fit even so (badge-overflow). */
  overflow: ("programme" | "emergency_contact" | "wifi")[];
}

/** The back's words in one language, from event.yaml and the schedule. */
export function backText(
  event: Event,
  lang: Language,
  words: { programme: string; emergency: string; wifi: string },
): BackText {
  const b = event.config.badge;
  const fallback = event.config.defaultLanguage;
  const footer: string[] = [];
  const emergency = pick(localize(b.emergency_contact), lang, fallback);
  const wifi = pick(localize(b.wifi), lang, fallback);
  const colon = colonOf(lang);
  if (emergency) footer.push(`${words.emergency}${colon}${emergency}`);
  if (wifi) footer.push(`${words.wifi}${colon}${wifi}`);
  const w = BADGE_WORDS(lang);
  return {
    title: words.programme,
    days: programmeAtAGlance(event, lang),
    footer,
    full: b.programme_url ? w.full(b.programme_url) : w.fullPrinted,
    parallel: w.parallel,
    hasEmergency: emergency !== undefined,
  };
}

const localize = (v: string | Partial<Record<Language, string>> | undefined) =>
  typeof v === "string" ? { en: v, ko: v, vi: v } : v;

/**
 * Lays out the shared part of a back (title, programme, footer) between `top` and the band,
 * measured line by line: the programme takes the most detail and the largest size that fit,
 * else the shortening rule applies (DETAIL_LEVELS, then items from the end and the line that says
 * where the full programme is). Nothing is clipped: what still does not fit is reported.
 */
export function layoutBack(m: Measurer, g: BadgeGeometry, text: BackText, top: number): BackLayout {
  const x = g.pad;
  const width = g.width - 2 * g.pad;
  const lh = m.lineHeight + LEADING;
  const overflow: BackLayout["overflow"] = [];
  // The footer first, from the band up: it is never dropped, and never below 7 pt.
  const footSize = Math.min(8.5, Math.max(BACK_MIN_SIZE, g.height * 0.026));
  const footer = text.footer.map((line) =>
    fitText(m, line, { width, maxSize: footSize, minSize: BACK_MIN_SIZE, maxLines: 2, weight: "regular" }),
  );
  footer.forEach((f, i) => {
    if (f.cut) overflow.push(i === 0 && text.hasEmergency ? "emergency_contact" : "wifi");
  });
  const footHeight = footer.reduce((h, f) => h + textHeight(m, f, LEADING) + f.size * LEADING, 0);
  const bottom = g.bandTop - Math.max(g.pad * 0.45, 4);
  const footTop = bottom - footHeight;
  const footRuns: Run[] = [];
  let fy = footTop;
  for (const f of footer) {
    for (const [i, line] of f.lines.entries())
      footRuns.push({
        x,
        y: fy + i * f.size * lh,
        size: f.size,
        weight: "regular",
        fill: "muted",
        text: line,
      });
    fy += textHeight(m, f, LEADING) + f.size * LEADING;
  }
  const titleSize = Math.max(BACK_MIN_SIZE, Math.min(g.height * 0.045, 12));
  const title = fitText(m, text.title, {
    width,
    maxSize: titleSize,
    minSize: BACK_MIN_SIZE,
    maxLines: 1,
    weight: "bold",
  });
  const titleRun: Run = {
    x,
    y: top,
    size: title.size,
    weight: "bold",
    fill: "primary",
    text: title.lines[0] ?? "",
  };
  const progTop = top + textHeight(m, title, LEADING) + title.size * 0.6;
  const room = footTop - progTop - (footer.length > 0 ? BACK_MIN_SIZE * 0.6 : 0);

  const maxSize = Math.max(BACK_MIN_SIZE, Math.min(g.height * 0.034, 9));
  const sizes: number[] = [];
  for (let s = maxSize; s >= BACK_MIN_SIZE - 0.001; s -= 0.25) sizes.push(Math.round(s * 100) / 100);
  // A comfortable size with less detail beats every detail in small print: the sizes down to
  // 85 % of the largest are tried at every level before the smaller ones.
  const comfortable = sizes.filter((s) => s >= maxSize * 0.85);
  const small = sizes.filter((s) => s < maxSize * 0.85);
  const tries: [DetailLevel, number][] = [
    ...DETAIL_LEVELS.flatMap((l) => comfortable.map((s) => [l, s] as [DetailLevel, number])),
    ...DETAIL_LEVELS.flatMap((l) => small.map((s) => [l, s] as [DetailLevel, number])),
  ];
  // A wide back (cr80, a7, inserts) may set its programme in two columns, side by side, split
  // where the taller column is shortest; a day that goes on in the second column repeats its date.
  const columns = (level: DetailLevel, size: number, days = text.days) => {
    if (!g.landscape) return undefined;
    const splits = splitsOf(days);
    const gutter = size * 1.5;
    const w = (width - gutter) / 2;
    let best: { runs: Run[]; height: number } | undefined;
    for (const [first, second] of splits) {
      const a = programmeRuns(m, first, level, size, x, progTop, w, text.parallel);
      const b = a && programmeRuns(m, second, level, size, x + w + gutter, progTop, w, text.parallel);
      if (!a || !b) continue;
      const height = Math.max(a.height, b.height);
      if (!best || height < best.height) best = { runs: [...a.runs, ...b.runs], height };
    }
    return best;
  };
  for (const [level, size] of tries) {
    for (const laid of [
      programmeRuns(m, text.days, level, size, x, progTop, width, text.parallel),
      columns(level, size),
    ])
      if (laid && laid.height <= room)
        return { runs: [titleRun, ...laid.runs, ...footRuns], level, size, dropped: 0, overflow };
  }
  // The least detail at the smallest size, and still too long: items go from the end.
  const total = text.days.reduce((n, d) => n + d.items.length, 0);
  const size = BACK_MIN_SIZE;
  const full = fitText(m, text.full, {
    width,
    maxSize: size,
    minSize: size,
    maxLines: 3,
    weight: "semibold",
  });
  const fullHeight = textHeight(m, full, LEADING) + size * 0.5;
  for (let keep = total - 1; keep >= 0; keep--) {
    const days = keepItems(text.days, keep);
    const one = programmeRuns(m, days, "grouped", size, x, progTop, width, text.parallel);
    const laid = one && one.height + fullHeight <= room ? one : columns("grouped", size, days);
    if (!laid || laid.height + fullHeight > room) continue;
    const fy0 = progTop + laid.height + size * 0.5;
    const fullRuns = full.lines.map(
      (line, i): Run => ({
        x,
        y: fy0 + i * size * lh,
        size,
        weight: "semibold",
        fill: "primary",
        text: line,
      }),
    );
    if (full.cut) overflow.push("programme");
    return {
      runs: [titleRun, ...laid.runs, ...fullRuns, ...footRuns],
      level: "grouped",
      size,
      dropped: total - keep,
      overflow,
    };
  }
  // Not even the line about the full programme fits: the back says nothing of it, and it is reported.
  overflow.push("programme");
  return { runs: [titleRun, ...footRuns], level: "grouped", size, dropped: total, overflow };
}

/** Every way to cut the programme in two between items, the second part repeating its day. */
function splitsOf(days: GlanceDay[]): [GlanceDay[], GlanceDay[]][] {
  const flat = days.flatMap((d, di) => d.items.map((item) => ({ di, item })));
  const group = (part: typeof flat) => {
    const out: GlanceDay[] = [];
    for (const { di, item } of part) {
      const last = out.at(-1);
      if (last && last.day === days[di]!.day) last.items.push(item);
      else out.push({ day: days[di]!.day, items: [item] });
    }
    return out;
  };
  const out: [GlanceDay[], GlanceDay[]][] = [];
  for (let k = 1; k < flat.length; k++) out.push([group(flat.slice(0, k)), group(flat.slice(k))]);
  return out;
}

/** The first `keep` items, days that lose all their items dropped. */
function keepItems(days: GlanceDay[], keep: number): GlanceDay[] {
  const out: GlanceDay[] = [];
  let left = keep;
  for (const d of days) {
    if (left <= 0) break;
    const items = d.items.slice(0, left);
    left -= items.length;
    out.push({ day: d.day, items });
  }
  return out;
}

/**
 * The programme's lines at one size and level of detail: days in semibold, then each item with
 * its time in a column of its own and the title wrapped beside it (a hanging indent), details in
 * grey below the title. Undefined when a line would have to be cut.
 */
function programmeRuns(
  m: Measurer,
  days: GlanceDay[],
  level: DetailLevel,
  size: number,
  x: number,
  top: number,
  width: number,
  parallel: (n: number) => string,
): { runs: Run[]; height: number } | undefined {
  const timeWidth = m.width("00:00", "regular") * size + size * 0.6;
  const textWidth = width - timeWidth;
  const runs: Run[] = [];
  let y = top;
  const block = (f: FittedText, at: number, weight: Run["weight"], fill: Run["fill"]) => {
    for (const [i, line] of f.lines.entries())
      runs.push({
        x: at,
        y: y + i * f.size * (m.lineHeight + LEADING),
        size: f.size,
        weight,
        fill,
        text: line,
      });
    y += f.lines.length * f.size * (m.lineHeight + LEADING);
  };
  for (const [n, day] of days.entries()) {
    if (n > 0) y += size * 0.45;
    const heading = fitText(m, day.day, {
      width,
      maxSize: size,
      minSize: size,
      maxLines: 1,
      weight: "semibold",
    });
    if (heading.cut) return undefined;
    block(heading, x, "semibold", "ink");
    for (const item of day.items) {
      runs.push({ x, y, size, weight: "regular", fill: "ink", text: item.time });
      const grouped = level === "grouped" && item.titles.length > 1;
      const titleText = grouped ? parallel(item.titles.length) : item.titles.join(" · ");
      const title = fitText(m, titleText, {
        width: textWidth,
        maxSize: size,
        minSize: size,
        maxLines: 4,
        weight: "regular",
      });
      if (title.cut) return undefined;
      block(title, x + timeWidth, "regular", "ink");
      const details = [
        ...(level === "rooms and speakers" ? [item.rooms.join(" · ")] : []),
        ...(level === "rooms and speakers" || level === "speakers" ? [item.speakers.join(", ")] : []),
      ].filter(Boolean);
      if (details.length > 0) {
        const small = Math.max(BACK_MIN_SIZE, size * 0.9);
        const d = fitText(m, details.join(" · "), {
          width: textWidth,
          maxSize: small,
          minSize: small,
          maxLines: 3,
          weight: "regular",
        });
        if (d.cut) return undefined;
        block(d, x + timeWidth, "regular", "muted");
      }
    }
  }
  return { runs, height: y - top };
}
