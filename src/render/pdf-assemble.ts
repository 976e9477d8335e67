import { createHash } from "node:crypto";

/**
 * Pages copied out of the PDFs Typst writes, into new files.
 *
 * Thousands of one-page documents (letters, personal agendas) cost Typst about ten times more
 * as separate compiles than as one document: most of a compile is fixed work (evaluating the
 * template, subsetting the fonts). So conclave compiles a batch of them as one document and
 * cuts it here into one file per delegate, and puts the pages of many batches back together,
 * in any order, for the print file (all.pdf).
 *
 * This reads just what Typst writes: a classic cross-reference table and plain objects. It never
 * looks inside stream data, and skips strings while it looks for references, so no text a
 * delegate wrote can be taken for PDF structure.
 */

/** PDF structure is ASCII: latin1 is the fastest way to bytes. */
const ascii = (s: string): Uint8Array => Buffer.from(s, "latin1");
const dec = new TextDecoder("latin1");

/** An indirect reference found in an object's text: bytes [start, end) read `num gen R`. */
interface Ref {
  start: number;
  end: number;
  num: number;
}

/** One object of a source file: its value (before any stream) and its stream bytes, if any. */
interface PdfObject {
  valueStart: number;
  valueEnd: number;
  refs: Ref[];
  /** The `/Length` of the stream, when the object is one. */
  stream?: { start: number; length: number };
  /** Top-level names of a dictionary value with the token that follows each, e.g. `/Type` → `/Page`. */
  keys: Map<string, { start: number; end: number }>;
}

const STREAM = ascii("stream\n");
const ENDOBJ = ascii("endobj");
const STREAM_WORD = ascii("stream");
const ENDSTREAM = ascii("\nendstream\n");

export class PdfFormatError extends Error {}

/** Past a literal string opening at `i`: balanced parentheses, backslash escapes. */
function skipString(b: Uint8Array, i: number, limit: number): number {
  let nest = 0;
  for (; i < limit; i++) {
    const d = b[i]!;
    if (d === 0x5c) i++;
    else if (d === 0x28) nest++;
    else if (d === 0x29 && --nest === 0) return i + 1;
  }
  return i;
}

const isWhite = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0;
const isDelim = (c: number) =>
  c === 0x28 ||
  c === 0x29 ||
  c === 0x3c ||
  c === 0x3e ||
  c === 0x5b ||
  c === 0x5d ||
  c === 0x7b ||
  c === 0x7d ||
  c === 0x2f ||
  c === 0x25;

/** Whether the bytes at `at` are `word` (the caller has checked the token's length). */
function isWord(b: Uint8Array, at: number, word: Uint8Array): boolean {
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word[k]) return false;
  return true;
}

/**
 * The structure tree of a tagged PDF (what Typst writes with `pdfTags`): the tree's root, its
 * one top-level element (`/S /Document`), and the parent tree that ties each page's marked
 * content (`/StructParents`) and each annotation (`/StructParent`) to its structure elements.
 */
interface PdfStructure {
  root: number;
  document: number;
  /** The root's /RoleMap dictionary as written, or "". */
  roleMap: string;
  /** Parent tree: key → the object number of its value (an array of elements, or an element). */
  parents: Map<number, number>;
  /** The catalog's XMP metadata stream (PDF/UA's identification and the title), if any. */
  metadata: number | undefined;
}

/** The page objects and objects of one PDF written by Typst. */
export class PdfSource {
  private readonly offsets: number[] = [];
  private readonly objects = new Map<number, PdfObject>();
  /** Page objects, in reading order. */
  readonly pages: number[] = [];
  /** Page-tree nodes: a copied page's /Parent points to the new file's own tree instead. */
  private readonly treeNodes = new Set<number>();
  private readonly pageSet = new Set<number>();
  readonly info: number | undefined;
  /** The catalog's /Lang, as written (`(ko)`). */
  readonly lang: string | undefined;
  /** The trailer's /ID, as written: Typst derives it from the document, so it names the content. */
  readonly id: string;
  /**
   * The structure tree, when the PDF is tagged and its tree has the shape Typst writes; undefined
   * otherwise (the pages are then copied without it, as from an untagged PDF).
   */
  readonly structure: PdfStructure | undefined;

