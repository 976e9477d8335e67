import { generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BadgeClaims,
  base32,
  CODE_PREFIX,
  decodeCode,
  signCode,
  verifyCode,
} from "../../src/checkin/code.js";
import { CATEGORIES } from "../../src/schema/delegates.js";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const claims = fc
  .record({
    event: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => Buffer.from(b).toString("hex")),
    delegateId: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((s) => {
      const n = Buffer.byteLength(s);
      return n >= 1 && n <= 64;
    }),
    revision: fc.integer({ min: 1, max: 65_535 }),
    dates: fc.constantFrom(
      ["2023-06-19", "2023-06-21"],
      ["2026-01-01", "2026-12-31"],
      ["2000-01-01", "2179-06-06"],
    ),
    category: fc.constantFrom(...CATEGORIES),
    zones: fc
      .uniqueArray(fc.integer({ min: 0, max: 31 }), { maxLength: 8 })
      .map((z) => z.sort((a, b) => a - b)),
  })
  .map(({ dates, ...c }) => ({
    ...c,
    validFrom: dates[0]!,
    validUntil: dates[1]!,
  })) as fc.Arbitrary<BadgeClaims>;

const ctx = (c: BadgeClaims) => ({
  publicKey,
  event: c.event,
  today: c.validFrom,
  revisionOf: () => c.revision,
});

describe("badge codes", () => {
  it("read back as signed, and verify (property)", () => {
    fc.assert(
      fc.property(claims, (c) => {
        const code = signCode(c, privateKey);
        expect(code.startsWith(CODE_PREFIX)).toBe(true);
        expect(code).toMatch(/^CC1:[A-Z2-7]+$/);
        const d = decodeCode(code);
        expect(d.ok && d.claims).toEqual(c);
        expect(verifyCode(code, ctx(c))).toEqual({ ok: true, claims: c });
      }),
      { numRuns: 200 },
    );
  });

  it("are refused when any one bit of them changes (property)", () => {
    fc.assert(
      fc.property(claims, fc.nat(), fc.integer({ min: 0, max: 7 }), (c, at, bit) => {
        const d = decodeCode(signCode(c, privateKey));
        if (!d.ok) throw new Error(d.reason);
        const bytes = Buffer.concat([d.body, d.signature]);
        const i = at % bytes.length;
        bytes[i] = bytes[i]! ^ (1 << bit);
        expect(verifyCode(`${CODE_PREFIX}${base32(bytes)}`, ctx(c)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("say why they are refused: before or after their dates, an unknown delegate, another format", () => {
    const c: BadgeClaims = {
      event: "0a0b0c0d",
      delegateId: "KR-014",
      revision: 1,
      validFrom: "2023-06-19",
      validUntil: "2023-06-21",
      category: "vip",
      zones: [0, 3],
    };
    const code = signCode(c, privateKey);
    const at = (today: string, revisionOf = (_: string): number | undefined => 1) =>
      verifyCode(code, { publicKey, event: c.event, today, revisionOf });
    expect(at("2023-06-18")).toMatchObject({ ok: false, reason: "the badge is valid only from 2023-06-19" });
    expect(at("2023-06-22")).toMatchObject({ ok: false, reason: "the badge was valid until 2023-06-21" });
    expect(at("2023-06-20", () => undefined)).toMatchObject({
      reason: expect.stringContaining("not a delegate"),
    });
    expect(decodeCode("CC1:abc")).toMatchObject({ ok: false, reason: expect.stringContaining("base32") });
    expect(decodeCode("CC1:AAAA")).toMatchObject({ ok: false, reason: expect.stringContaining("too short") });
    expect(decodeCode("KR-014")).toMatchObject({ ok: false, reason: expect.stringContaining("CC1:") });
  });
});
