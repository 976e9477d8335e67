import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepressFor } from "../../src/materials/badges/prepress.js";
import { STOCKS } from "../../src/materials/badges/stocks.js";
import { conclave, root } from "../helpers/cli.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-badges-prepress-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const example = path.join(root, "fixtures/cicon-2023");
const PT = 72 / 25.4;
/** A Korean VIP, a Vietnamese VIP, an English-speaking delegate: the three backs. */
const PEOPLE = "KR-001,VN-001,KR-007,KR-004";

interface TextBox {
  page: number;
  str: string;
  size: number;
  x0: number;
  x1: number;
  /** Baseline, and the top and bottom of the line (PDF points, y up). */
  y: number;
  top: number;
  bottom: number;
}

/** Every piece of text on every page with its box, read back with pdfjs (forms included). */
async function textBoxes(file: string): Promise<{ boxes: TextBox[]; pages: number }> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const boxes: TextBox[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    for (const it of (await page.getTextContent()).items) {
      if (!("str" in it) || it.str.trim() === "") continue;
      const [a, b, , , e, f] = it.transform as number[];
      const size = Math.hypot(a!, b!);
      // Pretendard: ascender 0.95 em, descender 0.25 em; the back of a folded A5 is upside down.
      const up = a! >= 0;
      boxes.push({
        page: p,
        str: it.str,
        size,
        x0: up ? e! : e! - it.width,
        x1: up ? e! + it.width : e!,
        y: f!,
        top: up ? f! + size * 0.95 : f! + size * 0.25,
        bottom: up ? f! - size * 0.25 : f! - size * 0.95,
      });
    }
  }
  await doc.destroy();
  return { boxes, pages: doc.numPages };
}

/** Each badge's safe rectangle on a page, PDF points (y up): the stock as printed, backs mirrored. */
function safeRects(stockName: string, settings: { bleed_mm?: number; cut_marks?: boolean }, back: boolean) {
  const p = prepressFor(STOCKS[stockName]!, settings);
  const s = p.stock;
  const rects: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const rows = s.fold ? 2 : s.rows;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < s.cols; c++) {
      const left = s.margin.left + c * (s.badge.width + s.gap.x);
      const x = back ? s.page.width - left - s.badge.width : left;
      const y = s.margin.top + r * (s.badge.height + s.gap.y);
      rects.push({
        x0: (x + p.safe) * PT,
        x1: (x + s.badge.width - p.safe) * PT,
        y1: (s.page.height - y - p.safe) * PT,
        y0: (s.page.height - y - s.badge.height + p.safe) * PT,
      });
    }
  return rects;
}

async function eventWith(name: string, badgeYaml: string): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(example, dir, { recursive: true });
  const yaml = await readFile(path.join(dir, "event.yaml"), "utf8");
  await writeFile(path.join(dir, "event.yaml"), yaml.replace("badge:\n", `badge:\n${badgeYaml}`));
  return dir;
}

const stocks = Object.keys(STOCKS);

