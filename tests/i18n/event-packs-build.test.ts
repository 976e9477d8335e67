import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEventFolder } from "../../src/build/index.js";
import { formatDateLong } from "../../src/model/i18n.js";
import { copyOfExample } from "../helpers/example-copy.js";

/**
 * An event's own changes to conclave's packs (i18n/<lang>.yaml) reach what the build prints, and
 * a changed pack is a changed input: the next build does not skip as "nothing changed".
 */

let tmp: string;
let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ tmp, dir, remove } = await copyOfExample("conclave-event-packs-build-"));
  await mkdir(path.join(dir, "i18n"));
});
afterAll(() => remove());

const read = (out: string, file: string) => readFileSync(path.join(out, file), "utf8");

describe("a build of an event with its own packs", () => {
  it("prints the event's words in place of conclave's, and rebuilds when a pack changes", async () => {
    const out = path.join(tmp, "out");
    const only = ["agenda", "protocol"] as const;
    await buildEventFolder(dir, { out, jobs: 2, only: [...only] });
    expect(read(out, "agenda/programme.md")).toContain("## Tuesday, 20 June 2023");
    expect(read(out, "agenda/programme.md")).toContain("*Networking · Foyer");
    expect(read(out, "protocol/caterer.csv")).toContain(",ăn chay,");

    await writeFile(
      path.join(dir, "i18n", "en.yaml"),
      'language: en\ndates:\n  long: "{weekday} {d} {month} {y}"\nlabels:\n  agenda:\n    types:\n      networking: Coffee and networking\n',
    );
    await writeFile(
      path.join(dir, "i18n", "vi.yaml"),
      "language: vi\nlabels:\n  dietary:\n    vegetarian: món chay\n",
    );
    await buildEventFolder(dir, { out, jobs: 2, only: [...only] });
    const md = read(out, "agenda/programme.md");
    expect(md).toContain("## Tuesday 20 June 2023");
    expect(md).toContain("*Coffee and networking · Foyer");
    // The rest of the English pack stays conclave's.
    expect(md).toContain("*Ceremony · Grand Hall");
    const caterer = read(out, "protocol/caterer.csv");
    expect(caterer).toContain(",món chay,");
    expect(caterer).toContain(",không ăn thịt lợn,");
  });

  it("leaves conclave's packs in effect outside the build", () => {
    expect(formatDateLong("2023-06-20", "en")).toBe("Tuesday, 20 June 2023");
  });
});
