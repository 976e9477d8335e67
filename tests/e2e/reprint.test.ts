import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave } from "../helpers/cli.js";
import { copyOfExample, csvRows, setDelegateCell } from "../helpers/example-copy.js";
import { readPdf, squash } from "../helpers/pdf.js";

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await copyOfExample("conclave-reprint-"));
});
afterAll(async () => {
  await remove();
});

const setCell = (id: string, from: string, to: string) => setDelegateCell(dir, id, from, to);

describe("conclave reprint", () => {
  it("with no build in out/: a clear message, exit 2", () => {
    const r = conclave(["reprint", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no build in");
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("after 3 names changed (and a passport number): exactly those 3 badges, and their old versions to destroy", async () => {
    expect(conclave(["build", dir, "--only", "badges,seating"]).code).toBe(0);
    const same = conclave(["reprint", dir]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("Nothing to reprint");
    // Three delegates who speak at no session: their names are on their own badge only (a
    // speaker's name is on every back's programme at a glance, so it would reprint them all).
    await setCell("KR-003", "Yoo", "Yu");
    await setCell("KR-014", "Shin", "Shinn");
    await setCell("KR-043", "Choi", "Choe");
    // A change that prints nothing: a passport number.
    await setCell("KR-002", "M20168847", "M20168848");
    const r = conclave(["reprint", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const folder = path.join(dir, "out/reprint/001");
    expect(r.stdout).toContain("Reprint 001");
    const pdf = await readPdf(path.join(folder, "badges/badges.pdf"));
    const fronts = squash(pdf.text.filter((_, i) => i % 2 === 0).join(" "));
    // Every front carries the event's header once: three fronts, and they are these three.
    expect(fronts.split("CICON2023Korea").length - 1).toBe(3);
    for (const name of ["YuJi-min", "ShinnYoung-hee", "ChoeNa-rae"]) expect(fronts).toContain(name);
    for (const name of ["YooJi-min", "ShinYoung-hee", "ChoiNa-rae"]) expect(fronts).not.toContain(name);
    expect(await csvRows(path.join(folder, "list.csv"))).toEqual([
      "badge,print,KR-003,Yu Ji-min,vip,changed",
      "badge,print,KR-014,Shinn Young-hee,delegate,changed",
      "badge,print,KR-043,Choe Na-rae,delegate,changed",
      // Their invitation letters too (a letter is sent again, not destroyed).
      "letter,print,KR-003,Yu Ji-min,vip,changed",
      "letter,print,KR-014,Shinn Young-hee,delegate,changed",
      "letter,print,KR-043,Choe Na-rae,delegate,changed",
      // And the visa letters of the two who need one (KR-003 travels on an official passport,
      // exempt): the name on a visa letter changed with the rest.
      "visa-letter,print,KR-014,Shinn Young-hee,delegate,changed",
      "visa-letter,print,KR-043,Choe Na-rae,delegate,changed",
      // Their place cards: the whole set of each of their banquet tables, and the table list.
      "place-cards,print,head,Head table,,changed",
      "place-cards,print,2,Table 2,,changed",
      "place-cards,print,7,Table 7,,changed",
      "table-list,print,,,,changed",
      "badge,destroy,KR-003,Yoo Ji-min,vip,changed",
      "badge,destroy,KR-014,Shin Young-hee,delegate,changed",
      "badge,destroy,KR-043,Choi Na-rae,delegate,changed",
    ]);
    const list = squash((await readPdf(path.join(folder, "list.pdf"))).text.join(" "));
    const letters = path.join(folder, "letters/invitation");
    expect(existsSync(path.join(letters, "KR-043-Choe-Na-rae.pdf"))).toBe(true);
    // The three letters (Korean, in Hangul), by their document numbers, and nobody else's.
    const all = squash((await readPdf(path.join(letters, "all.pdf"))).text.join(" "));
    expect(
      all
        .match(/CICON2023\/INV\/[A-Z]{2}-\d{3}\d{4}년/g)
        ?.map((m) => m.slice(14, 20))
        .sort(),
    ).toEqual(["KR-003", "KR-014", "KR-043"]);
    for (const s of ["Reprint001", "ChoiNa-rae", "YooJi-min", "ShinYoung-hee", "destroy(3oldbadges)"])
      expect(list).toContain(s);
    expect(list).toContain("Visasupportletterstoprintandsendagain(2)");
    expect(list).toContain("Placecardstoreplace(3tables)");
    expect(r.stdout).toContain("print 2 visa support letters again: KR-043 (changed), KR-014 (changed)");
    const visa = path.join(folder, "letters/visa");
    expect(existsSync(path.join(visa, "all.pdf"))).toBe(true);
    const visaText = squash((await readPdf(path.join(visa, "all.pdf"))).text.join(" "));
    expect(visaText).not.toContain("Yu");
    for (const name of ["Shinn", "Choe"]) expect(visaText.toLowerCase()).toContain(name.toLowerCase());
  }, 120_000);

  it("--blanks 2 adds 2 blank badges in each category; --start-at 3 leaves positions 1–2 empty", async () => {
    const r = conclave(["reprint", dir, "--blanks", "2", "--start-at", "3"]);
    expect(r.code).toBe(0);
    const folder = path.join(dir, "out/reprint/002");
    const rows = await csvRows(path.join(folder, "list.csv"));
    const blanks = rows.filter((l) => l.endsWith(",blank"));
    const categories = [...new Set(blanks.map((l) => l.split(",")[4]))];
    expect(categories.length).toBeGreaterThan(2);
    for (const c of categories)
      expect(blanks.filter((l) => l === `badge,print,,,${c},blank`)).toHaveLength(2);
    // 3 named + 2 per category, from position 3 of a 4-up sheet.
    const badges = 3 + 2 * categories.length;
    const pdf = await readPdf(path.join(folder, "badges/badges.pdf"));
    expect(pdf.pages).toBe(2 * Math.ceil((badges + 2) / 4));
    expect(r.stdout).toContain(`${badges} badges on`);
    // The first sheet's front holds only positions 3 and 4: two badges (one header each).
    expect(squash(pdf.text[0]!).split("CICON2023Korea").length - 1).toBe(2);
    expect(squash(pdf.text[2]!).split("CICON2023Korea").length - 1).toBe(4);
  }, 120_000);

  it("--start-at past the sheet's positions: a clear message, exit 2", () => {
    const r = conclave(["reprint", dir, "--start-at", "5"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--start-at 5: a sheet of");
    expect(r.stderr).toContain("has 4 positions");
  });

  it("a build does not move the point; --done does, and then a reprint with no change: nothing to reprint, exit 0, no folder", () => {
    // A build in between does not move the point: the same three badges are still to reprint.
    expect(conclave(["build", dir, "--only", "badges,seating"]).code).toBe(0);
    const again = conclave(["reprint", dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Reprint 003");
    expect(again.stdout).toContain("print 3 badges");
    const done = conclave(["reprint", dir, "--done"]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("Reprint point moved");
    const r = conclave(["reprint", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Nothing to reprint");
    expect(existsSync(path.join(dir, "out/reprint/004"))).toBe(false);
    // The reprints made before stay in out/, which a build does not clean of them.
    expect(existsSync(path.join(dir, "out/reprint/001/list.pdf"))).toBe(true);
  }, 120_000);
});