  constructor(readonly bytes: Uint8Array) {
    const tail = dec.decode(bytes.subarray(Math.max(0, bytes.length - 64)));
    const sx = /startxref\s+(\d+)/.exec(tail);
    if (!sx) throw new PdfFormatError("no startxref");
    let at = Number(sx[1]);
    const line = () => {
      let end = at;
      while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
      const text = dec.decode(bytes.subarray(at, end));
      at = end;
      while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
      return text.trim();
    };
    if (line() !== "xref") throw new PdfFormatError("no cross-reference table (object streams are not read)");
    for (;;) {
      const lineStart = at;
      const head = line();
      if (head.startsWith("trailer")) {
        at = lineStart + "trailer".length;
        break;
      }
      const m = /^(\d+) (\d+)$/.exec(head);
      if (!m) throw new PdfFormatError(`bad cross-reference section "${head}"`);
      const first = Number(m[1]);
      const count = Number(m[2]);
      for (let i = 0; i < count; i++) {
        // Entries are exactly 20 bytes: 10-digit offset, generation, type, two-byte end of line.
        const entry = dec.decode(bytes.subarray(at, at + 18));
        at += 20;
        if (entry[17] === "n") this.offsets[first + i] = Number(entry.slice(0, 10));
      }
    }
    const trailer = this.scan(at, true, Math.min(bytes.length, at + 4096));
    const root = this.refAt(trailer, "/Root");
    this.info = this.refAt(trailer, "/Info");
    const id = trailer.keys.get("/ID");
    this.id = id
      ? dec.decode(bytes.subarray(id.start, id.end))
      : createHash("sha256").update(bytes).digest("hex");
    if (root === undefined) throw new PdfFormatError("no /Root");
    const catalog = this.object(root);
    const pagesRoot = this.refAt(catalog, "/Pages");
    const lang = catalog.keys.get("/Lang");
    this.lang = lang ? dec.decode(bytes.subarray(lang.start, lang.end)) : undefined;
    if (pagesRoot === undefined) throw new PdfFormatError("no page tree");
    this.collect(pagesRoot, 0);
    this.structure = this.readStructure(catalog);
  }

  private readStructure(catalog: PdfObject): PdfStructure | undefined {
    const root = this.refAt(catalog, "/StructTreeRoot");
    if (root === undefined) return undefined;
    try {
      const tree = this.object(root);
      const k = tree.keys.get("/K");
      const kids = k ? tree.refs.filter((r) => r.start >= k.start && r.end <= k.end) : [];
      if (kids.length !== 1) return undefined;
      const roleMap = tree.keys.get("/RoleMap");
      const parents = new Map<number, number>();
      const pt = tree.keys.get("/ParentTree");
      if (!pt) return undefined;
      const ptRef = this.refAt(tree, "/ParentTree");
      const text =
        ptRef !== undefined
          ? dec.decode(this.valueBytes(ptRef))
          : dec.decode(this.bytes.subarray(pt.start, pt.end));
      if (!this.readNumberTree(text, parents, 0)) return undefined;
      return {
        root,
        document: kids[0]!.num,
        roleMap: roleMap ? dec.decode(this.bytes.subarray(roleMap.start, roleMap.end)) : "",
        parents,
        metadata: this.refAt(catalog, "/Metadata"),
      };
    } catch (error) {
      if (error instanceof PdfFormatError) return undefined;
      throw error;
    }
  }

