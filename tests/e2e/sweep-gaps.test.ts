/**
 * Cases of issue #23's hostile sweep that had no test through the command line: each one runs
 * bin/conclave.js on a copy of the example event, made hostile one way, and pins the exit code
 * and the report (file, line, column, message, hint) a user would see, and what was written.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { type CliResult, conclave } from "../helpers/cli.js";
import { copyOfExample } from "../helpers/example-copy.js";
import { readPdf } from "../helpers/pdf.js";

const copies: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map((remove) => remove()));
});

/** A fresh copy of the example: `tmp` holds only `dir` (the event folder), nothing else. */
async function example(): Promise<{ tmp: string; dir: string }> {
  const copy = await copyOfExample("conclave-sweep-gaps-");
  copies.push(copy.remove);
  return copy;
}

/** Rewrites the data row of `id` (its line starts with `id,`) in one of the event's CSV files. */
async function editRow(file: string, id: string, edit: (line: string) => string): Promise<void> {
  const lines = (await readFile(file, "utf8")).split("\n");
  const i = lines.findIndex((l) => l.startsWith(`${id},`));
  expect(i, `${id} in ${file}`).toBeGreaterThan(0);
  const edited = edit(lines[i]!);
  expect(edited, `the edit of ${id} changed nothing`).not.toBe(lines[i]);
  lines[i] = edited;
  await writeFile(file, lines.join("\n"));
}

const printed = (r: CliResult) => r.stdout + r.stderr;

/** No stack trace and no "please report": every case here is the user's to fix. */
function expectNoCrash(r: CliResult): void {
  expect(printed(r)).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(printed(r)).not.toMatch(/internal error|please report/i);
}

/** Every entry under a folder, relative, hidden ones and links included. */
async function tree(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true, withFileTypes: true });
  return all.map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

// The example's last two delegates: secretariat staff nobody else refers to (no session, seat
// or signature), so changing their cells touches nothing but their own row.
const LINE_VN_039 = 140;
const LINE_VN_040 = 141;

describe("Excel CP949 through conclave validate", () => {
  it("reads a Korean Excel file and says the encoding was guessed, with the hint to fix it", async () => {
    const { dir } = await example();
    const file = path.join(dir, "delegates.csv");
    // Korean Excel's "CSV" is CP949 with CRLF. CP949 has no Vietnamese tone letters, so the names
    // are written as a Korean office would have them: without the marks.
    const text = (await readFile(file, "utf8"))
      .replace(/[^\x00-\x7f]/g, (c) =>
        iconv.decode(iconv.encode(c, "cp949"), "cp949") === c
          ? c
          : c.normalize("NFD").replace(/\p{M}/gu, "").replace("Đ", "D").replace("–", "-"),
      )
      .replace(/\n/g, "\r\n");
    expect(text).toContain("문승민");
    const bytes = iconv.encode(text, "cp949");
    expect(iconv.decode(bytes, "cp949")).toBe(text);
    expect(bytes.includes(Buffer.from("문승민"))).toBe(false);
    await writeFile(file, bytes);

    const r = conclave(["validate", dir]);
    expect(r.code, printed(r)).toBe(0);
    expect(r.stdout).toContain(
      "delegates.csv warning encoding-guessed decoded as cp949 (Korean Excel's CP949, detected from its bytes)\n" +
        '  hint: Check a few names with accents or Hangul in the output; if they read wrong, name the encoding under encodings.delegates in event.yaml (utf-16le, utf-16be, windows-1252, windows-1258); save as "CSV UTF-8" to silence this.',
    );
    // The only warning: no cell lost letters to "?" (excel-damage, as the Vietnamese ones would
    // have) or holds what no font prints; that the Hangul reads right is tests/csv/decode.test.ts.
    expect(r.stdout).toMatch(/^0 errors, 1 warning in 1 file$/m);
    expect(r.stderr).toContain(
      "Checked 140 delegates, 7 rooms, 14 sessions (decoded delegates.csv as cp949)",
    );
    expectNoCrash(r);
  });
});

