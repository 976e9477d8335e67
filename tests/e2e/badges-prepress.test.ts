import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledFontFiles } from "../../src/load/fonts.js";
import { prepressFor } from "../../src/materials/badges/prepress.js";
import { STOCKS } from "../../src/materials/badges/stocks.js";
import { TypstEngine } from "../../src/render/typst.js";
import { conclave, root } from "../helpers/cli.js";
import {
  IDENTITY,
  intersect,
  type Matrix,
  multiply,
  pathRect,
  type Rect,
  transformRect,
  union,
} from "../helpers/pdf-clip.js";

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
  const rects: Rect[] = [];
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

/** Whether `r` lies wholly inside `q`, give or take `slack` points. */
const inside = (r: Rect, q: Rect, slack: number) =>
  r.x0 >= q.x0 - slack && r.x1 <= q.x1 + slack && r.y0 >= q.y0 - slack && r.y1 <= q.y1 + slack;

/** An image on a page: where its ink lands, in PDF points (y up), and the frame Typst clipped it to. */
interface ImageBox {
  page: number;
  /** "raster" for an image XObject or inline image; "vector" for an SVG Typst drew as paths. */
  kind: "raster" | "vector";
  /** The visible ink: what it paints, clipped to its frame and any clip around it. */
  ink: Rect;
  /** The rectangle Typst clipped the image to (its box on the page), or null for a raster without one. */
  frame: Rect | null;
}

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintSolidColorImageMask,
]);
const STROKES = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill]);
const UNIT = (m: Matrix) => transformRect(0, 0, 1, 1, m);

/**
 * Every image on every page, read back from pdfjs's operator list with the current transform.
 * Typst draws an image (SVG or raster) inside `q <frame> re W n … Q`: an SVG becomes paths there,
 * a raster an image XObject over the unit square. So a path painted under a clip that the
 * content stream sets is an image's ink (the first such clip is its frame), and every raster is
 * an image. The header, back and band pieces are embedded PDF pages (forms) whose only clip is
 * their BBox: their grounds bleed by design and are not images; the logo inside the header is.
 */
