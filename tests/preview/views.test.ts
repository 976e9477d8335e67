import { describe, expect, it } from "vitest";
import { DataInvalid } from "../../src/errors.js";
import { indexPage } from "../../src/preview/pages.js";
import { invalidState } from "../../src/preview/session.js";
import { type BuiltFile, viewOf } from "../../src/preview/views.js";
import { TemplateError } from "../../src/render/typst.js";
import { check, delegate } from "../helpers/make.js";

/** An event of `n` delegates D-001… whose family names sort in id order (Aa…, Ab…). */
function eventOf(n: number, config = "") {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const rows = Array.from({ length: n }, (_, i) =>
    delegate(`D-${String(i + 1).padStart(3, "0")}`, {
      family_name: `A${letters[Math.floor(i / 26)]}${letters[i % 26]}`,
      given_name: "Min",
    }),
  );
  const r = check({ delegates: rows, config });
  expect(r.event, JSON.stringify(r.diagnostics)).toBeDefined();
  return r.event!;
}

const file = (p: string, material: string): BuiltFile => ({
  path: p,
  sha256: "0".repeat(64),
  size: 1,
  material,
});

describe("viewOf", () => {
  it("finds a delegate's sheet and position on the badges' stock, in the badges' order", () => {
    const event = eventOf(10); // a6-4up: 4 a sheet, 3 sheets
    const files = [file("badges/badges.pdf", "badges")];
    const d = event.delegates.find((x) => x.id === "D-006")!;
    const view = viewOf(event, files, "badges", d);
    expect(view.pdfs).toEqual([{ path: "badges/badges.pdf", sheet: { index: 1, of: 3, position: 2 } }]);
    expect(view.title).toBe("Badge of Aaf Min (D-006)");
    expect(view.note).toBe("Sheet 2 of 3, position 2 of 4 (a6-4up).");
  });

  it("finds the volume of a run cut into volumes (badge.volume_sheets)", () => {
    const event = eventOf(10, "badge:\n  volume_sheets: 1\n");
    const files = ["001", "002", "003"].map((v) => file(`badges/badges-${v}.pdf`, "badges"));
    const d = event.delegates.find((x) => x.id === "D-010")!;
    expect(viewOf(event, files, "badges", d).pdfs).toEqual([
      { path: "badges/badges-003.pdf", sheet: { index: 0, of: 1, position: 2 } },
    ]);
    // Everyone: every volume, in order.
    expect(viewOf(event, files, "badges").pdfs.map((p) => p.path)).toEqual(files.map((f) => f.path));
  });

  it("shows a delegate's own personal agenda and letter, and says when there is none", () => {
    const event = eventOf(2);
    const d = event.delegates[0]!;
    const files = [
      file("agenda/programme.en.pdf", "agenda"),
      file("agenda/personal/D-001.pdf", "agenda"),
      file("agenda/personal/D-001.ics", "agenda"),
      file("letters/invitation/all.pdf", "letters"),
    ];
    expect(viewOf(event, files, "agenda", d).pdfs).toEqual([{ path: "agenda/personal/D-001.pdf" }]);
    expect(viewOf(event, files, "agenda").pdfs).toEqual([{ path: "agenda/programme.en.pdf" }]);
    const letter = viewOf(event, files, "letters", d);
    expect(letter.pdfs).toEqual([]);
    expect(letter.note).toContain("receives no invitation letter");
    expect(viewOf(event, files, "letters").pdfs).toEqual([{ path: "letters/invitation/all.pdf" }]);
  });
  it("says when there are no check-in lists (they need signed badge codes)", () => {
    const event = eventOf(1);
    const view = viewOf(event, [file("badges/badges.pdf", "badges")], "checkin");
    expect(view.pdfs).toEqual([]);
    expect(view.note).toContain("badge.qr: signed");
    const lists = [file("checkin/expected.en.pdf", "checkin"), file("checkin/checkin.csv", "checkin")];
    expect(viewOf(event, lists, "checkin").pdfs).toEqual([{ path: "checkin/expected.en.pdf" }]);
  });
});

describe("the preview page", () => {
  it("prints a hostile name and a hostile message literally", () => {
    const hostile = `<img src=x onerror="alert(1)">`;
    const r = check({ delegates: [delegate("D-001", { given_name: hostile })] });
    const event = r.event!;
    const page = indexPage({
      state: { kind: "built", event, files: [], warnings: [], problems: [], seconds: 1 },
      generation: 1,
      building: false,
      material: "badges",
      delegate: "D-001",
      view: viewOf(event, [], "badges", event.delegates[0]),
      files: [],
    });
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("shows each error at its file, line and column, with its hint, instead of pages", () => {
    const state = invalidState(
      new DataInvalid([
        {
          code: "type-error",
          severity: "error",
          file: "delegates.csv",
          line: 2,
          column: 14,
          message: 'category: "<vipx>" is not an allowed value',
          hint: "Use one of: vip, delegate.",
        },
      ]),
    );
    const page = indexPage({ state, generation: 2, building: false, material: "badges", files: [] });
    expect(page).toContain('<code class="where">delegates.csv:2:14</code>');
    expect(page).toContain("category: &quot;&lt;vipx&gt;&quot; is not an allowed value");
    expect(page).toContain("hint: Use one of: vip, delegate.");
    expect(page).not.toContain("<img");
  });

  it("shows a template's error at its file, line and column, the event's templates relative to the folder", () => {
    const state = invalidState(
      new TemplateError(
        [{ file: "/events/x/templates/badge.typ", line: 14, column: 3, message: "unknown variable: foo" }],
        "Fix it.",
      ),
      "/events/x",
    );
    expect(state.diagnostics.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      ["templates/badge.typ", 14, 3, "unknown variable: foo"],
    ]);
    const page = indexPage({ state, generation: 1, building: false, material: "badges", files: [] });
    expect(page).toContain(
      '<code class="where">templates/badge.typ:14:3</code> <span class="severity">error</span> <span class="message">unknown variable: foo</span>',
    );
  });
});