describe.each<[string, { bleed_mm?: number }]>([
  ["without bleed", {}],
  ["with badge.bleed_mm: 3", { bleed_mm: 3 }],
])("every stock %s", (label, settings) => {
  it.each(stocks)(
    "%s: every text lies inside its badge's safe area, emergency lines at 7 pt or more",
    async (stock) => {
      const dir = settings.bleed_mm ? await eventWith(`bleed-${stock}`, "  bleed_mm: 3\n") : example;
      const out = path.join(tmp, `${label.length}-${stock}`);
      // Without bleed, all 140 badges of the example; with it, one of each back language.
      const who = settings.bleed_mm ? ["--delegates", PEOPLE] : [];
      const r = conclave(["badges", dir, "--out", out, "--stock", stock, ...who]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain("badge-overflow");
      const file = path.join(out, "badges/badges.pdf");
      const { boxes, pages } = await textBoxes(file);
      expect(boxes.length).toBeGreaterThan(40);
      const fold = STOCKS[stock]!.fold;
      const fronts = safeRects(stock, settings, false);
      const backs = safeRects(stock, settings, true);
      const slack = 0.6;
      for (const t of boxes) {
        const rects = !fold && pages > 1 && t.page % 2 === 0 ? backs : fronts;
        const inside = rects.some(
          (q) =>
            t.x0 >= q.x0 - slack && t.x1 <= q.x1 + slack && t.bottom >= q.y0 - slack && t.top <= q.y1 + slack,
        );
        expect(
          inside,
          `page ${t.page}: "${t.str}" at ${t.x0.toFixed(1)},${t.bottom.toFixed(1)}–${t.x1.toFixed(1)},${t.top.toFixed(1)}`,
        ).toBe(true);
      }
      const emergency = boxes.filter((t) =>
        /^(Emergency|긴급 연락처|Liên hệ khẩn cấp|Wi-Fi|와이파이)/.test(t.str),
      );
      // One per back language, twice (emergency and Wi-Fi) on stocks with backs.
      expect(emergency.length).toBeGreaterThanOrEqual(6);
      for (const t of emergency) expect(t.size, t.str).toBeGreaterThanOrEqual(7 - 0.01);
      // The Korean back's labels and values in Korean, the name on the back.
      const all = boxes.map((t) => t.str).join("\n");
      expect(all).toContain("긴급 연락처: 사무국 +84 28 5555 0199");
      expect(all).toContain("와이파이: CICON2023 / 비밀번호: hanviet31");
      const raw = (await readFile(file)).toString("latin1");
      expect(raw).toMatch(/\/Title/);
      // Print boxes on every page; with bleed, the BleedBox is larger than the TrimBox.
      const trims = [...raw.matchAll(/\/TrimBox \[([^\]]+)\]/g)].map((m) => m[1]!.split(" ").map(Number));
      const bleeds = [...raw.matchAll(/\/BleedBox \[([^\]]+)\]/g)].map((m) => m[1]!.split(" ").map(Number));
      expect(trims).toHaveLength(pages);
      expect(bleeds).toHaveLength(pages);
      const p = prepressFor(STOCKS[stock]!, settings);
      const [tx0, , tx1] = trims[0]!;
      const [bx0, , bx1] = bleeds[0]!;
      expect(tx1! - tx0!).toBeCloseTo(
        (fold ? p.stock.badge.width : p.stock.page.width - 2 * p.stock.margin.left) * PT,
        0,
      );
      expect(tx0! - bx0!).toBeCloseTo(p.bleed * PT, 0);
      expect(bx1! - tx1!).toBeCloseTo(p.bleed * PT, 0);
      if (settings.bleed_mm && ["cr80", "insert-90x54", "a5-foldable"].includes(stock))
        expect(p.bleed).toBe(3);
      if (settings.bleed_mm && p.bleed === 0) expect(r.stderr).toContain("no room for bleed");
    },
  );
});

describe("badge-overflow reaches the user", () => {
  it("warns with the delegate and the line, and fails the build under --strict", async () => {
    const dir = path.join(tmp, "overflow");
    await cp(example, dir, { recursive: true });
    const csv = await readFile(path.join(dir, "delegates.csv"), "utf8");
    await writeFile(
      path.join(dir, "delegates.csv"),
      csv.replace("Hanbit Logistics,", `${"Hanbit Logistics and Harbour Services ".repeat(12).trim()},`),
    );
    const out = path.join(tmp, "overflow-out");
    const args = ["badges", dir, "--out", out, "--stock", "cr80", "--delegates", "KR-007"];
    const loose = conclave(args);
    expect(loose.code, loose.stderr).toBe(0);
    expect(loose.stderr).toMatch(/delegates\.csv:8:\d+ warning badge-overflow .*organisation.*KR-007/);
    const strict = conclave([...args, "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("badge-overflow");
  });
});

describe("the banquet table on the back", () => {
  it("comes from the seating plan in the same output folder, and a folder without one says so", async () => {
    const out = path.join(tmp, "seated");
    expect(conclave(["seating", "fixtures/cicon-2023", "--out", out]).code).toBe(0);
    const r = conclave(["badges", "fixtures/cicon-2023", "--out", out, "--delegates", PEOPLE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("badge-no-table");
    const { boxes } = await textBoxes(path.join(out, "badges/badges.pdf"));
    const text = boxes.map((b) => b.str).join("\n");
    expect(text).toMatch(/만찬 테이블: /);
    expect(text).toMatch(/Banquet table: /);
    const elsewhere = conclave([
      "badges",
      "fixtures/cicon-2023",
      "--out",
      path.join(tmp, "elsewhere"),
      "--delegates",
      PEOPLE,
    ]);
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stderr).toMatch(/warning badge-no-table .*no seating plan for BANQUET/);
  });
});