async function imageBoxes(file: string | Uint8Array): Promise<ImageBox[]> {
  const data = typeof file === "string" ? new Uint8Array(await readFile(file)) : file;
  const doc = await getDocument({ data, verbosity: 0 }).promise;
  const out: ImageBox[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const ops = await (await doc.getPage(p)).getOperatorList();
    type State = { ctm: Matrix; clip: Rect | null; image: ImageBox | null; lineWidth: number };
    let gs: State = { ctm: [...IDENTITY], clip: null, image: null, lineWidth: 1 };
    const stack: State[] = [];
    let pendingClip = false;
    const paint = (ink: Rect, kind: ImageBox["kind"]) => {
      const seen = gs.clip ? intersect(gs.clip, ink) : ink;
      // Wholly clipped away: nothing prints.
      if (seen.x0 >= seen.x1 || seen.y0 >= seen.y1) return;
      if (gs.image) {
        gs.image.ink = gs.image.ink.x0 > gs.image.ink.x1 ? seen : union(gs.image.ink, seen);
        if (kind === "raster") gs.image.kind = "raster";
      } else if (kind === "raster") out.push({ page: p, kind, ink: seen, frame: null });
    };
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i]!;
      const args = (ops.argsArray[i] ?? []) as unknown[];
      if (fn === OPS.save || fn === OPS.beginGroup || fn === OPS.paintFormXObjectBegin) {
        stack.push({ ...gs, ctm: [...gs.ctm] });
        if (fn === OPS.paintFormXObjectBegin) {
          const [matrix, bbox] = args as [ArrayLike<number> | null, ArrayLike<number> | null];
          if (matrix) gs.ctm = multiply(matrix, gs.ctm);
          if (bbox)
            gs.clip = intersect(gs.clip, transformRect(bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!, gs.ctm));
        }
      } else if (fn === OPS.restore || fn === OPS.endGroup || fn === OPS.paintFormXObjectEnd) {
        gs = stack.pop() ?? gs;
      } else if (fn === OPS.transform) {
        gs.ctm = multiply(args as number[], gs.ctm);
      } else if (fn === OPS.setLineWidth) {
        gs.lineWidth = args[0] as number;
      } else if (fn === OPS.clip || fn === OPS.eoClip) {
        pendingClip = true;
      } else if (fn === OPS.constructPath) {
        const [op, paths] = args as [number, (ArrayLike<number> | null)[]];
        const r = pathRect(paths?.[0], gs.ctm);
        if (pendingClip) {
          pendingClip = false;
          gs.clip = intersect(gs.clip, r ?? { x0: 0, y0: 0, x1: 0, y1: 0 });
          // The outermost clip of the content stream is an image's frame; clips inside an SVG are not.
          if (!gs.image && r) {
            gs.image = { page: p, kind: "vector", ink: { x0: 1, y0: 1, x1: 0, y1: 0 }, frame: r };
            out.push(gs.image);
          }
        }
        if (!r || !(STROKES.has(op) || FILLS.has(op))) continue;
        // A stroke's ink reaches half the line width past the path (scaled by the transform).
        const w = STROKES.has(op) ? (gs.lineWidth / 2) * Math.hypot(gs.ctm[0], gs.ctm[1]) : 0;
        if (gs.image) paint({ x0: r.x0 - w, y0: r.y0 - w, x1: r.x1 + w, y1: r.y1 + w }, "vector");
      } else if (fn === OPS.shadingFill) {
        if (gs.image && gs.clip) paint(gs.clip, "vector");
      } else if (IMAGE_OPS.has(fn)) {
        paint(UNIT(gs.ctm), "raster");
      } else if (fn === OPS.paintImageXObjectRepeat || fn === OPS.paintImageMaskXObjectRepeat) {
        // [image, scaleX, scaleY, positions]: the unit square scaled and moved to each position.
        const [, sx, sy, pos] = args as [unknown, number, number, ArrayLike<number>];
        for (let k = 0; k + 1 < pos.length; k += 2)
          paint(UNIT(multiply([sx, 0, 0, sy, pos[k]!, pos[k + 1]!], gs.ctm)), "raster");
      } else if (fn === OPS.paintInlineImageXObjectGroup || fn === OPS.paintImageMaskXObjectGroup) {
        const groups = (fn === OPS.paintInlineImageXObjectGroup ? args[1] : args[0]) as {
          transform: ArrayLike<number>;
        }[];
        for (const g of groups) paint(UNIT(multiply(g.transform, gs.ctm)), "raster");
      }
    }
  }
  await doc.destroy();
  // A clip that framed no ink (a box clipping nothing drawn) is no image.
  return out.filter((b) => b.ink.x0 <= b.ink.x1);
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
    "%s: every text and image lies inside its badge's safe area, emergency lines at 7 pt or more",
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
        const box = { x0: t.x0, x1: t.x1, y0: t.bottom, y1: t.top };
        expect(
          rects.some((q) => inside(box, q, slack)),
          `page ${t.page}: "${t.str}" at ${t.x0.toFixed(1)},${t.bottom.toFixed(1)}–${t.x1.toFixed(1)},${t.top.toFixed(1)}`,
        ).toBe(true);
      }
      // The logo in every header and the check-in QR code of every front (SVGs both, drawn as
      // paths). The cut marks are a sheet-sized image laid over the sheet (pieces.pdf page 5):
      // they belong outside the badges, so they are told apart by their frame, the whole page.
      const sheet = prepressFor(STOCKS[stock]!, settings);
      const wholePage = (m: ImageBox) =>
        m.frame !== null &&
        m.frame.x1 - m.frame.x0 >= sheet.stock.page.width * PT - 1 &&
        m.frame.y1 - m.frame.y0 >= sheet.stock.page.height * PT - 1;
      const all = await imageBoxes(file);
      const images = all.filter((m) => !wholePage(m));
      if (!sheet.cutMarks) expect(all.filter(wholePage)).toEqual([]);
      expect(images.length).toBe(2 * (settings.bleed_mm ? PEOPLE.split(",").length : 140));
      expect(images.every((m) => m.kind === "vector")).toBe(true);
      for (const m of images) {
        const rects = !fold && pages > 1 && m.page % 2 === 0 ? backs : fronts;
        expect(
          rects.some((q) => inside(m.ink, q, slack)),
          `page ${m.page}: ${m.kind} image at ${m.ink.x0.toFixed(1)},${m.ink.y0.toFixed(1)}–${m.ink.x1.toFixed(1)},${m.ink.y1.toFixed(1)}`,
        ).toBe(true);
      }
      const emergency = boxes.filter((t) =>
        /^(Emergency|긴급 연락처|Liên hệ khẩn cấp|Wi-Fi|와이파이)/.test(t.str),
      );
      // One per back language, twice (emergency and Wi-Fi) on stocks with backs.
      expect(emergency.length).toBeGreaterThanOrEqual(6);
      for (const t of emergency) expect(t.size, t.str).toBeGreaterThanOrEqual(7 - 0.01);
      // The Korean back's labels and values in Korean, the name on the back.
      const text = boxes.map((t) => t.str).join("\n");
      expect(text).toContain("긴급 연락처: 사무국 +84 28 5555 0199");
      expect(text).toContain("와이파이: CICON2023 / 비밀번호: hanviet31");
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

