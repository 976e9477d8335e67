import { latinName, nameIn } from "../../model/names.js";
import type { Delegate, Event } from "../../model/types.js";
import { type FittedText, fitText, type Measurer } from "../../render/measure.js";
import type { Language } from "../../schema/fields.js";
import type { SeatingResult } from "../../seating/banquet.js";
import { floorCells, type TableSpec } from "../../seating/layout.js";
import { DEFAULT_CATEGORY_COLOURS } from "../badges/plan.js";
import { themeOf } from "../common.js";
import { SEATING_WORDS, tableLabel } from "./words.js";

const MM = 72 / 25.4;

/** The floor plan's drawing: every position in millimetres from the page's top-left corner. */
export interface FloorData {
  theme: { primary: string; secondary: string; fonts: readonly string[] };
  lang: Language;
  paper: string;
  width: number;
  height: number;
  title: string;
  subtitle: string;
  scale: string;
  head: {
    x: number;
    y: number;
    w: number;
    h: number;
    label: string;
    seats: Seat[];
  } | null;
  tables: { x: number; y: number; r: number; label: string; seats: Seat[] }[];
  legend: { label: string; colour: string }[];
}

interface Seat {
  x: number;
  y: number;
  n: number;
  colour: string;
  /** Label anchor and alignment: names read outward from the table. */
  lx: number;
  ly: number;
  align: "left" | "right" | "center";
  rotate: number;
  name: string;
  native: string;
}

const PAPERS: [string, number, number][] = [
  ["a3", 420, 297],
  ["a2", 594, 420],
  ["a1", 841, 594],
  ["a0", 1189, 841],
];

/**
 * The floor plan of one seated session: round tables to scale (60 cm of rim per guest), the head
 * table at the top, numbered seats in category colours, each name outside its seat. The paper
 * grows from A3 to A0 with the number of tables so that names stay legible.
 */
export function planFloor(
  event: Event,
  result: SeatingResult,
  lang: Language,
  fonts: readonly string[],
): FloorData {
  const colours = { ...DEFAULT_CATEGORY_COLOURS, ...event.config.badge.colours };
  const round = result.tables.filter((t) => t.kind === "round");
  const head = result.tables.find((t) => t.kind === "head");
  const [paper, width, height] = PAPERS.find((_, i) => round.length <= [24, 48, 96, 10_000][i]!)!;
  const margin = 12;
  const top = margin + 18 + (head ? 48 : 0);
  const bottom = margin + 12;
  const cols = Math.max(
    1,
    Math.ceil(Math.sqrt((round.length * (width - 2 * margin)) / (height - top - bottom))),
  );
  const rows = Math.max(1, Math.ceil(round.length / cols));
  const cellW = (width - 2 * margin) / cols;
  const cellH = (height - top - bottom) / rows;
  const seatsPer = Math.max(1, ...round.map((t) => t.seats));
  const diameterM = (seatsPer * 0.6) / Math.PI; // rim of 60 cm per guest
  // Leave room around each table for a seat ring and two lines of names.
  const scale = Math.max(4, Math.min(30, Math.min(cellW - 56, cellH - 26) / diameterM));
  const who = new Map(result.seats.map((s) => [`${s.table}:${s.seat}`, s.delegate]));
  const seat = (t: TableSpec, n: number) => {
    const id = who.get(`${t.id}:${n}`);
    const d = id ? event.delegateById.get(id) : undefined;
    return {
      colour: d ? colours[d.category] : "#ffffff",
      name: d ? latinName(d) : "",
      native: d ? nativeLine(d, lang) : "",
    };
  };
  // Table 1 (the first listed) beside the head table, the others outwards (src/seating/layout.ts).
  const cells = floorCells(round.length, cols, event.config.seating.numbering.sides);
  const tables = round.map((t, k) => {
    const [row, col] = cells[k]!;
    const cx = margin + cellW * col + cellW / 2;
    const cy = top + cellH * row + cellH / 2;
    const r = (diameterM * scale) / 2;
    const seats: Seat[] = [];
    for (let n = 1; n <= t.seats; n++) {
      const a = -Math.PI / 2 + (2 * Math.PI * (n - 1)) / t.seats;
      const rs = r + 2.6;
      const rl = rs + 3.4;
      const cos = Math.cos(a);
      seats.push({
        x: round2(cx + rs * cos),
        y: round2(cy + rs * Math.sin(a)),
        n,
        lx: round2(cx + rl * cos),
        ly: round2(cy + rl * Math.sin(a)),
        align: cos > 0.35 ? "left" : cos < -0.35 ? "right" : "center",
        rotate: 0,
        ...seat(t, n),
      });
    }
    return { x: round2(cx), y: round2(cy), r: round2(r), label: t.id, seats };
  });
  let headData: FloorData["head"] = null;
  if (head) {
    const pitch = Math.min(14, (width - 2 * margin - 20) / head.seats);
    const w = pitch * head.seats;
    const x = (width - w) / 2;
    const y = margin + 20;
    const seats: Seat[] = [];
    for (let n = 1; n <= head.seats; n++) {
      const sx = x + pitch * (n - 0.5);
      seats.push({
        x: round2(sx),
        y: round2(y + 9),
        n,
        lx: round2(sx),
        ly: round2(y + 13),
        align: "center",
        rotate: 0,
        ...seat(head, n),
      });
    }
    headData = { x: round2(x), y: round2(y), w: round2(w), h: 6, label: SEATING_WORDS[lang].head, seats };
  }
  const used = new Set(result.seats.map((s) => event.delegateById.get(s.delegate)!.category));
  const session = event.sessionById.get(result.session)!;
  const fb = event.config.defaultLanguage;
  return {
    theme: themeOf(event, fonts),
    lang,
    paper,
    width,
    height,
    title: `${session.title[lang] ?? session.title[fb] ?? session.id} · ${session.room.room[lang] ?? session.room.room[fb] ?? ""}`,
    subtitle: `${result.seats.length} · ${round.length + (head ? 1 : 0)} ${SEATING_WORDS[lang].table.toLowerCase()}`,
    scale: `${SEATING_WORDS[lang].scale} 1:${Math.round(1000 / scale)}`,
    head: headData,
    tables,
    legend: [...used].map((c) => ({ label: c, colour: colours[c] })),
  };
}

