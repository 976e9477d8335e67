import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave } from "../helpers/cli.js";
import { readPdf, squash } from "../helpers/pdf.js";

// The forms of address of issue #17, read back from the example's letters. Each expected string
// is the form a protocol office writes (docs/letters.md gives the rules and their sources); the
// wrong ones are those the review found in earlier output.

let tmp: string;
const text = new Map<string, string>();
const run = async (name: string, args: string[]) => {
  const out = path.join(tmp, name);
  const r = conclave(["letters", "fixtures/cicon-2023", "--out", out, ...args]);
  expect(r.code, r.stderr).toBe(0);
  const dir = path.join(out, "letters/invitation");
  for (const f of await readdir(dir)) {
    if (!f.endsWith(".pdf") || f === "all.pdf") continue;
    text.set(
      `${name}/${f.split("-").slice(0, 2).join("-")}`,
      squash((await readPdf(path.join(dir, f))).text.join(" ")),
    );
  }
};
const letter = (key: string) => {
  const t = text.get(key);
  if (t === undefined) throw new Error(`no letter ${key}`);
  return t;
};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-letter-forms-"));
  await run("own", []);
  await run("en", ["--lang", "en", "--delegates", "KR-001,KR-004,VN-001,KR-087"]);
  await run("ko", ["--lang", "ko", "--delegates", "VN-001,VN-002,KR-100"]);
  await run("vi", ["--lang", "vi", "--delegates", "KR-001,VN-034"]);
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("forms of address in the example's letters", () => {
  it.each([
    [
      "en/KR-001",
      [
        "Hon. Moon Seung-min",
        "Member of the National Assembly of the Republic of Korea",
        "Dear Mr Moon,",
        "invite you to",
      ],
    ],
    [
      "en/KR-004",
      [
        "H.E. Oh Kyung-soo",
        "Your Excellency,",
        "invite Your Excellency to",
        "deliver congratulatory remarks at",
        "grateful for Your Excellency’s confirmation",
      ],
    ],
    ["en/KR-087", ["Dear Mr Cho,", "on 20 June 2023 from 13:30 to 15:30 in the Lotus Room."]],
    [
      "en/VN-001",
      [
        "Dear Mr Trí,",
        "deliver the welcome address at",
        "and to deliver the closing address at “Closing ceremony",
      ],
    ],
    [
      "own/KR-004",
      [
        "수신 산업통상자원부 오경수 차관님 귀하",
        "제목 한-베 CEO 콘퍼런스 초청",
        "2023년 6월 20~21일 호찌민시 사이공 리버사이드 호텔에서",
        "존경하는 오경수 차관님께",
        "축사를",
        "정중히 초청합니다",
        "한국CEO서밋협회 회장 윤기범",
      ],
    ],
    [
      "own/KR-087",
      [
        "서울그린에너지 조현우 대표이사님 귀하",
        "「숨 쉬는 스마트시티: 데이터와 녹색 인프라」의 토론자를 맡아",
      ],
    ],
    ["ko/VN-001", ["존경하는 호앙 민 찌(Hoàng Minh Trí) 부위원장님께", "환영사를", "폐회사를"]],
    ["ko/KR-100", ["수신 한국CEO서밋협회 의전 담당 안소희 님 귀하", "존경하는 안소희 님께"]],
    ["ko/VN-002", ["호찌민시 인민위원회 부 낌 오아인(Vũ Kim Oanh) 국장님 귀하"]],
    [
      "own/VN-001",
      [
        "Kính gửi: Ông Hoàng Minh Trí, Phó Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "Kính mong Ông vui lòng",
        "phát biểu chào mừng tại",
        "Trân trọng./.",
      ],
    ],
    ["vi/KR-001", ["Kính gửi: Ngài Moon Seung-min, Nghị sĩ Quốc hội Hàn Quốc"]],
    ["vi/VN-034", ["Kính gửi: Ông/Bà Lý Thùy Dương, Đăng ký đại biểu, Ban Thư ký CICON 2023"]],
  ])("%s", (key, forms) => {
    const t = letter(key);
    for (const f of forms) expect(t, f).toContain(squash(f));
  });

  it("a speaker of two sessions gets one paragraph naming both", () => {
    expect(letter("en/VN-001").split("Wearedelightedthat")).toHaveLength(2);
    expect(letter("own/VN-001").split("đãnhậnlời")).toHaveLength(2);
  });

  it("none of the forms the review sent back", () => {
    const wrong = [
      "Dear Hon.",
      "invite Hon.",
      "13:30–15:30",
      ", in Lotus Room",
      "Industry and Energy, Ministry of Trade",
      "담당님",
      "초대합니다",
      "좌장으로",
      "연사로 참여",
      "산업통상자원부 차관 산업통상자원부",
      "Kính đề nghị Ông",
      "Ngài Hoàng",
      "Ủy ban Nhân dân",
      "Xã hội Chủ nghĩa",
      "Tiến sĩ Yoon",
      "Trân trọng,",
      "Đại biểu Quốc hội, Quốc hội Đại Hàn",
      // Found by the second review: 이사 for a city department's director, 초청의 건, an
      // English position in a Vietnamese letter, an en dash in a Korean date span, the hotel in
      // Latin letters in a Korean sentence.
      "오아인(Vũ Kim Oanh) 이사님",
      "초청의 건",
      "Registration desk",
      "20–21일",
      "Saigon Riverside Hotel에서",
      "패널 토론을 맡아",
    ].map(squash);
    for (const [key, t] of text) for (const w of wrong) expect(t.includes(w), `${key}: ${w}`).toBe(false);
  });
});
