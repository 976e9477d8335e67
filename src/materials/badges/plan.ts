import {
  CATEGORY_LABELS,
  countryName,
  formatDateRange,
  formatDateShort,
  formatTime,
  UI_TEXT,
} from "../../model/i18n.js";
import { latinName, pick } from "../../model/names.js";
import type { Delegate, Event } from "../../model/types.js";
import { type FittedText, fitText, type Measurer } from "../../render/measure.js";
import { CATEGORIES, type Category } from "../../schema/delegates.js";
import { LANGUAGES, type Language } from "../../schema/fields.js";
import { requireDelegates, themeOf } from "../common.js";
import { SEATING_WORDS } from "../seating/words.js";
import {
  type BadgeGeometry,
  badgeGeometry,
  bandLabel,
  fitIdentity,
  frontRuns,
  qrBox,
  type Run,
} from "./layout.js";
import type { Stock } from "./stocks.js";

export type BadgeSort = "family" | "delegation" | "category";

/**
 * The band's bleed: as asked, but never into a neighbouring badge (half the gap between badges)
 * nor off the paper (the margin), so a cut slightly off the line still leaves no white edge.
 */
export function bandBleed(stock: Stock, bleed: number): { x: number; bottom: number } {
  if (bleed <= 0) return { x: 0, bottom: 0 };
  const right =
    stock.page.width - stock.margin.left - stock.cols * stock.badge.width - (stock.cols - 1) * stock.gap.x;
  const bottom =
    stock.page.height - stock.margin.top - stock.rows * stock.badge.height - (stock.rows - 1) * stock.gap.y;
  const x = Math.min(bleed, stock.cols > 1 ? stock.gap.x / 2 : bleed, stock.margin.left, right);
  const y = Math.min(bleed, stock.rows > 1 ? stock.gap.y / 2 : bleed, bottom);
  return { x: Math.max(0, x), bottom: Math.max(0, y) };
}

/** "Banquet table: 7" / "만찬 테이블: 헤드 테이블" on the back, from the seating plan's table id. */
function tableLine(table: string | undefined, lang: Language): string | null {
  if (!table) return null;
  return `${UI_TEXT[lang].table}: ${table === "head" ? SEATING_WORDS[lang].head : table}`;
}

export interface BadgeOptions {
  stock: Stock;
  sort: BadgeSort;
  /** Reprint only these ids (in the chosen order). */
  ids?: readonly string[];
  /** Labels already used on the first sheet. */
  skip: number;
  calibrate: boolean;
  back: boolean;
  cutMarks: boolean;
  offset: readonly [number, number];
  /** Bleed of the colour band past the cut, in mm (limited by the gaps and margins). */
  bleed?: number;
  fonts: readonly string[];
  /** Measures text in the bundled fonts, so sizes and line breaks are decided here, not in Typst. */
  measurer: Measurer;
  /** Virtual path of the logo, when the event has one. */
  logo?: string;
  /** Seat of each delegate at the banquet, when a seating plan exists. */
  tables?: ReadonlyMap<string, string>;
}

/** Default band colours: distinct in colour and, by their labels, in black and white. */
export const DEFAULT_CATEGORY_COLOURS: Record<Category, string> = {
  vip: "#8b1e3f",
  delegate: "#1f4e79",
  speaker: "#2e7d32",
  press: "#e65100",
  staff: "#5d4037",
  interpreter: "#6a1b9a",
  organiser: "#212121",
};

export interface BadgePlan {
  /** What badge.typ receives as JSON. */
  data: BadgeData;
  /** QR codes to render, by virtual path. */
  qr: { path: string; text: string }[];
  delegates: Delegate[];
  sheets: number;
}

export interface BadgeData {
  lang: Language;
  theme: { primary: string; secondary: string; fonts: readonly string[] };
  stock: Stock;
  offset: readonly [number, number];
  /** How far the colour band runs past the badge's sides and bottom edge, in mm. */
  bleed: { x: number; bottom: number };
  calibrate: boolean;
  duplex: boolean;
  cut_marks: boolean;
  logo: string | null;
  geometry: BadgeGeometry;
  qr_box: { x: number; y: number; size: number };
  /**
   * "pieces": what badges share (header, each language's back, the cut marks, each band), once,
   * as pages to reuse; "sheets": the badges.
   */
  mode: "pieces" | "sheets";
  /** The colour bands in use, one per category: colour, label ink, and the label fitted. */
  bands: BadgeBand[];
  event: { short: FittedText; line: FittedText };
  /** Each language's back: title, programme at a glance, footer lines (emergency, Wi-Fi). */
  backs: Record<string, BadgeBack>;
  badges: BadgeFace[];
  sheets: { at: number; badge: number }[][];
}

