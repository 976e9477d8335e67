import { UserError } from "../../errors.js";
import { MATERIAL_NAMES, type MaterialName } from "../../materials/names.js";

/** Parses `--only agenda,badges`, naming the wrong word and the right ones. */
export function parseOnly(value: string): MaterialName[] {
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!(MATERIAL_NAMES as readonly string[]).includes(n)) {
      throw new UserError(
        `--only: "${n}" is not a material`,
        `Use a comma-separated list of: ${MATERIAL_NAMES.join(", ")}.`,
      );
    }
  }
  return names as MaterialName[];
}
