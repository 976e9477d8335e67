import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, interrupt, root } from "../helpers/cli.js";
import { toCsv } from "../helpers/make.js";
import { readPdf, squash, strokeColours } from "../helpers/pdf.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-badges-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const example = path.join(root, "fixtures/cicon-2023");
const sha = async (f: string) =>
  createHash("sha256")
    .update(await readFile(f))
    .digest("hex");

describe("conclave badges on the example event", () => {
  it("prints every delegate's Latin and native name, on A4 pages, fonts embedded", async () => {
    const out = path.join(tmp, "a");
    const r = conclave(["badges", "fixtures/cicon-2023", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/140 badges on 35 sheets \(a6-4up, duplex, 70 pages\)/);
    const file = path.join(out, "badges/badges.pdf");
    const pdf = await readPdf(file);
    expect(pdf.pages).toBe(70);
    for (const s of pdf.sizes) expect([Math.round(s.width), Math.round(s.height)]).toEqual([595, 842]);
    const all = squash(pdf.text.join(" "));
    const csv = (await readFile(path.join(example, "delegates.csv"), "utf8"))
      .split("\n")
      .slice(1)
      .filter(Boolean);
    expect(csv).toHaveLength(140);
    for (const line of csv) {
      const [, , given, family, native] = line.split(",");
      const country = line.includes(",VN,") ? "VN" : "KR";
      // Vietnamese badges print the name in its own letters; Korean ones add the Hangul.
      if (country === "VN") expect(all, native).toContain(squash(native!));
      else {
        expect(all, `${family} ${given}`).toContain(squash(`${family} ${given}`));
        expect(all, native).toContain(squash(native!));
      }
    }
    const raw = (await readFile(file)).toString("latin1");
    expect(raw).toMatch(/\/FontFile[23]?/);
    expect(raw).not.toMatch(/DejaVu|Liberation|Noto/);
    // Personal data never reaches a badge.
    expect(all).not.toContain("@example");
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    expect(manifest.files).toEqual([
      expect.objectContaining({ path: "badges/badges.pdf", material: "badges", sha256: await sha(file) }),
    ]);
  });

  it("gives byte-identical PDFs on two builds", async () => {
    const a = path.join(tmp, "r1");
    const b = path.join(tmp, "r2");
    expect(conclave(["badges", "fixtures/cicon-2023", "--out", a, "--jobs", "1"]).code).toBe(0);
    expect(conclave(["badges", "fixtures/cicon-2023", "--out", b, "--jobs", "2"]).code).toBe(0);
    expect(await sha(path.join(a, "badges/badges.pdf"))).toBe(await sha(path.join(b, "badges/badges.pdf")));
  });

  it.each([
    ["cr80", 85.6, 54],
    ["a7-8up", 210, 297],
    ["letter-6up-4x3", 215.9, 279.4],
    ["insert-90x54", 210, 297],
    ["a5-foldable", 148, 210],
  ])("makes the %s stock at its page size", async (stock, w, h) => {
    const out = path.join(tmp, stock);
    const r = conclave([
      "badges",
      "fixtures/cicon-2023",
      "--out",
      out,
      "--stock",
      stock,
      "--delegates",
      "KR-001,VN-001",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pdf = await readPdf(path.join(out, "badges/badges.pdf"));
    const mm = (pt: number) => Math.round((pt / 72) * 25.4 * 10) / 10;
    expect([mm(pdf.sizes[0]!.width), mm(pdf.sizes[0]!.height)]).toEqual([w, h]);
    expect(squash(pdf.text.join(" "))).toContain(squash("Hoàng Minh Trí"));
  });

  it("prints a calibration sheet and reprints a subset", async () => {
    const out = path.join(tmp, "cal");
    expect(conclave(["badges", "fixtures/cicon-2023", "--out", out, "--calibrate"]).code).toBe(0);
    const cal = await readPdf(path.join(out, "badges/calibration.pdf"));
    expect(cal.pages).toBe(1);
    expect(cal.text[0]).toContain("105 × 148 mm");
    const r = conclave(["badges", "fixtures/cicon-2023", "--out", out, "--delegates", "KR-999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no delegate with id KR-999");
  });
});

describe("hostile data prints as text", () => {
  it("never runs markup, never breaks the build, never leaves the badge", async () => {
    const dir = path.join(tmp, "hostile");
    await cp(example, dir, { recursive: true });
    await rm(path.join(dir, "seating.csv")); // its wishes name the example's delegates
    await writeFile(
      path.join(dir, "sessions.csv"),
      "id,title,date,start,end,room\nOPEN,Opening,2023-06-20,09:00,10:00,GRAND-HALL\n",
    );
    const rows = [
      ["H-1", '#read("/etc/passwd") $x^2$', "*bold* _em_ <b>html</b>"],
      ["H-2", "= Heading", "@label #sys.inputs"],
      ["H-3", "Ab\u202Ecd", "Cafe\u0301 Zoë"],
      ["H-4", "Nguyễn Thị Minh Khai ".repeat(48).trim(), "Long"],
      ["H-5", "O", "Li"],
      ["H-6", "Maximilian Alexander Friedrich Wolfgang", "Hohenzollern-Sigmaringen"],
    ];
    await writeFile(
      path.join(dir, "delegates.csv"),
      toCsv(
        rows.map(([id, given, family]) => ({
          id: id!,
          given_name: given!,
          family_name: family!,
          organisation: "[link](http://x) \\ \" ' ` $",
          country: "US",
          category: "delegate",
        })),
      ),
    );
    const out = path.join(tmp, "hostile-out");
    const r = conclave(["badges", dir, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("invisible-character"); // the RLO was removed, with a warning
    const pdf = await readPdf(path.join(out, "badges/badges.pdf"));
    const all = squash(pdf.text.join(" "));
    for (const literal of [
      '#read("/etc/passwd")',
      "$x^2$",
      "*bold*",
      "<b>html</b>",
      "=Heading",
      "@label#sys.inputs",
      "[link](http://x)",
      "Café",
    ]) {
      expect(all, literal).toContain(squash(literal));
    }
    expect(all).not.toContain("root:");
  });

  it("refuses an emoji before printing a tofu box", async () => {
    const dir = path.join(tmp, "emoji");
    await cp(example, dir, { recursive: true });
    const csv = await readFile(path.join(dir, "delegates.csv"), "utf8");
    await writeFile(path.join(dir, "delegates.csv"), csv.replace("Hanbit Logistics", "Hanbit Logistics 🚚"));
    const out = path.join(tmp, "emoji-out");
    const r = conclave(["badges", dir, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("missing-glyph");
    await expect(readdir(out)).rejects.toThrow();
  });
});

describe("templates", () => {
  it("lists, ejects, uses the event's copy, and reports its errors with file:line:column", async () => {
    const dir = path.join(tmp, "tpl");
    await cp(example, dir, { recursive: true });
    expect(conclave(["templates", "list", dir]).stdout).toMatch(/^badge\s+built-in$/m);
    const e = conclave(["templates", "eject", "badge", dir]);
    expect(e.code, e.stderr).toBe(0);
    expect(conclave(["templates", "list", dir]).stdout).toMatch(/^badge\s+overridden by /m);
    expect(conclave(["templates", "eject", "badge", dir]).code).toBe(2); // already there
    const file = path.join(dir, "templates/badge.typ");
    const source = await readFile(file, "utf8");
    await writeFile(file, source.replace("#let pad = g.pad * pt", "#let pad = g.pad * no-such-thing"));
    const out = path.join(tmp, "tpl-out");
    const r = conclave(["badges", dir, "--out", out]);
    expect(r.code).toBe(1);
    const line = source.split("\n").findIndex((l) => l.startsWith("#let pad = ")) + 1;
    expect(r.stderr).toContain(`${path.join(dir, "templates/badge.typ")}:${line}:`);
    expect(r.stderr).toContain("unknown variable: no-such-thing");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await expect(readFile(path.join(out, "badges/badges.pdf"))).rejects.toThrow();
  });
});

describe("custom stock, logo and interruption", () => {
  it("lays out a custom stock from event.yaml", async () => {
    const dir = path.join(tmp, "custom");
    await cp(example, dir, { recursive: true });
    const yaml = await readFile(path.join(dir, "event.yaml"), "utf8");
    await writeFile(
      path.join(dir, "event.yaml"),
      yaml.replace(
        "  stock: a6-4up",
        "  stock: custom\n  custom: { page: a4, width: 95, height: 60, columns: 2, rows: 4, gap_x: 5, gap_y: 5 }",
      ),
    );
    const out = path.join(tmp, "custom-out");
    const r = conclave(["badges", dir, "--out", out, "--delegates", "KR-001,KR-002,VN-001"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("3 badges on 1 sheet (custom, duplex, 2 pages)");
    const bad = conclave(["validate", dir], {});
    expect(bad.code).toBe(0);
    await writeFile(path.join(dir, "event.yaml"), yaml.replace("  stock: a6-4up", "  stock: custom"));
    const missing = conclave(["badges", dir, "--out", out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("badge.custom");
  });

  it("draws the event's logo in the header", async () => {
    const out = path.join(tmp, "logo");
    expect(conclave(["badges", "fixtures/cicon-2023", "--out", out, "--delegates", "KR-001"]).code).toBe(0);
    // The logo's red ring (#c8102e) is stroked, as vector paths, in the header.
    const colours = await strokeColours(path.join(out, "badges/badges.pdf"));
    expect(colours).toContain("#c8102e");
  });

  it("puts a file compiled in parts together in badge order, the same bytes whatever the workers", async () => {
    const { generateEvent } = await import("../../bench/generate.js");
    const dir = path.join(tmp, "parts");
    await (await import("node:fs/promises")).mkdir(dir, { recursive: true });
    // 700 badges: four parts of at most 200, one file.
    const files = generateEvent(700, 20, 5);
    files["event.yaml"] += 'badge:\n  qr: "https://checkin.example/{id}"\n';
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    const a = path.join(tmp, "parts-a");
    const b = path.join(tmp, "parts-b");
    const r = conclave(["badges", dir, "--out", a, "--jobs", "2"]);
    expect(r.code, r.stderr).toBe(0);
    expect(conclave(["badges", dir, "--out", b, "--jobs", "1"]).code).toBe(0);
    const file = path.join(a, "badges/badges.pdf");
    expect(await sha(file)).toBe(await sha(path.join(b, "badges/badges.pdf")));
    const pdf = await readPdf(file);
    // 175 sheets, front and back.
    expect(pdf.pages).toBe(350);
    // Each front sheet holds the next four badges of the sorted run: the parts follow each other.
    const { peerInputFor } = await import("../../bench/peers/input.js");
    const { faces } = await peerInputFor(dir);
    expect(faces).toHaveLength(700);
    faces.forEach((face, i) => {
      expect(squash(pdf.text[Math.floor(i / 4) * 2]!), `badge ${i + 1}`).toContain(squash(face.name));
    });
    const raw = (await readFile(file)).toString("latin1");
    // One catalog and one page tree; every page's fonts travel with it.
    expect(raw.match(/\/Type \/Catalog/g)).toHaveLength(1);
    expect(raw.match(/\/Type \/Pages\b/g)).toHaveLength(1);
    expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(350);
  });

  it("on Ctrl-C stops the compilers and leaves no partial file", async () => {
    const { generateEvent } = await import("../../bench/generate.js");
    const dir = path.join(tmp, "big");
    await (await import("node:fs/promises")).mkdir(dir, { recursive: true });
    for (const [name, content] of Object.entries(generateEvent(4000, 50, 3)))
      await writeFile(path.join(dir, name), content);
    const out = path.join(tmp, "big-out");
    // Interrupt once the badges are being made (the first quarter done).
    const { code, stderr } = await interrupt(["badges", dir, "--out", out], /badges [\d,]+\/4,000/, "SIGINT");
    expect(code).toBe(130);
    expect(stderr).toContain("Interrupted");
    expect(stderr).not.toContain("internal error");
    // The folder was made (and locked) before the badges began: it must be there, holding only
    // the manifest of what it holds, which is nothing, and conclave's own record in .conclave/
    // (the compiles finished before the interrupt, kept for the next build: docs/changes.md).
    const left = (await readdir(out, { recursive: true, withFileTypes: true })).filter(
      (e) => !path.relative(out, path.join(e.parentPath, e.name)).startsWith(".conclave"),
    );
    expect(left.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual(["manifest.json"]);
    expect(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")).files).toEqual([]);
  });
});
