import { crc32, inflateSync } from "node:zlib";
import fc from "fast-check";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import {
  type EccLevel,
  encodeQr,
  isAlphanumeric,
  maskPenalties,
  qrPng,
  qrSvg,
  versionFor,
} from "../../src/render/qr-encode.js";

/** `qrcode`'s symbol for the same text in byte mode, with the same mask: the independent oracle. */
function reference(text: string, level: EccLevel, mask: number) {
  // The typings want bytes for a byte segment; qrcode encodes a string as UTF-8 itself.
  const q = QRCode.create([{ data: new TextEncoder().encode(text), mode: "byte" }], {
    errorCorrectionLevel: level,
    maskPattern: mask as QRCode.QRCodeMaskPattern,
  });
  return { version: q.version, modules: Uint8Array.from(q.modules.data) };
}

/**
 * The standard's penalty of a masked symbol, module by module: the oracle for encodeQr's
 * 32-modules-at-a-time scoring: runs of five or more (N1), 2×2 blocks (N2),
 * finder-like 1:1:3:1:1 patterns with four light modules beside them (N3), and the distance of
 * the dark share from half (N4).
 */
function penalty(q: Uint8Array, size: number): number {
  let score = 0;
  for (let i = 0; i < size; i++) score += linePenalty(q, i * size, 1, size) + linePenalty(q, i, size, size);
  let dark = 0;
  for (let y = 0; y < size; y++) {
    const row = y * size;
    for (let x = 0; x < size; x++) {
      const v = q[row + x]!;
      dark += v;
      if (y > 0 && x > 0) {
        const s = v + q[row + x - 1]! + q[row - size + x]! + q[row - size + x - 1]!;
        if (s === 0 || s === 4) score += 3;
      }
    }
  }
  const percent = (dark * 100) / (size * size);
  return score + Math.floor(Math.abs(percent - 50) / 5) * 10;
}

/** N1 and N3 along one row (`step` 1) or column (`step` size) starting at `start`. */
function linePenalty(q: Uint8Array, start: number, step: number, size: number): number {
  let score = 0;
  let run = 0;
  let last = -1;
  let window = 0;
  for (let i = 0, at = start; i < size; i++, at += step) {
    const v = q[at]!;
    if (v === last) run++;
    else {
      if (run >= 5) score += run - 2;
      last = v;
      run = 1;
    }
    window = ((window << 1) & 0x7ff) | v;
    if (i >= 10 && (window === 0x5d0 || window === 0x05d)) score += 40;
  }
  return run >= 5 ? score + run - 2 : score;
}

const LEVELS: EccLevel[] = ["L", "M", "Q", "H"];

