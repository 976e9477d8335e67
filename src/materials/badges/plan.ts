import { type Diagnostic, diag, sortDiagnostics } from "../../diagnostics.js";
import {
  CATEGORY_LABELS,
  collatorFor,
  colonOf,
  countryName,
  formatDateRange,
  UI_TEXT,
} from "../../model/i18n.js";
import { latinName, pick } from "../../model/names.js";
import type { Delegate, Event } from "../../model/types.js";
import { type FittedText, fitText, type Measurer } from "../../render/measure.js";
import { CATEGORIES, type Category } from "../../schema/delegates.js";
import { LANGUAGES, type Language } from "../../schema/fields.js";
import { requireDelegates, themeOf } from "../common.js";
import { SEATING_WORDS } from "../seating/words.js";
import { keepPhrases, noBreakMatcher } from "../typography.js";
import { backText, layoutBack } from "./back.js";
import {
  type BadgeGeometry,
  badgeGeometry,
  bandLabel,
  fitIdentity,
  frontRuns,
  type HeaderLayout,
  headerLayout,
  labelRoom,
  qrBox,
  type Rect,
  type Run,
} from "./layout.js";
import { type Box, type Prepress, prepressFor, sheetBoxes } from "./prepress.js";
import type { Stock } from "./stocks.js";
import { BADGE_WORDS } from "./words.js";

export type BadgeSort = "family" | "delegation" | "category";

/** "Banquet table: 7" / "만찬 테이블: 헤드 테이블" on the back, from the seating plan's table id. */
function tableLine(table: string | undefined, lang: Language): string | null {
  if (!table) return null;
  return `${UI_TEXT(lang).table}${colonOf(lang)}${table === "head" ? SEATING_WORDS(lang).head : table}`;
}

export interface BadgeOptions {
  stock: Stock;
  sort: BadgeSort;
  /** Reprint only these ids (in the chosen order). */
  ids?: readonly string[];
  /** Labels already used on the first sheet. */
  skip: number;
  /**
   * Blank badges after the delegates' (on-site reprints: walk-ins written by hand), one per
   * entry, of that category: the colour band and header only, no name, no QR code.
   */
  blanks?: readonly Category[];
  calibrate: boolean;
  back: boolean;
  /** Undefined: the stock's default (see prepress.ts). */
  cutMarks?: boolean;
  offset: readonly [number, number];
  /** Bleed of the artwork past the cut, in mm (limited by the gaps and margins). */
  bleed?: number;
  /** Text and images keep this far inside the trim, in mm (default 3). */
  safe?: number;
  fonts: readonly string[];
  /** Measures text in the bundled fonts, so sizes and line breaks are decided here, not in Typst. */
  measurer: Measurer;
  /** Virtual path of the logo, when the event has one. */
  logo?: string;
  /** Seat of each delegate at the banquet, when a seating plan exists. */
  tables?: ReadonlyMap<string, string>;
  /**
   * With `badge.qr: signed`, each delegate's signed code (src/checkin/). Without it (a reprint
   * comparing faces), the QR text stands for what the code would say, without its signature.
   */
  signCode?: (d: Delegate) => string;
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
  /** Text that did not fit at its smallest size (badge-overflow) and what the stock cannot do. */
  problems: Diagnostic[];
}

export interface BadgeData {
  lang: Language;
  /** The PDF's Title (document information). */
  pdf_title: string;
  theme: { primary: string; secondary: string; fonts: readonly string[] };
  /** The stock as printed (a one-card stock with bleed or marks has a larger page). */
  stock: Stock;
  offset: readonly [number, number];
  calibrate: boolean;
  duplex: boolean;
  cut_marks: boolean;
  /** How far cut marks stay from the trim, in mm: past the bleed. */
  mark_offset: number;
  logo: string | null;
  geometry: BadgeGeometry;
  qr_box: { x: number; y: number; size: number };
  /**
   * "pieces": what badges share (header, each language's back, the cut marks, each band), once,
   * as pages to reuse; "sheets": the badges.
   */
  mode: "pieces" | "sheets";
  /** The colour bands in use, one per category and language: colour, label ink, and the label fitted. */
  bands: BadgeBand[];
  event: { short: FittedText; line: FittedText };
  /** The header's logo and lines, in badge coordinates. */
  header: Pick<HeaderLayout, "logo" | "runs">;
  /** Each language's back: title, programme at a glance, footer lines (emergency, Wi-Fi), placed. */
  backs: Record<string, BadgeBack>;
  badges: BadgeFace[];
  sheets: { at: number; badge: number }[][];
}

