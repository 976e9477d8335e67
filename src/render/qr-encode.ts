import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
/**
 * A QR code encoder (ISO/IEC 18004), byte and alphanumeric modes, versions 1–40.
 *
 * Why our own: a badge run makes one QR code per delegate, and `qrcode` spends about 0.2 ms on
 * each choosing the mask (it walks the matrix through accessor calls eight times over); 10,000
 * badges paid seconds for it. This one keeps the matrix in typed arrays and scores a mask in
 * one pass over rows and one over columns. The tests compare every module with `qrcode`'s
 * (a devDependency) for the same text, level and mask.
 */

export type EccLevel = "L" | "M" | "Q" | "H";

export interface QrMatrix {
  version: number;
  size: number;
  mask: number;
  /** Row-major, 1 = dark. */
  modules: Uint8Array;
}

/** The two format bits of each level. */
const LEVEL_BITS: Record<EccLevel, number> = { L: 1, M: 0, Q: 3, H: 2 };

/**
 * The standard's table of error correction (ISO/IEC 18004:2015, Table 9), versions 1 to 40:
 * how many blocks the codewords are split into, and how many error-correction codewords each
 * block has. The tests check every symbol drawn from it against `qrcode`'s.
 */
const EC_TABLE: Record<EccLevel, { blocks: number[]; perBlock: number[] }> = {
  L: {
    blocks: [
      1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17,
      18, 19, 19, 20, 21, 22, 24, 25,
    ],
    perBlock: [
      7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28,
      30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
  },
  M: {
    blocks: [
      1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28,
      29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ],
    perBlock: [
      10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28,
      28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ],
  },
  Q: {
    blocks: [
      1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38,
      40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ],
    perBlock: [
      13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28,
      30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
  },
  H: {
    blocks: [
      1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42,
      45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ],
    perBlock: [
      17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30,
      30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
  },
};
/** Per level, per version (index 1–40): error-correction blocks and their codewords in all. */
const BLOCKS = {} as Record<EccLevel, number[]>;
const ECC_TOTAL = {} as Record<EccLevel, number[]>;
for (const level of ["L", "M", "Q", "H"] as const) {
  const t = EC_TABLE[level];
  BLOCKS[level] = [0, ...t.blocks];
  ECC_TOTAL[level] = [0, ...t.blocks.map((b, i) => b * t.perBlock[i]!)];
}

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
}
const mul = (a: number, b: number) => (a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!);

const generators = new Map<number, Uint8Array>();
/** The Reed–Solomon generator of `degree`, without its leading 1: (x − α⁰)(x − α¹)…. */
function generator(degree: number): Uint8Array {
  let g = generators.get(degree);
  if (g) return g;
  const poly = [1];
  for (let i = 0; i < degree; i++) {
    const next = new Array<number>(poly.length + 1).fill(0);
    for (let j = 0; j < poly.length; j++) {
      next[j]! ^= poly[j]!;
      next[j + 1]! ^= mul(poly[j]!, EXP[i]!);
    }
    poly.splice(0, poly.length, ...next);
  }
  g = Uint8Array.from(poly.slice(1));
  generators.set(degree, g);
  return g;
}

/** The generator's coefficients as logarithms (they are never zero), per degree. */
/**
 * Per degree, the generator times each possible leading coefficient: row f (degree bytes at
 * f * degree) is what cancelling a leading f adds to the next codewords (4 to 8 KB a degree).
 */
const generatorTimes = new Map<number, Uint8Array>();

function ecc(data: Uint8Array, degree: number): Uint8Array {
  let rows = generatorTimes.get(degree);
  if (!rows) {
    const g = Uint8Array.from(generator(degree), (c) => LOG[c]!);
    rows = new Uint8Array(256 * degree);
    for (let f = 1; f < 256; f++)
      for (let j = 0; j < degree; j++) rows[f * degree + j] = EXP[g[j]! + LOG[f]!]!;
    generatorTimes.set(degree, rows);
  }
  // Long division in place: the data followed by `degree` zeros; each step cancels the leading
  // coefficient into the ones after it, and what is left after the data is the remainder (no
  // shifting of a remainder register per byte).
  const n = data.length;
  const work = new Uint8Array(n + degree);
  work.set(data);
  for (let i = 0; i < n; i++) {
    const factor = work[i]!;
    if (factor === 0) continue;
    const row = factor * degree;
    for (let j = 0; j < degree; j++) work[i + 1 + j]! ^= rows[row + j]!;
  }
  return work.subarray(n);
}

/** Data modules of a version: the symbol minus its function patterns. */
function rawModules(v: number): number {
  let n = (16 * v + 128) * v + 64;
  if (v >= 2) {
    const align = Math.floor(v / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (v >= 7) n -= 36;
  }
  return n;
}

function alignmentPositions(v: number): number[] {
  if (v === 1) return [];
  const count = Math.floor(v / 7) + 2;
  const size = v * 4 + 17;
  const step = v === 32 ? 26 : Math.ceil((v * 4 + 4) / (count * 2 - 2)) * 2;
  const out = [6];
  for (let pos = size - 7; out.length < count; pos -= step) out.splice(1, 0, pos);
  return out;
}

/**
 * How the data is written: `byte` (any text, as UTF-8, 8 bits a byte) or `alphanumeric` (digits,
 * capitals, space and `$%*+-./:`, 11 bits for two characters: what base32 text needs, in about
 * two thirds of the bits).
 */
export type QrMode = "byte" | "alphanumeric";

/** The 45 characters of alphanumeric mode, in the order of their values. */
const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/** Each ASCII character's value in alphanumeric mode, -1 for those it cannot hold. */
const ALPHANUMERIC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHANUMERIC.length; i++) ALPHANUMERIC_VALUE[ALPHANUMERIC.charCodeAt(i)] = i;

/** Whether alphanumeric mode can hold `text`. */
export function isAlphanumeric(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || ALPHANUMERIC_VALUE[c]! < 0) return false;
  }
  return true;
}

