import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/csv/decode.js";

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