  /**
   * A number tree node's `/Nums [key num gen R …]` into `into`, and its `/Kids` in turn. False for
   * any other form (a value that is not a reference): the caller then leaves the tree out. The
   * node holds no strings, so reading its text as tokens cannot mistake one for structure.
   */
  private readNumberTree(node: string, into: Map<number, number>, depth: number): boolean {
    if (depth > 16) return false;
    const array = (key: string) => {
      const at = node.indexOf(key);
      if (at < 0) return undefined;
      const open = node.indexOf("[", at);
      const close = node.indexOf("]", open);
      return open < 0 || close < 0
        ? undefined
        : node
            .slice(open + 1, close)
            .trim()
            .split(/\s+/)
            .filter(Boolean);
    };
    const nums = array("/Nums");
    if (nums) {
      if (nums.length % 4 !== 0) return false;
      for (let i = 0; i < nums.length; i += 4) {
        const [key, num, , r] = nums.slice(i, i + 4);
        if (!/^\d+$/.test(key!) || !/^\d+$/.test(num!) || r !== "R") return false;
        into.set(Number(key), Number(num));
      }
    }
    const kids = array("/Kids");
    if (kids) {
      if (kids.length % 3 !== 0) return false;
      for (let i = 0; i < kids.length; i += 3) {
        if (kids[i + 2] !== "R") return false;
        if (!this.readNumberTree(dec.decode(this.valueBytes(Number(kids[i]))), into, depth + 1)) return false;
      }
    }
    return nums !== undefined || kids !== undefined;
  }

  /** The unsigned integer object `num`'s dictionary holds under `key`, if any. */
  intAt(num: number, key: string): number | undefined {
    const obj = this.object(num);
    const v = obj.keys.get(key);
    if (!v) return undefined;
    const text = dec.decode(this.bytes.subarray(v.start, v.end));
    return /^\d+$/.test(text) ? Number(text) : undefined;
  }

  /** The object numbers that object `num`'s array under `key` refers to, in order. */
  refsIn(num: number, key: string): number[] {
    const obj = this.object(num);
    const v = obj.keys.get(key);
    return v ? obj.refs.filter((r) => r.start >= v.start && r.end <= v.end).map((r) => r.num) : [];
  }

  private collect(node: number, depth: number): void {
    if (depth > 32) throw new PdfFormatError("page tree too deep");
    const obj = this.object(node);
    const type = this.nameAt(obj, "/Type");
    if (type === "/Pages") {
      this.treeNodes.add(node);
      const kids = obj.keys.get("/Kids");
      if (!kids) return;
      for (const r of obj.refs)
        if (r.start >= kids.start && r.end <= kids.end) this.collect(r.num, depth + 1);
    } else {
      if (!obj.keys.has("/MediaBox") || !obj.keys.has("/Resources"))
        throw new PdfFormatError("a page inherits its media box or resources (not written by Typst)");
      this.pages.push(node);
      this.pageSet.add(node);
    }
  }

  private refAt(obj: PdfObject, key: string): number | undefined {
    const v = obj.keys.get(key);
    if (!v) return undefined;
    return obj.refs.find((r) => r.start === v.start)?.num;
  }

  private nameAt(obj: PdfObject, key: string): string | undefined {
    const v = obj.keys.get(key);
    return v ? dec.decode(this.bytes.subarray(v.start, v.end)) : undefined;
  }

  object(num: number): PdfObject {
    const cached = this.objects.get(num);
    if (cached) return cached;
    const offset = this.offsets[num];
    if (offset === undefined) throw new PdfFormatError(`object ${num} is not in the file`);
    // Skip "num gen obj".
    let at = offset;
    for (let words = 0; words < 3; words++) {
      while (isWhite(this.bytes[at]!)) at++;
      while (at < this.bytes.length && !isWhite(this.bytes[at]!) && !isDelim(this.bytes[at]!)) at++;
    }
    const obj = this.scan(at, false, this.bytes.length);
    this.objects.set(num, obj);
    return obj;
  }

