import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";
import { squash, textItems, textLines } from "../helpers/pdf.js";

/** The large-print programme (`--large-print`): 16 pt body text, one column, every session. */
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-large-"));
  const run = conclave([
    "agenda",
    path.join(root, "fixtures/cicon-2023"),
    "--out",
    path.join(tmp, "out"),
    "--no-personal",
    "--no-site",
    "--large-print",
  ]);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const file = (lang: string) => path.join(tmp, `out/agenda/programme.${lang}.large-print.pdf`);

describe("the large-print programme", () => {
  it("is made in every language of the event, tagged, beside the usual editions", () => {
    for (const lang of ["en", "ko", "vi"]) {
      const info = spawnSync("pdfinfo", [file(lang)], { encoding: "utf8" });
      expect(info.status, info.stderr).toBe(0);
      expect(info.stdout).toMatch(/^Tagged:\s+yes$/m);
      expect(spawnSync("pdfinfo", [path.join(tmp, `out/agenda/programme.${lang}.pdf`)]).status).toBe(0);
    }
  });

  it("sets its body text at 16 pt or more (running heads, page numbers and chips aside)", async () => {
    const items = (await textItems(file("en"))).filter((i) => i.str.trim() && i.page > 1);
    const size = (i: (typeof items)[number]) =>
      Math.hypot(i.transform[0] as number, i.transform[1] as number);
    const body = items.filter((i) => size(i) >= 12.7);
    // Nearly all the text is body text; what is smaller is the running head, page numbers and chips.
    expect(body.length / items.length).toBeGreaterThan(0.85);
    const sizes = body.map(size);
    expect(Math.min(...sizes.filter((s) => s > 14))).toBeGreaterThanOrEqual(15.9);
  });

  it("prints the three parallel panels one below the other, each with its time and room", async () => {
    // Compared without spaces: a tagged PDF's text runs end where its marked pieces do.
    const lines = (await textLines(file("en"))).map(squash);
    const titles = [
      "Smart cities that breathe",
      "Screens, kitchens and runways",
      "Convergence: blockchain",
    ].map(squash);
    // Each title starts a line of its own (one column: no other session beside it), in room order.
    const at = titles.map((t) => lines.findIndex((l) => l.startsWith(t)));
    for (const [k, i] of at.entries()) expect(i, titles[k]).toBeGreaterThanOrEqual(0);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    for (const i of at) expect(titles.filter((t) => lines[i]!.includes(t))).toHaveLength(1);
    // Each with its time above it and its room below.
    for (const i of at) expect(lines.slice(i - 2, i)).toContain(squash("13:30–15:30"));
    for (const [k, room] of ["Lotus Room", "Orchid Room", "Jasmine Room"].entries())
      expect(lines.slice(at[k]!, at[k]! + 6).some((l) => l.includes(squash(room)))).toBe(true);
  });
});
