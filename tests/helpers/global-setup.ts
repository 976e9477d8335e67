import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/** End-to-end tests run bin/conclave.js, which needs dist/; `npm test` builds it, a bare `vitest` may not have. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  if (!existsSync(path.join(root, "dist/cli/main.js"))) {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  }
}