/** Bits of the character count at version `v`. */
function countBits(mode: QrMode, v: number): number {
  if (mode === "byte") return v <= 9 ? 8 : 16;
  return v <= 9 ? 9 : v <= 26 ? 11 : 13;
}

/** Bits of the data itself: 8 a byte, or 11 a pair of characters and 6 for an odd last one. */
function dataBits(mode: QrMode, length: number): number {
  return mode === "byte" ? length * 8 : 11 * Math.floor(length / 2) + 6 * (length % 2);
}

function codewords(bytes: Uint8Array, v: number, level: EccLevel, mode: QrMode = "byte"): Uint8Array {
  const blocks = BLOCKS[level][v]!;
  const eccTotal = ECC_TOTAL[level][v]!;
  const total = Math.floor(rawModules(v) / 8);
  const dataTotal = total - eccTotal;
  // The bit stream: mode (0100 byte, 0010 alphanumeric), count, data, terminator, padding.
  const data = new Uint8Array(dataTotal);
  let bitLength = putBits(data, 0, mode === "byte" ? 0b0100 : 0b0010, 4);
  bitLength = putBits(data, bitLength, bytes.length, countBits(mode, v));
  if (mode === "byte")
    for (let i = 0; i < bytes.length; i++) bitLength = putBits(data, bitLength, bytes[i]!, 8);
  else {
    // `bytes` holds the characters' values (0–44) here.
    for (let i = 0; i + 1 < bytes.length; i += 2)
      bitLength = putBits(data, bitLength, bytes[i]! * 45 + bytes[i + 1]!, 11);
    if (bytes.length % 2 === 1) bitLength = putBits(data, bitLength, bytes[bytes.length - 1]!, 6);
  }
  // The terminator and the padding to a whole byte are zero bits: the array is zero already.
  bitLength += Math.min(4, dataTotal * 8 - bitLength);
  bitLength += (8 - (bitLength % 8)) % 8;
  for (let i = bitLength / 8, pad = 0xec; i < dataTotal; i++, pad ^= 0xec ^ 0x11) data[i] = pad;
  // Blocks: the short ones first, the long ones one data codeword longer.
  const perBlockEcc = eccTotal / blocks;
  const longBlocks = total % blocks;
  const shortData = Math.floor(total / blocks) - perBlockEcc;
  const dataBlocks: Uint8Array[] = [];
  const eccBlocks: Uint8Array[] = [];
  for (let b = 0, at = 0; b < blocks; b++) {
    const len = shortData + (b >= blocks - longBlocks ? 1 : 0);
    const block = data.subarray(at, at + len);
    at += len;
    dataBlocks.push(block);
    eccBlocks.push(ecc(block, perBlockEcc));
  }
  const out = new Uint8Array(total);
  let k = 0;
  for (let i = 0; i <= shortData; i++)
    for (const block of dataBlocks) if (i < block.length) out[k++] = block[i]!;
  for (let i = 0; i < perBlockEcc; i++) for (const block of eccBlocks) out[k++] = block[i]!;
  return out;
}

