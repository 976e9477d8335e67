import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, interrupt } from "../helpers/cli.js";
import { pdfTitle } from "../helpers/pdf.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-build-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

type Manifest = { files: { path: string; sha256: string; size: number; material: string }[] };

describe("conclave build", () => {
  it("makes every material, summarises them, and gives the same bytes twice", async () => {
    const runs: Manifest[] = [];
    for (const name of ["a", "b"]) {
      const out = path.join(tmp, name);
      const r = conclave(["build", "fixtures/cicon-2023", "--out", out, "--format", "json"]);
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary.ok).toBe(true);
      expect(summary.materials.map((m: { material: string }) => m.material)).toEqual([
        "seating",
        "agenda",
        "badges",
        "letters",
        "protocol",
      ]);
      runs.push(JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")));
    }
    const [a, b] = runs as [Manifest, Manifest];
    expect(a.files.length).toBeGreaterThan(400);
    expect(new Set(a.files.map((f) => f.material))).toEqual(
      new Set(["seating", "agenda", "badges", "letters", "protocol"]),
    );
    // Every file of every material, byte for byte: PDFs, calendars, CSVs, JSON.
    expect(b.files).toEqual(a.files);
  });

  it("gives every PDF of the example a Title that says what it is", async () => {
    const out = path.join(tmp, "a");
    const manifest: Manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    const pdfs = manifest.files.map((f) => f.path).filter((p) => p.endsWith(".pdf"));
    const titles = new Map<string, string | undefined>();
    for (const p of pdfs) titles.set(p, await pdfTitle(path.join(out, p)));
    for (const [p, t] of titles) expect(t, p).toMatch(/^CICON 2023 — \S/);
    const title = (p: string) => titles.get(p);
    expect(title("agenda/programme.en.pdf")).toBe("CICON 2023 — Programme");
    expect(title("agenda/programme.ko.pdf")).toBe("CICON 2023 — 프로그램");
    expect(title("agenda/programme.vi.pdf")).toBe("CICON 2023 — Chương trình");
    expect(title("seating/BANQUET/plan.pdf")).toBe("CICON 2023 — Floor plan · Gala banquet");
    expect(title("seating/BANQUET/place-cards.pdf")).toBe("CICON 2023 — Place cards · Gala banquet");
    expect(title("seating/BANQUET/table-list.pdf")).toBe("CICON 2023 — Table list · Gala banquet");
    expect(title("seating/BANQUET/table-poster.pdf")).toBe("CICON 2023 — Table poster · Gala banquet");
    expect(title("letters/invitation/all.pdf")).toMatch(/^CICON 2023 — (Invitation letters|초청장|Thư mời)$/);
    expect(title("protocol/caterer.pdf")).toMatch(
      /^CICON 2023 — (Caterer's list|Danh sách cho bên phục vụ ăn uống)$/,
    );
    expect(title("protocol/protocol-list-vi.pdf")).toBe("CICON 2023 — Danh sách lễ tân");
    expect(title("agenda/personal/KR-001.pdf")).toBe("CICON 2023 — 개인 일정표");
    // Every material is among them, letters and personal agendas file by file.
    const folders = new Set(pdfs.map((p) => p.split("/")[0]));
    expect(folders).toEqual(new Set(["seating", "agenda", "badges", "letters", "protocol"]));
  });

  it("stopped midway (SIGTERM), leaves the previous letters whole and nothing half made", async () => {
    const out = path.join(tmp, "kept");
    const first = conclave(["letters", "fixtures/cicon-2023", "--out", out]);
    expect(first.code, first.stderr).toBe(0);
    const folder = path.join(out, "letters/invitation");
    const before = (await readdir(folder)).sort();
    const sample = before.find((f) => f.endsWith(".pdf"))!;
    const bytes = await readFile(path.join(folder, sample));
    // A leftover of a run killed without a chance to clean up (SIGKILL): removed by the next run.
    await mkdir(path.join(out, "letters/.invitation.new-2147483646"), { recursive: true });

    const { generateEvent } = await import("../../bench/generate.js");
    const big = path.join(tmp, "big");
    await mkdir(big, { recursive: true });
    for (const [name, content] of Object.entries(generateEvent(3000, 50, 5)))
      await writeFile(path.join(big, name), content);
    // Stop once the first quarter of the new letters is written.
    const { code, stderr } = await interrupt(
      ["letters", big, "--out", out],
      /letters [\d,]+\/[\d,]+/,
      "SIGTERM",
    );
    expect(code).toBe(143);
    expect(stderr).not.toContain("internal error");
    expect((await readdir(folder)).sort()).toEqual(before);
    expect(await readFile(path.join(folder, sample))).toEqual(bytes);
    expect((await readdir(path.join(out, "letters"))).sort()).toEqual(["invitation"]);
    // The manifest still lists exactly the letters out/ holds.
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.files.map((f) => f.path)).toEqual(before.map((f) => `letters/invitation/${f}`));
    // .conclave/ holds what the finished first run was made from (conclave diff).
    expect((await readdir(out)).sort()).toEqual([".conclave", "letters", "manifest.json"]);
  }, 60_000);
});
