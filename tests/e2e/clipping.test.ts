import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEvent } from "../../bench/generate.js";
import { STOCKS, type Stock } from "../../src/materials/badges/stocks.js";
import { conclave } from "../helpers/cli.js";
import { toCsv } from "../helpers/make.js";
import { type ClipOptions, describeClipped, findClippedText, type Rect } from "../helpers/pdf-clip.js";

// Issue #16: no text of any material is ever cut by its box, its badge or the page — on every
// badge stock, in every language, and in a large event with long names and titles.

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-clipping-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const pt = (mm: number) => (mm / 25.4) * 72;

/** The badges of a sheet, in PDF points (y up): the text of a badge must stay on its badge. */
function badgeCells(stock: Stock): Rect[] {
  const H = pt(stock.page.height);
  const { width: w, height: h } = stock.badge;
  const cells: Rect[] = [];
  // a5-foldable: the back on the top half, the front below it, on one page.
  const rows = stock.fold ? 2 : stock.rows;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < stock.cols; c++) {
      const x = stock.margin.left + c * (w + stock.gap.x);
      const y = stock.margin.top + r * (h + stock.gap.y);
      cells.push({ x0: pt(x), x1: pt(x + w), y0: H - pt(y + h), y1: H - pt(y) });
    }
  return cells;
}

/** Every finding in the files, one line each, named by file relative to `dir`. */
async function clipped(dir: string, files: string[], options: ClipOptions = {}): Promise<string[]> {
  const out: string[] = [];
  for (const f of files)
    out.push(
      ...describeClipped(
        await findClippedText(path.join(dir, f), options),
        path.relative(tmp, path.join(dir, f)),
      ),
    );
  return out;
}

async function pdfsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((f) => f.endsWith(".pdf")).sort();
}

const run = (args: string[]) => {
  const r = conclave(args);
  expect(r.code, r.stderr).toBe(0);
};