/** Writes the low `length` bits of `value` at bit `at` of `data`; returns the next bit. */
function putBits(data: Uint8Array, at: number, value: number, length: number): number {
  for (let i = length - 1; i >= 0; i--, at++) if ((value >>> i) & 1) data[at >>> 3]! |= 0x80 >>> (at & 7);
  return at;
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/**
 * The smallest version that holds `length` bytes (or characters, in alphanumeric mode) at
 * `level`, or undefined past version 40.
 */
export function versionFor(length: number, level: EccLevel, mode: QrMode = "byte"): number | undefined {
  for (let v = 1; v <= 40; v++) {
    const capacity = (Math.floor(rawModules(v) / 8) - ECC_TOTAL[level][v]!) * 8;
    if (4 + countBits(mode, v) + dataBits(mode, length) <= capacity) return v;
  }
  return undefined;
}

interface Frame {
  size: number;
  /** Function patterns drawn (format areas light, the dark module dark). */
  base: Uint8Array;
  /** 1 where a module belongs to a function pattern. */
  fn: Uint8Array;
  /** Per mask: 1 where the mask flips a data module. */
  flips: Uint8Array[];
  /** The data modules in the order the bits fill them: two-column zigzags from the bottom right. */
  order: Uint32Array;
  /** 32-bit words per row or column of the bit rows and columns the masks are scored on. */
  words: number;
  /** `base` as bit rows and bit columns (see maskScores). */
  baseRows: Int32Array;
  baseCols: Int32Array;
  /** For the i-th module of `order`: its word in the bit rows and in the bit columns, and its bits there. */
  rowWord: Uint32Array;
  rowBit: Int32Array;
  colWord: Uint32Array;
  colBit: Int32Array;
}

/**
 * Sets, in `rows` and `cols` (from line `line` on), the bits of the dark modules of `q`: bit b of
 * word j of a row or column is its module 32j + b, `words` words a line.
 */
function toBitLines(
  q: Uint8Array,
  size: number,
  words: number,
  rows: Int32Array,
  cols: Int32Array,
  line = 0,
): void {
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (q[y * size + x]) {
        rows[(line + y) * words + (x >>> 5)]! |= 1 << (x & 31);
        cols[(line + x) * words + (y >>> 5)]! |= 1 << (y & 31);
      }
}

const frames = new Map<number, Frame>();
/** Everything of a version that does not depend on the data: drawn once per version. */
function frameOf(version: number): Frame {
  const cached = frames.get(version);
  if (cached) return cached;
  const size = version * 4 + 17;
  const base = new Uint8Array(size * size);
  const fn = new Uint8Array(size * size);
  const set = (x: number, y: number, dark: boolean) => {
    base[y * size + x] = dark ? 1 : 0;
    fn[y * size + x] = 1;
  };
  // Finder patterns with their separators.
  for (const [fx, fy] of [
    [0, 0],
    [size - 7, 0],
    [0, size - 7],
  ] as const) {
    for (let dy = -1; dy <= 7; dy++)
      for (let dx = -1; dx <= 7; dx++) {
        const x = fx + dx;
        const y = fy + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        const inside = dx >= 0 && dx <= 6 && dy >= 0 && dy <= 6;
        const ring = dx === 0 || dx === 6 || dy === 0 || dy === 6;
        const core = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
        set(x, y, inside && (ring || core));
      }
  }
  // Timing patterns.
  for (let i = 8; i < size - 8; i++) {
    set(i, 6, i % 2 === 0);
    set(6, i, i % 2 === 0);
  }
  // Alignment patterns, except where they would cover a finder.
  const align = alignmentPositions(version);
  const first = align[0];
  const last = align.at(-1);
  for (const ax of align)
    for (const ay of align) {
      if ((ax === first && ay === first) || (ax === first && ay === last) || (ax === last && ay === first))
        continue;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++) set(ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
  // Format areas, written per level and mask by formatBits; the dark module.
  for (let i = 0; i <= 8; i++) {
    if (i === 6) continue; // the timing patterns cross here
    set(8, i, false);
    set(i, 8, false);
  }
  for (let i = 0; i < 8; i++) set(size - 1 - i, 8, false);
  for (let i = 0; i < 7; i++) set(8, size - 1 - i, false);
  set(8, size - 8, true);
  // Version information.
  if (version >= 7) {
    let rem = version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      set(a, b, dark);
      set(b, a, dark);
    }
  }
  const flips = MASKS.map((test) => {
    const f = new Uint8Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) if (!fn[y * size + x] && test(x, y)) f[y * size + x] = 1;
    return f;
  });
  const order: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let vert = 0; vert < size; vert++) {
      const y = upward ? size - 1 - vert : vert;
      for (let j = 0; j < 2; j++) {
        const at = y * size + right - j;
        if (!fn[at]) order.push(at);
      }
    }
  }
  // The unmasked symbol as bit rows and columns: the function patterns, then each data bit as it
  // is placed (encodeQr), instead of reading the whole symbol back module by module.
  const words = (size + 31) >>> 5;
  const baseRows = new Int32Array(size * words);
  const baseCols = new Int32Array(size * words);
  toBitLines(base, size, words, baseRows, baseCols);
  const rowWord = new Uint32Array(order.length);
  const rowBit = new Int32Array(order.length);
  const colWord = new Uint32Array(order.length);
  const colBit = new Int32Array(order.length);
  for (const [i, at] of order.entries()) {
    const x = at % size;
    const y = (at - x) / size;
    rowWord[i] = y * words + (x >>> 5);
    rowBit[i] = 1 << (x & 31);
    colWord[i] = x * words + (y >>> 5);
    colBit[i] = 1 << (y & 31);
  }
  const frame = {
    size,
    base,
    fn,
    flips,
    order: Uint32Array.from(order),
    words,
    baseRows,
    baseCols,
    rowWord,
    rowBit,
    colWord,
    colBit,
  };
  frames.set(version, frame);
  return frame;
}

