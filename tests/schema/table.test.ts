import { describe, expect, it } from "vitest";
import { builtinPacks } from "../../src/i18n/builtin.js";
import { countryFormsOf } from "../../src/i18n/country-forms.js";
import { delegatesSpec, toDelegateRow } from "../../src/schema/delegates.js";
import { sessionsSpec, toSessionRow } from "../../src/schema/sessions.js";
import { readTable } from "../../src/schema/table.js";

// The names of countries come from the packs, as validation hands them in.
const countryForms = countryFormsOf(builtinPacks().values());
const read = (text: string, mapping?: Record<string, string>) =>
  readTable(delegatesSpec, "delegates.csv", text, mapping ?? {}, { countryForms });
const codesAt = (r: ReturnType<typeof read>) =>
  [...r.diagnostics]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((d) => `${d.code}@${d.line}:${d.column}`);

describe("readTable: headers", () => {
  it("matches headers ignoring case, spaces and hyphens, and reads typed values", () => {
    const r = read(
      "ID,Given Name,family-name,ORGANISATION,Country,category,Precedence\nKR-001,Min-jun,Kim,Hanbit,kr,VIP,2\n",
    );
    expect(r.diagnostics).toEqual([]);
    const d = toDelegateRow(r.rows[0]!);
    expect(d).toMatchObject({
      id: "KR-001",
      givenName: "Min-jun",
      familyName: "Kim",
      country: "KR",
      category: "vip",
      precedence: 2,
    });
    expect(d.loc).toMatchObject({ file: "delegates.csv", line: 2 });
  });

  it("maps a spreadsheet's own headers through event.yaml's columns:", () => {
    const r = read("Mã,Tên,Họ,Đơn vị,Quốc gia,Loại\nVN-001,Văn An,Nguyễn,Sở KH&ĐT,VN,delegate\n", {
      Mã: "id",
      Tên: "given_name",
      Họ: "family_name",
      "Đơn vị": "organisation",
      "Quốc gia": "country",
      Loại: "category",
    });
    expect(r.diagnostics).toEqual([]);
    expect(toDelegateRow(r.rows[0]!)).toMatchObject({
      id: "VN-001",
      familyName: "Nguyễn",
      organisation: "Sở KH&ĐT",
    });
  });

  it("never lets a duplicate header overwrite the first column's values", () => {
    const r = read(
      "id,given_name,family_name,organisation,country,category,Given-Name\nA-1,Real,Kim,Org,KR,vip,Impostor\n",
    );
    expect(codesAt(r)).toEqual(["duplicate-header@1:7"]);
    expect(toDelegateRow(r.rows[0]!).givenName).toBe("Real");
  });

  it("treats __proto__ and constructor headers as unknown columns, not object keys", () => {
    const r = read(
      "id,given_name,family_name,organisation,country,category,__proto__,constructor\nA-1,G,F,O,KR,vip,{},x\n",
    );
    expect(codesAt(r)).toEqual(["unknown-column@1:7", "unknown-column@1:8"]);
    const d = toDelegateRow(r.rows[0]!);
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(d.translations)).toBe(Object.prototype);
    expect(r.rows[0]!.translations).toBeUndefined();
  });

  it("reports the first ten unknown columns one by one and sums up the rest as runs of adjacent columns", () => {
    const x = (n: number) => Array.from({ length: n }, (_, i) => `x${i}`);
    // Columns 7–18 unknown, 19 a known one, 20–22 unknown, 23 known, 24 unknown.
    const headers = ["id", "given_name", "family_name", "organisation", "country", "category"];
    headers.push(...x(12), "email", "y1", "y2", "y3", "language", "z1");
    const r = read(`${headers.join(",")}\nA-1,G,F,O,KR,vip,${",".repeat(17)}\n`);
    const unknown = r.diagnostics.filter((d) => d.code === "unknown-column");
    expect(unknown.map((d) => d.column)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(unknown.every((d) => d.severity === "warning")).toBe(true);
    expect(unknown.at(-1)!.message).toBe(
      "…and 6 more columns that are not part of the delegates format are ignored: L1:C17–C18, L1:C20–C22, L1:C24",
    );
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("names every missing required column, and suggests a fix for a misspelt one", () => {
    const r = read("id,given_name,organization,category\nA-1,G,O,vip\n");
    expect(r.diagnostics.filter((d) => d.code === "missing-column").map((d) => d.field)).toEqual([
      "family_name",
      "organisation",
      "country",
    ]);
    const unknown = r.diagnostics.find((d) => d.code === "unknown-column")!;
    expect(unknown.hint).toContain('Did you mean "organisation"?');
  });

  it("reports a missing header row once, without quoting the first delegate's private values", () => {
    const row = (id: string) =>
      `${id},Hon.,Seo-yeon,Han,,,Hanbit Energy,,,,,,KR,vip,,,,ko,seoyeon.han@example.kr,+82 10 5555 0199,,,,,M71234567,KR,1981-04-02,,`;
    const r = read(`${row("KR-101")}\n${row("KR-102")}\n`);
    expect(r.diagnostics).toMatchObject([
      { code: "missing-header", severity: "error", file: "delegates.csv", line: 1, column: 0 },
    ]);
    expect(r.diagnostics[0]!.message).toContain("id, given_name, family_name");
    expect(r.rows).toEqual([]);
    const text = JSON.stringify(r.diagnostics);
    for (const secret of ["seoyeon", "5555", "M71234567", "1981", "Seo-yeon", "KR-101"])
      expect(text).not.toContain(secret);
  });

  it.each([
    ["an email", "A-1,G,F,O,KR,vip,min@example.kr"],
    ["a phone number", "A-1,G,F,O,KR,vip,+84 90 555 0102"],
    ["a date", "A-1,G,F,O,KR,vip,1990-01-31"],
    ["no required column", "A-1,G,F,O,KR,vip"],
  ])("takes a first row with %s for data, not headers", (_, first) => {
    expect(codesAt(read(`${first}\nA-2,G,F,O,KR,vip\n`))).toEqual(["missing-header@1:0"]);
  });

  it("still reads a header with an unknown column, and a header of only some required columns", () => {
    expect(
      codesAt(read("id,given_name,family_name,organisation,country,category,Notes\nA-1,G,F,O,KR,vip,x\n")),
    ).toEqual(["unknown-column@1:7"]);
    expect(codesAt(read("ID,Email\nA-1,a@example.kr\n"))).not.toContain("missing-header@1:0");
  });

  it("reports a blank header only when its column has values", () => {
    expect(
      codesAt(read("id,given_name,family_name,organisation,country,category,\nA,G,F,O,KR,vip,\n")),
    ).toEqual([]);
    expect(
      codesAt(read("id,given_name,family_name,organisation,country,category,\nA,G,F,O,KR,vip,x\n")),
    ).toEqual(["blank-header@1:7"]);
  });

  it("accepts _<lang> variants of translatable columns only", () => {
    const r = readTable(
      sessionsSpec,
      "sessions.csv",
      "id,title,title_ko,title-vi,date,start,end,room,start_ko\nS1,Opening,개막식,Khai mạc,2023-06-20,09:00,10:00,HALL,x\n",
    );
    expect(codesAt(r)).toEqual(["unknown-column@1:9"]);
    expect(toSessionRow(r.rows[0]!).translations.title).toEqual({ ko: "개막식", vi: "Khai mạc" });
  });
});

describe("readTable: rows and cells", () => {
  const header = "id,given_name,family_name,organisation,country,category,email,phone,date_of_birth\n";
  it("counts blank rows in one warning and skips them", () => {
    const r = read(`${header}A,G,F,O,KR,vip,,,\n,,,,,,,,\n\nB,G,F,O,KR,vip,,,\n,,,,,,,,\n`);
    expect(r.rows).toHaveLength(2);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "blank-row", line: 3 });
    expect(r.diagnostics[0]!.message).toContain("3 blank rows");
  });

  it("reports extra and missing cells where they start", () => {
    const r = read(`${header}A,G,F,O,KR,vip,,,,surplus\nB,G,F,O,KR\n`);
    expect(codesAt(r)).toEqual(["extra-cell@2:10", "missing-cell@3:6", "required@3:6"]);
  });

  it("ignores empty extra cells (Excel pads rows)", () => {
    expect(codesAt(read(`${header}A,G,F,O,KR,vip,,,,,\n`))).toEqual([]);
  });

  it("requires required values, and checks types with the expected form in the hint", () => {
    const r = read(`${header}A,,F,O,Korea,guest,not-an-email,,1968-02-30\n`);
    expect(codesAt(r)).toEqual([
      "required@2:2",
      "type-error@2:5",
      "type-error@2:6",
      "type-error@2:7",
      "type-error@2:9",
    ]);
    const country = r.diagnostics.find((d) => d.column === 5)!;
    expect(country.hint).toBe("Write KR instead.");
    const category = r.diagnostics.find((d) => d.column === 6)!;
    expect(category.hint).toContain("vip, delegate, speaker");
  });

  it("never puts personal values into messages", () => {
    const r = read(`${header}A,G,F,O,KR,vip,kim.secret@@example,12345678901234567890123456,45000\n`);
    const text = JSON.stringify(r.diagnostics);
    expect(r.diagnostics.length).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain("kim.secret");
    expect(text).not.toContain("45000");
    expect(text).not.toContain("1923"); // the date the serial stands for
  });

  it("strips invisible characters with a warning naming them", () => {
    const r = read(`${header}A,Min\u200b-jun,\u202eKim,O,KR,vip,,,\n`);
    expect(codesAt(r)).toEqual(["invisible-character@2:2", "invisible-character@2:3"]);
    expect(r.diagnostics[0]!.message).toContain("U+200B ZERO WIDTH SPACE");
    expect(toDelegateRow(r.rows[0]!)).toMatchObject({ givenName: "Min-jun", familyName: "Kim" });
  });

  it("spots what spreadsheets do to numbers and letters", () => {
    const r = read(
      `${header}A,G,F,O,KR,vip,,912345678,\nB,Nguy?n,F,O,VN,vip,,+84 90 555 0101,\nC,G,F,O,KR,vip,,8.49E+10,\n`,
    );
    // 8.49E+10 is also no longer a phone number at all.
    expect(codesAt(r)).toEqual([
      "excel-damage@2:8",
      "excel-damage@3:2",
      "excel-damage@4:8",
      "type-error@4:8",
    ]);
  });

  it("reads sessions written in spreadsheet forms: 6/20/2023, 20.06.2023, 9:00 AM, 14h30", () => {
    const r = readTable(
      sessionsSpec,
      "sessions.csv",
      "id,title,date,start,end,room\nS1,T,6/20/2023,9:00 AM,10:30 AM,HALL\nS2,T,21.06.2023,14h30,5:00 PM,HALL\nS3,T,6/7/2023,09:00,10:00,HALL\n",
    );
    expect(toSessionRow(r.rows[0]!)).toMatchObject({ date: "2023-06-20", start: 540, end: 630 });
    expect(toSessionRow(r.rows[1]!)).toMatchObject({ date: "2023-06-21", start: 870, end: 1020 });
    // Day and month that could swap: one error at the cell, both readings named.
    expect(codesAt(r)).toEqual(["type-error@4:3"]);
    expect(r.diagnostics[0]!.message).toContain("2023-06-07 (month first) or 2023-07-06 (day first)");
    expect(r.diagnostics[0]!.hint).toContain("locale: { date_order: dmy }");
  });

  it("reads day and month in the order locale.date_order gives, in sessions and delegates alike", () => {
    const sessions =
      "id,title,date,start,end,room\nS1,T,06/07/2023,09:00,10:00,HALL\nS2,T,20/06/2023,09:00,10:00,HALL\n";
    const dmy = readTable(sessionsSpec, "sessions.csv", sessions, {}, { dateOrder: "dmy" });
    expect(dmy.diagnostics).toEqual([]);
    expect(dmy.rows.map((row) => toSessionRow(row).date)).toEqual(["2023-07-06", "2023-06-20"]);
    const mdy = readTable(sessionsSpec, "sessions.csv", sessions, {}, { dateOrder: "mdy" });
    expect(toSessionRow(mdy.rows[0]!).date).toBe("2023-06-07");
    // 20/06/2023 contradicts the setting: an error at its cell.
    expect(codesAt(mdy)).toEqual(["type-error@3:3"]);
    expect(mdy.diagnostics[0]!.message).toBe(
      'date: "20/06/2023" is written day first (2023-06-20), but locale.date_order in event.yaml is mdy (month first)',
    );

    const delegates =
      "id,given_name,family_name,organisation,country,category,date_of_birth,arrival,departure\n" +
      "A,G,F,O,KR,vip,03/04/1970,05/06/2023 14:35,07/06/2023\n";
    const set = readTable(delegatesSpec, "delegates.csv", delegates, {}, { dateOrder: "dmy" });
    expect(set.diagnostics).toEqual([]);
    expect(toDelegateRow(set.rows[0]!)).toMatchObject({
      dateOfBirth: "1970-04-03",
      arrival: "2023-06-05 14:35",
      departure: "2023-06-07",
    });
    // Without the setting: one error per cell; the date of birth (personal) is never quoted.
    const unset = read(delegates);
    expect(codesAt(unset)).toEqual(["type-error@2:7", "type-error@2:8", "type-error@2:9"]);
    expect(unset.diagnostics[0]!.message).toBe("date_of_birth is a date whose day and month could swap");
    expect(unset.diagnostics[0]!.hint).toContain("locale: { date_order: dmy }");
    expect(JSON.stringify(unset.diagnostics)).not.toMatch(/1970|03\/04/);
    expect(unset.diagnostics[1]!.message).toBe(
      'arrival: "05/06/2023" could be 2023-05-06 (month first) or 2023-06-05 (day first)',
    );
  });

  it("reads an Excel serial date as its day, with a damage warning saying so", () => {
    const r = readTable(
      sessionsSpec,
      "sessions.csv",
      "id,title,date,start,end,room\nS1,T,45097,09:00,10:00,HALL\n",
    );
    expect(codesAt(r)).toEqual(["excel-damage@2:3"]);
    expect(r.diagnostics[0]!.message).toContain("read as 2023-06-20");
    expect(toSessionRow(r.rows[0]!).date).toBe("2023-06-20");
  });

  it("reads semicolon files the way a Vietnamese or German Excel writes them", () => {
    const r = read(
      "id;given_name;family_name;organisation;country;category\nVN-1;Văn An;Nguyễn;Công ty A, B & C;VN;delegate\n",
    );
    expect(r.diagnostics).toEqual([]);
    expect(toDelegateRow(r.rows[0]!).organisation).toBe("Công ty A, B & C");
  });
});
