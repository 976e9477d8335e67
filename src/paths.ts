import path from "node:path";
import { fileURLToPath } from "node:url";

/** The conclave package folder (holds templates/ and fixtures/), from src/ or dist/ alike. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const builtinTemplatesDir = path.join(packageRoot, "templates");
export const exampleEventDir = path.join(packageRoot, "fixtures", "cicon-2023");