/** Writes the 15 format bits (level and mask, BCH-protected) into both of their places. */
function formatBits(q: Uint8Array, size: number, level: EccLevel, mask: number): void {
  const data = (LEVEL_BITS[level] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const bits = ((data << 10) | rem) ^ 0x5412;
  const put = (x: number, y: number, i: number) => {
    q[y * size + x] = (bits >>> i) & 1;
  };
  for (let i = 0; i <= 5; i++) put(8, i, i);
  put(8, 7, 6);
  put(8, 8, 7);
  put(7, 8, 8);
  for (let i = 9; i < 15; i++) put(14 - i, 8, i);
  for (let i = 0; i < 8; i++) put(size - 1 - i, 8, i);
  for (let i = 8; i < 15; i++) put(8, size - 15 + i, i);
}

const utf8 = new TextEncoder();

/**
 * Encodes text in byte mode (as UTF-8), or in alphanumeric mode when asked (the text must then be
 * `isAlphanumeric`); `mask` forces a mask, else the lowest penalty wins.
 */
export function encodeQr(
  text: string,
  level: EccLevel = "M",
  mask?: number,
  mode: QrMode = "byte",
): QrMatrix {
  let bytes: Uint8Array;
  if (mode === "byte") bytes = utf8.encode(text);
  else {
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const value = c < 128 ? ALPHANUMERIC_VALUE[c]! : -1;
      if (value < 0) throw new RangeError("the text holds characters that alphanumeric mode cannot");
      bytes[i] = value;
    }
  }
  const version = versionFor(bytes.length, level, mode);
  if (version === undefined)
    throw new RangeError(
      `${bytes.length} ${mode === "byte" ? "bytes" : "characters"} are too many for a QR code at level ${level}`,
    );
  const frame = frameOf(version);
  const { size, base, flips, order } = frame;
  const m = base.slice();
  // Data, in two-column zigzags from the bottom right (the frame's order); remainder bits light.
  const data = codewords(bytes, version, level, mode);
  const total = Math.min(data.length * 8, order.length);
  const rows = frame.baseRows.slice();
  const cols = frame.baseCols.slice();
  const { rowWord, rowBit, colWord, colBit } = frame;
  for (let i = 0; i < total; i++)
    if ((data[i >>> 3]! >>> (7 - (i & 7))) & 1) {
      m[order[i]!] = 1;
      rows[rowWord[i]!]! |= rowBit[i]!;
      cols[colWord[i]!]! |= colBit[i]!;
    }
  const masked = (k: number): Uint8Array => {
    const f = flips[k]!;
    const out = new Uint8Array(m.length);
    for (let at = 0; at < m.length; at++) out[at] = m[at]! ^ f[at]!;
    formatBits(out, size, level, k);
    return out;
  };
  if (mask !== undefined) return { version, size, mask, modules: masked(mask) };
  const scores = maskScores(rows, cols, frame, level);
  let best = 0;
  for (let k = 1; k < 8; k++) if (scores[k]! < scores[best]!) best = k;
  return { version, size, mask: best, modules: masked(best) };
}

