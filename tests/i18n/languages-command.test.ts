import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conclave } from "../helpers/cli.js";
import { copyOfExample } from "../helpers/example-copy.js";

/** `conclave languages` (src/cli/commands/languages.ts), run as a user runs it: bin/conclave.js. */

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await copyOfExample("conclave-languages-"));
  await mkdir(path.join(dir, "i18n"));
  // A fictional Japanese pack of two labels, and a change to one Korean word.
  await writeFile(
    path.join(dir, "i18n", "ja.yaml"),
    "language: ja\nname: 日本語\nlabels:\n  category:\n    speaker: 講演者\n  seating:\n    table: テーブル\n",
  );
  await writeFile(
    path.join(dir, "i18n", "ko.yaml"),
    "language: ko\nlabels:\n  seating:\n    head: 헤드 테이블\n",
  );
});
afterAll(() => remove());

describe("conclave languages", () => {
  it("lists the built-in packs and what each covers", () => {
    const r = conclave(["languages"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual(["en", "ko", "mn", "vi", "zh-Hans"]);
    expect(lines[1]).toMatch(/^ko {7}한국어 +built-in +dates · labels (\d+)\/\1 · countries 2$/);
    expect(r.stderr).toContain("Not in packs yet: the words inside the Typst templates");
  });

  it("adds the event's packs, says which it prints, and how much of a new one is English", () => {
    const r = conclave(["languages", dir, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const { packs } = JSON.parse(r.stdout) as {
      packs: {
        language: string;
        source: string;
        printed: boolean;
        dates: boolean;
        files: string[];
        labels: { translated: number; total: number };
      }[];
    };
    expect(packs.map((p) => `${p.language} ${p.source} ${p.printed}`)).toEqual([
      "en built-in true",
      "ko override true",
      "mn built-in false",
      "vi built-in true",
      "zh-Hans built-in false",
      "ja event false",
    ]);
    const ja = packs.find((p) => p.language === "ja")!;
    expect(ja.dates).toBe(false);
    expect(ja.labels.translated).toBe(2);
    expect(ja.labels.total).toBe(packs[0]!.labels.total);
    expect(packs[1]!.files).toEqual(["templates/i18n/ko.yaml", "i18n/ko.yaml"]);
    const pretty = conclave(["languages", dir]);
    expect(pretty.stdout).toContain("built-in, changed by i18n/ko.yaml (printed)");
    expect(pretty.stdout).toMatch(
      /ja {7}日本語 +i18n\/ja\.yaml +dates in English · labels 2\/\d+ \(\d+ printed in English\)/,
    );
  });

  it("exits 1 with the file:line:col of a wrong key in the event's pack", async () => {
    await writeFile(
      path.join(dir, "i18n", "ja.yaml"),
      "language: ja\nlabels:\n  seating:\n    tables: テーブル\n",
    );
    const r = conclave(["languages", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('i18n/ja.yaml:4:5 error language-pack unknown key "labels.seating.tables"');
    expect(r.stderr).toContain('Did you mean "table"?');
  });

  it("exits 2 naming a folder that is not there", () => {
    const r = conclave(["languages", path.join(dir, "no-such-folder")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no-such-folder is not a folder");
    expect(r.stderr).not.toContain("internal error");
  });
});
