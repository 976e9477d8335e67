import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEventFolder } from "../../src/load/event-folder.js";
import { dietaryIn } from "../../src/materials/protocol/words.js";
import type { Event } from "../../src/model/types.js";
import { checkEvent } from "../../src/validate/index.js";
import { conclave, root } from "../helpers/cli.js";
import { pdfTitle, phrasesOnOneLine, readPdf, squash } from "../helpers/pdf.js";

let tmp: string;
let out: string;
let event: Event;
let build: ReturnType<typeof conclave>;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-protocol-"));
  out = path.join(tmp, "out");
  event = checkEvent((await loadEventFolder(path.join(root, "fixtures/cicon-2023"))).input).event!;
  build = conclave(["build", "fixtures/cicon-2023", "--out", out, "--only", "seating,badges,protocol"]);
}, 300_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const text = async (file: string) => squash((await readPdf(path.join(out, file))).text.join(" "));
/** Each needle's place in the text, failing on a missing one. */
const places = (haystack: string, needles: string[]) =>
  needles.map((n) => {
    const at = haystack.indexOf(squash(n));
    expect(at, n).toBeGreaterThanOrEqual(0);
    return at;
  });
const increasing = (xs: number[]) => xs.every((x, k) => k === 0 || x > xs[k - 1]!);