describe("a zero-width joiner (U+200D) in a name", () => {
  // VN-040's badge prints her Vietnamese name, and no other delegate has the same one.
  const pasted = async () => {
    const { dir } = await example();
    await editRow(path.join(dir, "delegates.csv"), "VN-040", (l) =>
      l.replace(",Nguyễn Kim Oanh,", ",Nguyễn Ki\u200dm Oanh,"),
    );
    return dir;
  };
  const removed =
    `delegates.csv:${LINE_VN_040}:5 warning invisible-character native_name contains invisible characters (U+200D ZERO WIDTH JOINER); they were removed\n` +
    "  hint: These usually come from copying out of a web page or PDF; retype the value to be sure.";

  it("pasted into a Vietnamese name (Latin script): validate removes it with a warning at its line and column, exit 0", async () => {
    const v = conclave(["validate", await pasted()]);
    expect(v.code, printed(v)).toBe(0);
    expect(v.stdout).toContain(removed);
    expect(v.stdout).toMatch(/^0 errors, 1 warning in 1 file$/m);
    expectNoCrash(v);
  });

  it("pasted into a Vietnamese name (Latin script): build --only badges says so too and prints the name without it", async () => {
    const dir = await pasted();
    const b = conclave(["build", dir, "--only", "badges"]);
    expect(b.code, printed(b)).toBe(0);
    expect(printed(b)).toContain(removed);
    const badges = (await readPdf(path.join(dir, "out/badges/badges.pdf"))).text.join("\n");
    expect(badges).not.toContain("\u200d");
    expect(badges).toContain("Nguyễn Kim Oanh");
    expectNoCrash(b);
  });

  it("kept inside a Sinhala name (its spelling needs it), removed from an emoji sequence", async () => {
    const { dir } = await example();
    const file = path.join(dir, "delegates.csv");
    // ශ්‍රී: the joiner makes the "rakaransaya" conjunct; without it the name is misspelt.
    await editRow(file, "VN-039", (l) => l.replace(",Dương Đức Thắng,", ",ශ්\u200dරී,"));
    // 👩‍💻 is one emoji with the joiner, two without: neither is a letter of a name.
    await editRow(file, "VN-040", (l) => l.replace(",Kim Oanh,", ",Kim Oanh \u{1f469}\u200d\u{1f4bb},"));

    const v = conclave(["validate", dir]);
    expect(v.code, printed(v)).toBe(1);
    // The Sinhala cell keeps its joiner: no invisible-character warning, and the only problem is
    // the one any Sinhala name has with the example's fonts (Pretendard has no Sinhala).
    expect(v.stdout).not.toMatch(new RegExp(`:${LINE_VN_039}:\\d+ warning invisible-character`));
    expect(v.stdout).toContain(
      `delegates.csv:${LINE_VN_039}:5 error missing-glyph native_name has characters that no configured font can print: "ශ" (U+0DC1), "්" (U+0DCA), "ර" (U+0DBB), "ී" (U+0DD3)\n` +
        "  hint: Fonts in use: Pretendard. Replace the character, or add a font that has it under fonts: in event.yaml.",
    );
    // The emoji's joiner is removed and named; the emoji themselves cannot be printed.
    expect(v.stdout).toContain(
      `delegates.csv:${LINE_VN_040}:3 warning invisible-character given_name contains invisible characters (U+200D ZERO WIDTH JOINER); they were removed`,
    );
    expect(v.stdout).toContain(
      `delegates.csv:${LINE_VN_040}:3 error missing-glyph given_name has characters that no configured font can print: "👩" (U+1F469), "💻" (U+1F4BB)`,
    );
    expect(v.stdout).toMatch(/^2 errors, 1 warning in 1 file$/m);

    const b = conclave(["build", dir, "--only", "badges"]);
    expect(b.code, printed(b)).toBe(1);
    expect(b.stderr).toContain("The data has 2 errors: nothing was built");
    expect(existsSync(path.join(dir, "out"))).toBe(false);
    expectNoCrash(b);
  });
});

