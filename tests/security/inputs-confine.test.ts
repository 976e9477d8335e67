import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { confine, readConfined, resolveConfined } from "../../src/load/confine.js";

/** The one check every read goes through (src/load/confine.ts), on its edges. */
let tmp: string;
let event: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "conclave-confine-"));
  event = path.join(tmp, "ev");
  await mkdir(path.join(event, "sub"), { recursive: true });
  await mkdir(path.join(tmp, "ev-secrets"), { recursive: true });
  await writeFile(path.join(tmp, "ev-secrets/key.csv"), "secret\n");
  await writeFile(path.join(event, "sub/a.csv"), "id\n1\n");
  await symlink(path.join(tmp, "ev-secrets"), path.join(event, "secrets-link"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("confinement to the event folder", () => {
  it("does not take a sibling folder whose name starts like the event's for the event folder", () => {
    const c = confine(event);
    expect(() => readConfined(c, "../ev-secrets/key.csv", "csv", "files.delegates")).toThrow(
      /outside the event folder/,
    );
  });

  it("refuses a path through a linked folder that leads outside, and reads one that stays inside", () => {
    const c = confine(event);
    expect(() => readConfined(c, "secrets-link/key.csv", "csv", "files.delegates")).toThrow(
      /is a link to .*ev-secrets\/key\.csv, outside the event folder/,
    );
    expect(new TextDecoder().decode(readConfined(c, "sub/../sub/a.csv", "csv", "x"))).toBe("id\n1\n");
  });

  it("says nothing about whether an outside path exists: a missing one is refused, not 'absent'", () => {
    const c = confine(event);
    expect(() => resolveConfined(c, "/no/such/file.csv", "files.delegates")).toThrow(UserError);
    expect(resolveConfined(c, "missing.csv", "files.delegates")).toBeUndefined();
  });

  it("allows exactly the listed places, given relative to the event folder or the working directory", () => {
    const fromEvent = confine(event, [], ["../ev-secrets"]);
    expect(readConfined(fromEvent, "../ev-secrets/key.csv", "csv", "x")).toBeDefined();
    const fromCli = confine(event, [path.relative(process.cwd(), path.join(tmp, "ev-secrets"))]);
    expect(readConfined(fromCli, "secrets-link/key.csv", "csv", "x")).toBeDefined();
    expect(() => confine(event, [], ["../nothing-here"])).toThrow(
      /allow_outside: \.\.\/nothing-here does not exist/,
    );
  });
});
