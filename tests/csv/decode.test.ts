import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes, nfcAsWritten } from "../../src/csv/decode.js";
import { NAMES_CORPUS } from "../validate/names-corpus.js";

const korean =
  "id,given_name,family_name,native_name\nKR-001,Min-jun,Kim,김민준\nKR-002,Seo-yeon,Park,박서연\n";
const vietnamese =
  "id,given_name,family_name,native_name\nVN-001,Van An,Nguyen,Nguyễn Văn An\nVN-002,Thi Hoa,Tran,Trần Thị Hoa\n";

function expectOk(r: ReturnType<typeof decodeBytes>) {
  if (!r.ok) throw new Error(`expected ok, got ${r.message}`);
  return r;
}

describe("decodeBytes", () => {
  it("reads plain UTF-8 without calling it a guess", () => {
    const r = expectOk(decodeBytes(new TextEncoder().encode(vietnamese)));
    expect(r).toMatchObject({ encoding: "utf-8", bom: false, guessed: false, text: vietnamese });
  });

  it("drops a UTF-8 byte-order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(korean)]);
    const r = expectOk(decodeBytes(bytes));
    expect(r).toMatchObject({ encoding: "utf-8", bom: true, text: korean });
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("detects Korean Excel's CP949 from the bytes", () => {
    const bytes = iconv.encode(korean, "cp949");
    const r = expectOk(decodeBytes(bytes));
    expect(r).toMatchObject({ encoding: "cp949", guessed: true, text: korean });
  });

  it("detects Vietnamese Excel's Windows-1258 and composes its tone marks to NFC", () => {
    // Windows-1258 writes the vowel shapes precomposed (ê, ơ, ư, â, ă) and the tones as combining marks.
    const cp1258Form = vietnamese
      .normalize("NFD")
      .replace(/\p{L}[\u0302\u0306\u031b]/gu, (m) => m.normalize("NFC"));
    const bytes = iconv.encode(cp1258Form, "windows-1258");
    expect(bytes.includes(0x3f)).toBe(false); // every character was encodable
    const r = expectOk(decodeBytes(bytes));
    expect(r.encoding).toBe("windows-1258");
    expect(r.text).toBe(vietnamese.normalize("NFC"));
    expect(r.text).toContain("Nguyễn Văn An");
  });

  it("reads Excel's 'Unicode text' (UTF-16 LE with BOM, tab-separated)", () => {
    const tsv = korean.replace(/,/g, "\t");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, "utf16le")]);
    const r = expectOk(decodeBytes(bytes));
    expect(r).toMatchObject({ encoding: "utf-16le", bom: true, text: tsv });
  });

  it("reads UTF-16 BE with a BOM and UTF-16 LE without one", () => {
    const le = Buffer.from(vietnamese, "utf16le");
    const be = Buffer.from(le).swap16();
    expect(expectOk(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).text).toBe(vietnamese);
    expect(expectOk(decodeBytes(le))).toMatchObject({
      encoding: "utf-16le",
      guessed: true,
      text: vietnamese,
    });
  });

  it("normalises NFD text (as macOS writes it) to NFC", () => {
    const nfd = vietnamese.normalize("NFD");
    expect(nfd).not.toBe(vietnamese);
    expect(expectOk(decodeBytes(new TextEncoder().encode(nfd))).text).toBe(vietnamese.normalize("NFC"));
  });

  it("never replaces undecodable bytes: it reports the line and column", () => {
    const bytes = Buffer.concat([
      Buffer.from("id,name\nA-1,Trần\n", "utf8"),
      Buffer.from([0x41, 0x81, 0x81, 0x0a]),
    ]);
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBe(3);
      expect(r.column).toBe(2);
    }
  });

  it("honours an encoding named in event.yaml", () => {
    const bytes = iconv.encode(korean, "cp949");
    expect(expectOk(decodeBytes(bytes, "cp949"))).toMatchObject({ encoding: "cp949", guessed: false });
  });
});

