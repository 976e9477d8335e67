import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { conclave, root } from "../helpers/cli.js";

// A re-solve of the example's banquet after two late registrations: the previous plan anchors
// everyone, the two newcomers take free seats, and the summary says who moved (few) and why.
let tmp: string;
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Two new banquet guests, copied from existing rows with new ids, names and passport numbers. */
async function addTwoDelegates(dir: string) {
  const file = path.join(dir, "delegates.csv");
  const text = await readFile(file, "utf8");
  const lines = text.trimEnd().split("\n");
  const header = lines[0]!.split(",");
  const id = header.indexOf("id");
  const passport = header.indexOf("passport_number");
  const email = header.indexOf("email");
  const category = header.indexOf("category");
  const precedence = header.indexOf("precedence");
  // Delegates without a rank, as late registrations usually are (a rank would take a head seat).
  const pick = (prefix: string) =>
    lines
      .map((l) => l.split(","))
      .find(
        (r) =>
          r[id]!.startsWith(prefix) &&
          r.join(",").includes("BANQUET") &&
          !r.join(",").includes('"') &&
          r[category] === "delegate" &&
          !r[precedence],
      )!;
  const rows = [
    ["KR-", "KR-951", "M99000001", "late.kr@example.kr"],
    ["VN-", "VN-951", "C99000001", "late.vn@example.vn"],
  ].map(([prefix, newId, pass, mail]) => {
    const r = pick(prefix!);
    r[id] = newId!;
    r[passport] = pass!;
    r[email] = mail!;
    return r.join(",");
  });
  await writeFile(file, `${[...lines, ...rows].join("\n")}\n`);
}

describe("conclave seating after a change", () => {
  it("keeps the previous guests at their tables and lists the few who moved", async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "conclave-stable-"));
    const dir = path.join(tmp, "event");
    const out = path.join(tmp, "out");
    await cp(path.join(root, "fixtures/cicon-2023"), dir, { recursive: true });
    const first = conclave(["seating", dir, "--out", out]);
    expect(first.code, first.stderr).toBe(0);
    await addTwoDelegates(dir);
    const again = conclave(["seating", dir, "--out", out]);
    expect(again.code, again.stderr).toBe(0);
    const said = again.stdout + again.stderr;
    const report = JSON.parse(await readFile(path.join(out, "seating/BANQUET/report.json"), "utf8"));
    const changes = report.changes;
    expect(changes.start).toBe("last plan");
    expect(changes.added.sort()).toEqual(["KR-951", "VN-951"]);
    expect(changes.previous).toBe(106);
    // Few: at most 5 % of the 106 previous guests.
    expect(changes.moved.length).toBeLessThanOrEqual(5);
    expect(changes.kept).toBe(106 - changes.moved.length);
    // Seats too: the guests who kept their table mostly sit where they sat (6 change seat here, at
    // the tables that took a newcomer or a swapped guest).
    expect(changes.reseated).toBeLessThanOrEqual(10);
    const reseated = changes.reseated ? ` (${changes.reseated} in another seat)` : "";
    expect(said).toContain(
      `${changes.kept} of 106 kept their table${reseated}, ${changes.moved.length} moved (re-solved from the last plan: --fresh plans anew)`,
    );
    for (const m of changes.moved) {
      expect(m.reason).not.toBe("");
      expect(said).toContain(`BANQUET: ${m.delegate}: ${m.from} → ${m.to} (${m.reason})`);
    }
    const csv = await readFile(path.join(out, "seating/BANQUET/assignment.csv"), "utf8");
    expect(csv).toContain("KR-951");
    expect(csv).toContain("VN-951");

    // --fresh plans without the previous plan: no changes are reported.
    const fresh = conclave(["seating", dir, "--out", out, "--fresh"]);
    expect(fresh.code, fresh.stderr).toBe(0);
    const freshReport = JSON.parse(await readFile(path.join(out, "seating/BANQUET/report.json"), "utf8"));
    expect(freshReport.changes).toBeUndefined();
    expect(fresh.stdout + fresh.stderr).not.toContain("kept their table");

    // conclave build plans the seating from the data alone, unless seating.stable: true.
    const reportNow = async () =>
      JSON.parse(await readFile(path.join(out, "seating/BANQUET/report.json"), "utf8"));
    expect(conclave(["build", dir, "--out", out, "--only", "seating"]).code).toBe(0);
    expect((await reportNow()).changes).toBeUndefined();
    const yaml = await readFile(path.join(dir, "event.yaml"), "utf8");
    await writeFile(
      path.join(dir, "event.yaml"),
      yaml.replace(/\nseating:\n/, "\nseating:\n  stable: true\n"),
    );
    const stableBuild = conclave(["build", dir, "--out", out, "--only", "seating"]);
    expect(stableBuild.code, stableBuild.stderr).toBe(0);
    expect((await reportNow()).changes).toMatchObject({ previous: 108, kept: 108, moved: [] });
    // A build has no --fresh to point to: its summary says what moved, without the hint.
    const built = stableBuild.stdout + stableBuild.stderr;
    expect(built).toContain("108 of 108 kept their table");
    expect(built).not.toContain("--fresh");

    // With moving free (weights.move: 0) the last plan holds nobody: the search plans afresh,
    // and `conclave seating` says so rather than calling it a re-solve.
    await writeFile(
      path.join(dir, "event.yaml"),
      (await readFile(path.join(dir, "event.yaml"), "utf8")).replace(
        /\nseating:\n/,
        "\nseating:\n  weights:\n    move: 0\n",
      ),
    );
    const free = conclave(["seating", dir, "--out", out]);
    expect(free.code, free.stderr).toBe(0);
    expect((await reportNow()).changes).toMatchObject({ previous: 108, start: "move costs nothing" });
    expect(free.stdout + free.stderr).toContain(
      "(planned afresh: seating.weights.move is 0, so nobody is kept at their table)",
    );
    expect(free.stdout + free.stderr).not.toContain("re-solved from the last plan");
  }, 240_000);
});
