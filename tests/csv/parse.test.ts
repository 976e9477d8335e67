import { describe, expect, it } from "vitest";
import { chooseDelimiter, normalizeHeader, parseCsv } from "../../src/csv/parse.js";

describe("parseCsv", () => {
  it("keeps the physical line where each record starts, across quoted newlines and mixed line ends", () => {
    const text = 'id,description\r\nA,"two\nlines"\rB,plain\nC,"three\r\nline\r\nvalue"\nD,last';
    const r = parseCsv(text, ",");
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.line, x.cells[0]])).toEqual([
      [1, "id"],
      [2, "A"],
      [4, "B"],
      [5, "C"],
      [8, "D"],
    ]);
    expect(r.records[1]!.cells[1]).toBe("two\nlines");
    expect(r.records[3]!.cells[1]).toBe("three\r\nline\r\nvalue");
  });

  it("reads doubled quotes as one quote", () => {
    const r = parseCsv('a,b\n"He said ""xin chào""",x\n', ",");
    expect(r.records[1]!.cells).toEqual(['He said "xin chào"', "x"]);
  });

  it("points an unclosed quote at the line where the record opened, and reads on", () => {
    const r = parseCsv('id,name\nA,"Kim\nB,Lee\nC,Park\n', ",");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 2, column: 2 });
    expect(r.records.map((x) => x.cells[0])).toEqual(["id", "A", "B", "C"]);
    expect(r.records.find((x) => x.cells[0] === "C")!.line).toBe(4);
  });

  it("reports a stray quote inside an unquoted field and text after a closing quote", () => {
    const r = parseCsv('a,b\n5\'10",x\n"ok"tail,y\n', ",");
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 1],
      [3, 1],
    ]);
    expect(r.records[2]!.cells[0]).toBe("oktail");
  });

  it("keeps a trailing empty field and ignores the final line break", () => {
    const r = parseCsv("a,b,c\n1,2,\n", ",");
    expect(r.records).toHaveLength(2);
    expect(r.records[1]!.cells).toEqual(["1", "2", ""]);
  });

  it("parses semicolon- and tab-separated files", () => {
    expect(parseCsv("a;b\n1;2\n", ";").records[1]!.cells).toEqual(["1", "2"]);
    expect(parseCsv("a\tb\n1\t2,5\n", "\t").records[1]!.cells).toEqual(["1", "2,5"]);
  });
});

describe("chooseDelimiter", () => {
  const expected = ["id", "given_name", "family_name", "organisation"];
  it("picks the delimiter that splits the header into known columns", () => {
    expect(chooseDelimiter("id;given_name;family_name;organisation\n1;a;b;c,d\n", expected)).toBe(";");
    expect(chooseDelimiter("id\tGiven Name\tfamily-name\n", expected)).toBe("\t");
    expect(chooseDelimiter("id,given_name;x\n", expected)).toBe(",");
  });
  it("falls back to the comma when nothing matches", () => {
    expect(chooseDelimiter("x y z\n", expected)).toBe(",");
  });
});

describe("normalizeHeader", () => {
  it("ignores case, spaces, hyphens and invisible marks", () => {
    expect(normalizeHeader("  Given Name ")).toBe("given_name");
    expect(normalizeHeader("Family-Name")).toBe("family_name");
    expect(normalizeHeader("\ufeffid\u200b")).toBe("id");
  });
});
