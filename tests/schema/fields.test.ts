import { describe, expect, it } from "vitest";
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
  it.each(["2023-02-29", "20/06/2023", "2023-6-20", "45097", ""])("date rejects %s", (v) => bad(date, v));
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
  it("country takes ISO codes and suggests one for common names", () => {
    expect(good(country, "vn")).toBe("VN");
    bad(country, "XK");
    const r = country.parse("South Korea");
    expect(r.ok === false && r.hint).toBe("Write KR instead.");
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
