import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";
import { squash, structureOf } from "../helpers/pdf.js";

/** Personal agendas, cut from batches like letters, are tagged PDFs with their own part of the tree. */
let tmp: string;
const file = (name: string) => path.join(tmp, "out/agenda/personal", name);
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-agendas-tagged-"));
  const run = conclave([
    "agenda",
    path.join(root, "fixtures/cicon-2023"),
    "--out",
    path.join(tmp, "out"),
    "--no-site",
  ]);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("personal agendas as accessible PDFs", () => {
  it("are tagged, in the delegate's language, with their own text and no other delegate's", async () => {
    const info = spawnSync("pdfinfo", [file("KR-001.pdf")], { encoding: "utf8" });
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/^Tagged:\s+yes$/m);
    expect(info.stderr).toBe("");
    const bytes = await readFile(file("KR-001.pdf"));
    expect(bytes.toString("latin1")).toContain("/Lang (ko)");
    const text = squash((await structureOf(new Uint8Array(bytes))).map((n) => n.text).join(" "));
    expect(text).toContain(squash("문승민"));
    expect(text).not.toContain(squash("남궁민수"));
  });
});