describe("the image finder the safe-area test relies on", () => {
  // A 100 × 60 mm card on a page with 10 mm margins: its safe area is 5 mm inside it. A ground
  // that bleeds past the card (artwork, not an image), the example's SVG logo inside the safe
  // area, the same logo 2 mm over its right edge, and a raster 4 mm below the card's bottom.
  const CARD = `#set page(width: 120mm, height: 80mm, margin: 0mm)
#place(top + left, dx: 7mm, dy: 7mm, rect(width: 106mm, height: 66mm, fill: rgb("#12355b")))
#place(top + left, dx: 20mm, dy: 20mm, image("/logo.svg", width: 20mm))
#place(top + left, dx: 87mm, dy: 20mm, image("/logo.svg", width: 20mm))
#place(top + left, dx: 40mm, dy: 64mm, image(bytes(range(48).map(i => 200)), format: (encoding: "rgb8", width: 4, height: 4), width: 10mm))
`;
  const safe: Rect = { x0: 15 * PT, x1: 105 * PT, y0: 15 * PT, y1: 65 * PT };

  it("finds an SVG or a raster that leaves the safe area, and not the ground that bleeds", async () => {
    const dir = path.join(tmp, "image-card");
    await cp(example, dir, { recursive: true });
    await writeFile(path.join(dir, "card.typ"), CARD);
    const engine = new TypstEngine({ builtinDir: dir, eventDir: dir, fontFiles: bundledFontFiles() });
    const { pdf } = engine.compile({
      template: "card.typ",
      data: {},
      assets: { "/logo.svg": await readFile(path.join(example, "logo.svg")) },
      timestamp: 0,
    });
    const images = await imageBoxes(pdf);
    expect(images.map((m) => m.kind)).toEqual(["vector", "vector", "raster"]);
    expect(images.map((m) => inside(m.ink, safe, 0.6))).toEqual([true, false, false]);
    // The logo's ink: its rings, 20 mm wide, from 7.5 % to 92.5 % of its width (r 26, stroke 9).
    const [logo, over, raster] = images;
    expect(logo!.frame!.x0).toBeCloseTo(20 * PT, 1);
    expect(logo!.ink.x0).toBeCloseTo((20 + 1.5) * PT, 0);
    expect(logo!.ink.x1).toBeCloseTo((40 - 1.5) * PT, 0);
    expect(over!.ink.x1).toBeCloseTo((107 - 1.5) * PT, 0);
    // 64 mm from the top of an 80 mm page, 10 mm tall: 6 to 16 mm above the bottom edge.
    expect(raster!.ink.y0).toBeCloseTo(6 * PT, 0);
    expect(raster!.ink.y1).toBeCloseTo(16 * PT, 0);
  });
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
