/**
 * Every package is declared where it is used: what src/ loads at run time is a dependency (an
 * installed conclave has nothing else), and a dependency nothing in src/ loads is dead weight for
 * every user. `qrcode` is a devDependency (issue #23): the tests and the benchmark compare our
 * encoder with it; src/render/qr-encode.ts holds the standard's tables itself.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../helpers/cli.js";

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Packages named by import, dynamic import, require or require.resolve in the .ts files under `dir`. */
function packagesUsedIn(dir: string): Set<string> {
  const used = new Set<string>();
  const files = readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith(".ts"),
  );
  const specifier =
    /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire(?:\.resolve)?\s*\(\s*|^\s*import\s+)["'](@?[a-z0-9][\w.-]*(?:\/[\w.@-]+)*)["']/gm;
  for (const file of files) {
    const source = readFileSync(path.join(root, dir, file), "utf8");
    for (const [, spec] of source.matchAll(specifier)) {
      if (spec!.startsWith("node:")) continue;
      const parts = spec!.split("/");
      used.add(spec!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return used;
}

/** Tools run from package.json's scripts and type packages: used, but never imported. */
const TOOLS = new Set(["@biomejs/biome", "typescript", "tsx", "vitest"]);

describe("package.json", () => {
  const runtime = packagesUsedIn("src");
  const development = new Set([...packagesUsedIn("tests"), ...packagesUsedIn("bench")]);

  it("declares every package src/ loads as a dependency, and no dependency src/ does not load", () => {
    expect([...runtime].sort()).toEqual(Object.keys(pkg.dependencies).sort());
    expect(runtime.has("qrcode")).toBe(false);
    expect(pkg.devDependencies.qrcode).toBeDefined();
    expect(runtime.has("csv-parse")).toBe(true);
  });

  it("keeps devDependencies to what only tests, benchmarks and tools use", () => {
    for (const name of Object.keys(pkg.devDependencies)) {
      expect(runtime.has(name), `${name} is loaded by src/: make it a dependency`).toBe(false);
      if (TOOLS.has(name) || name.startsWith("@types/")) continue;
      expect(development.has(name), `${name} is used by no test or benchmark`).toBe(true);
    }
  });
});