describe("Western European (Windows-1252) or Vietnamese (Windows-1258) Excel", () => {
  const western = (text: string) => iconv.encode(text, "windows-1252");
  // Vietnamese Excel writes the vowel shapes precomposed and most tones as combining marks.
  const vietnameseExcel = (text: string) =>
    iconv.encode(
      text.normalize("NFD").replace(/\p{L}[\u0302\u0306\u031b]/gu, (m) => m.normalize("NFC")),
      "windows-1258",
    );

  it.each([
    ["Portuguese ã and õ", "id,given_name,family_name\nP-1,João,Simões\nP-2,Conceição,Guimarães\n"],
    [
      "Icelandic ð and Þ",
      "id,given_name,family_name\nI-1,Þórhildur,Sigurðardóttir\nI-2,Guðrún,Hafþórsdóttir\n",
    ],
    ["Italian ò and ì after consonants", "id,given_name,family_name\nT-1,Niccolò,Forlì\n"],
    ["Czech and French with Š Ž Œ", "id,given_name,family_name\nC-1,Šárka,Žáková\nF-1,Cœur,Lefèvre\n"],
    ["the names of issue 24", "id,given_name,family_name\nD-1,João,Simões\nD-2,Zoë,Ångström\n"],
  ])("reads %s as Windows-1252", (_, text) => {
    const r = expectOk(decodeBytes(western(text)));
    expect(r).toMatchObject({ encoding: "windows-1252", guessed: true, text });
    expect(r.alternative).toBeUndefined();
  });

  it("still reads Vietnamese Excel as Windows-1258, even with a Western name among the rows", () => {
    const text = `${vietnamese}VN-003,Niccolò,Rossi,Rossi Niccolò\n`;
    const r = expectOk(decodeBytes(vietnameseExcel(text)));
    expect(r.encoding).toBe("windows-1258");
    expect(r.text).toBe(text.normalize("NFC"));
    expect(r.alternative).toBeUndefined();
  });

  it("names the other reading when the bytes cannot decide", () => {
    // Estonian õ after a consonant and before n is also Vietnamese ơ ("Sơn"): nothing decides.
    const r = expectOk(decodeBytes(western("id,given_name,family_name\nE-1,Tõnu,Kask\n")));
    expect(r).toMatchObject({
      encoding: "windows-1252",
      alternative: { encoding: "windows-1258", word: "Tõnu", as: "Tơnu" },
    });
  });

  it("lets event.yaml force Windows-1258 or Windows-1252", () => {
    const bytes = western("id,given_name\nE-1,Tõnu\n");
    expect(expectOk(decodeBytes(bytes, "windows-1258")).text).toContain("Tơnu");
    expect(expectOk(decodeBytes(bytes, "windows-1252"))).toMatchObject({
      guessed: false,
      encoding: "windows-1252",
    });
  });
});

describe("the names corpus in the code pages of its spreadsheets", () => {
  // The corpus names a code page can hold, one per row, as that Excel would save them.
  const fits = (encoding: string) =>
    NAMES_CORPUS.map((n) => `${n.given_name} ${n.family_name}`).filter(
      (name) => iconv.decode(iconv.encode(name, encoding), encoding) === name,
    );

  it("reads every Western name a Windows-1252 file can hold as Windows-1252, never as CP949 or 1258", () => {
    const names = fits("windows-1252");
    expect(names.length).toBeGreaterThan(25);
    const text = `id,name\n${names.map((n, i) => `W-${i},${n}`).join("\n")}\n`;
    const r = expectOk(decodeBytes(iconv.encode(text, "windows-1252")));
    expect(r).toMatchObject({ encoding: "windows-1252", text });
  });

  it.each(fits("windows-1252"))("reads %s alone in a Windows-1252 file", (name) => {
    const text = `id,name\nW-1,${name}\n`;
    const r = expectOk(decodeBytes(iconv.encode(text, "windows-1252")));
    expect(r.text).toBe(text);
  });
});

