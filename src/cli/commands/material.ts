import { UserError } from "../../errors.js";
import type { MaterialName } from "../../materials/index.js";
import { MATERIALS } from "../../materials/index.js";
import type { Ui } from "../ui.js";
import { buildCommand } from "./build.js";

/** `conclave agenda|badges|letters|seating [dir]`: a build of one material, with its own options. */
export async function materialCommand(
  name: MaterialName,
  dir: string,
  options: { out?: string; jobs: number; allowOutside?: string[]; strict?: boolean } & Record<
    string,
    unknown
  >,
  ui: Ui,
): Promise<number> {
  if (!MATERIALS[name]) {
    throw new UserError(
      `the ${name} material is not available in this version of conclave`,
      "Run `conclave validate` to check the data now; `conclave build` makes every material this version has.",
    );
  }
  const { out, jobs, allowOutside, strict, ...materialOptions } = options;
  return buildCommand(
    dir,
    { out, jobs, allowOutside, strict, only: [name], format: "pretty", materialOptions },
    ui,
  );
}
