import { describe, expect, it } from "vitest";
import { changedTables, type PrintedCard, type PrintedSeating } from "../../src/reprint/cards.js";
import { check, delegate } from "../helpers/make.js";

/**
 * Which tables' place cards a reprint prints (docs/changes.md "What is reprinted"): a table where
 * a card changed, was added or left; all its cards, in the plan's order.
 */

const r = check({ delegates: ["KR-1", "KR-2", "KR-3", "KR-4", "KR-5", "KR-6"].map((id) => delegate(id)) });
if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
const event = r.event;

const card = (id: string, table: string, fingerprint = `${id}@${table}`): PrintedCard => ({
  id,
  name: id,
  category: "delegate",
  table,
  fingerprint,
});
const cards = (list: PrintedCard[]) => new Map(list.map((c) => [c.id, c]));
/** The seating now: the cards in plan order (table, then seat), as printedSeating gives them. */
const seating = (list: PrintedCard[]) =>
  ({
    cards: cards(list),
    seats: list.map((c, i) => ({ delegate: c.id, table: c.table, seat: i + 1 })),
  }) as unknown as PrintedSeating;

const before = cards([
  card("KR-1", "1"),
  card("KR-2", "1"),
  card("KR-3", "2"),
  card("KR-4", "3"),
  card("KR-5", "4"),
]);

describe("changedTables", () => {
  it("nothing changed: no table", () => {
    expect(changedTables(event, before, seating([...before.values()]))).toEqual([]);
  });

  it("a card moved: both its old and its new table, whole; a table left empty has nothing to print", () => {
    const now = seating([card("KR-1", "1"), card("KR-3", "2"), card("KR-2", "2"), card("KR-4", "3")]);
    expect(changedTables(event, before, now)).toEqual([
      { table: "1", label: "Table 1", cards: ["KR-1"] },
      { table: "2", label: "Table 2", cards: ["KR-3", "KR-2"] },
    ]);
  });

  it("a changed card, and an added one, mark their tables", () => {
    const now = seating([
      card("KR-1", "1"),
      card("KR-2", "1"),
      card("KR-3", "2"),
      card("KR-4", "3", "renamed"),
      card("KR-5", "4"),
      card("KR-6", "4"),
    ]);
    expect(changedTables(event, before, now).map((t) => [t.table, t.cards])).toEqual([
      ["3", ["KR-4"]],
      ["4", ["KR-5", "KR-6"]],
    ]);
  });

  it("--delegates: those delegates' tables, whatever changed", () => {
    expect(changedTables(event, before, seating([...before.values()]), ["KR-3"])).toEqual([
      { table: "2", label: "Table 2", cards: ["KR-3"] },
    ]);
  });
});