export interface BadgeBack {
  title: string;
  programme: { day: string; items: { time: string; title: string }[] }[];
  footer: string[];
}

export interface BadgeBand {
  colour: string;
  ink: string;
  label: { text: string; size: number; y: number };
}

export interface BadgeFace {
  id: string;
  lang: Language;
  /** The texts as printed; `text` holds their sizes and line breaks. */
  name: string;
  native: string | null;
  position: string | null;
  organisation: string;
  country: string;
  label: string;
  /** Every line of the front, placed by conclave. */
  runs: Run[];
  /** Index into `bands`: the category's colour band and label. */
  band: number;
  qr: string | null;
  table: string | null;
}

const isLatin = (s: string) => /^[\p{Script=Latin}\p{M}\s'’.-]+$/u.test(s);

/** Black or white, whichever reads better on a background colour (WCAG relative luminance). */
export function inkFor(hex: string): string {
  const h = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, "#$1$1$2$2$3$3") : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/** What the QR code holds: the id, a check-in URL, or a vCard with name and organisation only. */
export function qrText(pattern: string, d: Delegate, lang: Language): string {
  if (pattern === "id") return d.id;
  if (pattern === "vcard") {
    const esc = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, "\\n");
    return [
      "BEGIN:VCARD",
      "VERSION:3.0",
      `N:${esc(d.familyName)};${esc(d.givenName)};;;`,
      `FN:${esc(latinName(d))}`,
      `ORG:${esc(pick(d.organisation, lang, lang) ?? "")}`,
      "END:VCARD",
    ].join("\r\n");
  }
  return pattern.replaceAll("{id}", encodeURIComponent(d.id));
}

/** Order of badges (and letters): by family name in the event language's collation, by delegation, or by category. */
export function sortDelegates(delegates: readonly Delegate[], sort: BadgeSort, lang: Language): Delegate[] {
  const collator = new Intl.Collator(lang, { sensitivity: "base", numeric: true });
  const byName = (a: Delegate, b: Delegate) =>
    collator.compare(a.familyName, b.familyName) ||
    collator.compare(a.givenName, b.givenName) ||
    a.id.localeCompare(b.id);
  const rank = (c: Category) => CATEGORIES.indexOf(c);
  return [...delegates].sort((a, b) => {
    if (sort === "delegation") {
      const da = a.delegation ?? "\uffff";
      const db = b.delegation ?? "\uffff";
      return collator.compare(da, db) || byName(a, b);
    }
    if (sort === "category") return rank(a.category) - rank(b.category) || byName(a, b);
    return byName(a, b);
  });
}

/** The header's event name and line of dates and city, fitted beside the logo. */
function headerText(m: Measurer, g: BadgeGeometry, logo: boolean, short: string, line: string) {
  const width = g.width - 2 * g.pad - (logo ? g.header * 0.8 : 0);
  return {
    short: fitText(m, short, { width, maxSize: g.header * 0.34, minSize: 5, maxLines: 1, weight: "bold" }),
    line: fitText(m, line, { width, maxSize: g.header * 0.17, minSize: 4, maxLines: 1, weight: "regular" }),
  };
}

/** The back's "programme at a glance" in one language: sessions grouped by start, breaks left out. */
function programmeAtAGlance(event: Event, lang: Language) {
  const fallback = event.config.defaultLanguage;
  const days = new Map<string, Map<number, string[]>>();
  for (const s of event.sessions) {
    if (s.type === "break") continue;
    const slots = days.get(s.date) ?? new Map<number, string[]>();
    days.set(s.date, slots);
    const list = slots.get(s.start) ?? [];
    slots.set(s.start, list);
    list.push(pick(s.section, lang, fallback) ?? pick(s.title, lang, fallback) ?? s.id);
  }
  return [...days].map(([date, slots]) => ({
    day: formatDateShort(date, lang),
    items: [...slots].map(([start, titles]) => ({ time: formatTime(start), title: titles.join(" · ") })),
  }));
}

/**
 * Event + options → everything the badge template needs. Pure: no fonts, no files, no clock.
 * Never copies email, phone, passport, birth, dietary or accessibility data onto a badge.
 */
export function planBadges(event: Event, options: BadgeOptions): BadgePlan {
  const layout = layoutBadges(event, options);
  const badges = layout.delegates.map((_, i) => layout.face(i));
  return {
    data: { ...layout.data, badges },
    qr: badges.map((b, i) => ({ path: b.qr!, text: layout.qrText(i) })),
    delegates: layout.delegates,
    sheets: layout.sheets,
  };
}

