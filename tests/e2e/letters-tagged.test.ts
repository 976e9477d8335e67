import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";
import { squash, structureOf } from "../helpers/pdf.js";

/**
 * Letters as accessible PDFs (PDF/UA-1): each letter file, cut from a batch of letters, is tagged
 * with its own part of the batch's structure tree: its language, its subject as the one heading,
 * the logo and the signature described; the print file (all.pdf) is not tagged.
 */
let tmp: string;
const out = () => path.join(tmp, "out/letters/invitation");
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-letters-tagged-"));
  const run = conclave(["letters", path.join(root, "fixtures/cicon-2023"), "--out", path.join(tmp, "out")]);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const tree = async (file: string) => structureOf(new Uint8Array(await readFile(path.join(out(), file))));
const pdfinfo = (file: string) => spawnSync("pdfinfo", [path.join(out(), file)], { encoding: "utf8" });

describe("letters as accessible PDFs", () => {
  it("tags every letter file, and says so to pdfinfo", () => {
    for (const file of [
      "KR-001-Moon-Seung-min.pdf",
      "KR-057-Bae-Sun-young.pdf",
      "VN-001-Hoang-Minh-Tri.pdf",
    ]) {
      const info = pdfinfo(file);
      expect(info.status, info.stderr).toBe(0);
      expect(info.stdout, file).toMatch(/^Tagged:\s+yes$/m);
      // No complaint from poppler about what conclave wrote around Typst's tree.
      expect(info.stderr, file).toBe("");
    }
    expect(pdfinfo("all.pdf").stdout).toMatch(/^Tagged:\s+no$/m);
  });

  it("gives each letter its subject, naming the event, as its one heading, in its language", async () => {
    const en = await tree("KR-057-Bae-Sun-young.pdf");
    expect(en.filter((n) => n.role === "H1").map((n) => n.text.replace(/\s+/g, " "))).toEqual([
      "Invitation to the Korea–Viet Nam CEO Conference",
    ]);
    const ko = await tree("KR-001-Moon-Seung-min.pdf");
    const h1 = ko.filter((n) => n.role === "H1");
    expect(h1).toHaveLength(1);
    expect(squash(h1[0]!.text)).toContain(squash("한-베 CEO 콘퍼런스"));
    expect(await readFile(path.join(out(), "KR-001-Moon-Seung-min.pdf"), "latin1")).toContain("/Lang (ko)");
    expect(await readFile(path.join(out(), "KR-057-Bae-Sun-young.pdf"), "latin1")).toContain("/Lang (en)");
  });

  it("describes the logo and the signature, and holds the letter's own text and no other's", async () => {
    const en = await tree("KR-057-Bae-Sun-young.pdf");
    const alts = en.filter((n) => n.role === "Figure").map((n) => n.alt?.replace(/\s+/g, " "));
    expect(alts[0]).toBe("Korea–Viet Nam CEO Conference");
    expect(alts).toHaveLength(2);
    expect(alts[1]).toMatch(/\S/);
    const text = squash(en.map((n) => n.text).join(" "));
    expect(text).toContain(squash("Dear Ms Bae,"));
    // Letters cut from the same batch of 32 (delegate file order) do not leak into this one.
    for (const other of ["Moon Seung-min", "Cho Dae-hyun", "Dear Mr Cho"])
      expect(text).not.toContain(squash(other));
  });
});
