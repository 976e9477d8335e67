import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { builtinTemplatesDir } from "../../paths.js";

const MODULE = /^(invitation|visa)\.(.+)\.typ$/;
let builtinModules: Set<string> | undefined;

/**
 * The languages a letter of each kind can be written in: the modules of its sentences,
 * templates/letters/<kind>.<lang>.typ, conclave's own and, when the event folder has its own
 * templates/letters/letter.typ (which lists the modules it imports), the event's. As
 * `invitation:ko`, `visa:zh-Hans`.
 */
export function letterModules(eventDir?: string): ReadonlySet<string> {
  const read = (dir: string) => {
    try {
      return readdirSync(dir).flatMap((n) => {
        const m = MODULE.exec(n);
        return m ? [`${m[1]}:${m[2]}`] : [];
      });
    } catch {
      return [];
    }
  };
  builtinModules ??= new Set(read(path.join(builtinTemplatesDir, "letters")));
  const own = eventDir ? path.join(eventDir, "templates", "letters") : undefined;
  if (!own || !existsSync(path.join(own, "letter.typ"))) return builtinModules;
  return new Set([...builtinModules, ...read(own)]);
}