/** The badges' plan with each face laid out on demand: a large run lays out one part at a time. */
export interface BadgeLayout {
  /** Everything but the faces (`badges` is empty). */
  data: BadgeData;
  delegates: Delegate[];
  sheets: number;
  /** The face of the i-th badge in print order; its `qr` is `/qr/<i>.svg`. */
  face(i: number): BadgeFace;
  /** What the i-th badge's QR code holds. */
  qrText(i: number): string;
}

export function layoutBadges(event: Event, options: BadgeOptions): BadgeLayout {
  const { config } = event;
  const lang = config.defaultLanguage;
  let chosen: Delegate[];
  if (options.ids && options.ids.length > 0) {
    requireDelegates(event, options.ids);
    const wanted = new Set(options.ids);
    chosen = sortDelegates(
      event.delegates.filter((d) => wanted.has(d.id)),
      options.sort,
      lang,
    );
  } else chosen = sortDelegates(event.delegates, options.sort, lang);

  const colours = { ...DEFAULT_CATEGORY_COLOURS, ...config.badge.colours };
  const m = options.measurer;
  const g = badgeGeometry(options.stock);
  // One band per category in the run, in order of first appearance: each is a piece of its own.
  const bands: BadgeBand[] = [];
  const bandOf = new Map<Category, number>();
  for (const d of chosen) {
    if (bandOf.has(d.category)) continue;
    const colour = colours[d.category];
    const label = fitText(m, CATEGORY_LABELS[lang][d.category], {
      width: g.width - 2 * g.pad,
      maxSize: g.band * 0.55,
      minSize: 5,
      maxLines: 1,
      weight: "bold",
    });
    bandOf.set(d.category, bands.push({ colour, ink: inkFor(colour), label: bandLabel(m, g, label) }) - 1);
  }
  const face = (i: number): BadgeFace => {
    const d = chosen[i]!;
    const native = d.nativeName && d.nativeName !== latinName(d) ? d.nativeName : undefined;
    // A native name in Latin script (Vietnamese with its diacritics) is the name itself.
    const useNative = native !== undefined && isLatin(native);
    const text = {
      name: useNative ? native : latinName(d),
      native: useNative ? null : (native ?? null),
      position: pick(d.position, lang, lang) ?? null,
      organisation: pick(d.organisation, lang, lang) ?? "",
      country: countryName(d.country, lang),
      label: CATEGORY_LABELS[lang][d.category],
    };
    const fitted = {
      ...fitIdentity(m, g, text),
      country: fitText(m, text.country, {
        width: g.country.width,
        maxSize: g.height * (g.landscape ? 0.06 : 0.042),
        minSize: 5,
        maxLines: g.landscape ? 1 : 2,
        weight: "regular" as const,
      }),
    };
    return {
      id: d.id,
      lang: d.language,
      ...text,
      runs: frontRuns(m, g, fitted),
      band: bandOf.get(d.category)!,
      qr: `/qr/${i}.svg`,
      table: tableLine(options.tables?.get(d.id), d.language),
    };
  };
  const perSheet = options.stock.cols * options.stock.rows;
  const skip = options.skip % perSheet;
  const sheets: BadgeData["sheets"] = [];
  chosen.forEach((_, i) => {
    const slot = skip + i;
    const n = Math.floor(slot / perSheet);
    sheets[n] ??= [];
    sheets[n]!.push({ at: slot % perSheet, badge: i });
  });

  const backs: BadgeData["backs"] = {};
  for (const l of LANGUAGES) {
    const t = UI_TEXT[l];
    const footer: string[] = [];
    if (config.badge.emergency_contact) footer.push(`${t.emergency}: ${config.badge.emergency_contact}`);
    if (config.badge.wifi) footer.push(`${t.wifi}: ${config.badge.wifi}`);
    backs[l] = { title: t.programme, programme: programmeAtAGlance(event, l), footer };
  }
  const name = pick(config.name, lang, lang) ?? "";
  const data: BadgeData = {
    lang,
    theme: themeOf(event, options.fonts),
    stock: options.stock,
    offset: options.offset,
    bleed: bandBleed(options.stock, options.bleed ?? 0),
    calibrate: options.calibrate,
    duplex: options.back && !options.stock.fold,
    cut_marks: options.cutMarks,
    logo: options.logo ?? null,
    geometry: g,
    qr_box: qrBox(g),
    mode: "sheets",
    event: headerText(
      m,
      g,
      options.logo !== undefined,
      config.short_name ?? name,
      `${config.short_name ? `${name} · ` : ""}${formatDateRange(config.start, config.end, lang)} · ${pick(config.city, lang, lang) ?? ""}`,
    ),
    backs,
    bands,
    badges: [],
    sheets,
  };
  return {
    data,
    delegates: chosen,
    sheets: options.calibrate ? 1 : sheets.length,
    face,
    qrText: (i) => qrText(config.badge.qr, chosen[i]!, lang),
  };
}
