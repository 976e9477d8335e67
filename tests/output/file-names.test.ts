import { describe, expect, it } from "vitest";
import { notDevice, safeFileName, uniqueFileNames } from "../../src/output/safe-name.js";

describe("file names made from data never meet", () => {
  it("gives ids that clean to the same name (A-B / A--B, A.B / A..B) different names", () => {
    const names = uniqueFileNames([
      ["A-B", safeFileName("A-B", "B A")],
      ["A--B", safeFileName("A--B", "B A")],
      ["A.B", safeFileName("A.B", "Kim")],
      ["A..B", safeFileName("A..B", "Kim")],
      ["KR-001", safeFileName("KR-001", "Moon Seung-min")],
    ]);
    // Cleaned, the first two are both "A-B-B-A" and the next two both "A.B-Kim".
    expect(safeFileName("A-B", "B A")).toBe(safeFileName("A--B", "B A"));
    expect(new Set(names.values()).size).toBe(5);
    expect(names.get("KR-001")).toBe("KR-001-Moon-Seung-min"); // a name that meets none stays as it was
    expect(names.get("A-B")).toMatch(/^A-B-B-A~[0-9a-f]{8}$/);
  });

  it("tells apart long names cut at the same byte, and names equal but for case", () => {
    const long = "Wolfeschlegelsteinhausenbergerdorff".repeat(4);
    // Both are cut within the family name, before the given names that differ.
    expect(safeFileName("X", `${long} Anna`)).toBe(safeFileName("X", `${long} Bert`));
    const cut = uniqueFileNames([
      ["L1", safeFileName("X", `${long} Anna`)],
      ["L2", safeFileName("X", `${long} Bert`)],
    ]);
    expect(cut.get("L1")).not.toBe(cut.get("L2"));
    // Windows and macOS fold case: ab.pdf and AB.pdf would be one file.
    const cased = uniqueFileNames([
      ["ab", safeFileName("ab")],
      ["AB", safeFileName("AB")],
    ]);
    expect(cased.get("ab")!.toLowerCase()).not.toBe(cased.get("AB")!.toLowerCase());
  });

  it("never makes a Windows device name", () => {
    for (const id of ["CON", "nul", "Aux", "COM1", "lpt9", "PRN"]) {
      expect(safeFileName(id)).toBe(`_${id}`);
      expect(uniqueFileNames([[id, id]]).get(id)).toBe(`_${id}`);
    }
    expect(notDevice("nul.pdf")).toBe("_nul.pdf");
    expect(safeFileName("CONSOLE")).toBe("CONSOLE");
    expect(safeFileName("CON", "Kim")).toBe("CON-Kim");
  });

  it("does not let a name mimic the suffix that tells names apart", () => {
    expect(safeFileName("A", "x~1234abcd")).toBe("A-x-1234abcd");
  });

  it("depends only on the set of keys, not their order", () => {
    const a = uniqueFileNames([
      ["A-B", "A-B"],
      ["A--B", "A-B"],
      ["C", "C"],
    ]);
    const b = uniqueFileNames([
      ["C", "C"],
      ["A--B", "A-B"],
      ["A-B", "A-B"],
    ]);
    expect([...b].sort()).toEqual([...a].sort());
  });
});