describe("the file's own bytes, handed to the CSV reader when they are the text", () => {
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
  it("are the bytes of a UTF-8 file already in NFC, after its BOM", () => {
    const r = expectOk(decodeBytes(utf8(vietnamese)));
    expect(Buffer.from(r.utf8!).toString("utf8")).toBe(r.text);
    const withBom = expectOk(decodeBytes(utf8(`\ufeff${korean}`)));
    expect(withBom.bom).toBe(true);
    expect(Buffer.from(withBom.utf8!).toString("utf8")).toBe(korean);
  });
  it("are not given when NFC changed the text, or the file was not UTF-8", () => {
    // "Nguyễn" typed with combining marks, as some Vietnamese keyboards write it.
    const decomposed = "id,family_name\nVN-1,Nguye\u0302\u0303n\n";
    const r = expectOk(decodeBytes(utf8(decomposed)));
    expect(r.text).toBe(decomposed.normalize("NFC"));
    expect(r.utf8).toBeUndefined();
    expect(expectOk(decodeBytes(iconv.encode(korean, "cp949"))).utf8).toBeUndefined();
  });
});

describe("nfcAsWritten: text known to be NFC from its characters alone", () => {
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
  /** The ranges nfcAsWritten takes as they are, beside ASCII. */
  const RANGES: [number, number][] = [
    [0x80, 0x2ff],
    [0x1e00, 0x1eff],
    [0x2002, 0x206f],
    [0x20a0, 0x20bf],
    [0xac00, 0xd7a3],
  ];

  it("holds for every character of its ranges: NFC keeps each, joins none to what comes before, moves none", () => {
    // Every character that ends a canonical decomposition is one NFC may join to the one before
    // it (a mark, a vowel or final jamo); none of them may be in the ranges.
    const joiners = new Set<number>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const nfd = String.fromCodePoint(cp).normalize("NFD");
      const chars = [...nfd];
      for (const c of chars.slice(1)) joiners.add(c.codePointAt(0)!);
    }
    expect(joiners.has(0x0301)).toBe(true); // combining acute, of é
    expect(joiners.has(0x11a8)).toBe(true); // final jamo ㄱ, of 각
    const wrong: string[] = [];
    for (const [from, to] of RANGES) {
      for (let cp = from; cp <= to; cp++) {
        const c = String.fromCodePoint(cp);
        // Kept as it is; not joined to a letter before it; not reordered past a mark (class 0).
        if (
          c.normalize("NFC") !== c ||
          joiners.has(cp) ||
          `a\u035d${c}`.normalize("NFC").slice(-c.length) !== c
        )
          wrong.push(cp.toString(16));
      }
    }
    expect(wrong).toEqual([]);
    expect(nfcAsWritten(utf8(RANGES.map(([a, b]) => String.fromCodePoint(a, b)).join(",")))).toBe(true);
  });

  it("says no for what may change: marks, jamo, the two spaces NFC replaces, other scripts", () => {
    /** The text's bytes at each of the four alignments, after a run of ASCII long enough to be read by words. */
    const placed = (text: string) =>
      [0, 1, 2, 3].map((skip) => utf8(`${"_".repeat(skip)}${"ascii ".repeat(5)}${text}`).subarray(skip));
    for (const text of [
      "Nguye\u0302\u0303n",
      "\u1100\u1161",
      "\uac00\u11a8",
      "a\u2000b",
      "\u2126",
      "Ελλάδα",
      "東京",
      "😀",
    ])
      for (const bytes of [utf8(text), ...placed(text)]) expect(nfcAsWritten(bytes), text).toBe(false);
    for (const text of ["Nguyễn Văn An", "김민준", "Müller – “Zoë” €5", "plain ascii, 123"])
      for (const bytes of [utf8(text), ...placed(text)]) expect(nfcAsWritten(bytes), text).toBe(true);
  });

  it("gives decodeBytes the same text and bytes whether or not the text is built at once", () => {
    const text = "id,family_name,native_name\nVN-1,Nguyen,Nguyễn\nKR-1,Kim,김민준\n";
    const r = expectOk(decodeBytes(utf8(`\ufeff${text}`)));
    expect(r.text).toBe(text);
    expect(Buffer.from(r.utf8!).toString("utf8")).toBe(text);
    expect(r.bom).toBe(true);
  });
});
