import { createHash, type KeyObject, sign, verify } from "node:crypto";
import type { Event } from "../model/types.js";
import { CATEGORIES, type Category } from "../schema/delegates.js";

/**
 * Signed badge codes (`badge.qr: signed`): what a badge's QR code holds so that a scanner at the
 * door can tell a genuine, current badge from a forged, expired or reprinted one, offline, with
 * only the event's public key. The code holds no name, email or other personal data: the
 * delegate id, and what the door needs to decide. docs/checkin.md describes it byte by byte.
 *
 *   CC1:<base32 of the body and its signature>
 *
 * Body (big-endian):
 *   0       1  format version (1)
 *   1–4     4  event tag: the first 4 bytes of SHA-256("conclave-event:" + acronym + ":" + start)
 *   5–6     2  valid from, days since 2000-01-01
 *   7–8     2  valid until (inclusive), days since 2000-01-01
 *   9–10    2  badge revision (1 for the first print; a reprint raises it)
 *   11      1  category, its index in the data format's list (vip 0, delegate 1, …)
 *   12–15   4  zones: bit i (from the lowest) set when the delegate attends a session in the
 *              i-th room of venues.csv (the first 32 rooms)
 *   16      1  length n of the delegate id in UTF-8 bytes (1–64)
 *   17…     n  the delegate id
 * Then 64 bytes: the Ed25519 signature of "conclave badge code v1" + a zero byte + the body.
 *
 * Base32 is RFC 4648's alphabet without padding: with the prefix it is all QR alphanumeric
 * characters, so a code with an id of up to 13 bytes fits a version 6 QR code at level M.
 */

export const CODE_PREFIX = "CC1:";
const VERSION = 1;
const DOMAIN = Buffer.from("conclave badge code v1\0", "utf8");
const SIGNATURE_BYTES = 64;
const EPOCH = Date.UTC(2000, 0, 1);
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export interface BadgeClaims {
  /** 8 hex digits: the event the badge is for (`eventTag`). */
  event: string;
  delegateId: string;
  revision: number;
  /** ISO dates, inclusive. */
  validFrom: string;
  validUntil: string;
  category: Category;
  /** Indexes of the rooms (venues.csv order) the badge opens. */
  zones: number[];
}

/** The event's tag: the same for every build of the event, different for another event or edition. */
export function eventTag(event: Pick<Event, "config">, acronym: string): string {
  return createHash("sha256")
    .update(`conclave-event:${acronym}:${event.config.start}`, "utf8")
    .digest()
    .subarray(0, 4)
    .toString("hex");
}

const dayNumber = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH) / 86_400_000);
const dateOf = (day: number) => new Date(EPOCH + day * 86_400_000).toISOString().slice(0, 10);

function body(c: BadgeClaims): Buffer {
  const id = Buffer.from(c.delegateId, "utf8");
  if (id.length < 1 || id.length > 64)
    throw new RangeError(`a delegate id of ${id.length} bytes cannot be signed (1–64)`);
  const b = Buffer.alloc(17 + id.length);
  b[0] = VERSION;
  Buffer.from(c.event, "hex").copy(b, 1, 0, 4);
  b.writeUInt16BE(dayNumber(c.validFrom), 5);
  b.writeUInt16BE(dayNumber(c.validUntil), 7);
  b.writeUInt16BE(c.revision, 9);
  b[11] = CATEGORIES.indexOf(c.category);
  let zones = 0;
  for (const z of c.zones) if (z >= 0 && z < 32) zones |= 1 << z;
  b.writeUInt32BE(zones >>> 0, 12);
  b[16] = id.length;
  id.copy(b, 17);
  return b;
}

export function base32(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | undefined {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The text of a signed code: the prefix and the base32 of the body and its signature. */
export function signCode(claims: BadgeClaims, privateKey: KeyObject): string {
  const b = body(claims);
  const signature = sign(null, Buffer.concat([DOMAIN, b]), privateKey);
  return `${CODE_PREFIX}${base32(Buffer.concat([b, signature]))}`;
}

export type Decoded =
  | { ok: true; claims: BadgeClaims; body: Buffer; signature: Buffer }
  | { ok: false; reason: string };

/** Reads a code's claims without checking them (`verifyCode` checks). */
export function decodeCode(text: string): Decoded {
  const t = text.trim();
  if (!t.startsWith(CODE_PREFIX))
    return { ok: false, reason: `not a conclave badge code (it does not start with ${CODE_PREFIX})` };
  const bytes = fromBase32(t.slice(CODE_PREFIX.length));
  if (!bytes) return { ok: false, reason: "the code holds characters that base32 does not use" };
  if (bytes.length < 18 + SIGNATURE_BYTES) return { ok: false, reason: "the code is too short: cut off?" };
  if (bytes[0] !== VERSION)
    return { ok: false, reason: `format version ${bytes[0]} is not one this conclave reads (1)` };
  const n = bytes[16]!;
  if (bytes.length !== 17 + n + SIGNATURE_BYTES)
    return { ok: false, reason: "the code's length does not match the id length it gives" };
  const category = CATEGORIES[bytes[11]!];
  if (!category) return { ok: false, reason: `category ${bytes[11]} is unknown` };
  const zonesBits = bytes.readUInt32BE(12);
  const zones: number[] = [];
  for (let i = 0; i < 32; i++) if ((zonesBits >>> i) & 1) zones.push(i);
  return {
    ok: true,
    claims: {
      event: bytes.subarray(1, 5).toString("hex"),
      validFrom: dateOf(bytes.readUInt16BE(5)),
      validUntil: dateOf(bytes.readUInt16BE(7)),
      revision: bytes.readUInt16BE(9),
      category,
      zones,
      delegateId: bytes.subarray(17, 17 + n).toString("utf8"),
    },
    body: bytes.subarray(0, 17 + n),
    signature: bytes.subarray(17 + n),
  };
}

export interface VerifyContext {
  publicKey: KeyObject;
  /** The tag of the event at this door. */
  event: string;
  /** The day of the scan (ISO date, the event's time zone). */
  today: string;
  /** The current revision of a delegate's badge, undefined for an id the event does not know. */
  revisionOf: (id: string) => number | undefined;
}

export type Verdict = { ok: true; claims: BadgeClaims } | { ok: false; reason: string; claims?: BadgeClaims };

/** Whether a code is genuine, for this event, valid today and the delegate's current badge; why not. */
export function verifyCode(text: string, ctx: VerifyContext): Verdict {
  const d = decodeCode(text);
  if (!d.ok) return d;
  const { claims } = d;
  if (!verify(null, Buffer.concat([DOMAIN, d.body]), ctx.publicKey, d.signature))
    return {
      ok: false,
      reason: "the signature does not match: the code was altered or made with another key",
      claims,
    };
  if (claims.event !== ctx.event) return { ok: false, reason: "the badge is for another event", claims };
  if (ctx.today < claims.validFrom)
    return { ok: false, reason: `the badge is valid only from ${claims.validFrom}`, claims };
  if (ctx.today > claims.validUntil)
    return { ok: false, reason: `the badge was valid until ${claims.validUntil}`, claims };
  const current = ctx.revisionOf(claims.delegateId);
  if (current === undefined)
    return { ok: false, reason: `${claims.delegateId} is not a delegate of this event (any more)`, claims };
  if (claims.revision < current)
    return {
      ok: false,
      reason: `this is revision ${claims.revision} of ${claims.delegateId}'s badge; revision ${current} replaced it (a reprint)`,
      claims,
    };
  return { ok: true, claims };
}