describe("delegate ids that are paths", () => {
  it("../../etc/x and a/b: a type-error at each id with the allowed form, and nothing written anywhere", async () => {
    const { tmp, dir } = await example();
    const file = path.join(dir, "delegates.csv");
    await editRow(file, "VN-039", (l) => l.replace(/^VN-039,/, "a/b,"));
    await editRow(file, "VN-040", (l) => l.replace(/^VN-040,/, "../../etc/x,"));
    const before = await tree(tmp);

    const r = conclave(["build", dir, "--only", "badges,letters"]);
    expect(r.code, printed(r)).toBe(1);
    const hint =
      "  hint: Use letters, digits, '-', '_' or '.', starting with a letter or digit, at most 64 characters (e.g. KR-001).";
    expect(r.stderr).toContain(
      `delegates.csv:${LINE_VN_039}:1 error type-error id: "a/b" is not a valid id\n${hint}`,
    );
    expect(r.stderr).toContain(
      `delegates.csv:${LINE_VN_040}:1 error type-error id: "../../etc/x" is not a valid id\n${hint}`,
    );
    expect(r.stderr).toContain("The data has 2 errors: nothing was built");
    // Not even out/: the ids are refused before any folder is made, so no letter can land in
    // <tmp>/etc (out/../../etc) or in a folder "a" beside the letters.
    expect(await tree(tmp)).toEqual(before);
    expectNoCrash(r);
  });
});

describe("--out that would write somewhere else than a folder of its own", () => {
  it("--out /: refused as containing the event folder, exit 2, nothing written to /", async () => {
    const { dir } = await example();
    const traces = ["/manifest.json", "/.conclave", "/badges"];
    const existed = traces.filter((p) => existsSync(p));
    const r = conclave(["build", dir, "--only", "badges", "--out", "/"]);
    expect(r.code, printed(r)).toBe(2);
    expect(r.stderr).toContain(
      "error: the output folder / contains the event folder\nhint: Choose another --out, such as <event>/out (the default).",
    );
    expect(traces.filter((p) => existsSync(p))).toEqual(existed);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
    expectNoCrash(r);
  });

  it("--out a symlink to a folder outside the event folder: refused, exit 2, the folder untouched", async () => {
    const { tmp, dir } = await example();
    const elsewhere = path.join(tmp, "photos");
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, "holiday.jpg"), "not a conclave file");
    await symlink(elsewhere, path.join(tmp, "print"));

    const r = conclave(["build", dir, "--only", "badges", "--out", path.join(tmp, "print")]);
    expect(r.code, printed(r)).toBe(2);
    expect(r.stderr).toContain(
      `error: the output folder ${path.join(tmp, "print")} is a symbolic link to ${elsewhere}; conclave never writes through links\n` +
        `hint: Pass the folder itself (--out ${elsewhere}), or remove the link and run again.`,
    );
    expect(await tree(elsewhere)).toEqual(["holiday.jpg"]);
    expect(await readFile(path.join(elsewhere, "holiday.jpg"), "utf8")).toBe("not a conclave file");
    expect(existsSync(path.join(dir, "out"))).toBe(false);
    expectNoCrash(r);
  });

  it("an out link inside the event folder (the default --out) and a dangling link: refused alike", async () => {
    const { tmp, dir } = await example();
    const elsewhere = path.join(tmp, "photos");
    await mkdir(elsewhere);
    // An event folder shared through git or a zip can hold `out -> somewhere`.
    await symlink(elsewhere, path.join(dir, "out"));
    const r = conclave(["build", dir, "--only", "badges"]);
    expect(r.code, printed(r)).toBe(2);
    expect(r.stderr).toContain(
      `error: the output folder ${path.join(dir, "out")} is a symbolic link to ${elsewhere}; conclave never writes through links`,
    );
    expect(await tree(elsewhere)).toEqual([]);

    const gone = path.join(tmp, "gone");
    await symlink(path.join(tmp, "not-made-yet"), gone);
    const d = conclave(["build", dir, "--only", "badges", "--out", gone]);
    expect(d.code, printed(d)).toBe(2);
    expect(d.stderr).toContain(
      `error: the output folder ${gone} is a symbolic link to ${path.join(tmp, "not-made-yet")}`,
    );
    expect(existsSync(path.join(tmp, "not-made-yet"))).toBe(false);
    expectNoCrash(d);
  });
});

