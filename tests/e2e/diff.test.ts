import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSchema } from "../diff/schema-check.js";
import { conclave, root } from "../helpers/cli.js";

const example = path.join(root, "fixtures/cicon-2023");
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-diff-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A fresh copy of the example event. */
async function copyExample(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(example, dir, { recursive: true });
  return dir;
}

/** Edits one CSV of an event folder: each row as a column → value map, in file order. */
async function editCsv(
  dir: string,
  file: string,
  edit: (rows: Record<string, string>[], header: string[]) => Record<string, string>[],
) {
  const text = (await readFile(path.join(dir, file), "utf8")).replace(/^\uFEFF/, "");
  // The example's cells hold no line breaks: one record per line, commas inside quotes kept.
  const split = (line: string) =>
    line
      .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
      .slice(0, -1)
      .map((c) => c.replace(/,$/, ""));
  const [head, ...lines] = text.trimEnd().split("\n");
  const header = split(head!);
  const rows = lines.map((l) => Object.fromEntries(split(l).map((v, i) => [header[i]!, v])));
  const out = edit(rows, header);
  await writeFile(
    path.join(dir, file),
    `${[header.join(","), ...out.map((r) => header.map((h) => r[h] ?? "").join(","))].join("\n")}\n`,
  );
}

const set = (id: string, column: string, value: string) => (rows: Record<string, string>[]) =>
  rows.map((r) => (r.id === id ? { ...r, [column]: value } : r));