/**
 * The standard's penalty of the unmasked symbol `m` under each of the eight masks, computed on
 * bit rows and bit columns, 32 modules a word (tests/render/qr.test.ts scores it module by module).
 */
function maskScores(rows: Int32Array, cols: Int32Array, frame: Frame, level: EccLevel): number[] {
  const { size } = frame;
  const pattern = maskWords(frame, level);
  const scores: number[] = [];
  for (let k = 0; k < 8; k++) scores.push(maskedPenalty(rows, cols, pattern, k, size));
  return scores;
}

/** Each mask's penalty for `text`, as encodeQr weighs them (for tests against the standard's). */
export function maskPenalties(text: string, level: EccLevel): number[] {
  const { modules, version } = encodeQr(text, level, 0);
  const frame = frameOf(version);
  // Undo mask 0 (and its format bits) to get back the unmasked symbol.
  const m = modules.slice();
  const f = frame.flips[0]!;
  for (let at = 0; at < m.length; at++) m[at] = m[at]! ^ f[at]!;
  for (let at = 0; at < m.length; at++) if (frame.fn[at] && !frame.base[at]) m[at] = 0;
  const { size, words } = frame;
  const rows = new Int32Array(size * words);
  const cols = new Int32Array(size * words);
  toBitLines(m, size, words, rows, cols);
  return maskScores(rows, cols, frame, level);
}

/** A level's eight masks as XOR patterns (the mask's flips and its format bits), in words. */
interface MaskWords {
  /** 32-bit words per row or column. */
  words: number;
  /** Mask k, line i, word j at `(k * size + i) * words + j`; bit b of word j is module 32j + b. */
  rows: Int32Array;
  cols: Int32Array;
}

