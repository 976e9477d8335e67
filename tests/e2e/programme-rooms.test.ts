import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEvent } from "../../bench/generate.js";
import { conclave } from "../helpers/cli.js";
import { textItems } from "../helpers/pdf.js";

// A generated event of 98 sessions over two days: seven halls in parallel in every time slot.
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-programme-rooms-"));
  const dir = path.join(tmp, "event");
  await mkdir(dir);
  for (const [name, text] of Object.entries(generateEvent(300, 98, 5)))
    await writeFile(path.join(dir, name), text);
  const run = conclave(["agenda", dir, "--out", path.join(tmp, "out"), "--no-personal"]);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("a programme with more parallel rooms than fit side by side", () => {
  it("sets seven halls in two rows, four and three, each row with its rooms named", async () => {
    const items = await textItems(path.join(tmp, "out/agenda/programme.en.pdf"));
    const hall = (n: number) => items.find((i) => i.str === `Hall ${n}`)!;
    const top = (i: (typeof items)[number]) => i.transform[5] as number;
    const left = (i: (typeof items)[number]) => i.transform[4] as number;
    for (let n = 1; n <= 7; n++) expect(hall(n), `Hall ${n}`).toBeDefined();
    // The first row: halls 1–4 on one line, left to right.
    for (const n of [2, 3, 4]) {
      expect(top(hall(n))).toBeCloseTo(top(hall(1)), 0);
      expect(left(hall(n))).toBeGreaterThan(left(hall(n - 1)));
    }
    // The second row starts again at the first column, below: halls 5–7.
    expect(top(hall(5))).toBeLessThan(top(hall(1)) - 20);
    expect(left(hall(5))).toBeCloseTo(left(hall(1)), 0);
    for (const n of [6, 7]) expect(top(hall(n))).toBeCloseTo(top(hall(5)), 0);
  });
});
