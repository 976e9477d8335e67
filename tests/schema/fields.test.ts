import { describe, expect, it } from "vitest";
import { builtinPacks } from "../../src/i18n/builtin.js";
import { countryFormsOf } from "../../src/i18n/country-forms.js";
import {
  colour,
  country,
  date,
  dateTime,
  email,
  id,
  idList,
  integer,
  time,
} from "../../src/schema/fields.js";

const good = <T>(t: { parse(v: string): { ok: boolean; value?: T } }, v: string) => {
  const r = t.parse(v);
  expect(r.ok, v).toBe(true);
  return (r as { value: T }).value;
};
const bad = (t: { parse(v: string): { ok: boolean } }, v: string) => expect(t.parse(v).ok, v).toBe(false);

describe("field types", () => {
  it.each(["2023-06-20", "2024-02-29"])("date accepts %s", (v) => expect(good(date, v)).toBe(v));
  it.each([
    ["6/20/2023", "2023-06-20"],
    ["20/06/2023", "2023-06-20"],
    ["20.06.2023", "2023-06-20"],
    ["2023.06.20", "2023-06-20"],
    ["2023/6/20", "2023-06-20"],
    ["45097", "2023-06-20"],
    ["7/7/2023", "2023-07-07"],
  ])("date reads the spreadsheet form %s as %s (one reading only)", (v, iso) =>
    expect(good(date, v)).toBe(iso),
  );
  it.each(["2023-02-29", "2023-6-20", "6/20/23", "2/30/2023", "9999", "1234", ""])("date rejects %s", (v) =>
    bad(date, v),
  );
  it("refuses a day and month that could swap, naming both readings, the ISO form and the setting", () => {
    const r = date.parse("6/7/2023");
    expect(r).toMatchObject({
      ok: false,
      message: '"6/7/2023" could be 2023-06-07 (month first) or 2023-07-06 (day first)',
    });
    expect((r as { hint: string }).hint).toBe(
      "Write dates as YYYY-MM-DD, e.g. 2023-06-07, or say how your sheets write dates in event.yaml: locale: { date_order: dmy } for day first, mdy for month first.",
    );
  });

  // The value, the order set in event.yaml, and what comes out (or "error").
  it.each([
    ["06/07/2023", "dmy", "2023-07-06"],
    ["06/07/2023", "mdy", "2023-06-07"],
    ["06.07.2023", "dmy", "2023-07-06"],
    ["06/07/2023", "ymd", "error"],
    ["07/07/2023", "dmy", "2023-07-07"],
    ["20/06/2023", "dmy", "2023-06-20"],
    ["20/06/2023", "mdy", "error"],
    ["20/06/2023", "ymd", "error"],
    ["6/20/2023", "mdy", "2023-06-20"],
    ["6/20/2023", "dmy", "error"],
    ["2023.06.07", "dmy", "2023-06-07"],
    ["2023.06.07", "mdy", "2023-06-07"],
    ["2023/6/7", "ymd", "2023-06-07"],
    ["2023-06-07", "mdy", "2023-06-07"],
    ["45097", "dmy", "2023-06-20"],
    ["13/13/2023", "dmy", "error"],
  ] as const)("date %s under date_order %s reads as %s", (value, order, expected) => {
    const r = date.parse(value, { dateOrder: order });
    expect(r.ok ? r.value : "error").toBe(expected);
  });

  it("says which order a date contradicting the setting is written in, and never quotes it without need", () => {
    const r = date.parse("6/20/2023", { dateOrder: "dmy" });
    expect(r).toMatchObject({
      ok: false,
      message:
        '"6/20/2023" is written month first (2023-06-20), but locale.date_order in event.yaml is dmy (day first)',
      withoutValue: {
        message: "is written month first, but locale.date_order in event.yaml is dmy (day first)",
      },
    });
  });

  it("reads the date of a date-time in the event's order, keeping the time", () => {
    expect(dateTime.parse("05/06/2023 14:35", { dateOrder: "dmy" })).toEqual({
      ok: true,
      value: "2023-06-05 14:35",
    });
    expect(dateTime.parse("5/20/2023 9:05")).toEqual({ ok: true, value: "2023-05-20 9:05" });
    expect(dateTime.parse("2023-06-19T14:35")).toEqual({ ok: true, value: "2023-06-19 14:35" });
    expect(dateTime.parse("05/06/2023 14:35")).toMatchObject({
      ok: false,
      message: expect.stringContaining("could be"),
    });
    expect(dateTime.parse("45097").ok).toBe(false);
  });
  it.each([
    ["9:00 AM", 540],
    ["9:00 am", 540],
    ["12:15 AM", 15],
    ["12:30 PM", 750],
    ["2:30 p.m.", 870],
    ["09h00", 540],
    ["14h30", 870],
    ["09:00:00", 540],
  ])("time reads the spreadsheet form %s as %i minutes", (v, m) => expect(good(time, v)).toBe(m));
  it.each(["13:00 PM", "0:30 AM", "09h00 AM", "09:00:30", "24:00 AM"])("time rejects %s", (v) =>
    bad(time, v),
  );
  it.each([
    ["09:00", 540],
    ["9:05", 545],
    ["24:00", 1440],
  ])("time %s is %i minutes", (v, m) => expect(good(time, v)).toBe(m));
  it.each(["25:00", "09:60", "9am", "14.30"])("time rejects %s", (v) => bad(time, v));
  it("dateTime accepts a date with or without a time", () => {
    expect(good(dateTime, "2023-06-19T14:35")).toBe("2023-06-19 14:35");
    bad(dateTime, "2023-06-19 25:00");
  });
  it.each(["a@b.co", "minjun.kim@example.kr", "lan+cicon@example.vn"])("email accepts %s", (v) => {
    good(email, v);
  });
  it.each(["Kim <kim@example.kr>", "no-at.example", "a@b", "a@@b.com"])("email rejects %s", (v) =>
    bad(email, v),
  );
  it("integer checks range", () => {
    expect(good(integer(1), "12")).toBe(12);
    bad(integer(1), "0");
    bad(integer(1), "1.5");
  });
  it("country takes ISO codes and suggests one for the names the packs know, in any language", () => {
    expect(good(country, "vn")).toBe("VN");
    bad(country, "XK");
    const countryForms = countryFormsOf(builtinPacks().values());
    for (const [name, code] of [
      ["South Korea", "KR"],
      ["Republic of Korea", "KR"],
      ["한국", "KR"],
      ["대한민국", "KR"],
      ["Hàn Quốc", "KR"],
      ["việt nam", "VN"],
      ["베트남", "VN"],
      ["越南", "VN"],
      ["Монгол", "MN"],
      ["United Kingdom", "GB"],
    ]) {
      const r = country.parse(name!, { countryForms });
      expect(r.ok === false && r.hint, name).toBe(`Write ${code} instead.`);
    }
    // Three-letter codes need no pack.
    const r = country.parse("KOR");
    expect(r.ok === false && r.hint).toBe("Write KR instead.");
    const unknown = country.parse("Atlantis", { countryForms });
    expect(unknown.ok === false && unknown.hint).toContain("two-letter code");
  });
  it("colour takes hex", () => {
    expect(good(colour, "#C8102E")).toBe("#c8102e");
    bad(colour, "red");
  });
  it("ids are safe for file names", () => {
    good(id, "KR-001");
    good(id, "Phiên_1.a");
    bad(id, "../etc");
    bad(id, "two words");
  });
  it("idList splits on ; and names a comma as the likely mistake", () => {
    expect(good(idList, "S1; S2;;S1")).toEqual(["S1", "S2"]);
    const r = idList.parse("S1,S2");
    expect(r.ok === false && r.hint).toContain("';'");
  });
});
