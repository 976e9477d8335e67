import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { badgeSigner } from "../../src/checkin/badge-codes.js";
import { CODE_PREFIX, decodeCode, verifyCode } from "../../src/checkin/code.js";
import { PRIVATE_KEY_FILE } from "../../src/checkin/keys.js";
import { confine } from "../../src/load/confine.js";
import { planBadges } from "../../src/materials/badges/plan.js";
import { STOCKS } from "../../src/materials/badges/stocks.js";
import { check, delegate } from "../helpers/make.js";

/*
 * Signed badge codes hold the delegate id and what the door decides on, nothing personal
 * (issue #22): here for names, emails, phones and passports made to look like codes, markup,
 * scripts of every kind and text that a careless encoder would copy into the payload.
 */

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const dir = mkdtempSync(path.join(tmpdir(), "conclave-hostile-codes-"));
writeFileSync(path.join(dir, PRIVATE_KEY_FILE), privateKey.export({ format: "pem", type: "pkcs8" }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PIECES = [
  "CC1:",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  "MFRGG===",
  "https://checkin.example/",
  "<script>alert(1)</script>",
  '"; DROP TABLE delegates; --',
  "{{ name }}",
  "#let x = 1",
  "김민준",
  "Nguyễn Văn Đức",
  "Батбаяр",
  "王小明",
  "مريم",
  "\u202eevil",
  "👩‍💼",
  "O'Neil-Smith",
  "%s%n",
  " ",
];
const hostile = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 })
  .map((xs) => xs.join(""))
  .filter((s) => s.trim().length > 0);
const person = fc.record({
  given_name: hostile,
  family_name: hostile,
  native_name: hostile,
  position: hostile,
  organisation: hostile,
  email: fc.constantFrom("ceo.kim+CC1@example.kr", "an.nguyen@example.vn", "ABCDEFGH@example.mn"),
  phone: fc.constantFrom("+82 10 5555 0101", "+84 28 5555 0199", "+976 11 5555 0123"),
  passport_number: fc.constantFrom("M12345678", "C7654321", "ABCDEF234"),
});

const options = {
  measurer: { width: (t: string) => Array.from(t).length * 0.55, lineHeight: 1.2 },
  stock: STOCKS["a6-4up"]!,
  sort: "family" as const,
  skip: 0,
  calibrate: false,
  back: false,
  cutMarks: false,
  offset: [0, 0] as const,
  fonts: ["Pretendard"],
};

describe("signed badge codes of hostile delegates", () => {
  it("hold the id and the door's claims only: no name, email, phone or passport (property)", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 4 }), (people) => {
        const rows = people.map((p, i) => delegate(`KR-${String(i + 1).padStart(3, "0")}`, p));
        const r = check({ delegates: rows, config: "badge:\n  qr: signed\n" });
        // A value the validator refuses never reaches a badge; this is about those it lets through.
        fc.pre(r.event !== undefined);
        const event = r.event!;
        const signCode = badgeSigner(event, confine(dir), dir);
        const plan = planBadges(event, { ...options, signCode });
        expect(plan.qr.length).toBe(rows.length);
        for (const { text } of plan.qr) {
          const d = decodeCode(text);
          if (!d.ok) throw new Error(d.reason);
          const id = d.claims.delegateId;
          const row = rows.find((x) => x.id === id)!;
          expect(row).toBeDefined();
          // Nothing beyond the fixed fields and the id: 17 bytes and the id's own.
          expect(d.body.length).toBe(17 + Buffer.byteLength(id));
          expect(Object.keys(d.claims).sort()).toEqual(
            ["category", "delegateId", "event", "revision", "validFrom", "validUntil", "zones"].sort(),
          );
          const inside = [d.body.toString("latin1"), d.body.toString("utf8"), text.slice(CODE_PREFIX.length)];
          for (const field of Object.keys(people[0]!)) {
            for (const part of row[field]!.split(" ").filter((v) => v.length >= 6))
              for (const where of inside) expect(where.includes(part), `${field} "${part}"`).toBe(false);
          }
          const verdict = verifyCode(text, {
            publicKey,
            event: d.claims.event,
            today: d.claims.validFrom,
            revisionOf: () => 1,
          });
          expect(verdict.ok).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