function nativeLine(d: Delegate, lang: Language): string {
  const n = nameIn(d, "ko");
  if (n !== latinName(d)) return n;
  const v = nameIn(d, lang);
  return v !== latinName(d) ? v : "";
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** One tent card: the name fitted to the card's width, the native name, the table. */
export interface PlaceCard {
  name: FittedText;
  native: FittedText | null;
  table: string;
  event: string;
}

/** Place cards in table and seat order (the order the staff lay them out). */
export function planPlaceCards(event: Event, result: SeatingResult, measurer: Measurer): PlaceCard[] {
  const width = 180 * MM;
  return result.seats.map((s) => {
    const d = event.delegateById.get(s.delegate)!;
    const native = nativeLine(d, d.language);
    return {
      name: fitText(measurer, latinName(d), { width, maxSize: 34, minSize: 12, maxLines: 1, weight: "bold" }),
      native: native
        ? fitText(measurer, native, { width, maxSize: 22, minSize: 10, maxLines: 1, weight: "medium" })
        : null,
      table: tableLabel(s.table, d.language),
      event: event.config.short_name ?? event.config.name[event.config.defaultLanguage] ?? "",
    };
  });
}

/** "Find your table": every guest by family name, in one language's collation and writing. */
export function planTableList(
  event: Event,
  result: SeatingResult,
  lang: Language,
): { title: string; entries: { name: string; table: string }[] } {
  const collator = new Intl.Collator(lang, { sensitivity: "base", numeric: true });
  const entries = result.seats.map((s) => {
    const d = event.delegateById.get(s.delegate)!;
    const written = nameIn(d, lang);
    const latin = latinName(d);
    // Sorted by family name: Hangul and Vietnamese names are family-first as written.
    const name =
      written !== latin || d.nameOrder === "family-first" ? written : `${d.familyName}, ${d.givenName}`;
    return {
      name,
      table: tableLabel(s.table, lang),
      key: written !== latin ? written : `${d.familyName} ${d.givenName}`,
    };
  });
  entries.sort((a, b) => collator.compare(a.key, b.key));
  return {
    title: SEATING_WORDS[lang].findTable,
    entries: entries.map(({ name, table }) => ({ name, table })),
  };
}