  /**
   * Tokenises an object's value up to `endobj` or `stream` (or, for the trailer, the end of its
   * dictionary), recording references and the top-level dictionary keys.
   */
  private scan(start: number, trailer: boolean, limit: number): PdfObject {
    const b = this.bytes;
    const refs: Ref[] = [];
    const keys = new Map<string, { start: number; end: number }>();
    // The last two integer tokens, for `num gen R` (count 0–2; `first` is the older one). Kept
    // in locals, and tokens compared as bytes: Typst writes tens of thousands of objects in a
    // badge run and a string or array per token was most of this reader's time.
    let intCount = 0;
    let firstStart = 0;
    let firstValue = 0;
    let secondStart = 0;
    let secondValue = 0;
    let depth = 0; // dictionary and array nesting
    let pendingKey: string | undefined;
    let lengthValue: { start: number; end: number } | undefined;
    // The key whose value began with the last integer: widened if that integer starts a reference.
    let keyedInt: { start: number; end: number } | undefined;
    let i = start;
    let valueStart = -1;
    const value = (s: number, e: number) => {
      if (depth === 1 && pendingKey !== undefined) {
        const v = { start: s, end: e };
        keys.set(pendingKey, v);
        if (pendingKey === "/Length") lengthValue = v;
        pendingKey = undefined;
        return v;
      }
      return undefined;
    };
    while (i < limit) {
      const c = b[i]!;
      if (isWhite(c)) {
        i++;
        continue;
      }
      if (valueStart < 0) valueStart = i;
      const tokenStart = i;
      if (c === 0x25) {
        while (i < limit && b[i] !== 0x0a && b[i] !== 0x0d) i++;
        continue;
      }
      if (c === 0x28) {
        i = skipString(b, i, limit);
        value(tokenStart, i);
        intCount = 0;
        continue;
      }
      if (c === 0x3c && b[i + 1] === 0x3c) {
        const keyed = depth === 1 && pendingKey !== undefined ? pendingKey : undefined;
        if (keyed !== undefined) pendingKey = undefined;
        depth++;
        i += 2;
        intCount = 0;
        if (keyed !== undefined) keys.set(keyed, { start: tokenStart, end: this.closing(i, limit) });
        continue;
      }
      if (c === 0x3e && b[i + 1] === 0x3e) {
        depth--;
        i += 2;
        intCount = 0;
        if (depth === 0 && trailer) break;
        continue;
      }
      if (c === 0x3c) {
        while (i < limit && b[i] !== 0x3e) i++;
        i++;
        value(tokenStart, i);
        intCount = 0;
        continue;
      }
      if (c === 0x5b) {
        const keyed = depth === 1 && pendingKey !== undefined ? pendingKey : undefined;
        if (keyed !== undefined) pendingKey = undefined;
        depth++;
        i++;
        intCount = 0;
        if (keyed !== undefined) keys.set(keyed, { start: tokenStart, end: this.closing(i, limit) });
        continue;
      }
      if (c === 0x5d) {
        depth--;
        i++;
        intCount = 0;
        continue;
      }
      if (c === 0x2f) {
        i++;
        while (i < limit && !isWhite(b[i]!) && !isDelim(b[i]!)) i++;
        intCount = 0;
        // Only a top-level key is kept by name; a name as a value is a position.
        if (depth === 1 && pendingKey === undefined) pendingKey = dec.decode(b.subarray(tokenStart, i));
        else value(tokenStart, i);
        continue;
      }
      // A regular token: an unsigned integer, or a keyword or other number.
      let digits = true;
      let number = 0;
      while (i < limit && !isWhite(b[i]!) && !isDelim(b[i]!)) {
        const d = b[i]! - 0x30;
        if (d >= 0 && d <= 9) number = number * 10 + d;
        else digits = false;
        i++;
      }
      const length = i - tokenStart;
      if (length === 0) {
        // A stray delimiter (`)`, `>`, `{`, `}`) outside any string: not PDF that Typst writes.
        i++;
        intCount = 0;
        continue;
      }
      if (digits) {
        if (intCount === 2) {
          firstStart = secondStart;
          firstValue = secondValue;
        }
        if (intCount === 0) {
          firstStart = tokenStart;
          firstValue = number;
          intCount = 1;
        } else {
          secondStart = tokenStart;
          secondValue = number;
          intCount = 2;
        }
        // A key's value may turn out to be `num gen R`: record the number now, widen it below.
        const keyed = value(tokenStart, i);
        if (keyed) keyedInt = keyed;
        continue;
      }
      if (length === 1 && c === 0x52 /* R */ && intCount === 2) {
        refs.push({ start: firstStart, end: i, num: firstValue });
        // The key recorded the first integer as its value: it is the whole reference.
        if (keyedInt?.start === firstStart) keyedInt.end = i;
        intCount = 0;
        continue;
      }
      intCount = 0;
      const endobj = length === 6 && isWord(b, tokenStart, ENDOBJ);
      const stream = !endobj && length === 6 && isWord(b, tokenStart, STREAM_WORD);
      if (depth === 0 && (endobj || stream)) {
        let body: PdfObject["stream"];
        if (stream) {
          let s = i;
          if (b[s] === 0x0d) s++;
          if (b[s] === 0x0a) s++;
          if (!lengthValue) throw new PdfFormatError("a stream without /Length");
          const lengthRef = refs.find((r) => r.start === lengthValue!.start);
          const length = lengthRef
            ? Number(dec.decode(this.valueBytes(lengthRef.num)).trim())
            : Number(dec.decode(b.subarray(lengthValue.start, lengthValue.end)));
          body = { start: s, length };
        }
        return { valueStart, valueEnd: tokenStart, refs, keys, ...(body ? { stream: body } : {}) };
      }
      value(tokenStart, i);
    }
    if (trailer) return { valueStart, valueEnd: i, refs, keys };
    throw new PdfFormatError("an object without endobj");
  }

