import { readFile } from "node:fs/promises";
import path from "node:path";
import type { GroupingProblem } from "../src/seating/grouping.js";

/**
 * Reads an MDGPLIB instance: `n G ss|ds lb_1 ub_1 … lb_G ub_G`, then `i j d` per pair (0-based).
 */
export async function readInstance(file: string): Promise<GroupingProblem & { name: string }> {
  const text = await readFile(file, "utf8");
  const lines = text.split(/\r?\n/);
  const head = lines[0]!.trim().split(/\s+/);
  const n = Number(head[0]);
  const G = Number(head[1]);
  const lower: number[] = [];
  const upper: number[] = [];
  for (let g = 0; g < G; g++) {
    lower.push(Number(head[3 + 2 * g]));
    upper.push(Number(head[4 + 2 * g]));
  }
  const weights = new Float64Array(n * n);
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (!line) continue;
    const [a, b, d] = line.split(/\s+/);
    const i = Number(a);
    const j = Number(b);
    weights[i * n + j] = Number(d);
    weights[j * n + i] = Number(d);
  }
  return { name: path.basename(file).replace(/\.txt$/, ""), n, weights, lower, upper };
}

/** best-known.tsv: instance → best value. */
export async function readBestKnown(dir: string): Promise<Map<string, number>> {
  const text = await readFile(path.join(dir, "best-known.tsv"), "utf8").catch(() => "");
  const out = new Map<string, number>();
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [name, best] = line.split("\t");
    if (name && best) out.set(name, Number(best));
  }
  return out;
}