describe("conclave diff", () => {
  it("with no build yet: says so and exits 2", async () => {
    const dir = await copyExample("nobuild");
    const r = conclave(["diff", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no build in");
    expect(r.stderr).toContain("yet; run conclave build or use --from");
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("after a build: nothing changed (exit 0); a rename names the materials it touches (exit 1)", async () => {
    const dir = await copyExample("after-build");
    const out = path.join(tmp, "after-build-out");
    // The protocol lists alone: the quickest build that records what it was made from.
    const b = conclave(["protocol", dir, "--out", out, "--jobs", "1"]);
    expect(b.code, b.stderr).toBe(0);
    const same = conclave(["diff", dir, "--out", out]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain("no changes");
    expect(same.stdout).toContain("the last build made only protocol");
    // Another event folder against that build: said, not silently compared.
    const other = conclave(["diff", await copyExample("other"), "--out", out]);
    expect(other.stdout).toContain(`the last build in ${out} was made from ${dir}`);

    await editCsv(dir, "delegates.csv", set("KR-014", "family_name", "Shinn"));
    const r = conclave(["diff", dir, "--out", out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(
      'KR-014 Shinn Young-hee: family_name changed (was "Shin", now "Shinn") → badge, agenda/personal, letters/invitation, letters/visa, seating plan, place card, table list',
    );
  });

  it("--from a folder: a moved session, a delegate added and one removed, a phone changed (not printed)", async () => {
    const dir = await copyExample("edits");
    await editCsv(dir, "sessions.csv", set("S1-URBAN", "start", "14:30"));
    await editCsv(dir, "delegates.csv", (rows) => {
      const kept = set("KR-003", "phone", "+82 10 5555 0199")(rows).filter((r) => r.id !== "VN-012");
      return [
        ...kept,
        { ...rows.at(-1)!, id: "KR-200", given_name: "Da-eun", family_name: "Seo", native_name: "서다은" },
      ];
    });
    await editCsv(dir, "seating.csv", (rows) => rows.filter((r) => r.a !== "KR-090"));
    const r = conclave(["diff", dir, "--from", example, "--format", "json"]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    const schema = JSON.parse(await readFile(path.join(root, "docs/diff.schema.json"), "utf8"));
    expect(checkSchema(schema, report)).toEqual([]);
    const by = (id: string) => report.changes.find((c: { id: string }) => c.id === id);
    expect(by("S1-URBAN")).toMatchObject({
      kind: "session-changed",
      moved: ["time"],
      fields: [{ field: "start", from: "13:30", to: "14:30" }],
      materials: ["badge", "programme", "agenda/personal", "letters/invitation"],
    });
    expect(by("KR-200")).toMatchObject({ kind: "delegate-added", materials: ["badge", "agenda/personal"] });
    expect(by("VN-012")).toMatchObject({
      kind: "delegate-removed",
      materials: [
        "badge",
        "agenda/personal",
        "letters/invitation",
        "seating plan",
        "place card",
        "table list",
      ],
    });
    expect(by("seating.csv")).toMatchObject({
      kind: "wishes-changed",
      label: "0 wishes added, 1 removed",
      materials: ["seating plan", "place card", "table list"],
    });
    // KR-003 is no liaison officer: the phone is printed nowhere, and never shown.
    expect(by("KR-003")).toMatchObject({
      kind: "delegate-changed",
      fields: [{ field: "phone", personal: true }],
      materials: [],
    });
    expect(r.stdout).not.toContain("5555");
    const pretty = conclave(["diff", dir, "--from", example]);
    expect(pretty.stdout).toContain("KR-003 Yoo Ji-min: phone changed → no printed material");
    expect(pretty.stdout).not.toContain("5555");
  });

  it("--from a git revision, read with git show; an unknown revision and a folder outside git are clear errors", async () => {
    const repo = path.join(tmp, "repo");
    const dir = path.join(repo, "events", "cicon");
    await cp(example, dir, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "T",
          GIT_AUTHOR_EMAIL: "t@example.org",
          GIT_COMMITTER_NAME: "T",
          GIT_COMMITTER_EMAIL: "t@example.org",
        },
      });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "the event");
    await editCsv(dir, "venues.csv", set("GRAND-HALL", "capacity", "900"));
    await editCsv(dir, "sessions.csv", set("OPENING", "room", "BANQUET-HALL"));
    const r = conclave(["diff", dir, "--from", "HEAD", "--format", "markdown"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("### conclave diff");
    expect(r.stdout).toContain("git HEAD");
    expect(r.stdout).toMatch(
      /- OPENING .*moved to another room: room changed \(was "GRAND-HALL", now "BANQUET-HALL"\) → badge, programme/,
    );
    expect(r.stdout).toContain("| programme |");

    const unknown = conclave(["diff", dir, "--from", "no-such-rev"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no git revision no-such-rev");
    const outside = conclave(["diff", await copyExample("no-git"), "--from", "HEAD~1"]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("is not in a git repository");
  });

  it("--assignment: who moved table since the last build's seating plan", async () => {
    const dir = await copyExample("seats");
    const before = path.join(tmp, "seats-before");
    const after = path.join(tmp, "seats-after");
    expect(conclave(["seating", dir, "--out", before, "--jobs", "1"]).code).toBe(0);
    // The example has a seating: block (its ballroom): the seed goes into it.
    const yaml = await readFile(path.join(dir, "event.yaml"), "utf8");
    expect(yaml).toMatch(/\nseating:\n/);
    await writeFile(path.join(dir, "event.yaml"), yaml.replace("\nseating:\n", "\nseating:\n  seed: 7\n"));
    expect(conclave(["seating", dir, "--out", after, "--jobs", "1"]).code).toBe(0);
    const r = conclave(["diff", dir, "--out", before, "--assignment", after, "--format", "json"]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.changes[0]).toMatchObject({
      kind: "setting-changed",
      fields: [{ field: "seating.seed", from: "1", to: "7" }],
      materials: ["seating plan", "place card", "table list"],
    });
    const moves = report.changes.filter((c: { kind: string }) => c.kind === "seat-moved");
    expect(moves.length).toBeGreaterThan(0);
    const m = moves[0];
    expect(m.seat.session).toBe("BANQUET");
    expect(m.seat.from).not.toBe(m.seat.to);
    expect(m.materials).toEqual(
      expect.arrayContaining(["seating plan", "place card", "table list", "badge"]),
    );
    const pretty = conclave(["diff", dir, "--out", before, "--assignment", after]);
    expect(pretty.stdout).toContain(
      `BANQUET: ${m.id} ${m.label} moved from table ${m.seat.from} to table ${m.seat.to}`,
    );
  });

  it("a side that is not valid data: its diagnostics, exit 2", async () => {
    const dir = await copyExample("invalid");
    await editCsv(dir, "delegates.csv", (rows) => rows.filter((r) => r.id !== "VN-004"));
    const r = conclave(["diff", dir, "--from", example]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sessions\.csv:\d+:\d+ error unknown-reference/);
    expect(r.stderr).toContain("is not valid data, so nothing was compared");
  });
});
