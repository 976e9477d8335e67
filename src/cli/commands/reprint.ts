import path from "node:path";
import { type ReprintOptions, reprintEventFolder } from "../../reprint/run.js";
import type { Ui } from "../ui.js";

/** A path as the user would type it: relative below the working directory, else absolute. */
const shown = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
};

/**
 * `conclave reprint [dir]`: the badges whose printed face changed since the reprint point, into
 * out/reprint/<NNN>/ with list.csv and list.pdf; `--done` moves the point. Exit 0 (also when
 * there is nothing to reprint); 1 invalid data; 2 no build yet, or usage.
 *
 * ```
 * Reprint 001 → out/reprint/001
 *   print 3 badges: KR-003 (changed), KR-014 (changed), VN-002 (changed)
 *   destroy 3 old badges: KR-003 Yoo Ji-min, KR-014 Shin Young-hee, VN-002 Nguyen Van An
 *   3 badges on 1 sheet (A4 6-up, duplex, 2 pages) → out/reprint/001/badges/badges.pdf
 * When printed and the old ones are out of the boxes: conclave reprint --done
 * ```
 */
export async function reprintCommand(dir: string, options: ReprintOptions, ui: Ui): Promise<number> {
  const r = await reprintEventFolder(dir, options);
  if (r.kind === "done") {
    ui.out(
      `Reprint point moved: ${r.faces} badges as they are now count as printed (${shown(path.join(r.out, ".conclave", "reprint.json"))}).`,
    );
    if (r.revisions > 0)
      ui.out(
        `Signed codes: ${r.revisions} reprinted badge${r.revisions === 1 ? "" : "s"} now current in badge-revisions.csv; \`conclave checkin verify\` refuses the old ones. Make the door's files again (\`conclave checkin lists\`) and give them to the door: until then its check-in page takes the old badges too.`,
      );
    return 0;
  }
  if (r.kind === "nothing") {
    ui.out(`Nothing to reprint: no badge, letter or place card changed since ${r.since}.`);
    return 0;
  }
  const { print, destroy } = r.changes;
  ui.out(`Reprint ${String(r.number).padStart(3, "0")} → ${shown(r.folder)}`);
  const few = <T>(items: T[], f: (x: T) => string) =>
    `${items.slice(0, 10).map(f).join(", ")}${items.length > 10 ? ` and ${items.length - 10} more` : ""}`;
  if (print.length > 0)
    ui.out(
      `  print ${print.length} badge${print.length === 1 ? "" : "s"}: ${few(print, (p) => `${p.face.id} (${p.reason})`)}`,
    );
  for (const b of r.blanks) ui.out(`  ${b.count} blank ${b.category} badge${b.count === 1 ? "" : "s"}`);
  if (destroy.length > 0)
    ui.out(
      `  destroy ${destroy.length} old badge${destroy.length === 1 ? "" : "s"}: ${few(destroy, (d) => `${d.face.id} ${d.face.name}`)}`,
    );
  if (r.letters.length > 0)
    ui.out(
      `  print ${r.letters.length} invitation letter${r.letters.length === 1 ? "" : "s"} again: ${few(r.letters, (l) => `${l.face.id} (${l.reason})`)}`,
    );
  if (r.visa.length > 0)
    ui.out(
      `  print ${r.visa.length} visa support letter${r.visa.length === 1 ? "" : "s"} again: ${few(r.visa, (l) => `${l.face.id} (${l.reason})`)}`,
    );
  if (r.tables.length > 0) {
    const cards = r.tables.reduce((n, t) => n + t.cards.length, 0);
    ui.out(
      `  replace the place cards of ${r.tables.length} table${r.tables.length === 1 ? "" : "s"} (${cards} card${cards === 1 ? "" : "s"}): ${few(r.tables, (t) => t.label)} → ${shown(path.join(r.folder, "seating", "place-cards.pdf"))}`,
    );
  }
  if (r.tableList)
    ui.out(`  print the table list again → ${shown(path.join(r.folder, "seating", "table-list.pdf"))}`);
  if (r.badges) ui.out(`  ${r.badges.summary.replace(r.folder, shown(r.folder))}`);
  if (r.lettersResult) ui.out(`  ${r.lettersResult.summary.replace(r.folder, shown(r.folder))}`);
  if (r.visaResult) ui.out(`  ${r.visaResult.summary.replace(r.folder, shown(r.folder))}`);
  ui.out(`  list of what to print and destroy → ${shown(path.join(r.folder, "list.pdf"))} (and list.csv)`);
  for (const p of [...(r.badges?.problems ?? []), ...r.seatingProblems]) ui.log(`  warning: ${p.message}`);
  ui.out("When printed and the old badges are out of the boxes: conclave reprint --done");
  return 0;
}
