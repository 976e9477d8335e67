import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packSourcesHash, readBuiltinPacks } from "../../src/i18n/builtin.js";
import { root } from "../helpers/cli.js";

/*
 * `npm run build` compiles the built-in language packs to dist/i18n/builtin-packs.json, which the
 * installed program reads instead of parsing YAML at every start (about 25 ms). It must hold
 * exactly what the YAML files say, and name the files it was made from.
 */
describe("the compiled language packs", () => {
  it("are the YAML packs, checked and completed, from the YAML files as they are now", () => {
    const compiled = JSON.parse(readFileSync(path.join(root, "dist/i18n/builtin-packs.json"), "utf8")) as {
      sources: string;
      packs: [string, unknown][];
    };
    expect(compiled.sources).toBe(packSourcesHash());
    expect(new Map(compiled.packs)).toEqual(new Map(readBuiltinPacks()));
  });
});