describe("conclave build: the protocol list and the caterer's list", () => {
  it("lists the guests by precedence in the host's and the guests' languages", async () => {
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/10 guests by precedence in vi, ko; caterer's list: 106 covers/);
    // Equal rank 1: the Korean guest before the Vietnamese host; then the Koreans ranked 2–6 and
    // the Vietnamese ranked 7–9 (the precedence column), never by id.
    const vi = await text("protocol/protocol-list-vi.pdf");
    expect(vi).toContain(squash("Danh sách khách mời theo thứ tự lễ tân"));
    expect(
      increasing(
        places(vi, [
          "Oh Kyung-soo",
          "Hoàng Minh Trí",
          "Moon Seung-min",
          "Yoon Ki-beom",
          "Vũ Kim Oanh",
          "Hồ Thu Hằng",
        ]),
      ),
    ).toBe(true);
    // Title, interpreter, arrival, table, as the Vietnamese reader writes them.
    expect(vi).toContain(squash("Phó Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh"));
    expect(vi).toContain(squash("Trần Thị Hoa"));
    expect(vi).toContain(squash("14:35 ngày 19 tháng 6 năm 2023"));
    // The name as its owner spells it, never the passport's form without diacritics.
    expect(vi).not.toContain(squash("Hoang Minh Tri"));
    expect(vi).toContain(squash("Bàn 1"));
    const ko = await text("protocol/protocol-list-ko.pdf");
    expect(ko).toContain(squash("의전 명단"));
    expect(increasing(places(ko, ["오경수", "Hoàng Minh Trí", "문승민", "윤기범"]))).toBe(true);
    expect(ko).toContain(squash("2023년 6월 19일 14:35"));
    // The column beside the name (which carries the title) is the organisation: 소속.
    expect(ko).toContain(squash("소속"));
    expect(ko).not.toContain(squash("Hoang Minh Tri"));
    // An interpreter's name in its own letters, after its Hangul, is never split across lines of
    // the narrow column (it was: "쩐 티 호아(Trần Thị" / "Hoa)").
    for (const p of await phrasesOnOneLine(path.join(out, "protocol/protocol-list-ko.pdf"), [
      "(Trần Thị Hoa)",
      "(Trần Thành Long)",
    ])) {
      expect(p.all, p.phrase).toBeGreaterThan(0);
      expect(p.whole, p.phrase).toBe(p.all);
    }
    const csv = (await readFile(path.join(out, "protocol/protocol-list.csv"), "utf8")).split("\r\n");
    expect(csv[0]).toContain("order,delegate_id,name,country,rank_from,rank");
    expect(csv.slice(1, 4).map((l) => l.split(",")[1])).toEqual(["KR-004", "VN-001", "KR-001"]);
  });

  it("names each list and the event in the PDF's Title", async () => {
    // One form for every conclave PDF (pdfTitle, src/materials/common.ts).
    expect(await pdfTitle(path.join(out, "protocol/protocol-list-ko.pdf"))).toBe("CICON 2023 — 의전 명단");
    expect(await pdfTitle(path.join(out, "protocol/caterer.pdf"))).toBe(
      "CICON 2023 — Danh sách cho bên phục vụ ăn uống",
    );
  });

  it("never splits Hồ Chí Minh in a guest's position on the protocol list", async () => {
    const [hcm] = await phrasesOnOneLine(path.join(out, "protocol/protocol-list-vi.pdf"), ["Hồ Chí Minh"]);
    expect(hcm!.all).toBeGreaterThan(2);
    expect(hcm!.whole, "Hồ Chí Minh split across lines").toBe(hcm!.all);
  });

  it("counts the dietary needs per table and in total, as delegates.csv gives them", async () => {
    const banquet = event.sessionById.get("BANQUET")!;
    const expected = new Map<string, number>();
    for (const id of banquet.attendeeIds) {
      const written = event.delegateById.get(id)!.dietary;
      // In the caterer's language (Vietnamese): "no pork" is "không ăn thịt lợn".
      const d = written && dietaryIn(written.trim().toLowerCase(), written.trim(), "vi");
      if (d) expected.set(d, (expected.get(d) ?? 0) + 1);
    }
    const csv = (await readFile(path.join(out, "protocol/caterer.csv"), "utf8"))
      .replace(/^\ufeff/, "")
      .split("\r\n");
    expect(csv[0]).toBe("table,guests,need,count,names");
    const totals = csv.filter((l) => l.startsWith("Tổng cộng,"));
    expect(new Map(totals.map((l) => [l.split(",")[2]!, Number(l.split(",")[3])]))).toEqual(expected);
    const assignment = (await readFile(path.join(out, "seating/BANQUET/assignment.csv"), "utf8")).split(
      "\r\n",
    );
    const tableOf = new Map(assignment.slice(1).map((l) => [l.split(",")[3], l.split(",")[1]]));
    // Per table: the sum of a need over the tables is its total.
    const perTable = csv.slice(1).filter((l) => l && !l.startsWith("Tổng cộng,"));
    for (const [need, count] of expected)
      expect(
        perTable.filter((l) => l.split(",")[2] === need).reduce((s, l) => s + Number(l.split(",")[3]), 0),
        need,
      ).toBe(count);
    const withNeed = banquet.attendeeIds.find((id) => event.delegateById.get(id)!.dietary)!;
    const pdf = await text("protocol/caterer.pdf");
    expect(pdf).toContain(squash(`Bàn ${tableOf.get(withNeed)}`));
    for (const need of expected.keys()) expect(pdf).toContain(squash(need));
    expect(pdf).toContain(squash("Tổng cộng: 106 suất"));
  });

  it("prints the dietary column nowhere else", async () => {
    for (const file of [
      "badges/badges.pdf",
      "seating/BANQUET/place-cards.pdf",
      "seating/BANQUET/table-list.pdf",
      "seating/BANQUET/plan.pdf",
      "protocol/protocol-list-vi.pdf",
      "protocol/protocol-list-ko.pdf",
    ]) {
      const t = (await text(file)).toLowerCase();
      expect(t.length, file).toBeGreaterThan(200); // the file's text was read
      for (const need of ["halal", "vegetarian", "nopork"]) expect(t, `${file}: ${need}`).not.toContain(need);
    }
  });

  it("is a command of its own, reading the tables of the last seating plan", async () => {
    const r = conclave(["protocol", "fixtures/cicon-2023", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/caterer's list: 106 covers/);
    expect(r.stderr).not.toContain("no seating plan");
    expect(await text("protocol/protocol-list-vi.pdf")).toContain(squash("Bàn 1"));
  });
});
