import { writeFileSync } from "node:fs";
import { compiledPacksFile, packSourcesHash, readBuiltinPacks } from "./builtin.js";

/**
 * Run by `npm run build` after tsc: the built-in language packs, read and checked from their
 * YAML files once, written as JSON beside the compiled loader (see `compiledPacks`).
 */
const packs = readBuiltinPacks();
writeFileSync(compiledPacksFile, `${JSON.stringify({ sources: packSourcesHash(), packs: [...packs] })}\n`);
