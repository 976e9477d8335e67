import { createHash } from "node:crypto";
import type { Diagnostic } from "../diagnostics.js";
import { bundledMeasurer, fontSetsOfLanguages } from "../load/fonts.js";
import type { Theme } from "../materials/common.js";
import { seatingData } from "../materials/seating/index.js";
import { A4_LIST, type PlaceCard, planPlaceCards } from "../materials/seating/plan.js";
import { previousAssignment } from "../materials/seating/previous.js";
import { tableLabel } from "../materials/seating/words.js";
import { latinName } from "../model/names.js";
import type { Event, Session } from "../model/types.js";
import type { SeatAssignment } from "../seating/banquet.js";
import { compareFaces, type PrintedFace } from "./faces.js";

/** One delegate's place card as printed: a face (what the list names) and the table it stands on. */
export interface PrintedCard extends PrintedFace {
  /** The table as assignment.csv writes it: "head" or the printed number. */
  table: string;
}

/** The place cards and the "find your table" list of the first seated session, as last planned. */
export interface PrintedSeating {
  session: Session;
  /** Each seated delegate's card, by id (an interpreter behind the head table has none). */
  cards: Map<string, PrintedCard>;
  /** The cards' data in the order `conclave build` prints them (table, then seat). */
  data: PlaceCard[];
  /** sha256 of the A4 table list's data (every language): a changed entry changes it. */
  tableList: string;
  /** What templates/table-list.typ receives for the A4 list, as `conclave build` gives it. */
  listData: unknown;
  /**
   * Names shrunk past their minimum on a card or in the list (`seating-overflow`), as the build
   * reports them: a reprint of a renamed guest says so too, never silently.
   */
  problems: Diagnostic[];
  /** What templates/place-cards.typ and table-list.typ receive, built as `conclave build` builds it. */
  templates: ReturnType<typeof seatingData>;
  seats: SeatAssignment[];
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * The place cards of the first seated session (the one badges print the table of), laid out
 * from the last build's plan in `outDir` (a reprint does not re-solve): the same data
 * `conclave build` gives templates/place-cards.typ, each card fingerprinted by its JSON. Undefined
 * when the event seats no session or no plan was built.
 */
export async function printedSeating(
  outDir: string,
  event: Event,
  theme: Theme,
): Promise<PrintedSeating | undefined> {
  const session = event.sessions.find((s) => s.seating === "assigned");
  if (!session) return undefined;
  const plan = await previousAssignment(outDir, event, session.id);
  if (!plan) return undefined;
  // assignment.csv lists seats in table and seat order; the seat map keeps that order and leaves
  // out the interpreters behind the head table, who sit on no seat and have no card.
  const seats = [...plan.seats].map(([delegate, seat]) => ({
    delegate,
    seat,
    table: plan.tables.get(delegate)!,
  }));
  const measurer = bundledMeasurer(fontSetsOfLanguages(event.config.languages));
  const templates = seatingData(event, session, theme);
  const problems: Diagnostic[] = [];
  const data = planPlaceCards(event, { seats }, measurer, problems);
  const cards = new Map<string, PrintedCard>();
  data.forEach((card, i) => {
    const d = event.delegateById.get(card.delegate)!;
    cards.set(d.id, {
      id: d.id,
      name: latinName(d),
      category: d.category,
      table: seats[i]!.table,
      fingerprint: sha256(JSON.stringify([theme, card])),
    });
  });
  const listData = templates.lists({ seats }, A4_LIST, "list", measurer, problems);
  return {
    session,
    cards,
    data,
    tableList: sha256(JSON.stringify(listData)),
    listData,
    problems,
    templates,
    seats,
  };
}

/** A table whose place cards a reprint prints again. */
export interface ChangedTable {
  /** As assignment.csv writes it: "head" or the printed number. */
  table: string;
  /** As the card prints it, in the event's default language ("Table 3"). */
  label: string;
  /** The card ids to print, in the order of the build's place-cards.pdf. */
  cards: string[];
}

/**
 * The tables that changed between the cards at the point and now: one where a card changed, was
 * added, or left (moved to another table, or its delegate gone). All cards of each such table are
 * printed again, so a table's set is replaced whole. With `ids` (`--delegates`), those delegates'
 * tables, whatever changed.
 */
export function changedTables(
  event: Event,
  before: ReadonlyMap<string, PrintedCard>,
  now: PrintedSeating,
  ids?: readonly string[],
): ChangedTable[] {
  const changes = compareFaces(before, now.cards, ids);
  const touched = new Set<string>();
  for (const p of changes.print) touched.add((p.face as PrintedCard).table);
  for (const d of changes.destroy) touched.add((d.face as PrintedCard).table);
  const out: ChangedTable[] = [];
  for (const s of now.seats) {
    if (!touched.has(s.table)) continue;
    let t = out.find((o) => o.table === s.table);
    if (!t) {
      t = { table: s.table, label: tableLabel(s.table, event.config.defaultLanguage), cards: [] };
      out.push(t);
    }
    t.cards.push(s.delegate);
  }
  return out;
}