const maskWordsCache = new Map<string, MaskWords>();
function maskWords(frame: Frame, level: EccLevel): MaskWords {
  const key = `${frame.size}${level}`;
  const cached = maskWordsCache.get(key);
  if (cached) return cached;
  const { size, flips } = frame;
  const words = (size + 31) >>> 5;
  const rows = new Int32Array(8 * size * words);
  const cols = new Int32Array(8 * size * words);
  for (let k = 0; k < 8; k++) {
    // The format areas are light in every symbol before masking: the bits land as written.
    const q = flips[k]!.slice();
    formatBits(q, size, level, k);
    toBitLines(q, size, words, rows, cols, k * size);
  }
  const out = { words, rows, cols };
  maskWordsCache.set(key, out);
  return out;
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Bits of word `j` where a window of `len` modules starting there stays inside a line of `size`. */
function windowBits(size: number, len: number, j: number): number {
  const n = size - len + 1 - 32 * j;
  return n >= 32 ? -1 : n <= 0 ? 0 : (1 << n) - 1;
}

const lineA = new Int32Array(6);
const lineB = new Int32Array(6);

/**
 * The standard's penalty of the symbol `rows`/`cols` under mask `k`: runs of five or more (N1),
 * 2×2 blocks (N2), finder-like 1:1:3:1:1 patterns (N3), the dark share (N4), computed 32
 * modules at a time: equal neighbours, runs of five and the 1:1:3:1:1 patterns are ANDs of the
 * line shifted by one to ten modules.
 */
function maskedPenalty(rows: Int32Array, cols: Int32Array, p: MaskWords, k: number, size: number): number {
  const w = p.words;
  let score = 0;
  let dark = 0;
  for (let pass = 0; pass < 2; pass++) {
    const lines = pass === 0 ? rows : cols;
    const pat = pass === 0 ? p.rows : p.cols;
    let line = lineA;
    let prev = lineB;
    for (let i = 0; i < size; i++) {
      const at = i * w;
      const pk = (k * size + i) * w;
      for (let j = 0; j < w; j++) line[j] = lines[at + j]! ^ pat[pk + j]!;
      for (let j = 0; j < w; j++) {
        const here = line[j]!;
        const next = j + 1 < w ? line[j + 1]! : 0;
        // s(n): bit b is the module n places after module 32j + b.
        const s0 = here;
        const s1 = (here >>> 1) | (next << 31);
        const s2 = (here >>> 2) | (next << 30);
        const s3 = (here >>> 3) | (next << 29);
        const s4 = (here >>> 4) | (next << 28);
        const s5 = (here >>> 5) | (next << 27);
        const s6 = (here >>> 6) | (next << 26);
        const s7 = (here >>> 7) | (next << 25);
        const s8 = (here >>> 8) | (next << 24);
        const s9 = (here >>> 9) | (next << 23);
        const s10 = (here >>> 10) | (next << 22);
        // N1: runs of five or more score 3, plus 1 for each module past five.
        const eq0 = ~(s0 ^ s1);
        const five = eq0 & ~(s1 ^ s2) & ~(s2 ^ s3) & ~(s3 ^ s4) & windowBits(size, 5, j);
        if (five !== 0) {
          const before = j > 0 ? (here << 1) | (line[j - 1]! >>> 31) : here << 1;
          // A run starts where the module before differs (or at the line's first module).
          let sameAsBefore = ~(before ^ s0);
          if (j === 0) sameAsBefore &= ~1;
          score += popcount(five) + 2 * popcount(five & ~sameAsBefore);
        }
        // N3: dark-light-dark-dark-dark-light-dark with four light modules after or before.
        const finder = s0 & ~s1 & s2 & s3 & s4 & ~s5 & s6 & ~s7 & ~s8 & ~s9 & ~s10;
        const finderAfter = ~s0 & ~s1 & ~s2 & ~s3 & s4 & ~s5 & s6 & s7 & s8 & ~s9 & s10;
        const n3 = (finder | finderAfter) & windowBits(size, 11, j);
        if (n3 !== 0) score += 40 * popcount(n3);
        if (pass === 0) {
          dark += popcount(here);
          // N2: 2×2 blocks of one colour, this row with the one above.
          if (i > 0) {
            const up = prev[j]!;
            const upNext = j + 1 < w ? prev[j + 1]! : 0;
            const up1 = (up >>> 1) | (upNext << 31);
            const blocks = eq0 & ~(up ^ up1) & ~(up ^ s0) & windowBits(size, 2, j);
            if (blocks !== 0) score += 3 * popcount(blocks);
          }
        }
      }
      const t = prev;
      prev = line;
      line = t;
    }
  }
  const percent = (dark * 100) / (size * size);
  return score + Math.floor(Math.abs(percent - 50) / 5) * 10;
}

const SVG_HEAD = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ', "latin1");
const SVG_PATH = Buffer.from(
  '" shape-rendering="crispEdges"><path fill="none" stroke="#000" stroke-width="1" stroke-linecap="butt" d="',
  "latin1",
);
const SVG_TAIL = Buffer.from('"/></svg>', "latin1");
/** Reused for every symbol: written in place, then copied out at its length. */
let scratch = new Uint8Array(16_384);

/**
 * The symbol as SVG bytes: one path whose segments are the horizontal runs of dark modules,
 * stroked one module wide along the middle of their row, one unit per module, no quiet zone. A
 * butt-capped stroke covers exactly the run's rectangle; written as a stroke it takes two points,
 * not four, which makes Typst's import and the PDF's path a third lighter than filled rectangles.
 * Written as bytes, digit by digit: a badge run makes 10,000 of them, and building each as a
 * string and encoding it allocated about 30 KB a symbol.
 */
export function qrSvg(q: QrMatrix): Uint8Array {
  const { size, modules } = q;
  // At most size/2 runs a row, each `M177 176.5h177` (14 bytes), plus the fixed text.
  const most = SVG_HEAD.length + SVG_PATH.length + SVG_TAIL.length + 8 + size * (size / 2 + 1) * 14;
  if (scratch.length < most) scratch = new Uint8Array(most);
  const out = scratch;
  out.set(SVG_HEAD, 0);
  let n = writeInt(out, SVG_HEAD.length, size);
  out[n++] = 0x20;
  n = writeInt(out, n, size);
  out.set(SVG_PATH, n);
  n += SVG_PATH.length;
  for (let y = 0; y < size; y++) {
    const row = y * size;
    let x = 0;
    while (x < size) {
      if (!modules[row + x]) {
        x++;
        continue;
      }
      let end = x + 1;
      while (end < size && modules[row + end]) end++;
      out[n++] = 0x4d; // M
      n = writeInt(out, n, x);
      out[n++] = 0x20;
      n = writeInt(out, n, y);
      out[n++] = 0x2e; // .5h
      out[n++] = 0x35;
      out[n++] = 0x68;
      n = writeInt(out, n, end - x);
      x = end;
    }
  }
  out.set(SVG_TAIL, n);
  n += SVG_TAIL.length;
  return out.slice(0, n);
}

/** Writes a non-negative integer below 1,000 (a symbol is at most 177 modules wide) at `n`; returns the end. */
function writeInt(out: Uint8Array, n: number, v: number): number {
  if (v >= 100) {
    out[n++] = 0x30 + ((v / 100) | 0);
    out[n++] = 0x30 + (((v / 10) | 0) % 10);
  } else if (v >= 10) out[n++] = 0x30 + ((v / 10) | 0);
  out[n++] = 0x30 + (v % 10);
  return n;
}

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * The symbol as a 1-bit greyscale PNG, one pixel a module, no quiet zone (the badge leaves it).
 * For codes of version 6 and more, which Typst lays out far faster as an image than as a path of
 * hundreds of runs; the template draws it `pixelated`, so viewers and printers never smooth it.
 */
export function qrPng(q: QrMatrix): Uint8Array {
  const { size, modules } = q;
  const stride = Math.ceil(size / 8) + 1;
  const rawLength = stride * size;
  // The pixels go into IDAT as one stored (uncompressed) deflate block: a few hundred bytes that
  // Typst decodes and compresses again for the PDF anyway, so zlib's deflate (about 40 µs a code,
  // most of a signed badge's drawing time at 100,000 badges) bought nothing but a smaller asset.
  // A stored block holds at most 65,535 bytes: a version-40 symbol is 24 × 177 (a filter byte a row).
  const idatLength = 2 + 5 + rawLength + 4;
  const out = new Uint8Array(PNG_SIGNATURE.length + (12 + 13) + (12 + idatLength) + 12);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let n = PNG_SIGNATURE.length;
  const chunk = (type: string, length: number, fill: (at: number) => void) => {
    view.setUint32(n, length);
    for (let i = 0; i < 4; i++) out[n + 4 + i] = type.charCodeAt(i);
    fill(n + 8);
    view.setUint32(n + 8 + length, crc32(out.subarray(n + 4, n + 8 + length)) >>> 0);
    n += 12 + length;
  };
  chunk("IHDR", 13, (at) => {
    view.setUint32(at, size);
    view.setUint32(at + 4, size);
    out[at + 8] = 1; // bit depth
    out[at + 9] = 0; // greyscale; compression, filter and interlace 0
  });
  chunk("IDAT", idatLength, (at) => {
    out[at] = 0x78; // zlib: deflate, 32 KB window
    out[at + 1] = 0x01; // no preset dictionary, fastest; (0x78 << 8 | 0x01) % 31 === 0
    out[at + 2] = 0x01; // the final block, stored
    view.setUint16(at + 3, rawLength, true);
    view.setUint16(at + 5, ~rawLength & 0xffff, true);
    const raw = at + 7;
    for (let y = 0; y < size; y++) {
      // Filter type 0 (the byte left 0), then the row; in greyscale a 1 bit is white.
      const row = raw + y * stride + 1;
      for (let x = 0; x < size; x++) if (!modules[y * size + x]) out[row + (x >>> 3)]! |= 0x80 >>> (x & 7);
    }
    let a = 1;
    let b = 0;
    for (let i = raw; i < raw + rawLength; i++) {
      a = (a + out[i]!) % 65_521;
      b = (b + a) % 65_521;
    }
    view.setUint32(raw + rawLength, ((b << 16) | a) >>> 0);
  });
  chunk("IEND", 0, () => {});
  return out;
}

let drawing: string | undefined;
/**
 * What the QR codes' bytes are made by, as a fingerprint of two codes drawn now (one of each
 * kind): a build keyed on the codes' texts alone would reuse badges drawn by an encoder that has
 * since changed, the version string being the same in a development build.
 */
export function qrDrawingFingerprint(): string {
  drawing ??= createHash("sha256")
    .update(qrPng(encodeQr("CC1:CONCLAVE2QRPROBE", "M", undefined, "alphanumeric")))
    .update(qrSvg(encodeQr("https://conclave.example/probe/KR-001", "M")))
    .digest("hex");
  return drawing;
}
