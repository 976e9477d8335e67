import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, conclave, root } from "../helpers/cli.js";
import { readPdf, squash } from "../helpers/pdf.js";

/*
 * Issue #23, "Injection": hostile values in real cells of one copy of the example event, one
 * build for all of them, every output read back. Values that validate must refuse or report (emoji, a
 * name of combining marks) get their own copies and a validate run each.
 */

const fixture = path.join(root, "fixtures/cicon-2023");
const STACK = /internal error|^\s+at /im;

type Table = { header: string[]; rows: string[][] };

async function readTable(dir: string, file: string): Promise<Table> {
  const [header, ...rows] = parse(await readFile(path.join(dir, file), "utf8"), { bom: true }) as string[][];
  return { header: header!, rows };
}
async function writeTable(dir: string, file: string, t: Table): Promise<void> {
  await writeFile(
    path.join(dir, file),
    stringify([t.header, ...t.rows], { record_delimiter: "windows", quoted: true }),
  );
}
const set = (t: Table, row: number, col: string, value: string) => {
  const i = t.header.indexOf(col);
  if (i < 0) throw new Error(`no column ${col}`);
  t.rows[row]![i] = value;
};
const col = (t: Table, name: string) => t.header.indexOf(name) + 1;

function clean(r: CliResult): void {
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stdout).not.toMatch(STACK);
}

async function files(dir: string, ext: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true });
  return all.filter((f) => f.endsWith(ext)).map((f) => path.join(dir, f));
}

// The hostile values, one delegate (row index into delegates.csv) or session each.
const TYPST = {
  given: '#read("/etc/passwd")',
  family: "$x^2$",
  organisation: "*bold* ] [ #set page(width: 1pt)",
};
const FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-1+1", "@SUM(A1)", "\tTabbed"];
const TYPST_TITLE = '#read("/etc/passwd") $x^2$ *bold* ] [ #set page(width: 1pt)';
const BIDI_RAW = "Ev\u202Eil\u200Bson";
const BIDI_CLEAN = "Evilson";
const LONG = "Abcdefghij".repeat(30);
const HTML_TITLES = ["<script>alert(1)</script> Keynote", "<img src=x onerror=alert(1)> Panel"];
const MD_TITLES = ["**x** [link](http://evil)", "# heading", "- listed"];
const ICS_EVIL = "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nATTENDEE:mailto:evil@example.com";

let tmp: string;
let event: string;
let out: string;
let delegates: Table;
let sessions: Table;
/** Row index of each hostile delegate. */
const rows = { typst: 0, bidi: 0, long: 0, formulas: [] as number[] };
let validateRun: CliResult;
let buildRun: CliResult;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-injection-"));
  event = path.join(tmp, "event");
  out = path.join(tmp, "out");
  await cp(fixture, event, { recursive: true });
  delegates = await readTable(event, "delegates.csv");
  sessions = await readTable(event, "sessions.csv");
  const s = delegates.header.indexOf("sessions");
  // Banquet guests who also receive a letter: the signatory (KR-006, letters.invitation.signatory.id) does not.
  const banquet = delegates.rows
    .map((r, i) => (r[s]!.includes("BANQUET") && r[0] !== "KR-006" ? i : -1))
    .filter((i) => i >= 0);
  const [typst, bidi, long, ...rest] = banquet;
  Object.assign(rows, { typst, bidi, long, formulas: rest.slice(0, FORMULAS.length) });
  // English letters and no native-script name, so the Latin name is what the PDFs print.
  for (const r of [typst!, bidi!, long!]) {
    set(delegates, r, "language", "en");
    set(delegates, r, "native_name", "");
  }
  set(delegates, rows.typst, "given_name", TYPST.given);
  set(delegates, rows.typst, "family_name", TYPST.family);
  set(delegates, rows.typst, "organisation", TYPST.organisation);
  set(delegates, rows.bidi, "given_name", BIDI_RAW);
  set(delegates, rows.long, "given_name", LONG);
  FORMULAS.forEach((f, i) => {
    const r = rows.formulas[i]!;
    set(delegates, r, "given_name", f);
    set(delegates, r, "name_order", "given-first");
    set(delegates, r, "organisation", f);
  });
  await writeTable(event, "delegates.csv", delegates);
  // Sessions: rows 1.. (row 0, registration, stays as it is).
  set(sessions, 1, "title", HTML_TITLES[0]!);
  set(sessions, 2, "title", HTML_TITLES[1]!);
  set(sessions, 3, "title", MD_TITLES[0]!);
  set(sessions, 4, "title", MD_TITLES[1]!);
  set(sessions, 5, "title", MD_TITLES[2]!);
  set(sessions, 6, "title", `Evil session${ICS_EVIL}`);
  set(sessions, 6, "description", `Evil description${ICS_EVIL}`);
  set(sessions, 8, "title", TYPST_TITLE);
  await writeTable(event, "sessions.csv", sessions);
  validateRun = conclave(["validate", event]);
  buildRun = conclave(["build", event, "--out", out]);
}, 180_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A delegate's letter, found by id (the file name is made from the name). */
async function letter(id: string): Promise<string> {
  const dir = path.join(out, "letters/invitation");
  const file = (await readdir(dir)).find((f) => f.startsWith(`${id}-`) && f.endsWith(".pdf"));
  if (!file) throw new Error(`no letter for ${id}`);
  return path.join(dir, file);
}
const pdfText = async (file: string) => (await readPdf(file)).text.join(" ");
const idOf = (row: number) => delegates.rows[row]![0]!;