  /** Where the dictionary or array opened just before `from` closes (strings skipped). */
  private closing(from: number, limit: number): number {
    const b = this.bytes;
    let nest = 1;
    let i = from;
    while (i < limit && nest > 0) {
      const c = b[i]!;
      if (c === 0x28) i = skipString(b, i, limit);
      else if ((c === 0x3c && b[i + 1] === 0x3c) || (c === 0x3e && b[i + 1] === 0x3e)) {
        nest += c === 0x3c ? 1 : -1;
        i += 2;
      } else if (c === 0x5b || c === 0x5d) {
        nest += c === 0x5b ? 1 : -1;
        i++;
      } else if (c === 0x3c) {
        while (i < limit && b[i] !== 0x3e) i++;
        i++;
      } else i++;
    }
    return i;
  }

  private valueBytes(num: number): Uint8Array {
    const o = this.object(num);
    return this.bytes.subarray(o.valueStart, o.valueEnd);
  }

  isPage(num: number): boolean {
    return this.pageSet.has(num);
  }

  isTreeNode(num: number): boolean {
    return this.treeNodes.has(num);
  }
}

/** A rectangle in PDF points, origin at the bottom left of the page. */
export interface PdfBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The print boxes of one page: where it is cut (TrimBox) and how far its artwork bleeds. */
export interface PageBoxes {
  trim: PdfBox;
  bleed: PdfBox;
}

const boxText = (b: PdfBox) => `[${[b.x0, b.y0, b.x1, b.y1].map((n) => Number(n.toFixed(2))).join(" ")}]`;

/** Pages of one source, by index into `source.pages` (0-based). */
export interface PagePick {
  source: PdfSource;
  pages: readonly number[];
}