describe("the QR encoder", () => {
  it("draws every module as qrcode does, for any text, level and mask (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 120 }),
        fc.constantFrom(...LEVELS),
        fc.integer({ min: 0, max: 7 }),
        (text, level, mask) => {
          const ours = encodeQr(text, level, mask);
          const theirs = reference(text, level, mask);
          expect(ours.version).toBe(theirs.version);
          expect(Buffer.from(ours.modules).equals(Buffer.from(theirs.modules))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("draws alphanumeric mode as qrcode does, at every level and mask, up to version 40 (property)", () => {
    const chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".split("");
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 400 }).map((a) => a.join("")),
        fc.constantFrom(...LEVELS),
        fc.integer({ min: 0, max: 7 }),
        (text, level, mask) => {
          const ours = encodeQr(text, level, mask, "alphanumeric");
          const q = QRCode.create([{ data: text, mode: "alphanumeric" }], {
            errorCorrectionLevel: level,
            maskPattern: mask as QRCode.QRCodeMaskPattern,
          });
          expect(ours.version).toBe(q.version);
          expect(Buffer.from(ours.modules).equals(Buffer.from(Uint8Array.from(q.modules.data)))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
    // The capacity of the standard's table: version 6 at level M holds 154 characters.
    expect(versionFor(154, "M", "alphanumeric")).toBe(6);
    expect(versionFor(155, "M", "alphanumeric")).toBe(7);
    expect(isAlphanumeric("C1:ABCZ234567")).toBe(true);
    expect(isAlphanumeric("c1:abc")).toBe(false);
    expect(() => encodeQr("lower case", "M", undefined, "alphanumeric")).toThrow(RangeError);
  });

  it("draws a symbol as a 1-bit PNG, one pixel a module, dark where the module is", () => {
    for (const text of ["CC1:AFK4OLOREF5CC7AAAEAQAAAAOUDEWURNGA3T", "KR-001"]) {
      const q = encodeQr(text, "M", undefined, "alphanumeric");
      const png = Buffer.from(qrPng(q));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBe(q.size);
      expect(png.readUInt32BE(20)).toBe(q.size);
      expect([png[24], png[25]]).toEqual([1, 0]);
      // Every chunk's CRC is its type and data's (a decoder may refuse the file otherwise).
      for (let c = 8; c < png.length; c += 12 + png.readUInt32BE(c)) {
        const length = png.readUInt32BE(c);
        expect(png.readUInt32BE(c + 8 + length)).toBe(crc32(png.subarray(c + 4, c + 8 + length)) >>> 0);
      }
      const at = png.indexOf("IDAT");
      const raw = inflateSync(png.subarray(at + 4, at + 4 + png.readUInt32BE(at - 4)));
      const stride = Math.ceil(q.size / 8) + 1;
      for (let y = 0; y < q.size; y++)
        for (let x = 0; x < q.size; x++) {
          const white = (raw[y * stride + 1 + (x >>> 3)]! >>> (7 - (x & 7))) & 1;
          expect(white, `${x},${y}`).toBe(q.modules[y * q.size + x] ? 0 : 1);
        }
    }
  });

  it("is right at every version, with version information from 7 on", () => {
    for (const level of LEVELS) {
      for (let v = 1; v <= 40; v += 3) {
        // The longest text that still fits version v at this level.
        let n = 1;
        while ((versionFor(n + 1, level) ?? 99) <= v) n++;
        const text = "x".repeat(n);
        const ours = encodeQr(text, level);
        expect(ours.version).toBe(v);
        expect(versionFor(n + 1, level)).not.toBe(v);
        const theirs = reference(text, level, ours.mask);
        expect(Buffer.from(ours.modules).equals(Buffer.from(theirs.modules))).toBe(true);
      }
    }
  });

  it("picks the mask with the lowest penalty", () => {
    for (const text of ["https://checkin.example/cicon2023/KR-001", "VN-014", "김민준 · Nguyễn Văn An"]) {
      const chosen = encodeQr(text, "M");
      for (let k = 0; k < 8; k++)
        expect(penalty(chosen.modules, chosen.size)).toBeLessThanOrEqual(
          penalty(encodeQr(text, "M", k).modules, chosen.size),
        );
    }
  });

  it("weighs each mask, 32 modules at a time, exactly as the module-by-module penalty (property)", () => {
    const agrees = (text: string, level: EccLevel) => {
      const fast = maskPenalties(text, level);
      for (let k = 0; k < 8; k++) {
        const q = encodeQr(text, level, k);
        expect(fast[k], `mask ${k}, version ${q.version}`).toBe(penalty(q.modules, q.size));
      }
    };
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 300 }),
        fc.constantFrom(...LEVELS),
        agrees,
      ),
      { numRuns: 150 },
    );
    // Lines of one to six words: versions 1 to 40.
    for (const v of [1, 3, 4, 7, 10, 20, 27, 28, 33, 40]) {
      let n = 1;
      while ((versionFor(n + 1, "L") ?? 99) <= v) n++;
      agrees("QR".repeat(n).slice(0, n), "L");
    }
  });

  it("refuses more bytes than version 40 holds", () => {
    expect(encodeQr("a".repeat(2331), "M").version).toBe(40);
    expect(() => encodeQr("a".repeat(2332), "M")).toThrow(/2332 bytes are too many for a QR code at level M/);
  });

  it("writes the symbol as one SVG path of dark runs, one unit per module", () => {
    const q = encodeQr("KR-001", "M");
    const svg = new TextDecoder().decode(qrSvg(q));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 21 21"/);
    // Every run is `M x y.5 h n`, a stroke one module wide along the middle of row y: together
    // they cover exactly the dark modules.
    expect(svg).toContain('stroke-width="1" stroke-linecap="butt"');
    const drawn = new Uint8Array(q.size * q.size);
    for (const m of svg.matchAll(/M(\d+) (\d+)\.5h(\d+)/g))
      for (let x = Number(m[1]); x < Number(m[1]) + Number(m[3]); x++) drawn[Number(m[2]) * q.size + x]! += 1;
    expect(Buffer.from(drawn).equals(Buffer.from(q.modules))).toBe(true);
  });

  it("writes the same bytes as the SVG built as text, for any symbol up to version 40 (property)", () => {
    // The plain way to write it: the oracle for the digit-by-digit writer.
    const asText = (q: { size: number; modules: Uint8Array }) => {
      let d = "";
      for (let y = 0; y < q.size; y++)
        for (let x = 0; x < q.size; ) {
          if (!q.modules[y * q.size + x]) {
            x++;
            continue;
          }
          let end = x;
          while (end < q.size && q.modules[y * q.size + end]) end++;
          d += `M${x} ${y}.5h${end - x}`;
          x = end;
        }
      return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${q.size} ${q.size}" shape-rendering="crispEdges"><path fill="none" stroke="#000" stroke-width="1" stroke-linecap="butt" d="${d}"/></svg>`;
    };
    fc.assert(
      fc.property(
        fc.string({ maxLength: 1200 }),
        fc.constantFrom<EccLevel>("L", "M", "Q", "H"),
        (text, level) => {
          if (versionFor(Buffer.byteLength(text), level) === undefined) return;
          const q = encodeQr(text, level);
          expect(Buffer.from(qrSvg(q)).toString("latin1")).toBe(asText(q));
        },
      ),
      { numRuns: 120 },
    );
    // The largest symbol (177 modules: three-digit coordinates and run lengths).
    const big = encodeQr("a".repeat(2331), "M");
    expect(Buffer.from(qrSvg(big)).toString("latin1")).toBe(asText(big));
  });
});