/** Runs validate on a fresh copy whose first delegate has `given` as given_name. */
async function validateGiven(name: string, given: string): Promise<CliResult> {
  const dir = path.join(tmp, name);
  await cp(fixture, dir, { recursive: true });
  const t = await readTable(dir, "delegates.csv");
  set(t, 0, "given_name", given);
  await writeTable(dir, "delegates.csv", t);
  const r = conclave(["validate", dir]);
  clean(r);
  return r;
}

describe("hostile values in one event: validate and build", () => {
  it("validate and build accept the event, without a stack trace", () => {
    clean(validateRun);
    clean(buildRun);
    expect(validateRun.code, validateRun.stderr + validateRun.stdout).toBe(0);
    expect(buildRun.code, buildRun.stderr).toBe(0);
  });

  it("Typst markup in a name and an organisation is printed literally in badges, letter and personal agenda", async () => {
    const id = idOf(rows.typst);
    const badges = await readPdf(path.join(out, "badges/badges.pdf"));
    const texts = [
      squash(badges.text.join(" ")),
      squash(await pdfText(await letter(id))),
      squash(await pdfText(path.join(out, `agenda/personal/${id}.pdf`))),
    ];
    for (const text of texts) {
      expect(text).toContain(squash(TYPST.given));
      expect(text).toContain(squash(TYPST.family));
      expect(text).not.toContain("root:x:0:0");
    }
    expect(texts[0]).toContain(squash(TYPST.organisation));
    expect(texts[1]).toContain(squash(TYPST.organisation));
    // `#set page(width: 1pt)` was not run: every page keeps its size.
    for (const size of badges.sizes) expect(size.width).toBeGreaterThan(100);
    for (const size of (await readPdf(await letter(id))).sizes) expect(size.width).toBeGreaterThan(100);
  });

  it("Typst markup, HTML and Markdown in session titles are printed literally in the programme PDF", async () => {
    const pdf = await readPdf(path.join(out, "agenda/programme.en.pdf"));
    const text = squash(pdf.text.join(" "));
    for (const t of [TYPST_TITLE, ...HTML_TITLES, ...MD_TITLES]) expect(text).toContain(squash(t));
    expect(text).not.toContain("root:x:0:0");
    for (const size of pdf.sizes) expect(size.width).toBeGreaterThan(100);
  });

  it("HTML in a session title is escaped in programme.md and literal in programme.json", async () => {
    const md = await readFile(path.join(out, "agenda/programme.md"), "utf8");
    expect(md).not.toMatch(/(^|[^\\])<(script|img)/im);
    expect(md).toContain("\\<script\\>alert\\(1\\)\\</script\\> Keynote");
    expect(md).toContain("\\<img src=x onerror=alert\\(1\\)\\> Panel");
    const json = await readFile(path.join(out, "agenda/programme.json"), "utf8");
    const titles = [...json.matchAll(/"title": ("(?:[^"\\]|\\.)*")/g)].map(
      (m) => JSON.parse(m[1]!) as string,
    );
    for (const t of HTML_TITLES) expect(titles).toContain(t);
    expect(JSON.parse(json)).toBeTypeOf("object");
  });

  it("line breaks in a session title and description add no VEVENT and no ATTENDEE to any .ics", async () => {
    // The title's CR/LF are removed on reading (a warning); the description keeps them as text.
    expect(validateRun.stdout + validateRun.stderr).toMatch(
      /sessions\.csv:8:2 warning invisible-character title contains invisible characters \(U\+000D CARRIAGE RETURN, U\+000A LINE FEED\)/,
    );
    const all = await files(out, ".ics");
    expect(all.length).toBe(141);
    for (const file of all) {
      const text = await readFile(file, "utf8");
      expect(text, file).not.toMatch(/^ATTENDEE/m);
      const begins = text.match(/^BEGIN:VEVENT\r?$/gm)?.length ?? 0;
      const uids = text.match(/^UID:/gm)?.length ?? 0;
      const parsed = new ICAL.Component(ICAL.parse(text));
      const events = parsed.getAllSubcomponents("vevent");
      expect(events.length, file).toBe(begins);
      expect(uids, file).toBe(begins);
      for (const e of events) expect(e.getAllProperties("attendee")).toHaveLength(0);
      if (file.endsWith("programme.ics")) {
        expect(begins).toBe(sessions.rows.length);
        const evil = events.find(
          (e) => e.getFirstPropertyValue("uid") === `${sessions.rows[6]![0]}@cicon-2023.conclave`,
        );
        expect(evil?.getFirstPropertyValue("summary")).toBe(
          "Evil session END:VEVENT BEGIN:VEVENT ATTENDEE:mailto:evil@example.com",
        );
        expect(String(evil?.getFirstPropertyValue("description"))).toContain(
          "Evil description\nEND:VEVENT\nBEGIN:VEVENT\nATTENDEE:mailto:evil@example.com",
        );
      }
    }
  });

  it("formula starts in names get a leading apostrophe in every CSV written; a tab is removed on reading", async () => {
    const all = await files(out, ".csv");
    expect(all.map((f) => path.relative(out, f)).sort()).toEqual([
      "letters/invitation/mailing.csv",
      "protocol/caterer.csv",
      "protocol/protocol-list.csv",
      "seating/BANQUET/assignment.csv",
    ]);
    for (const file of all) {
      const [header, ...body] = parse(await readFile(file, "utf8"), { bom: true }) as string[][];
      const name = header!.indexOf("name");
      for (const row of body) for (const cell of row) expect(cell, file).not.toMatch(/^[=+\-@\t\r]/);
      // The protocol lists name only ranked guests (and the caterer's, guests with a dietary need).
      if (path.relative(out, file).startsWith("protocol")) continue;
      const byId = new Map(
        body.map((r) => [r[header!.indexOf(header!.includes("id") ? "id" : "delegate_id")]!, r]),
      );
      FORMULAS.slice(0, 4).forEach((f, i) => {
        const row = byId.get(idOf(rows.formulas[i]!));
        expect(row, `${file} ${f}`).toBeDefined();
        expect(row![name]!.startsWith(`'${f} `), `${file}: ${row![name]}`).toBe(true);
      });
      expect(byId.get(idOf(rows.formulas[4]!))?.[name]).toMatch(/^Tabbed /);
    }
    expect(validateRun.stdout + validateRun.stderr).toContain(
      `delegates.csv:${rows.formulas[4]! + 2}:${col(delegates, "given_name")} warning invisible-character given_name contains invisible characters (U+0009 TAB)`,
    );
  });

  it("Markdown in a session title is escaped in programme.md", async () => {
    const md = await readFile(path.join(out, "agenda/programme.md"), "utf8");
    expect(md).toContain("\\*\\*x\\*\\* \\[link\\]\\(http://evil\\)");
    expect(md).toContain("\\# heading");
    expect(md).toContain("\\- listed");
    expect(md).not.toContain("[link](http://evil)");
    expect(md).not.toMatch(/^(# heading|- listed)/m);
  });

  it("bidi override and zero-width space in a name are removed with a warning and absent from the PDFs", async () => {
    expect(validateRun.stdout + validateRun.stderr).toContain(
      `delegates.csv:${rows.bidi + 2}:${col(delegates, "given_name")} warning invisible-character given_name contains invisible characters (U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE); they were removed`,
    );
    const id = idOf(rows.bidi);
    const texts = [
      (await readPdf(path.join(out, "badges/badges.pdf"))).text.join(" "),
      await pdfText(await letter(id)),
      await pdfText(path.join(out, `agenda/personal/${id}.pdf`)),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/[\u202e\u200b]/);
      expect(squash(text)).toContain(BIDI_CLEAN);
    }
    for (const f of ["programme.md", "programme.json", "programme.ics"]) {
      expect(await readFile(path.join(out, "agenda", f), "utf8")).not.toMatch(/[\u202e\u200b]/);
    }
  });

  it("a 300-letter name builds: badge, letter and personal agenda written, the letter shows it", async () => {
    const id = idOf(rows.long);
    expect(squash(await pdfText(await letter(id)))).toContain(LONG.slice(0, 20));
    expect(squash(await pdfText(path.join(out, `agenda/personal/${id}.pdf`)))).toContain(LONG.slice(0, 20));
    expect(squash((await readPdf(path.join(out, "badges/badges.pdf"))).text.join(" "))).toContain(
      LONG.slice(0, 20),
    );
  });
});

describe("hostile values that validate must refuse or report", () => {
  it("an emoji in a name: a missing-glyph error at file:line:column, exit 1", async () => {
    const r = await validateGiven("emoji", "Party🎉");
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(
      'delegates.csv:2:3 error missing-glyph given_name has a character that no configured font can print: "🎉" (U+1F389)',
    );
  });

  it("a name of combining marks only: a name-without-letters warning at file:line:column, exit 0, no stack trace", async () => {
    const r = await validateGiven("combining", "\u0301\u0302\u0303");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain(
      "delegates.csv:2:3 warning name-without-letters given_name has no letter, only combining marks (U+0301 U+0302 U+0303) with nothing to sit on",
    );
    expect(r.stdout + r.stderr).toContain("0 errors, 1 warning");
  });

  it("a name starting with a CR (quoted cell): the CR is removed with an invisible-character warning", async () => {
    const r = await validateGiven("cr", "\rCarriage");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain(
      "delegates.csv:2:3 warning invisible-character given_name contains invisible characters (U+000D CARRIAGE RETURN); they were removed",
    );
  });
});
