import { describe, expect, it } from "vitest";
import { compareFaces, printedLetters } from "../../src/reprint/faces.js";
import { listCsv, listData } from "../../src/reprint/list.js";
import { check, delegate } from "../helpers/make.js";

/**
 * Visa support letters in a reprint (docs/changes.md "What is reprinted"): a recipient's visa
 * letter is printed again when what it prints changed (the passport line, the stay, the name),
 * never for a phone; the list names them apart from the invitations.
 */

type Row = ReturnType<typeof delegate>;
function event(rows: Row[]) {
  const r = check({ delegates: rows });
  if (!r.event) throw new Error(JSON.stringify(r.diagnostics));
  return r.event;
}
const travel = {
  nationality: "KR",
  date_of_birth: "1983-09-16",
  arrival: "2024-05-13",
  departure: "2024-05-16",
};
const people = (edit: (id: string) => Partial<Row> = () => ({})): Row[] => [
  delegate("KR-2", {
    given_name: "Hyun-woo",
    family_name: "Hong",
    passport_number: "M00000002",
    ...travel,
    ...edit("KR-2"),
  }),
  delegate("KR-3", {
    given_name: "Seo-yeon",
    family_name: "Park",
    passport_number: "M00000003",
    ...travel,
    ...edit("KR-3"),
  }),
  // No passport data: no visa letter can be made, so none is compared or reprinted.
  delegate("GB-1", { given_name: "Oliver", family_name: "Grant", country: "GB", ...edit("GB-1") }),
];

describe("visa letters in a reprint", () => {
  const before = printedLetters(event(people()), "visa");

  it("has a letter for each recipient the data can make one for", () => {
    expect([...before.keys()].sort()).toEqual(["KR-2", "KR-3"]);
  });

  it("changes with the passport number or the stay, not with a phone", () => {
    const phoned = printedLetters(
      event(people((id) => (id === "KR-2" ? { phone: "+82 10 1" } : {}))),
      "visa",
    );
    expect(compareFaces(before, phoned).print).toEqual([]);
    const passport = printedLetters(
      event(people((id) => (id === "KR-2" ? { passport_number: "M00000009" } : {}))),
      "visa",
    );
    expect(compareFaces(before, passport).print.map((p) => [p.face.id, p.reason])).toEqual([
      ["KR-2", "changed"],
    ]);
    const stay = printedLetters(
      event(people((id) => (id === "KR-3" ? { departure: "2024-05-18" } : {}))),
      "visa",
    );
    expect(compareFaces(before, stay).print.map((p) => p.face.id)).toEqual(["KR-3"]);
    // The invitation does not print the passport: it is not reprinted for it.
    expect(
      compareFaces(
        printedLetters(event(people())),
        printedLetters(event(people((id) => (id === "KR-2" ? { passport_number: "M00000009" } : {})))),
      ).print,
    ).toEqual([]);
  });

  it("is listed apart in list.csv and list.pdf's data", () => {
    const now = printedLetters(
      event(people((id) => (id === "KR-2" ? { passport_number: "M00000009" } : {}))),
      "visa",
    );
    const visa = compareFaces(before, now).print;
    const none = { print: [], destroy: [] };
    const csv = listCsv(none, [], [], visa).trim().split(/\r?\n/);
    expect(csv.slice(1)).toEqual([
      expect.stringMatching(/^visa-letter,print,KR-2,Hong Hyun-woo,delegate,changed$/),
    ]);
    const theme = { primary: "#000000", secondary: "#ffffff", fonts: ["Pretendard"] };
    const data = listData(event(people()), 1, none, [], [], theme, visa);
    expect(data.visa.map((r) => r.id)).toEqual(["KR-2"]);
    expect(data.letters).toEqual([]);
  });
});
