import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";
import { readPdf, squash, textExtents, textItems } from "../helpers/pdf.js";

let tmp: string;
let out: string;
let passports: string[];
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-letters-"));
  out = path.join(tmp, "out");
  const csv = await readFile(path.join(root, "fixtures/cicon-2023/delegates.csv"), "utf8");
  passports = [...csv.matchAll(/,(M\d{8}),/g)].map((m) => m[1]!);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const letterOf = async (kind: string, id: string) => {
  const files = await readdir(path.join(out, "letters", kind));
  const file = files.find((f) => f.startsWith(`${id}-`));
  if (!file) throw new Error(`no letter for ${id}`);
  return path.join(out, "letters", kind, file);
};

describe("conclave letters on the example event", () => {
  it("writes one invitation per delegate, all.pdf and mailing.csv", async () => {
    const r = conclave(["letters", "fixtures/cicon-2023", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    // letters.recipients by default: guests, speakers and VIPs; not the 7 press, 7 staff,
    // 4 interpreters and 2 organisers, nor the signatory (KR-006).
    expect(r.stderr).toMatch(/119 invitation letters/);
    const files = await readdir(path.join(out, "letters/invitation"));
    expect(files.filter((f) => f.endsWith(".pdf") && f !== "all.pdf")).toHaveLength(119);
    expect(files).toContain("KR-001-Moon-Seung-min.pdf");
    expect(files.some((f) => f.startsWith("KR-006-") || f.startsWith("VN-034-"))).toBe(false);
    const all = await readPdf(path.join(out, "letters/invitation/all.pdf"));
    expect(all.pages).toBe(119);
    const mailing = (await readFile(path.join(out, "letters/invitation/mailing.csv"), "utf8")).split("\r\n");
    expect(mailing[0]).toBe("\ufeffid,name,email,language,file");
    expect(mailing.filter(Boolean)).toHaveLength(120);
    expect(mailing).toContain("KR-001,Moon Seung-min,seungmin.moon@example.kr,ko,KR-001-Moon-Seung-min.pdf");
    // The name as its owner spells it, with its diacritics, not the passport's form.
    expect(mailing).toContain(
      "VN-001,Hoàng Minh Trí,hoang.nam.hoang@example.vn,vi,VN-001-Hoang-Minh-Tri.pdf",
    );
  });

  it.each([
    ["a Korean parliamentarian, in Korean", "KR-001", "존경하는 문승민 의원님께"],
    ["a Korean business leader, in Korean", "KR-008", "존경하는 오윤서 대표이사님께"],
    ["a Vietnamese host, in Vietnamese", "VN-006", "Kính gửi: Ông Nguyễn Quốc Bảo"],
    ["an English-language delegate", "KR-007", "Dear Mr Hong,"],
  ])("greets %s", async (_who, id, salutation) => {
    const text = squash((await readPdf(await letterOf("invitation", id))).text.join(" "));
    expect(text).toContain(squash(salutation));
  });

  it("adds the speaker's session and the protocol paragraph where they apply", async () => {
    // KR-001 speaks at the plenary and is a parliamentarian; KR-007 does neither.
    const mp = squash((await readPdf(await letterOf("invitation", "KR-001"))).text.join(" "));
    expect(mp).toContain(squash("「전체회의: 다음 10년의 무역, 투자, 인재」"));
    expect(mp).toContain(squash("귀빈 의전을 위하여"));
    expect(mp).toContain(squash("2023년 4월 19일"));
    const ceo = squash((await readPdf(await letterOf("invitation", "KR-007"))).text.join(" "));
    expect(ceo).not.toContain("distinguishedguest");
    expect(ceo).not.toContain("agreedto");
    // 행정업무운영 편람: labelled 수신 and 제목 lines; "초청", not "초청의 건"; the hotel in Hangul
    // and the span with a 물결표.
    expect(mp).toContain(squash("수신 대한민국 국회 문승민 의원님 귀하"));
    expect(mp).toContain(squash("제목 한-베 CEO 콘퍼런스 초청"));
    expect(mp).not.toContain(squash("초청의 건"));
    expect(mp).toContain(squash("2023년 6월 20~21일 호찌민시 사이공 리버사이드 호텔에서"));
    const host = squash((await readPdf(await letterOf("invitation", "VN-006"))).text.join(" "));
    expect(host).toContain(squash("TP. Hồ Chí Minh, ngày 19 tháng 4 năm 2023"));
    expect(host).toContain(squash("Kính mong Ông vui lòng xác nhận"));
  });

  it("never splits Việt Nam, Hàn Quốc or a span of days across two lines", async () => {
    const o = path.join(tmp, "vi");
    const r = conclave([
      "letters",
      "fixtures/cicon-2023",
      "--out",
      o,
      "--lang",
      "vi",
      "--delegates",
      "KR-004,VN-001",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(o, "letters/invitation");
    const kr004 = (await readdir(dir)).find((f) => f.startsWith("KR-004-"))!;
    // The lines of the page, top to bottom: text items grouped by their baseline.
    const rows = new Map<number, string[]>();
    for (const it of await textItems(path.join(dir, kr004))) {
      const y = Math.round(it.transform[5]!);
      rows.set(y, [...(rows.get(y) ?? []), it.str]);
    }
    const lines = [...rows].sort((a, b) => b[0] - a[0]).map(([, parts]) => parts.join("").trim());
    // The office ends in "Hàn Quốc", which goes to the next line whole.
    expect(lines.some((l) => l.endsWith("Hàn Quốc"))).toBe(true);
    // Nghị định 30/2020: the signer's title in capitals above the signature, the bare name below.
    const title = lines.indexOf("CHỦ TỊCH HIỆP HỘI HỘI NGHỊ THƯỢNG ĐỈNH CEO HÀN QUỐC");
    expect(title).toBeGreaterThan(0);
    expect(lines.lastIndexOf("Yoon Ki-beom")).toBeGreaterThan(title);
    for (const [k, line] of lines.entries()) {
      const next = lines[k + 1] ?? "";
      expect(/^–/.test(line), line).toBe(false);
      expect(/Việt$/.test(line) && /^Nam\b/.test(next), `${line} / ${next}`).toBe(false);
      expect(/Hàn$/.test(line) && /^Quốc/.test(next), `${line} / ${next}`).toBe(false);
      expect(/\d–$/.test(line), `${line} / ${next}`).toBe(false);
    }
  });

  it("keeps every line of every letter inside the margins, and passports out of invitations", async () => {
    const dir = path.join(out, "letters/invitation");
    for (const f of await readdir(dir)) {
      if (!f.endsWith(".pdf")) continue;
      for (const p of await textExtents(path.join(dir, f))) {
        expect(p.minX, `${f} page ${p.page}`).toBeGreaterThanOrEqual(24 * 2.8346 - 3);
        expect(p.maxX, `${f} page ${p.page}`).toBeLessThanOrEqual(p.width - 24 * 2.8346 + 3);
      }
    }
    const all = (await readPdf(path.join(dir, "all.pdf"))).text.join(" ");
    const mailing = await readFile(path.join(dir, "mailing.csv"), "utf8");
    for (const p of passports) {
      expect(all).not.toContain(p);
      expect(mailing).not.toContain(p);
    }
  });

  it("makes visa letters for delegates with passport data and names the rows of the rest", async () => {
    const r = conclave(["letters", "fixtures/cicon-2023", "--out", out, "--kind", "visa"]);
    expect(r.code).toBe(1);
    // The five Korean officials travel on official passports, exempt by letters.visa.exemptions.
    expect(r.stderr).toMatch(
      /64 visa letters \(25 VN nationals need no visa; 5 exempt by letters\.visa\.exemptions; 26 delegates left out/,
    );
    expect(r.stderr).toMatch(/delegates\.csv:10:25 error visa-data-missing KR-009 has no passport_number/);
    const files = await readdir(path.join(out, "letters/visa"));
    expect(files.filter((f) => f.endsWith(".pdf") && f !== "all.pdf")).toHaveLength(64);
    expect(files.some((f) => f.startsWith("KR-001-"))).toBe(false);
    // In the embassy's language (letters.visa.language: vi), the name as the passport writes it.
    const visa = squash((await readPdf(await letterOf("visa", "KR-007"))).text.join(" "));
    expect(visa).toContain("M37161813");
    expect(visa).toContain(
      squash("Kính gửi: Đại sứ quán nước Cộng hòa xã hội chủ nghĩa Việt Nam tại Hàn Quốc"),
    );
    expect(visa).toContain(squash("Họ và tên HONG HYUNWOO"));
    expect(visa).not.toMatch(/Ông|Mr|Hyun-woo/);
    // Passport numbers appear in the visa letters only, never in what the terminal shows.
    for (const p of passports) expect(r.stderr + r.stdout).not.toContain(p);
  });

  it("lists what it would write with --dry-run and writes nothing", async () => {
    const o = path.join(tmp, "dry");
    const r = conclave([
      "letters",
      "fixtures/cicon-2023",
      "--out",
      o,
      "--dry-run",
      "--delegates",
      "KR-001,VN-004",
      "--lang",
      "en",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("letters/invitation/KR-001-Moon-Seung-min.pdf  (en)");
    expect(r.stdout).toContain("letters/invitation/mailing.csv");
    // Not even the output folder is made.
    expect(existsSync(o)).toBe(false);
  });

  it("writes hostile names as text in letters and as inert cells in mailing.csv", async () => {
    const dir = path.join(tmp, "hostile");
    await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
    const csv = await readFile(path.join(dir, "delegates.csv"), "utf8");
    await writeFile(
      path.join(dir, "delegates.csv"),
      csv.replace(
        "KR-007,Mr,Hyun-woo,Hong,",
        'KR-007,Mr,"#read(""/etc/passwd"") *Hong*","=HYPERLINK(""http://x"")",',
      ),
    );
    const o = path.join(tmp, "hostile-out");
    const r = conclave(["letters", dir, "--out", o, "--delegates", "KR-007"]);
    expect(r.code, r.stderr).toBe(0);
    const mailing = await readFile(path.join(o, "letters/invitation/mailing.csv"), "utf8");
    expect(mailing).toContain(`"'=HYPERLINK(""http://x"")`);
    const file = (await readdir(path.join(o, "letters/invitation"))).find((f) => f.startsWith("KR-007"))!;
    const text = (await readPdf(path.join(o, "letters/invitation", file))).text.join(" ");
    expect(squash(text)).toContain(squash('#read("/etc/passwd") *Hong*'));
  });

  it("wraps a 300-character name inside the margins, in a language without hyphenation too", async () => {
    const dir = path.join(tmp, "long-name");
    await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
    const csv = await readFile(path.join(dir, "delegates.csv"), "utf8");
    // One word of 300 letters: no space, no hyphen, nothing a line breaker could use.
    const word = "Thịnhvượngphúcan".repeat(19).slice(0, 300);
    expect([...word]).toHaveLength(300);
    await writeFile(
      path.join(dir, "delegates.csv"),
      csv.replace("VN-006,Ông,Quoc Bao,Nguyen,Nguyễn Quốc Bảo,", `VN-006,Ông,${word},Nguyen,Nguyễn ${word},`),
    );
    const o = path.join(tmp, "long-name-out");
    const r = conclave(["letters", dir, "--out", o, "--delegates", "VN-006"]);
    expect(r.code, r.stderr).toBe(0);
    const file = (await readdir(path.join(o, "letters/invitation"))).find((f) => f.startsWith("VN-006"))!;
    const letter = path.join(o, "letters/invitation", file);
    for (const p of await textExtents(letter)) {
      expect(p.minX, `page ${p.page}`).toBeGreaterThanOrEqual(24 * 2.8346 - 3);
      expect(p.maxX, `page ${p.page}`).toBeLessThanOrEqual(p.width - 24 * 2.8346 + 3);
    }
    // Nothing of the name is lost to the page edge: every letter of it is printed.
    expect(squash((await readPdf(letter)).text.join("").replace(/\u200b/g, ""))).toContain(squash(word));
  });
});
