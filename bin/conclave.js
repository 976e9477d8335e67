#!/usr/bin/env node
// The published entry point: everything lives in dist/cli/main.js (built by `npm run build`,
// which `npm ci` runs through the prepare script).
import("../dist/cli/main.js").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli/main.js")) {
    process.stderr.write(
      "conclave is not built yet: run `npm run build` (or `npm ci`) in the conclave folder.\n",
    );
    process.exit(2);
  }
  throw error;
});
