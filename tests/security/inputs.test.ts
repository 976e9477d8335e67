import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "../helpers/cli.js";
import { readPdf } from "../helpers/pdf.js";
import { copyExample, edit, recordingProxy, run, tmpRoot } from "./inputs-helpers.js";

/**
 * What conclave reads is confined to the event folder (issue #24, items 1, 2, 9, 10, 13): each
 * reproduction of the issue, run through bin/conclave.js as a CI job would run it.
 */
let tmp: string;
beforeAll(async () => {
  tmp = await tmpRoot();
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** No stack trace, whatever the message. */
const noStack = (text: string) => expect(text).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);

/** An outside CSV whose lines would be quoted one by one as bad country codes. */
const SECRET_CSV =
  "id,given_name,family_name,organisation,land,category\nX1,Ann,Lee,Acme,SECRET-LINE-1,delegate\n";

describe("files: in event.yaml stay inside the event folder", () => {
  it("refuses /proc/self/environ: a secret in the environment never reaches the JSON report", async () => {
    const dir = await copyExample(tmp, "environ");
    await edit(dir, "delegates: delegates.csv", "delegates: /proc/self/environ");
    const r = await run(["validate", dir, "--format", "json"], { env: { TOKEN: "ghs_secret_token_x" } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout + r.stderr).not.toContain("ghs_secret_token_x");
    expect(r.stderr).toContain("files.delegates: /proc/self/environ is outside the event folder");
    expect(r.stderr).toContain("--allow-outside");
    noStack(r.stderr);
  });

  it("refuses ../../etc/passwd and an absolute path, even with a columns: mapping that quotes cells", async () => {
    const dir = await copyExample(tmp, "passwd");
    const outside = path.join(tmp, "outside.csv");
    await writeFile(outside, SECRET_CSV);
    await edit(dir, "delegates: delegates.csv", "delegates: ../../../../../../etc/passwd");
    let r = await run(["validate", dir, "--format", "github"]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/root:/);
    expect(r.stderr).toContain("is outside the event folder");
    await edit(dir, "delegates: ../../../../../../etc/passwd", `delegates: ${outside}`);
    await edit(dir, "fonts: []", "fonts: []\ncolumns:\n  delegates: { land: country }");
    r = await run(["validate", dir, "--format", "github"]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout + r.stderr).not.toContain("SECRET-LINE-1");
    expect(r.stderr).toContain(`files.delegates: ${outside} is outside the event folder`);
    noStack(r.stderr);
  });

  it("refuses a symlink that leaves the event folder, and follows one that stays inside", async () => {
    const dir = await copyExample(tmp, "links");
    const outside = path.join(tmp, "outside-link.csv");
    await writeFile(outside, SECRET_CSV);
    await symlink(outside, path.join(dir, "out-link.csv"));
    await symlink("delegates.csv", path.join(dir, "in-link.csv"));
    await edit(dir, "delegates: delegates.csv", "delegates: out-link.csv");
    let r = await run(["validate", dir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      `files.delegates: out-link.csv is a link to ${outside}, outside the event folder`,
    );
    expect(r.stdout + r.stderr).not.toContain("SECRET-LINE-1");
    await edit(dir, "delegates: out-link.csv", "delegates: in-link.csv");
    r = await run(["validate", dir]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain("140 delegates");
  });

  it("refuses an event.yaml that is a link out of the event folder, or a FIFO", async () => {
    const dir = await copyExample(tmp, "yaml-link");
    const outside = path.join(tmp, "outside-event.yaml");
    await cp(path.join(dir, "event.yaml"), outside);
    await rm(path.join(dir, "event.yaml"));
    await symlink(outside, path.join(dir, "event.yaml"));
    let r = await run(["validate", dir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`event.yaml is a link to ${outside}, outside the event folder`);
    await rm(path.join(dir, "event.yaml"));
    execFileSync("mkfifo", [path.join(dir, "event.yaml")]);
    r = await run(["validate", dir], { timeoutMs: 30_000 });
    expect(r.timedOut, "conclave hung on the FIFO").toBe(false);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("event.yaml is a named pipe (FIFO), not a file");
  });

  it("reads outside only what allow_outside: or --allow-outside names, and refuses a listed place that is missing", async () => {
    const shared = path.join(tmp, "shared-assets");
    await mkdir(shared, { recursive: true });
    const dir = await copyExample(tmp, "allowed");
    await writeFile(path.join(shared, "people.csv"), await readFile(path.join(dir, "delegates.csv")));
    await edit(dir, "delegates: delegates.csv", "delegates: ../shared-assets/people.csv");
    expect((await run(["validate", dir])).code).toBe(2);
    const cli = await run(["validate", dir, "--allow-outside", shared]);
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stderr).toContain("140 delegates");
    await edit(dir, "fonts: []", "fonts: []\nallow_outside: [../shared-assets]");
    const yaml = await run(["validate", dir]);
    expect(yaml.code, yaml.stdout + yaml.stderr).toBe(0);
    const missing = await run(["validate", dir, "--allow-outside", path.join(tmp, "no-such-folder")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--allow-outside");
    expect(missing.stderr).toContain("does not exist");
  });

  it("lets a build take a shared logo from an allowed folder", async () => {
    const shared = path.join(tmp, "shared-logo");
    await mkdir(shared, { recursive: true });
    const dir = await copyExample(tmp, "shared-logo-event");
    await writeFile(path.join(shared, "logo.svg"), await readFile(path.join(dir, "logo.svg")));
    await rm(path.join(dir, "logo.svg"));
    await edit(dir, "logo: logo.svg", `logo: ${path.join(shared, "logo.svg")}`);
    const refused = await run(["badges", dir, "--out", path.join(tmp, "shared-logo-out")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("branding.logo");
    const r = await run([
      "badges",
      dir,
      "--out",
      path.join(tmp, "shared-logo-out"),
      "--allow-outside",
      shared,
    ]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe("fonts and signatures pass the same check", () => {
  const font = path.join(root, "node_modules/pretendard/dist/public/static/Pretendard-Black.otf");

  it("refuses a font outside the event folder, a link to one, and takes it from an allowed folder", async () => {
    const shared = path.join(tmp, "shared-fonts");
    await mkdir(shared, { recursive: true });
    await cp(font, path.join(shared, "Black.otf"));
    const dir = await copyExample(tmp, "fonts");
    await edit(dir, "fonts: []", `fonts: [${path.join(shared, "Black.otf")}]`);
    let r = await run(["validate", dir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`fonts: ${path.join(shared, "Black.otf")} is outside the event folder`);
    await mkdir(path.join(dir, "fonts"));
    await symlink(path.join(shared, "Black.otf"), path.join(dir, "fonts/Black.otf"));
    await edit(dir, `fonts: [${path.join(shared, "Black.otf")}]`, "fonts: [fonts]");
    r = await run(["validate", dir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("fonts: fonts/Black.otf is a link to");
    r = await run(["validate", dir, "--allow-outside", shared]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("refuses a signature image that is a link out of the event folder", async () => {
    const dir = await copyExample(tmp, "signature");
    const outside = path.join(tmp, "outside-signature.svg");
    await cp(path.join(dir, "signature.svg"), outside);
    await rm(path.join(dir, "signature.svg"));
    await symlink(outside, path.join(dir, "signature.svg"));
    const r = await run(["letters", dir, "--out", path.join(tmp, "signature-out"), "--delegates", "KR-001"]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /letters\.invitation\.signatory\.signature: signature\.svg is a link to .*outside the event folder/,
    );
  });
});

describe("special and huge files are refused before they are read", () => {
  it("refuses /dev/zero at once, even inside an allowed folder (memory never grows)", async () => {
    const dir = await copyExample(tmp, "zero");
    await edit(dir, "delegates: delegates.csv", "delegates: /dev/zero");
    let r = await run(["validate", dir], { timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    r = await run(["validate", dir, "--allow-outside", "/dev"], { timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("files.delegates: /dev/zero is a device or other special file, not a file");
    noStack(r.stderr);
  });

  it("refuses a FIFO named as a CSV without blocking on it", async () => {
    const dir = await copyExample(tmp, "fifo-csv");
    execFileSync("mkfifo", [path.join(dir, "pipe.csv")]);
    await edit(dir, "delegates: delegates.csv", "delegates: pipe.csv");
    const r = await run(["validate", dir], { timeoutMs: 30_000 });
    expect(r.timedOut, "conclave hung on the FIFO").toBe(false);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("files.delegates: pipe.csv is a named pipe (FIFO), not a file");
  });

  it("refuses a 300 MB (sparse) CSV with the documented 256 MiB limit", async () => {
    const dir = await copyExample(tmp, "huge");
    execFileSync("truncate", ["-s", "300M", path.join(dir, "huge.csv")]);
    await edit(dir, "delegates: delegates.csv", "delegates: huge.csv");
    const r = await run(["validate", dir], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      "files.delegates: huge.csv is too large (314,572,800 bytes; conclave reads at most 256 MiB for a CSV file)",
    );
    const readme = await readFile(path.join(import.meta.dirname, "../../README.md"), "utf8");
    expect(readme).toMatch(/a CSV file\s*\|\s*256 MiB/);
  });
});

/** An event with the badge template ejected and `line` added at its top. */
async function withTemplateLine(name: string, line: string): Promise<string> {
  const dir = await copyExample(tmp, name);
  const r = await run(["templates", "eject", "badge", dir]);
  expect(r.code, r.stderr).toBe(0);
  const file = path.join(dir, "templates/badge.typ");
  const text = await readFile(file, "utf8");
  const at = text.indexOf("\n#let ");
  await writeFile(file, `${text.slice(0, at + 1)}${line}\n${text.slice(at + 1)}`);
  return dir;
}

describe("seating --keep reads its file as every other input is read", () => {
  it("refuses a file outside the event and output folders, and a FIFO, without blocking; reads one in out/", async () => {
    const dir = await copyExample(tmp, "keep");
    const out = path.join(tmp, "keep-out");
    const outside = await run(["seating", dir, "--out", out, "--keep", "/etc/passwd"]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("--keep: /etc/passwd is outside the event folder");
    expect(outside.stderr).toContain("--allow-outside");
    execFileSync("mkfifo", [path.join(dir, "keep.fifo")]);
    const fifo = await run(["seating", dir, "--out", out, "--keep", path.join(dir, "keep.fifo")]);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toMatch(/--keep: .*keep\.fifo is a named pipe \(FIFO\), not a file/);
    const first = await run(["seating", dir, "--out", out]);
    expect(first.code, first.stderr).toBe(0);
    const kept = await run([
      "seating",
      dir,
      "--out",
      out,
      "--keep",
      path.join(out, "seating/BANQUET/assignment.csv"),
    ]);
    expect(kept.code, kept.stderr).toBe(0);
  });
});

describe("the Typst world: no file outside, no package, no network", () => {
  it('#read("/p.txt") through a link to /etc/passwd puts nothing of it into a PDF', async () => {
    const dir = await withTemplateLine("read-link", '#read("/p.txt")');
    await symlink("/etc/passwd", path.join(dir, "templates/p.txt"));
    const out = path.join(tmp, "read-link-out");
    const r = await run(["badges", dir, "--out", out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("templates/p.txt is a link to /etc/passwd, outside the event folder");
    const pdf = path.join(out, "badges/badges.pdf");
    if (existsSync(pdf)) expect((await readPdf(pdf)).text.join(" ")).not.toContain("root:");
  });

  it("#read of an absolute path or of ../.. sees only the templates", async () => {
    for (const target of ["/etc/passwd", "../../../../../../etc/passwd"]) {
      const dir = await withTemplateLine(`read-${target.length}`, `#read("${target}")`);
      const r = await run(["badges", dir, "--out", path.join(tmp, `read-${target.length}-out`)]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/templates\/badge\.typ:\d+:\d+ error: (file not found|failed to load file)/);
      expect(r.stdout + r.stderr).not.toContain("root:");
    }
  });

  it("refuses an @preview import at its file, line and column, with no network attempt", async () => {
    const proxy = await recordingProxy();
    try {
      const dir = await withTemplateLine("preview", '#import "@preview/cetz:0.2.2": canvas');
      const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, ALL_PROXY: proxy.url };
      const r = await run(["badges", dir, "--out", path.join(tmp, "preview-out")], { env });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(
        /templates\/badge\.typ:\d+:9 error: Typst packages are not available in conclave templates \(@preview\/cetz:0\.2\.2\)/,
      );
      expect(r.stderr).toContain("conclave never downloads or loads Typst packages");
      expect(proxy.attempts()).toBe(0);
    } finally {
      proxy.close();
    }
  });

  it("validate reports an @preview or @local import in templates/ as build does, at its file, line and column", async () => {
    const dir = await withTemplateLine("validate-preview", '#import "@preview/cetz:0.2.2": canvas');
    const local = path.join(dir, "templates/parts.typ");
    await writeFile(
      local,
      '// "@preview/in-a-comment:1.0.0" is not an import\n#import "@local/mine:1.0.0": *\n',
    );
    const r = await run(["validate", dir]);
    expect(r.code, r.stderr).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(
      /templates\/badge\.typ:\d+:9 error template-package Typst packages are not available in conclave templates \(@preview\/cetz:0\.2\.2\)/,
    );
    expect(out).toContain(
      "templates/parts.typ:2:9 error template-package Typst packages are not available in conclave templates (@local/mine:1.0.0)",
    );
    expect(out).not.toContain("in-a-comment");
    expect(out).toContain("conclave never downloads or loads Typst packages");
    const json = await run(["validate", dir, "--format", "json"]);
    const codes = (JSON.parse(json.stdout).diagnostics as { code: string }[]).map((d) => d.code);
    expect(codes.filter((c) => c === "template-package")).toHaveLength(2);
  });

  it('fails a package spec built at run time ("@pre" + "view/…") without any connection', async () => {
    const proxy = await recordingProxy();
    try {
      const dir = await withTemplateLine("dynamic", '#import ("@pre" + "view/cetz:0.2.2"): canvas');
      const env = {
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
        ALL_PROXY: proxy.url,
        https_proxy: proxy.url,
        XDG_CACHE_HOME: path.join(tmp, "empty-cache"),
      };
      const r = await run(["badges", dir, "--out", path.join(tmp, "dynamic-out")], { env });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain("Typst packages are not available in conclave templates");
      noStack(r.stderr);
      expect(proxy.attempts(), "a connection reached the proxy").toBe(0);
    } finally {
      proxy.close();
    }
  });

  it("never loads an @local package from the user's data folder, even one spelled at run time", async () => {
    const data = path.join(tmp, "user-data");
    const pkg = path.join(data, "typst/packages/local/mine/0.1.0");
    await mkdir(pkg, { recursive: true });
    await writeFile(
      path.join(pkg, "typst.toml"),
      '[package]\nname = "mine"\nversion = "0.1.0"\nentrypoint = "lib.typ"\n',
    );
    await writeFile(path.join(pkg, "lib.typ"), '#let secret = "FROM-THE-DATA-FOLDER"\n');
    const dir = await withTemplateLine("local", '#import ("@lo" + "cal/mine:0.1.0"): secret\n#secret');
    const out = path.join(tmp, "local-out");
    const r = await run(["badges", dir, "--out", out], { env: { XDG_DATA_HOME: data } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("Typst packages are not available in conclave templates");
    expect(existsSync(path.join(out, "badges/badges.pdf"))).toBe(false);
    const stat = await run([
      "badges",
      await withTemplateLine("local-static", '#import "@local/mine:0.1.0": secret'),
      "--out",
      out,
    ]);
    expect(stat.code).toBe(1);
    expect(stat.stderr).toMatch(
      /badge\.typ:\d+:9 error: Typst packages are not available.*@local\/mine:0\.1\.0/,
    );
  });

  it("refuses a folder symlink in templates/ with a message, not an EISDIR stack trace", async () => {
    const dir = await copyExample(tmp, "dir-link");
    await mkdir(path.join(dir, "shared-parts"), { recursive: true });
    await mkdir(path.join(dir, "templates"), { recursive: true });
    await symlink(path.join(dir, "shared-parts"), path.join(dir, "templates/lib"));
    const r = await run(["badges", dir, "--out", path.join(tmp, "dir-link-out")]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("templates/lib is a link to a folder");
    noStack(r.stderr);
  });

  it("refuses a FIFO in templates/ instead of hanging the build", async () => {
    const dir = await copyExample(tmp, "fifo-template");
    await mkdir(path.join(dir, "templates"), { recursive: true });
    execFileSync("mkfifo", [path.join(dir, "templates/extra.typ")]);
    const r = await run(["badges", dir, "--out", path.join(tmp, "fifo-template-out")], { timeoutMs: 60_000 });
    expect(r.timedOut, "the build hung on the FIFO").toBe(false);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("templates/extra.typ is a named pipe (FIFO), not a file");
  });

  it("reports a broken SVG logo as the file event.yaml names, not as a template error", async () => {
    const dir = await copyExample(tmp, "bad-logo");
    await writeFile(path.join(dir, "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><rect');
    const r = await run(["badges", dir, "--out", path.join(tmp, "bad-logo-out")]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain("branding.logo: logo.svg: the image is unreadable");
    expect(r.stderr).not.toContain("templates/");
    noStack(r.stderr);
  });
});

describe("--jobs is capped", () => {
  it("lowers --jobs 200 to the number of cores, with a notice, and builds", async () => {
    const r = await run([
      "badges",
      "fixtures/cicon-2023",
      "--out",
      path.join(tmp, "jobs-out"),
      "--jobs",
      "200",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/--jobs 200: using \d+, the number of cores/);
  });
});

describe("init and templates eject: environment problems are messages", () => {
  it("init onto a file exits 2 with a message", async () => {
    const file = path.join(tmp, "a-file");
    await writeFile(file, "not a folder\n");
    const r = await run(["init", file, "--yes"]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error: ${file} is not a folder`);
    noStack(r.stderr);
    expect(await readFile(file, "utf8")).toBe("not a folder\n");
  });

  // As root, permissions do not stop a write: an immutable folder (chattr +i) does, where the
  // file system has the flag (not tmpfs on older kernels). Found out once, before the tests run.
  const immutable = (() => {
    const probe = mkdtempSync(path.join(tmpdir(), "conclave-chattr-"));
    try {
      execFileSync("chattr", ["+i", probe], { stdio: "ignore" });
      execFileSync("chattr", ["-i", probe], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  })();
  it.skipIf(!immutable)(
    "init into a folder that cannot be written exits 2 with a message (needs chattr +i)",
    async () => {
      const dir = path.join(tmp, "read-only");
      await mkdir(dir, { recursive: true });
      execFileSync("chattr", ["+i", dir]);
      try {
        const r = await run(["init", dir, "--yes"]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/error: cannot write .*event\.yaml: permission denied/);
        noStack(r.stderr);
      } finally {
        execFileSync("chattr", ["-i", dir]);
      }
    },
  );

  it("templates eject never writes through a dangling symlink, even with --force", async () => {
    const dir = await copyExample(tmp, "eject-link");
    await mkdir(path.join(dir, "templates"), { recursive: true });
    const victim = path.join(tmp, "victim.typ");
    await symlink(victim, path.join(dir, "templates/badge.typ"));
    for (const extra of [[], ["--force"]]) {
      const r = await run(["templates", "eject", "badge", dir, ...extra]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        "templates/badge.typ is a symbolic link; conclave does not write through links",
      );
      expect(existsSync(victim)).toBe(false);
    }
  });
});