export interface BadgeBack {
  runs: Run[];
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
  /** The back's own lines: the name, and the banquet table. */
  back_runs: Run[];
  /** The frame drawn around the table line on the back. */
  table_box: Rect | null;
  /** Index into `bands`: the category's colour band and label, in the event's language (front) and the badge's (back). */
  band: number;
  back_band: number;
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
  const collator = collatorFor(lang, { sensitivity: "base", numeric: true });
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

/**
 * Event + options → everything the badge template needs. Pure: no fonts, no files, no clock.
 * Never copies email, phone, passport, birth, dietary or accessibility data onto a badge.
 */
export function planBadges(event: Event, options: BadgeOptions): BadgePlan {
  const layout = layoutBadges(event, options);
  const badges = Array.from({ length: layout.delegates.length + layout.blanks }, (_, i) => layout.face(i));
  return {
    data: { ...layout.data, badges },
    qr: badges.flatMap((b, i) => (b.qr ? [{ path: b.qr, text: layout.qrText(i) }] : [])),
    delegates: layout.delegates,
    sheets: layout.sheets,
    problems: layout.problems(),
  };
}

/** The badges' plan with each face laid out on demand: a large run lays out one part at a time. */
export interface BadgeLayout {
  /** Everything but the faces (`badges` is empty). */
  data: BadgeData;
  delegates: Delegate[];
  /** Blank badges after the delegates' (faces `delegates.length`…). */
  blanks: number;
  sheets: number;
  /** The face of the i-th badge in print order; its `qr` is `/qr/<i>.svg` (none on a blank). */
  face(i: number): BadgeFace;
  /** What the i-th badge's QR code holds. */
  qrText(i: number): string;
  /** What the stock could not do, and what did not fit on the faces laid out so far. */
  problems(): Diagnostic[];
  /** TrimBox and BleedBox of the fronts' and the backs' pages (PDF points). */
  boxes: { front: { trim: Box; bleed: Box }; back: { trim: Box; bleed: Box } };
  prepress: Prepress;
}

/**
 * Why everything is measured here and not in Typst: the template only places lines that conclave
 * has already measured with the same fonts (src/render/measure.ts), so what does not fit is known
 * before anything is compiled, as data, with the delegate's line in delegates.csv; a finding made
 * inside Typst would have to come back through metadata and `query` on every part of a
 * 10,000-badge run, and Typst's own `measure` costs far too much at that scale.
 */
export function layoutBadges(event: Event, options: BadgeOptions): BadgeLayout {
  const noBreak = noBreakMatcher(event);
  const { config } = event;
  const lang = config.defaultLanguage;
  let chosen: Delegate[];
  const blanks = options.blanks ?? [];
  // Only blanks (a reprint with no changed badge) is an empty list of ids, not "everyone".
  if (options.ids && (options.ids.length > 0 || blanks.length > 0)) {
    requireDelegates(event, options.ids);
    const wanted = new Set(options.ids);
    chosen = sortDelegates(
      event.delegates.filter((d) => wanted.has(d.id)),
      options.sort,
      lang,
    );
  } else chosen = sortDelegates(event.delegates, options.sort, lang);

  const prepress = prepressFor(options.stock, {
    safe_mm: options.safe ?? 3,
    bleed_mm: options.bleed ?? 0,
    ...(options.cutMarks !== undefined ? { cut_marks: options.cutMarks } : {}),
  });
  const shared: Diagnostic[] = prepress.notes.map((n) =>
    diag("badge-stock", "warning", { file: "event.yaml", field: `badge.${n.field}` }, n.message, n.hint),
  );
  const faceProblems = new Map<number, Diagnostic[]>();
  const colours = { ...DEFAULT_CATEGORY_COLOURS, ...config.badge.colours };
  const m = options.measurer;
  const g = badgeGeometry(options.stock, prepress);
  const duplex = options.back && !options.stock.fold;
  const withBacks = duplex || options.stock.fold;
  // One band per category and language in the run, in order of first appearance: each is a
  // piece of its own (the front's label in the event's language, the back's in the badge's).
  const bands: BadgeBand[] = [];
  const bandOf = new Map<string, number>();
  const band = (category: Category, l: Language) => {
    const key = `${category}:${l}`;
    const known = bandOf.get(key);
    if (known !== undefined) return known;
    const colour = colours[category];
    const label = fitText(m, CATEGORY_LABELS(l)[category], {
      width: g.width - 2 * g.pad,
      maxSize: Math.min(g.band * 0.55, (labelRoom(g) * 0.78) / m.lineHeight),
      minSize: 5,
      maxLines: 1,
      weight: "bold",
    });
    if (label.cut)
      shared.push(
        overflowAt(
          { file: "event.yaml", field: "badge.colours" },
          `the ${category} label "${CATEGORY_LABELS(l)[category]}"`,
          "every badge of the category",
        ),
      );
    const i = bands.push({ colour, ink: inkFor(colour), label: bandLabel(m, g, label) }) - 1;
    bandOf.set(key, i);
    return i;
  };
  for (const d of chosen) {
    band(d.category, lang);
    if (withBacks) band(d.category, d.language);
  }
  for (const c of blanks) band(c, lang);

  // The back's own part (name, table) sits above the shared programme: its room is fixed, so
  // one back per language serves every badge.
  const backName = Math.min(14, Math.max(8, g.height * 0.055));
  const hasTables = options.tables !== undefined && options.tables.size > 0;
  const tableSize = Math.min(9, Math.max(7, g.height * 0.03));
  const tableInset = 3;
  const nameTop = g.headerArt.y > 0 ? Math.max(g.pad, g.safe.y) : g.pad;
  const tableTop = nameTop + backName * m.lineHeight + backName * 0.35;
  const sharedTop =
    hasTables && !g.landscape
      ? tableTop + tableSize * m.lineHeight + 2 * tableInset + tableSize * 0.8
      : tableTop + backName * 0.2;

  const blankFace = (category: Category): BadgeFace => ({
    id: "",
    lang,
    name: "",
    native: null,
    position: null,
    organisation: "",
    country: "",
    label: CATEGORY_LABELS(lang)[category],
    runs: [],
    back_runs: [],
    table_box: null,
    band: band(category, lang),
    back_band: band(category, lang),
    qr: null,
    table: null,
  });
  const face = (i: number): BadgeFace => {
    if (i >= chosen.length) return blankFace(blanks[i - chosen.length]!);
    const d = chosen[i]!;
    const native = d.nativeName && d.nativeName !== latinName(d) ? d.nativeName : undefined;
    // A native name in Latin script (Vietnamese with its diacritics) is the name itself.
    const useNative = native !== undefined && isLatin(native);
    // "Viet Nam", "Republic of Korea", "Hồ Chí Minh" are never split (typography.no_break).
    const text = keepPhrases(
      {
        name: useNative ? native : latinName(d),
        native: useNative ? null : (native ?? null),
        position: pick(d.position, lang, lang) ?? null,
        organisation: pick(d.organisation, lang, lang) ?? "",
        country: countryName(d.country, lang),
        label: CATEGORY_LABELS(lang)[d.category],
      },
      noBreak,
    );
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
    const problems: Diagnostic[] = [];
    const at = (field: string, what: string) =>
      problems.push(
        overflowAt(
          {
            file: config.files.delegates ?? "delegates.csv",
            line: d.line,
            column: d.columns[`${field}_${lang}`] ?? d.columns[field] ?? 0,
            field,
          },
          what,
          d.id,
        ),
      );
    if (fitted.name.cut) at("given_name", "the name");
    if (fitted.native?.cut) at("native_name", "the native name");
    if (fitted.position?.cut) at("position", "the position");
    if (fitted.organisation.cut) at("organisation", "the organisation");
    if (fitted.country.cut) at("country", "the country");
    const back_runs: Run[] = [];
    let table_box: Rect | null = null;
    const table = tableLine(options.tables?.get(d.id), d.language);
    if (withBacks) {
      // The name on the back too: a badge turned round is not anonymous. On a wide back the
      // table sits at the right of the name's line, leaving the height to the programme.
      const width = g.width - 2 * g.pad;
      let t: FittedText | undefined;
      let tw = 0;
      if (table) {
        t = fitText(m, table, {
          width: width * 0.6,
          maxSize: tableSize,
          minSize: 7,
          maxLines: 1,
          weight: "bold",
        });
        if (t.cut) at("id", "the banquet table");
        tw = Math.min(width, m.width(t.lines[0] ?? "", "bold") * t.size + 2 * tableInset + 1);
      }
      const nameWidth = g.landscape && t ? width - tw - backName : width;
      const both = text.native ? `${text.name}  ${text.native}` : text.name;
      const opts = { width: nameWidth, maxSize: backName, minSize: 7, maxLines: 1, weight: "bold" as const };
      let n = fitText(m, both, opts);
      if (n.cut || n.size < backName * 0.8) n = fitText(m, text.name, opts);
      if (n.cut) at("given_name", "the name on the back");
      back_runs.push({
        x: g.pad,
        y: nameTop,
        size: n.size,
        weight: "bold",
        fill: "ink",
        text: n.lines[0] ?? "",
      });
      if (t) {
        const h = t.size * m.lineHeight + 2 * tableInset;
        const box = g.landscape
          ? { x: g.width - g.pad - tw, y: nameTop + (backName * m.lineHeight - h) / 2, w: tw, h }
          : { x: g.pad, y: tableTop, w: tw, h };
        table_box = box;
        back_runs.push({
          x: box.x + tableInset,
          y: box.y + tableInset,
          size: t.size,
          weight: "bold",
          fill: "ink",
          text: t.lines[0] ?? "",
        });
      }
    }
    faceProblems.set(i, problems);
    return {
      id: d.id,
      lang: d.language,
      ...text,
      runs: frontRuns(m, g, fitted),
      back_runs,
      table_box,
      band: band(d.category, lang),
      back_band: withBacks ? band(d.category, d.language) : band(d.category, lang),
      qr: `/qr/${i}.svg`,
      table,
    };
  };
  const perSheet = options.stock.cols * options.stock.rows;
  const skip = options.skip % perSheet;
  const sheets: BadgeData["sheets"] = [];
  const total = chosen.length + blanks.length;
  Array.from({ length: total }, (_, i) => i).forEach((i) => {
    const slot = skip + i;
    const n = Math.floor(slot / perSheet);
    sheets[n] ??= [];
    sheets[n]!.push({ at: slot % perSheet, badge: i });
  });

  const backs: BadgeData["backs"] = {};
  const used = new Set(chosen.map((d) => d.language));
  // A back for each language the event prints or a badge is in, in a fixed order: the template
  // makes one piece per back, in this order. conclave's languages first, then those of the
  // event's own packs (i18n/fr.yaml), as event.yaml lists them.
  const withBack = new Set<string>([...event.config.languages, ...used]);
  const order = [
    ...LANGUAGES.filter((l) => withBack.has(l)),
    ...[...withBack].filter((l) => !LANGUAGES.includes(l)),
  ];
  for (const l of order) {
    const laid = layoutBack(m, g, keepPhrases(backText(event, l, UI_TEXT(l)), noBreak), sharedTop);
    backs[l] = { runs: laid.runs };
    if (!withBacks || !used.has(l)) continue;
    const ids = chosen.filter((d) => d.language === l).map((d) => d.id);
    const who = `${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ` and ${ids.length - 5} more` : ""}`;
    for (const field of laid.overflow)
      shared.push(
        overflowAt(
          {
            file: field === "programme" ? (config.files.sessions ?? "sessions.csv") : "event.yaml",
            ...(field === "programme" ? {} : { field: `badge.${field}` }),
          },
          `the ${l} back's ${field === "programme" ? "programme at a glance" : field.replace("_", " ")}`,
          who,
        ),
      );
  }
  const name = pick(config.name, lang, lang) ?? "";
  const header = headerLayout(m, g, options.logo !== undefined, {
    short: config.short_name ?? name,
    line: `${config.short_name ? `${name} · ` : ""}${formatDateRange(config.start, config.end, lang)} · ${pick(config.city, lang, lang) ?? ""}`,
  });
  if (header.short.cut || header.line.cut)
    shared.push(
      overflowAt({ file: "event.yaml", field: "short_name" }, "the header's event name", "every badge"),
    );
  const printed = prepress.stock;
  const data: BadgeData = {
    lang,
    pdf_title: `${config.short_name ?? name} — ${BADGE_WORDS(lang).badges}`,
    theme: themeOf(event, options.fonts),
    stock: printed,
    offset: options.offset,
    calibrate: options.calibrate,
    duplex,
    cut_marks: prepress.cutMarks,
    mark_offset: prepress.bleed + 1,
    logo: options.logo ?? null,
    geometry: g,
    qr_box: qrBox(g),
    mode: "sheets",
    event: { short: header.short, line: header.line },
    header: { logo: header.logo, runs: header.runs },
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
    blanks: blanks.length,
    qrText: (i) => {
      if (i >= chosen.length) return "";
      const d = chosen[i]!;
      if (config.badge.qr !== "signed") return qrText(config.badge.qr, d, lang);
      return options.signCode ? options.signCode(d) : `signed:${d.id}:${d.category}`;
    },
    problems: () => sortDiagnostics([...shared, ...[...faceProblems.values()].flat()]),
    boxes: {
      front: sheetBoxes(prepress, options.offset, false),
      back: sheetBoxes(prepress, options.offset, true),
    },
    prepress,
  };
}

/** A badge-overflow warning: `what` did not fit at its smallest size, on `who`'s badge. */
function overflowAt(
  where: { file: string; line?: number; column?: number; field?: string },
  what: string,
  who: string,
): Diagnostic {
  return diag(
    "badge-overflow",
    "warning",
    where,
    `badges: ${what} does not fit at its smallest size and is shortened with "…" (${who})`,
    "Shorten the text in the data, or choose a larger badge stock (--stock or badge.stock).",
  );
}
