import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { previousTables } from "../../src/materials/seating/previous.js";
import { checkEvent } from "../../src/validate/index.js";
import { conclave, root } from "../helpers/cli.js";
import { readPdf, squash, textItems } from "../helpers/pdf.js";

// The printed seating materials of the example banquet, read back from the PDFs: the floor plan
// to scale with upright names, bilingual place cards in real spelling, the A2 poster.
let tmp: string;
let out: string;
let noRoomOut: string;
let stderr: string;
const file = (name: string, o = out) => path.join(o, "seating/BANQUET", name);
/** Font size of a text item, whatever way up it is printed (the tent's upper half is upside down). */
const size = (t: number[]) => Math.hypot(t[0]!, t[1]!);

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-seatprint-"));
  out = path.join(tmp, "out");
  const r = conclave(["seating", "fixtures/cicon-2023", "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  stderr = r.stderr;
  // The same banquet without the room the example's event.yaml describes: tables spaced freely.
  const dir = path.join(tmp, "no-room");
  await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
  const yaml = await readFile(path.join(dir, "event.yaml"), "utf8");
  expect(yaml).toMatch(/\nseating:\n {2}# [\s\S]*$/);
  await writeFile(path.join(dir, "event.yaml"), yaml.replace(/\nseating:\n {2}# [\s\S]*$/, "\n"));
  noRoomOut = path.join(tmp, "no-room-out");
  const rr = conclave(["seating", dir, "--out", noRoomOut]);
  expect(rr.code, rr.stderr).toBe(0);
}, 240_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("the printed seating of the example banquet", () => {
  it("prints the floor plan at a standard scale with a scale bar and every name upright", async () => {
    const items = await textItems(file("plan.pdf"));
    const text = items.map((i) => i.str).join(" ");
    expect(text).toMatch(/Scale 1:(50|100|200)\b/);
    expect(text).toContain("106 guests · 12 tables");
    expect(text).toContain("5 m");
    // No text turned: every item's transform is an upright scale (b = c = 0, a = d > 0).
    for (const i of items) {
      const [a, b, c, d] = i.transform;
      expect([b, c], i.str).toEqual([0, 0]);
      expect(a! > 0 && d! > 0, i.str).toBe(true);
    }
    // Head-table guests are named too (in the key by seat number).
    expect(squash(text)).toContain(squash("Oh Kyung-soo"));
    expect(squash(text)).toContain("오경수");
    expect(stderr).not.toMatch(/seating-overflow/);
  });

  it("draws the example's room of seating.floor: walls, stage, two doors and the aisle at the same scale", async () => {
    const text = (await readPdf(file("plan.pdf"))).text.join(" ");
    expect(text).toContain("Stage");
    expect(text).toContain("Main entrance");
    expect(text).toContain("Service door");
    expect(text).toContain("Aisle");
    expect(text).toMatch(/Scale 1:50\b/);
    expect(text).not.toContain("no room in event.yaml");
  });

  it("spaces the tables freely without seating.floor, and says the spacing is not to scale", async () => {
    const text = (await readPdf(file("plan.pdf", noRoomOut))).text.join(" ");
    expect(text).not.toContain("Main entrance");
    expect(text).toContain("no room in event.yaml");
    expect(text).toMatch(/Scale 1:(50|100|200)\b/);
    expect(text).toContain("106 guests · 12 tables");
  });

  it("prints place cards with the real spelling large, one side Vietnamese, the other Korean", async () => {
    const items = await textItems(file("place-cards.pdf"));
    const names = items.filter((i) => i.str.includes("Hoàng Minh Trí"));
    expect(names.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...names.map((i) => size(i.transform)))).toBeGreaterThanOrEqual(20);
    expect(items.some((i) => i.str.includes("Hoang Minh Tri"))).toBe(false);
    const text = squash(items.map((i) => i.str).join(" "));
    // The Korean MP: 문승민 의원 on the Korean side, his Latin name on the Vietnamese one.
    expect(text).toContain(squash("문승민 의원"));
    expect(text).toContain(squash("Moon Seung-min"));
    expect(text).toContain("주빈석");
    expect(text).not.toContain(squash("헤드 테이블"));
  });

  it("prints an A2 'find your table' poster with names of 24 pt and more, titles translated", async () => {
    const poster = await readPdf(file("table-poster.pdf"));
    expect([Math.round(poster.sizes[0]!.width), Math.round(poster.sizes[0]!.height)]).toEqual([1191, 1684]);
    const items = await textItems(file("table-poster.pdf"));
    const name = items.find((i) => i.str.includes("Hoàng Minh Trí"))!;
    expect(size(name.transform)).toBeGreaterThanOrEqual(24);
    const all = squash(poster.text.join(" "));
    for (const s of ["Find your table", "테이블 안내", "Tìm bàn của Quý vị", "갈라 만찬", "Tiệc chiêu đãi"])
      expect(all).toContain(squash(s));
    const list = squash((await readPdf(file("table-list.pdf"))).text.join(" "));
    expect(list).toContain(squash("Tìm bàn của Quý vị"));
    expect(list).not.toContain(squash("Tìm bàn của bạn"));
    expect(list).toContain(squash("Tiệc chiêu đãi"));
  });
});

describe("a round top table with interpreters behind", () => {
  let dir: string;
  let o: string;
  beforeAll(async () => {
    dir = path.join(tmp, "round");
    await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
    const yaml = await readFile(path.join(dir, "event.yaml"), "utf8");
    await writeFile(
      path.join(dir, "event.yaml"),
      yaml.replace(
        "\nseating:\n",
        "\nseating:\n  head_table:\n    custom: round\n    interpreters: behind\n",
      ),
    );
    // Inside the event folder: --keep reads only from there.
    o = path.join(dir, "out");
  }, 60_000);

  it("fills the head table's 12 seats by precedence and gives interpreters behind a row of assignment.csv", async () => {
    const r = conclave(["seating", dir, "--out", o]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/head-table seats? (is|are) empty/);
    const rows = (await readFile(file("assignment.csv", o), "utf8")).trim().split("\n").slice(1);
    const head = rows.filter((x) => x.split(",")[1] === "head");
    expect(head.filter((x) => /^\d+$/.test(x.split(",")[2]!))).toHaveLength(12);
    const behind = head.filter((x) => x.split(",")[2] === "behind");
    expect(behind.length).toBeGreaterThan(0);
    // A later `conclave badges` or `agenda` alone reads their table back: the head table.
    const event = checkEvent((await loadEventFolder(dir)).input).event!;
    const tables = await previousTables(o, event);
    for (const b of behind) expect(tables?.get(b.split(",")[3]!)).toBe("head");
    // An edited plan kept with --keep: the interpreters behind follow their principal.
    const again = conclave([
      "seating",
      dir,
      "--out",
      path.join(tmp, "round-kept"),
      "--keep",
      file("assignment.csv", o),
    ]);
    expect(again.code, again.stderr).toBe(0);
    const kept = await readFile(path.join(tmp, "round-kept/seating/BANQUET/assignment.csv"), "utf8");
    for (const b of behind) expect(kept).toContain(b);
  });

  it("fails under --strict when a seating-floor warning says the room cannot be drawn", () => {
    // The round top table and its names need more depth than the example's 19 m room leaves.
    const warn = conclave(["seating", dir, "--out", path.join(tmp, "strict-a")]);
    expect(warn.code).toBe(0);
    expect(warn.stderr).toContain("seating-floor");
    const strict = conclave(["seating", dir, "--out", path.join(tmp, "strict-b"), "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("--strict");
    const build = conclave([
      "build",
      dir,
      "--out",
      path.join(tmp, "strict-c"),
      "--only",
      "seating",
      "--strict",
    ]);
    expect(build.code).toBe(1);
  });
});
