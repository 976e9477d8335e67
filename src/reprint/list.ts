import { writeCsv } from "../csv/write.js";
import type { Theme } from "../materials/common.js";
import { pick } from "../model/names.js";
import type { Event } from "../model/types.js";
import type { Category } from "../schema/delegates.js";
import type { ChangedTable } from "./cards.js";
import type { ReprintChanges } from "./faces.js";

/** One line of list.csv / list.pdf. */
export interface ListRow {
  material: "badge" | "letter" | "visa-letter" | "place-cards" | "table-list";
  action: "print" | "destroy";
  /** A delegate's id; for place cards, the table as assignment.csv writes it ("head", "3"). */
  id: string;
  /** A delegate's name; for place cards, the table as the card prints it ("Table 3"). */
  name: string;
  /** Empty for place cards and the table list, which are no one's. */
  category: Category | "";
  reason: "added" | "changed" | "removed" | "asked" | "blank";
}

type Blanks = { category: Category; count: number }[];

/** The seating part of a reprint: the tables whose cards to replace, and whether the list changed. */
export interface SeatingReprint {
  tables: ChangedTable[];
  tableList: boolean;
}

const byId = (a: ListRow, b: ListRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const row = (
  material: ListRow["material"],
  action: ListRow["action"],
  f: { id: string; name: string; category: Category | "" },
  reason: ListRow["reason"],
): ListRow => ({ material, action, id: f.id, name: f.name, category: f.category, reason });

/**
 * The rows of the list: badges to print (changed, added, asked), the blanks, the letters to print
 * again, then which old badges to destroy.
 */
export function listRows(
  changes: ReprintChanges,
  blanks: Blanks,
  letters: ReprintChanges["print"] = [],
  visa: ReprintChanges["print"] = [],
  seating: SeatingReprint = { tables: [], tableList: false },
): ListRow[] {
  const print = changes.print.map((p) => row("badge", "print", p.face, p.reason));
  const blank = blanks.flatMap((b) =>
    Array.from({ length: b.count }, () =>
      row("badge", "print", { id: "", name: "", category: b.category }, "blank"),
    ),
  );
  const mail = letters.map((l) => row("letter", "print", l.face, l.reason));
  const visas = visa.map((l) => row("visa-letter", "print", l.face, l.reason));
  // A table's cards are replaced whole (its old set taken off the table), in the plan's order.
  const cards = seating.tables.map((t) =>
    row("place-cards", "print", { id: t.table, name: t.label, category: "" }, "changed"),
  );
  const list = seating.tableList
    ? [row("table-list", "print", { id: "", name: "", category: "" }, "changed")]
    : [];
  const destroy = changes.destroy.map((d) => row("badge", "destroy", d.face, d.reason));
  return [
    ...print.sort(byId),
    ...blank,
    ...mail.sort(byId),
    ...visas.sort(byId),
    ...cards,
    ...list,
    ...destroy.sort(byId),
  ];
}

/**
 * list.csv: one row per badge and letter to print and per old badge to destroy.
 *
 * ```
 * material,action,id,name,category,reason
 * badge,print,KR-003,Yu Ji-min,vip,changed
 * badge,print,,,delegate,blank
 * letter,print,KR-003,Yu Ji-min,vip,changed
 * visa-letter,print,VN-021,Tran Van Minh,delegate,changed
 * place-cards,print,3,Table 3,,changed
 * table-list,print,,,,changed
 * badge,destroy,KR-003,Yoo Ji-min,vip,changed
 * ```
 */
export function listCsv(
  changes: ReprintChanges,
  blanks: Blanks,
  letters: ReprintChanges["print"] = [],
  visa: ReprintChanges["print"] = [],
  seating?: SeatingReprint,
): string {
  return writeCsv(
    ["material", "action", "id", "name", "category", "reason"],
    listRows(changes, blanks, letters, visa, seating).map((r) => [
      r.material,
      r.action,
      r.id,
      r.name,
      r.category,
      r.reason,
    ]),
  );
}

/** What templates/reprint-list.typ receives. */
export function listData(
  event: Event,
  number: number,
  changes: ReprintChanges,
  blanks: Blanks,
  letters: ReprintChanges["print"],
  theme: Theme,
  visa: ReprintChanges["print"] = [],
  seating?: SeatingReprint,
) {
  const rows = listRows(changes, blanks, letters, visa, seating);
  const lang = event.config.defaultLanguage;
  const name = pick(event.config.name, "en", lang) ?? "";
  const nnn = String(number).padStart(3, "0");
  // The list is for the secretariat's desk: English, as the rest of conclave's own messages.
  return {
    lang: "en",
    pdf_title: `${event.config.short_name ?? name} — Reprint ${nnn}`,
    theme,
    event: name,
    number: nnn,
    print: rows.filter((r) => r.material === "badge" && r.action === "print" && r.reason !== "blank"),
    letters: rows.filter((r) => r.material === "letter"),
    visa: rows.filter((r) => r.material === "visa-letter"),
    tables: rows.filter((r) => r.material === "place-cards"),
    table_list: rows.some((r) => r.material === "table-list"),
    blanks,
    destroy: rows.filter((r) => r.action === "destroy"),
  };
}