describe("the example event: nothing clipped", () => {
  it("in the programmes (each language and bilingual), personal agendas, letters, seating plans, place cards and table lists", async () => {
    const out = path.join(tmp, "example");
    run(["build", "fixtures/cicon-2023", "--out", out, "--only", "agenda,letters,seating"]);
    // The bilingual edition, beside one personal agenda (the 140 are checked from the build).
    run([
      "agenda",
      "fixtures/cicon-2023",
      "--out",
      path.join(out, "bilingual"),
      "--bilingual",
      "ko+en",
      "--delegates",
      "KR-001",
    ]);
    // One letter a delegate: all.pdf holds every page the single files hold.
    const files = (await pdfsUnder(out)).filter((f) => !/letters\/[^/]+\/(?!all)[^/]+\.pdf$/.test(f));
    expect(files).toEqual(
      expect.arrayContaining([
        "agenda/programme.en.pdf",
        "agenda/programme.ko.pdf",
        "agenda/programme.vi.pdf",
        "letters/invitation/all.pdf",
        "seating/BANQUET/plan.pdf",
        "seating/BANQUET/place-cards.pdf",
        "seating/BANQUET/table-list.pdf",
      ]),
    );
    expect(files.some((f) => /^bilingual\/agenda\/programme\.ko.*en.*\.pdf$/.test(f))).toBe(true);
    expect(files.filter((f) => /^(bilingual\/)?agenda\/personal\//.test(f))).toHaveLength(141);
    expect(await clipped(out, files)).toEqual([]);
  });

  it.each(
    (["invitation", "visa"] as const).flatMap((kind) =>
      (["en", "ko", "vi"] as const).map((lang) => [kind, lang]),
    ),
  )("in the %s letters in %s", async (kind, lang) => {
    const out = path.join(tmp, `letters-${kind}-${lang}`);
    const r = conclave(["letters", "fixtures/cicon-2023", "--out", out, "--kind", kind, "--lang", lang]);
    // Visa letters: the example leaves some delegates without passport data (exit 1, listed).
    expect(r.stderr).toMatch(new RegExp(`\\d+ ${kind === "visa" ? "visa" : "invitation"} letters`));
    expect(await clipped(out, [`letters/${kind}/all.pdf`])).toEqual([]);
  });

  // Every delegate of the example, so the backs in English, Korean and Vietnamese all print.
  it.each(Object.keys(STOCKS))(
    "in the badges on %s, fronts and backs, each inside its badge",
    async (stock) => {
      const out = path.join(tmp, `badges-${stock}`);
      run(["badges", "fixtures/cicon-2023", "--out", out, "--stock", stock]);
      const cells = badgeCells(STOCKS[stock]!);
      expect(await clipped(out, ["badges/badges.pdf"], { containers: () => cells })).toEqual([]);
    },
  );
});

/**
 * The generated event (bench/generate.ts), every delegate given a long name, organisation and
 * position: the longest a real secretariat sees, in Latin, Vietnamese and Korean letters.
 */
async function writeLongEvent(dir: string, delegates: number): Promise<void> {
  const files = generateEvent(delegates, 60, 16, { gala: 400 });
  const [head, ...lines] = files["delegates.csv"].trim().split("\n");
  const cols = head!.split(",");
  const LONG_GIVEN = [
    "Maximilian-Alexander",
    "Seung-hyeon",
    "Thị Minh Khai Phương Thảo",
    "Anastasia Wilhelmina",
  ];
  const LONG_FAMILY = ["Wolfeschlegelsteinhausen", "Namgung", "Tôn Nữ", "Featherstonehaugh-Montgomery"];
  const POSITIONS = [
    "Deputy Director-General, Department of International Economic Cooperation and Integration",
    "Senior Executive Vice President and Chief Sustainability Officer, Asia-Pacific",
    "Phó Vụ trưởng Vụ Hợp tác Kinh tế Đa phương, Bộ Kế hoạch và Đầu tư",
    "산업통상자원부 통상교섭본부 신통상전략실 디지털통상정책관",
  ];
  const ORGS = [
    "Korea Trade-Investment Promotion Agency (KOTRA) Ho Chi Minh City Trade Centre",
    "Tổng Công ty Cổ phần Đầu tư và Phát triển Hạ tầng Đô thị Thành phố Hồ Chí Minh",
    "한국무역협회 국제물류네트워크고도화추진단",
  ];
  const rows = lines.map((line, i) => {
    const r = Object.fromEntries(line.split(",").map((v, k) => [cols[k]!, v]));
    r.given_name = LONG_GIVEN[i % LONG_GIVEN.length]!;
    r.family_name = LONG_FAMILY[(i >> 2) % LONG_FAMILY.length]!;
    if (r.country === "VN") r.native_name = `${r.family_name} ${r.given_name}`;
    r.organisation = ORGS[i % ORGS.length]!;
    r.position = POSITIONS[(i >> 1) % POSITIONS.length]!;
    return r;
  });
  await writeFile(path.join(dir, "delegates.csv"), toCsv(rows, [...cols, "position"]));
  for (const name of ["event.yaml", "venues.csv", "sessions.csv", "seating.csv"] as const)
    await writeFile(path.join(dir, name), files[name]);
}

/** `n` delegate ids of the generated event, every `step`-th: D0, D12, D24… */
const ids = (n: number, step: number) => Array.from({ length: n }, (_, i) => `D${i * step}`).join(",");

describe("a generated event of 2,000 delegates with long names and titles: nothing clipped", () => {
  let event: string;
  let out: string;
  beforeAll(async () => {
    event = path.join(tmp, "long");
    out = path.join(tmp, "long-out");
    await mkdir(event);
    await writeLongEvent(event, 2000);
    // Badges and the seating for all 2,000; the letters and agendas only of the delegates checked.
    run(["badges", event, "--out", out]);
    run(["seating", event, "--out", out]);
    run(["agenda", event, "--out", out, "--delegates", ids(100, 20)]);
    run(["letters", event, "--out", out, "--delegates", ids(200, 10)]);
  }, 120_000);

  // Every page of 2,000 of each would take this machine minutes to make and read back; each
  // checked set below still holds every long name, organisation and position many times (they
  // repeat every few delegates), on every material.
  it("in the programmes, seating plan, place cards, table lists, and 100 personal agendas", async () => {
    const files = await pdfsUnder(out);
    const personal = files.filter((f) => f.startsWith("agenda/personal/"));
    expect(personal).toHaveLength(100);
    const rest = files.filter((f) => /^(agenda\/programme|seating\/)/.test(f));
    expect(rest.length).toBeGreaterThanOrEqual(6);
    expect(await clipped(out, [...rest, ...personal])).toEqual([]);
  });

  it("in the letters of 200 delegates", async () => {
    expect(await clipped(out, ["letters/invitation/all.pdf"])).toEqual([]);
  });

  it("in the badges on a6-4up (400 badges), and on a7-8up and cr80 (the smallest, 160 badges each)", async () => {
    const a6 = badgeCells(STOCKS["a6-4up"]!);
    const pages = Array.from({ length: 200 }, (_, i) => i + 1);
    const found = await clipped(out, ["badges/badges.pdf"], { pages, containers: () => a6 });
    const some = ids(160, 12);
    for (const stock of ["a7-8up", "cr80"]) {
      const dir = path.join(tmp, `long-${stock}`);
      run(["badges", event, "--out", dir, "--stock", stock, "--delegates", some]);
      const cells = badgeCells(STOCKS[stock]!);
      found.push(...(await clipped(dir, ["badges/badges.pdf"], { containers: () => cells })));
    }
    expect(found).toEqual([]);
  });
});
