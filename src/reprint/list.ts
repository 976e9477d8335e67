import { writeCsv } from "../csv/write.js";
import type { Theme } from "../materials/common.js";
import { pick } from "../model/names.js";
import type { Event } from "../model/types.js";
import type { Category } from "../schema/delegates.js";
import type { ReprintChanges } from "./faces.js";

/** One line of list.csv / list.pdf. */
export interface ListRow {
  action: "print" | "destroy";
  id: string;
  name: string;
  category: Category;
  reason: "added" | "changed" | "removed" | "asked" | "blank";
}

const byId = (a: ListRow, b: ListRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The rows of the list: what to print (changed, added, blanks), then which old badges to destroy. */
export function listRows(
  changes: ReprintChanges,
  blanks: { category: Category; count: number }[],
): ListRow[] {
  const print: ListRow[] = changes.print.map((p) => ({
    action: "print",
    ...pickFace(p.face),
    reason: p.reason,
  }));
  const destroy: ListRow[] = changes.destroy.map((d) => ({
    action: "destroy",
    ...pickFace(d.face),
    reason: d.reason,
  }));
  const blank: ListRow[] = blanks.flatMap((b) =>
    Array.from({ length: b.count }, () => ({
      action: "print" as const,
      id: "",
      name: "",
      category: b.category,
      reason: "blank" as const,
    })),
  );
  return [...print.sort(byId), ...blank, ...destroy.sort(byId)];
}

const pickFace = (f: { id: string; name: string; category: Category }) => ({
  id: f.id,
  name: f.name,
  category: f.category,
});

/**
 * list.csv: one row per badge to print and per old badge to destroy.
 *
 * ```
 * action,id,name,category,reason
 * print,KR-003,Yoo Ji-min,vip,changed
 * print,,,delegate,blank
 * destroy,KR-003,Yu Ji-min,vip,changed
 * ```
 */
export function listCsv(changes: ReprintChanges, blanks: { category: Category; count: number }[]): string {
  return writeCsv(
    ["action", "id", "name", "category", "reason"],
    listRows(changes, blanks).map((r) => [r.action, r.id, r.name, r.category, r.reason]),
  );
}

/** What templates/reprint-list.typ receives. */
export function listData(
  event: Event,
  number: number,
  changes: ReprintChanges,
  blanks: { category: Category; count: number }[],
  theme: Theme,
) {
  const rows = listRows(changes, blanks);
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
    print: rows.filter((r) => r.action === "print" && r.reason !== "blank"),
    blanks,
    destroy: rows.filter((r) => r.action === "destroy"),
  };
}
