import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave } from "../helpers/cli.js";
import { copyOfExample, csvRows, setDelegateCell } from "../helpers/example-copy.js";
import { readPdf, squash } from "../helpers/pdf.js";

/**
 * Place cards and the table list in a reprint (docs/changes.md "What is reprinted"): a changed
 * name reprints the whole set of cards of that delegate's table and no other, the "find your
 * table" list with it; nothing changed for seating, no seating/ folder.
 */

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await copyOfExample("conclave-reprint-seating-"));
});
afterAll(async () => {
  await remove();
});

const setCell = (id: string, from: string, to: string) => setDelegateCell(dir, id, from, to);

/** The banquet plan the build wrote: table → delegate ids in seat order. */
async function plan(): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = await csvRows(path.join(dir, "out/seating/BANQUET/assignment.csv"));
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) {
    const [, table, seat, id, name] = r.split(",");
    if (seat === "behind") continue;
    out.set(table!, [...(out.get(table!) ?? []), { id: id!, name: name! }]);
  }
  return out;
}

describe("conclave reprint: place cards and table list", () => {
  it("nothing changed: nothing to reprint, no folder", () => {
    expect(conclave(["build", dir, "--only", "badges,seating"]).code).toBe(0);
    const r = conclave(["reprint", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Nothing to reprint");
    expect(existsSync(path.join(dir, "out/reprint"))).toBe(false);
  });

  it("one seated delegate's name changed: the cards of exactly that table, the table list, named in list.csv", async () => {
    const before = await plan();
    const table = [...before].find(([, seats]) => seats.some((s) => s.id === "KR-014"))![0];
    const mates = before.get(table)!;
    await setCell("KR-014", "Shin", "Shinn");
    const r = conclave(["reprint", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const folder = path.join(dir, "out/reprint/001");
    const pdf = await readPdf(path.join(folder, "seating/place-cards.pdf"));
    const text = squash(pdf.text.join(" "));
    // Three cards to an A4 sheet, one for each guest of the table (its set is replaced whole).
    expect(pdf.pages).toBe(Math.ceil(mates.length / 3));
    expect(text).toContain("ShinnYoung-hee");
    expect(text).not.toContain("ShinYoung-hee");
    // Names as the build's cards print them (a Latin name is on the side in a Latin language):
    // every such guest of the table is there, and no guest of another table.
    const built = squash(
      (await readPdf(path.join(dir, "out/seating/BANQUET/place-cards.pdf"))).text.join(" "),
    );
    const printed = (n: string) => built.includes(squash(n));
    const here = mates.filter((m) => m.id !== "KR-014" && printed(m.name));
    expect(here.length).toBeGreaterThan(0);
    for (const m of here) expect(text).toContain(squash(m.name));
    const elsewhere = [...before]
      .filter(([t]) => t !== table)
      .flatMap(([, s]) => s.filter((o) => printed(o.name)));
    expect(elsewhere.length).toBeGreaterThan(10);
    for (const o of elsewhere) expect(text).not.toContain(squash(o.name));
    const list = await readPdf(path.join(folder, "seating/table-list.pdf"));
    expect(squash(list.text.join(" "))).toContain("ShinnYoung-hee");
    const rows = await csvRows(path.join(folder, "list.csv"));
    expect(rows.filter((l) => /^(place-cards|table-list),/.test(l))).toEqual([
      `place-cards,print,${table},Table ${table},,changed`,
      "table-list,print,,,,changed",
    ]);
  });

  it("after --done, no change: nothing to reprint, no new folder", () => {
    expect(conclave(["reprint", dir, "--done"]).code).toBe(0);
    const r = conclave(["reprint", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Nothing to reprint");
    expect(existsSync(path.join(dir, "out/reprint/002"))).toBe(false);
  });

  it("a change that prints on no card (a passport number): no seating/ folder", async () => {
    await setCell("KR-002", "M20168847", "M20168848");
    const r = conclave(["reprint", dir]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "out/reprint/002/seating"))).toBe(false);
  });

  it("a point written before reprints had place cards: compared with the last build's", async () => {
    const file = path.join(dir, "out/.conclave/reprint.json");
    expect(conclave(["reprint", dir, "--done"]).code).toBe(0);
    const { cards, tableList, ...old } = JSON.parse(await readFile(file, "utf8"));
    expect(Object.keys(cards).length).toBeGreaterThan(10);
    expect(typeof tableList).toBe("string");
    await writeFile(file, JSON.stringify(old));
    const r = conclave(["reprint", dir]);
    expect(r.code).toBe(0);
    // The last build printed "Shin": KR-014's table is reprinted again, and no badge is.
    const n = r.stdout.match(/Reprint (\d{3})/)?.[1];
    expect(n).toBeDefined();
    const rows = await csvRows(path.join(dir, `out/reprint/${n}/list.csv`));
    expect(rows.map((l) => l.split(",")[0])).toEqual(["place-cards", "table-list"]);
  });

  it("a renamed guest whose name does not fit the card: the reprint warns, as the build would", async () => {
    expect(conclave(["reprint", dir, "--done"]).code).toBe(0);
    const long = `Shinn${"-Seo".repeat(30)}`;
    await setCell("KR-014", "Shinn", long);
    const r = conclave(["reprint", dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: KR-014: place cards: .* does not fit/);
    expect(r.stdout).toContain("replace the place cards of 1 table");
  });
});
