import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readBestKnown, readInstance } from "../../bench/mdgplib.js";
import { groupingValue } from "../../src/seating/grouping.js";

/**
 * bench/results/mdgplib-better/ holds the assignments with which conclave beat MDGPLIB's best known
 * values (bench:seating writes one where a run does): each must be a plan of its instance, within
 * every group's size range, worth the value its first line names, and more than the best known.
 * The instances are in ../shared/bench/mdgplib/, beside the clone in CI.
 */
const shared = path.resolve(import.meta.dirname, "../../../shared/bench/mdgplib");
const dir = path.resolve(import.meta.dirname, "../../bench/results/mdgplib-better");

describe.skipIf(!existsSync(shared))("the assignments that beat MDGPLIB's best known values", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));
  it("are there", () => expect(files.length).toBeGreaterThan(0));
  it.each(files)("%s is a plan worth what it says, above the best known", async (file) => {
    const lines = readFileSync(path.join(dir, file), "utf8").trim().split("\n");
    const name = file.replace(/-seed\d+\.txt$/, "");
    const stated = Number(/value ([0-9.]+)/.exec(lines[0]!)![1]);
    const p = await readInstance(path.join(shared, `${name}.txt`));
    const group = lines.slice(1).map(Number);
    expect(group).toHaveLength(p.n);
    const sizes = new Array<number>(p.lower.length).fill(0);
    for (const g of group) sizes[g]!++;
    sizes.forEach((s, g) => {
      expect(s).toBeGreaterThanOrEqual(p.lower[g]!);
      expect(s).toBeLessThanOrEqual(p.upper[g]!);
    });
    const value = groupingValue(p, group);
    expect(value).toBeCloseTo(stated, 6);
    expect(value).toBeGreaterThan((await readBestKnown(shared)).get(name)! + 1e-6);
  });
});