describe("a time zone that does not exist", () => {
  it("timezone: Asia/Atlantis is an event-config error at its line and column, with the form and a hint", async () => {
    const { dir } = await example();
    const file = path.join(dir, "event.yaml");
    const yaml = await readFile(file, "utf8");
    expect(yaml).toContain("\ntimezone: Asia/Ho_Chi_Minh\n");
    await writeFile(file, yaml.replace("\ntimezone: Asia/Ho_Chi_Minh\n", "\ntimezone: Asia/Atlantis\n"));
    const line = yaml.split("\n").indexOf("timezone: Asia/Ho_Chi_Minh") + 1;

    const r = conclave(["validate", dir]);
    // A wrong event.yaml is configuration, not data: exit 2, as for every event-config error.
    expect(r.code, printed(r)).toBe(2);
    // Column 11: where the value starts, after "timezone: ".
    expect(r.stdout).toContain(
      `event.yaml:${line}:11 error event-config timezone: expected an IANA time zone such as Asia/Ho_Chi_Minh\n` +
        "  hint: See docs/data-format.md#eventyaml for the settings and their forms.",
    );
    expect(r.stdout).toMatch(/^1 error, 0 warnings in 1 file$/m);
    expectNoCrash(r);
  });
});

describe("Excel time forms that are ambiguous or wrong", () => {
  it("each is a type-error at its cell saying which form to write", async () => {
    const { dir } = await example();
    const file = path.join(dir, "sessions.csv");
    // start times as spreadsheets and hurried typists leave them; the line of each row in the file
    const forms: [id: string, start: string, wrong: string, line: number][] = [
      ["REGISTRATION", "08:00", "8am", 2], // no minutes: 8:00 or 20:00 once a.m. is dropped
      ["OPENING", "09:00", "13:00 PM", 3], // a 24-hour time with PM: 13:00 or 01:00 p.m.?
      ["BREAK-AM", "11:30", "11.30", 5], // a decimal point: 11:30 or 11.3 hours?
      ["LUNCH", "11:45", "0.489583333", 6], // Excel's time serial (a fraction of a day)
      ["S1-URBAN", "13:30", "09h00 PM", 7], // the French/Vietnamese form with a 12-hour suffix
      ["BREAK-PM", "15:30", "15:30:45", 10], // seconds the programme cannot show
      ["REPORTS", "15:45", "25:00", 11], // past midnight
    ];
    for (const [id, start, wrong] of forms)
      await editRow(file, id, (l) =>
        l.replace(new RegExp(`(,\\d{4}-\\d{2}-\\d{2},)${start},`), `$1${wrong},`),
      );

    const r = conclave(["validate", dir]);
    expect(r.code, printed(r)).toBe(1);
    for (const [, , wrong, line] of forms)
      expect(r.stdout).toContain(
        `sessions.csv:${line}:6 error type-error start: "${wrong}" is not a time\n` +
          "  hint: Write times as HH:MM on a 24-hour clock, e.g. 09:30 or 14:00.",
      );
    expect(r.stdout).toMatch(new RegExp(`^${forms.length} errors, 0 warnings in 1 file$`, "m"));
    expectNoCrash(r);
  });
});