/**
 * A new PDF holding the given pages, in the given order, with every object they use (fonts,
 * images) copied once per source. The catalog takes `/Lang` from the first source unless given;
 * the document information (creator, dates) is the first source's, so the output is as
 * reproducible as its sources.
 */
export function assemblePdf(
  picks: readonly PagePick[],
  options: {
    lang?: string;
    /**
     * TrimBox and BleedBox of the n-th page of the new file (0-based): Typst writes only the
     * MediaBox, and a print shop's software reads where to cut from these. A page that appears
     * twice takes the boxes of its first place.
     */
    boxes?: (page: number) => PageBoxes | undefined;
    /**
     * Carry the sources' structure trees (tagged PDFs), when every source has one: the new file
     * is tagged too, with the part of each tree its pages hold. Default true; false for a print
     * file, which nobody reads on a screen and where the trees of thousands of letters would be
     * most of its objects.
     */
    structure?: boolean;
  } = {},
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const offsets: number[] = [0];
  const push = (x: Uint8Array | string) => {
    const bytes = typeof x === "string" ? ascii(x) : x;
    chunks.push(bytes);
    size += bytes.length;
  };
  // The comment of four bytes above 127 tells transfer programs the file is binary.
  push(new Uint8Array([...ascii("%PDF-1.7\n%"), 0x80, 0x80, 0x80, 0x80, 0x0a, 0x0a]));
  // Fixed numbers: 1 catalog, 2 page tree, 3 information; copied objects follow.
  const CATALOG = 1;
  const TREE = 2;
  const INFO = 3;
  let next = 4;
  const sources = [...new Set(picks.map((p) => p.source))];
  const sourceIndex = new Map(sources.map((s, i) => [s, i]));
  const numberingOf = sources.map(() => new Map<number, number>());
  const wanted = sources.map(() => new Set<number>());
  const pageNums: number[] = [];
  // Pages first, so every page chosen is known before references to pages are rewritten.
  for (const pick of picks) {
    const k = sourceIndex.get(pick.source)!;
    for (const p of pick.pages) {
      const num = pick.source.pages[p];
      if (num === undefined) throw new PdfFormatError(`page ${p + 1} is not in the document`);
      wanted[k]!.add(num);
      let mapped = numberingOf[k]!.get(num);
      if (mapped === undefined) {
        mapped = next++;
        numberingOf[k]!.set(num, mapped);
      }
      pageNums.push(mapped);
    }
  }
  // The new file's page objects, each with its first place among the pages.
  const placeOf = new Map<number, number>();
  pageNums.forEach((n, i) => {
    if (!placeOf.has(n)) placeOf.set(n, i);
  });
  const queue: { k: number; num: number }[] = [];
  for (const [k, set] of wanted.entries()) for (const num of set) queue.push({ k, num });
  const written = sources.map(() => new Set<number>());
  const objectText: { num: number; parts: Uint8Array[] }[] = [];
  /** The new file's number for object `num` of source `k`, given on first use. */
  const numberOf = (k: number, num: number): number => {
    let mapped = numberingOf[k]!.get(num);
    if (mapped === undefined) {
      mapped = next++;
      numberingOf[k]!.set(num, mapped);
    }
    return mapped;
  };

  // A tagged file: the structure tree's root and its top-level element are the new file's own
  // (their children are the copied pages' elements only); each copied page and annotation gets
  // a new parent-tree key, and its parent-tree entry is copied with the elements it names, which
  // bring their ancestors (through /P) and children (through /K) with them.
  const tagged = options.structure !== false && sources.length > 0 && sources.every((x) => x.structure);
  const STRUCT = tagged ? next++ : 0;
  const DOCUMENT = tagged ? next++ : 0;
  const keyOf = sources.map(() => new Map<number, number>());
  const parentNums: { key: number; k: number; num: number }[] = [];
  let nextKey = 0;
  const newKey = (k: number, old: number): number => {
    let key = keyOf[k]!.get(old);
    if (key === undefined) {
      key = nextKey++;
      keyOf[k]!.set(old, key);
      const value = sources[k]!.structure!.parents.get(old);
      if (value !== undefined) {
        parentNums.push({ key, k, num: value });
        numberOf(k, value);
        queue.push({ k, num: value });
      }
    }
    return key;
  };
  let metadata: number | undefined;
  if (tagged) {
    sources.forEach((source, k) => {
      const { root, document } = source.structure!;
      numberingOf[k]!.set(root, STRUCT);
      numberingOf[k]!.set(document, DOCUMENT);
      written[k]!.add(root);
      written[k]!.add(document);
    });
    const meta = sources[0]!.structure!.metadata;
    if (meta !== undefined) {
      metadata = numberOf(0, meta);
      queue.push({ k: 0, num: meta });
    }
  }
  // Breadth-first over references; a read index, since all.pdf copies thousands of objects.
  for (let q = 0; q < queue.length; q++) {
    const { k, num } = queue[q]!;
    if (written[k]!.has(num)) continue;
    written[k]!.add(num);
    const source = sources[k]!;
    const obj = source.object(num);
    const parts: Uint8Array[] = [];
    let at = obj.valueStart;
    const place = source.isPage(num) ? placeOf.get(numberingOf[k]!.get(num)!) : undefined;
    const boxes = place !== undefined ? options.boxes?.(place) : undefined;
    if (boxes) {
      if (obj.keys.has("/TrimBox") || obj.keys.has("/BleedBox"))
        throw new PdfFormatError("a page already has a TrimBox or BleedBox");
      // The page's dictionary opens its value: the boxes go first in it.
      if (source.bytes[at] !== 0x3c || source.bytes[at + 1] !== 0x3c)
        throw new PdfFormatError("a page is not a dictionary");
      parts.push(ascii(`<<\n  /TrimBox ${boxText(boxes.trim)}\n  /BleedBox ${boxText(boxes.bleed)}`));
      at += 2;
    }
    // A page's or annotation's parent-tree key, renumbered for the new file's tree.
    let keyEdit: { start: number; end: number; text: Uint8Array } | undefined;
    if (tagged) {
      const name = obj.keys.has("/StructParents")
        ? "/StructParents"
        : obj.keys.has("/StructParent")
          ? "/StructParent"
          : undefined;
      const old = name ? source.intAt(num, name) : undefined;
      if (name && old !== undefined) {
        const v = obj.keys.get(name)!;
        keyEdit = { start: v.start, end: v.end, text: ascii(String(newKey(k, old))) };
      }
    }
    for (const r of obj.refs) {
      if (keyEdit && keyEdit.start < r.start) {
        parts.push(source.bytes.subarray(at, keyEdit.start), keyEdit.text);
        at = keyEdit.end;
        keyEdit = undefined;
      }
      parts.push(source.bytes.subarray(at, r.start));
      let target: string;
      if (source.isTreeNode(r.num)) target = `${TREE} 0 R`;
      else if (source.isPage(r.num) && !wanted[k]!.has(r.num)) target = "null";
      else {
        const mapped = numberOf(k, r.num);
        if (!written[k]!.has(r.num)) queue.push({ k, num: r.num });
        target = `${mapped} 0 R`;
      }
      parts.push(ascii(target));
      at = r.end;
    }
    if (keyEdit) {
      parts.push(source.bytes.subarray(at, keyEdit.start), keyEdit.text);
      at = keyEdit.end;
    }
    parts.push(source.bytes.subarray(at, obj.valueEnd));
    if (obj.stream) {
      parts.push(STREAM);
      parts.push(source.bytes.subarray(obj.stream.start, obj.stream.start + obj.stream.length));
      parts.push(ENDSTREAM);
    }
    objectText.push({ num: numberingOf[k]!.get(num)!, parts });
  }
  const first = sources[0];
  const lang = options.lang ?? first?.lang;
  const catalog = tagged
    ? `<<\n  /Type /Catalog\n  /Pages ${TREE} 0 R\n${lang ? `  /Lang ${lang}\n` : ""}${metadata !== undefined ? `  /Metadata ${metadata} 0 R\n` : ""}  /StructTreeRoot ${STRUCT} 0 R\n  /MarkInfo <<\n    /Marked true\n  >>\n  /ViewerPreferences <<\n    /DisplayDocTitle true\n    /Direction /L2R\n  >>\n>>\n`
    : `<<\n  /Type /Catalog\n  /Pages ${TREE} 0 R\n${lang ? `  /Lang ${lang}\n` : ""}  /ViewerPreferences <<\n    /Direction /L2R\n  >>\n>>\n`;
  const fixed: [number, string][] = [
    [CATALOG, catalog],
    [
      TREE,
      `<<\n  /Type /Pages\n  /Count ${pageNums.length}\n  /Kids [${pageNums.map((n) => `${n} 0 R`).join(" ")}]\n>>\n`,
    ],
  ];
  if (first?.info !== undefined) {
    const info = first.object(first.info);
    fixed.push([INFO, `${dec.decode(first.bytes.subarray(info.valueStart, info.valueEnd))}\n`]);
  }
  if (tagged) {
    // The top-level element holds the copied elements among each source's, in its order.
    const kids: string[] = [];
    sources.forEach((source, k) => {
      for (const kid of source.refsIn(source.structure!.document, "/K"))
        if (written[k]!.has(kid) && kid !== source.structure!.document)
          kids.push(`${numberingOf[k]!.get(kid)} 0 R`);
    });
    const nums = parentNums.map((p) => `${p.key} ${numberingOf[p.k]!.get(p.num)} 0 R`).join(" ");
    const roleMap = first!.structure!.roleMap;
    fixed.push(
      [
        STRUCT,
        `<<\n  /Type /StructTreeRoot\n${roleMap ? `  /RoleMap ${roleMap}\n` : ""}  /K [${DOCUMENT} 0 R]\n  /ParentTree <<\n    /Nums [${nums}]\n  >>\n  /ParentTreeNextKey ${nextKey}\n>>\n`,
      ],
      [
        DOCUMENT,
        `<<\n  /Type /StructElem\n  /S /Document\n  /P ${STRUCT} 0 R\n  /K [${kids.join(" ")}]\n>>\n`,
      ],
    );
  }
  // The file identifier names the content: the sources (whose own identifiers Typst derives
  // from their content), the pages taken from each, and the catalog.
  const hash = createHash("sha256");
  for (const pick of picks) hash.update(`${pick.source.id}:${pick.pages.join(",")};`);
  hash.update(fixed.map(([, text]) => text).join(""));
  const emit = (num: number, parts: (Uint8Array | string)[]) => {
    offsets[num] = size;
    push(`${num} 0 obj\n`);
    for (const p of parts) push(p);
    push("endobj\n\n");
  };
  for (const [num, text] of fixed) emit(num, [text]);
  objectText.sort((a, b) => a.num - b.num);
  for (const o of objectText) emit(o.num, o.parts);
  const xref = size;
  const count = next;
  let table = `xref\n0 ${count}\n0000000000 65535 f\r\n`;
  for (let n = 1; n < count; n++) {
    const off = offsets[n];
    table += off === undefined ? "0000000000 65535 f\r\n" : `${String(off).padStart(10, "0")} 00000 n\r\n`;
  }
  push(table);
  const id = hash.digest("hex").slice(0, 32);
  push(
    `trailer\n<<\n  /Size ${count}\n  /Root ${CATALOG} 0 R\n${offsets[INFO] !== undefined ? `  /Info ${INFO} 0 R\n` : ""}  /ID [<${id}> <${id}>]\n>>\nstartxref\n${xref}\n%%EOF\n`,
  );
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
