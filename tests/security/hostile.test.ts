import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  canUnshare,
  changes,
  type Entry,
  type IsolatedResult,
  readWritten,
  repoRoot,
  runIsolated,
  STACK_TRACE,
  snapshot,
  unsafeCharacters,
} from "../helpers/hostile.js";

/**
 * The hostile event folder of issue #24's acceptance: `validate` (three report formats) and
 * `build` run on event folders made hostile one way each (paths out of the folder, symlinks out,
 * FIFOs, devices, a huge file, Typst package imports, terminal escapes, a symlink in out/), with a
 * secret in the environment and one in a file outside the event folder, inside `unshare -n` where
 * that works. Every run must: end by itself (time box) with an allowed exit code, print no stack
 * trace, print no terminal control, leak neither secret into stdout, stderr or any file under out/,
 * change nothing outside out/ (the whole temporary tree, the victim folder and the event folder
 * itself compared path by path: type, size, mtime, mode, hash), and connect to nothing (a proxy is
 * planted in the environment: tests/helpers/isolated-run.mjs).
 */

// Generous for a loaded 2-core machine (a build of the example takes 4 s idle, 20 s under load):
// a hang still fails, a slow machine does not.
const VALIDATE_TIMEOUT = 60_000;
const BUILD_TIMEOUT = 120_000;
/** A child's address space: a normal build needs well under this; /dev/zero read whole does not. */
const MEMORY = 4 * 1024 ** 3;

const fixture = path.join(repoRoot, "fixtures/cicon-2023");
const builtinBadge = path.join(repoRoot, "templates/badge.typ");
const bundledFont = path.join(repoRoot, "node_modules/pretendard/dist/public/static/Pretendard-Light.otf");

/** One hostile case's temporary tree. */
interface Tree {
  root: string;
  /** root/events/cicon: a copy of the example, made hostile by the case. */
  event: string;
  /** What the child's CONCLAVE_TEST_SECRET holds. */
  envSecret: string;
  /** What the planted files outside the event folder hold. */
  fileSecret: string;
  /** root/secret.csv: a delegates-like CSV made of the file secret. */
  secretCsv: string;
  /** root/victim: a folder of someone else's files. */
  victim: string;
  env: NodeJS.ProcessEnv;
}

interface Case {
  name: string;
  /** Makes the copy hostile. */
  setup: (t: Tree) => Promise<void>;
  /** Exit codes allowed for validate and for build: 0 only where the case is harmless to that command. */
  validate: number[];
  build: number[];
  /** What a refusal must mention (the file or setting at fault). */
  names?: RegExp;
  /** Extra arguments of build (an --out). */
  buildArgs?: (t: Tree) => string[];
  /** What counts as the output folder (default <event>/out); null: nothing may be written anywhere. */
  outDir?: (t: Tree) => string | null;
}

const REFUSED = [1, 2];
const ANY = [0, 1, 2];

/** Replaces one line of event.yaml (by its start) with another; fails loudly if it is not there. */
async function editYaml(t: Tree, from: RegExp, to: string): Promise<void> {
  const file = path.join(t.event, "event.yaml");
  const text = await readFile(file, "utf8");
  if (!from.test(text)) throw new Error(`event.yaml has no ${from}`);
  await writeFile(file, text.replace(from, to));
}

/** Writes <event>/templates/badge.typ: the built-in one with lines before and after. */
async function badgeTemplate(dir: string, before: string, after: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const builtin = await readFile(builtinBadge, "utf8");
  await writeFile(path.join(dir, "badge.typ"), `${before}\n${builtin}\n${after}\n`);
}

const mkfifo = (p: string) => execFileSync("mkfifo", [p]);

const CASES: Case[] = [
  {
    // The harness itself: the example as it is must pass every check.
    name: "the example, untouched",
    setup: async () => {},
    validate: [0],
    build: [0],
  },
  {
    name: "files.delegates at /proc/self/environ",
    setup: (t) => editYaml(t, /^ {2}delegates: delegates\.csv$/m, "  delegates: /proc/self/environ"),
    validate: REFUSED,
    build: REFUSED,
    names: /\/proc\/self\/environ/,
  },
  {
    name: "files.delegates at ../../secret.csv",
    setup: (t) => editYaml(t, /^ {2}delegates: delegates\.csv$/m, "  delegates: ../../secret.csv"),
    validate: REFUSED,
    build: REFUSED,
    names: /\.\.\/\.\.\/secret\.csv/,
  },
  {
    name: "files.delegates an absolute path outside the folder",
    setup: (t) => editYaml(t, /^ {2}delegates: delegates\.csv$/m, `  delegates: ${t.secretCsv}`),
    validate: REFUSED,
    build: REFUSED,
    names: /secret\.csv/,
  },
  {
    name: "delegates.csv a symlink out of the folder",
    setup: async (t) => {
      await rm(path.join(t.event, "delegates.csv"));
      await symlink(t.secretCsv, path.join(t.event, "delegates.csv"));
    },
    validate: REFUSED,
    build: REFUSED,
    names: /delegates\.csv/,
  },
  {
    name: "logo.svg a symlink out of the folder",
    setup: async (t) => {
      await rm(path.join(t.event, "logo.svg"));
      await symlink(path.join(t.root, "secret.svg"), path.join(t.event, "logo.svg"));
    },
    validate: ANY,
    build: REFUSED,
    names: /logo\.svg/,
  },
  {
    name: "fonts/ a symlink to a folder outside",
    setup: async (t) => {
      await symlink(path.join(t.root, "outside/fonts"), path.join(t.event, "fonts"));
      await editYaml(t, /^fonts: \[\]$/m, "fonts: [fonts]");
    },
    validate: REFUSED,
    build: REFUSED,
    names: /fonts/,
  },
  {
    name: "templates/ a symlink to a folder outside",
    setup: (t) => symlink(path.join(t.root, "outside/templates"), path.join(t.event, "templates")),
    validate: ANY,
    build: REFUSED,
    names: /templates/,
  },
  {
    name: "delegates.csv a FIFO",
    setup: async (t) => {
      await rm(path.join(t.event, "delegates.csv"));
      mkfifo(path.join(t.event, "delegates.csv"));
    },
    validate: REFUSED,
    build: REFUSED,
    names: /delegates\.csv/,
  },
  {
    name: "a FIFO in templates/",
    setup: async (t) => {
      await mkdir(path.join(t.event, "templates"));
      mkfifo(path.join(t.event, "templates/notes.typ"));
    },
    validate: ANY,
    build: REFUSED,
    names: /notes\.typ/,
  },
  {
    name: "files.delegates at /dev/zero",
    setup: (t) => editYaml(t, /^ {2}delegates: delegates\.csv$/m, "  delegates: /dev/zero"),
    validate: REFUSED,
    build: REFUSED,
    names: /\/dev\/zero/,
  },
  {
    name: "delegates.csv a sparse 300 MB file",
    setup: async (t) => {
      // The real rows first, then 300 MB of zeros that take no disk.
      execFileSync("truncate", ["-s", "300M", path.join(t.event, "delegates.csv")]);
    },
    validate: REFUSED,
    build: REFUSED,
    names: /delegates\.csv/,
  },
  {
    name: "a template importing @preview/x:0.1.0",
    setup: (t) => badgeTemplate(path.join(t.event, "templates"), '#import "@preview/x:0.1.0": *', ""),
    validate: ANY,
    build: REFUSED,
    names: /@preview\/x|badge\.typ/,
  },
  {
    name: "a template importing @local/x:0.1.0",
    setup: async (t) => {
      // Typst looks for @local packages in $XDG_DATA_HOME/typst/packages: plant one there.
      const pkg = path.join(t.root, "home/.local/share/typst/packages/local/x/0.1.0");
      await mkdir(pkg, { recursive: true });
      await writeFile(
        path.join(pkg, "typst.toml"),
        '[package]\nname = "x"\nversion = "0.1.0"\nentrypoint = "lib.typ"\nauthors = ["Nobody"]\n',
      );
      await writeFile(path.join(pkg, "lib.typ"), `#let secret = "${t.fileSecret}"\n`);
      await badgeTemplate(
        path.join(t.event, "templates"),
        '#import "@local/x:0.1.0": secret',
        "#place(top + left, text(size: 6pt, secret))",
      );
    },
    validate: ANY,
    build: REFUSED,
    names: /@local\/x|badge\.typ/,
  },
  {
    name: "a template #reading through a symlink out of the folder",
    setup: async (t) => {
      const dir = path.join(t.event, "templates");
      await badgeTemplate(dir, "", '#place(top + left, text(size: 6pt, read("/p.txt")))');
      await symlink(path.join(t.root, "secret.txt"), path.join(dir, "p.txt"));
    },
    validate: ANY,
    build: REFUSED,
    names: /p\.txt/,
  },
  {
    name: "terminal escapes and bidi overrides in CSV headers",
    setup: async (t) => {
      const file = path.join(t.event, "delegates.csv");
      const [header, ...rows] = (await readFile(file, "utf8")).split("\n");
      const extra = [",\u001b]0;pwned\u0007", ",\u001b[2Jwipe", ",note\u202eevil", ",\u009b31mred"].join("");
      const body = rows.map((r, i) => (r === "" ? r : `${r},,,,${i === 0 ? "\u001b[31mred" : ""}`));
      await writeFile(file, [`${header}${extra}`, ...body].join("\n"));
    },
    validate: ANY,
    build: ANY,
  },
  {
    name: "terminal escapes and bidi overrides in event.yaml keys",
    setup: async (t) => {
      await editYaml(t, /^badge:$/m, 'badge:\n  "\\e[2Jwipe": 1');
      const file = path.join(t.event, "event.yaml");
      await writeFile(
        file,
        `${await readFile(file, "utf8")}\n"\\e]0;pwned\\a": 1\n"ke\\u202ey": 2\n"\\x9b31m": 3\n`,
      );
    },
    validate: ANY,
    build: ANY,
  },
  {
    name: "out/letters a symlink to a victim folder",
    setup: async (t) => {
      await mkdir(path.join(t.event, "out"));
      await symlink(t.victim, path.join(t.event, "out/letters"));
    },
    validate: [0],
    build: REFUSED,
    names: /letters/,
  },
  {
    name: "--out a symlink to the event folder",
    setup: (t) => symlink(t.event, path.join(t.root, "outlink")),
    buildArgs: (t) => ["--out", path.join(t.root, "outlink")],
    outDir: () => null,
    validate: [0],
    build: REFUSED,
    names: /outlink/,
  },
];

const COMMANDS = ["validate", "validate --format json", "validate --format github", "build"] as const;
type Command = (typeof COMMANDS)[number];

const work = await mkdtemp(path.join(tmpdir(), "conclave-hostile-"));
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Makes a case's tree once, on first use. */
const trees = new Map<string, Promise<{ tree: Tree; before: Map<string, Entry> }>>();
function treeOf(c: Case) {
  let made = trees.get(c.name);
  if (!made) {
    made = makeTree(c);
    trees.set(c.name, made);
  }
  return made;
}

async function makeTree(c: Case): Promise<{ tree: Tree; before: Map<string, Entry> }> {
  const root = await mkdtemp(path.join(work, "case-"));
  const event = path.join(root, "events/cicon");
  const envSecret = `ghs_${randomBytes(12).toString("hex")}`;
  const fileSecret = `ghs_file_${randomBytes(12).toString("hex")}`;
  const home = path.join(root, "home");
  const t: Tree = {
    root,
    event,
    envSecret,
    fileSecret,
    secretCsv: path.join(root, "secret.csv"),
    victim: path.join(root, "victim"),
    // A home, caches and a temporary folder inside the tree: anything written there is a write
    // outside out/, and Typst finds packages and caches through these.
    env: {
      PATH: process.env.PATH,
      LANG: "C.UTF-8",
      HOME: home,
      XDG_DATA_HOME: path.join(home, ".local/share"),
      XDG_CACHE_HOME: path.join(home, ".cache"),
      XDG_CONFIG_HOME: path.join(home, ".config"),
      TMPDIR: path.join(root, "tmp"),
      CONCLAVE_TEST_SECRET: envSecret,
    },
  };
  await cp(fixture, event, { recursive: true });
  await rm(path.join(event, "out"), { recursive: true, force: true });
  await mkdir(home);
  await mkdir(path.join(root, "tmp"));
  await writeFile(path.join(root, "secret.txt"), `TOKEN=${fileSecret}\n`);
  // Shaped like delegates.csv, so that read as one it would reach messages and badges.
  const s = fileSecret;
  await writeFile(
    t.secretCsv,
    `id,given_name,family_name,organisation,country,category,email\n${s},${s},${s},${s},${s},delegate,${s}\n`,
  );
  await writeFile(
    path.join(root, "secret.svg"),
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><title>${s}</title><text y="8">${s}</text></svg>\n`,
  );
  await mkdir(path.join(root, "outside/fonts"), { recursive: true });
  copyFileSync(bundledFont, path.join(root, "outside/fonts/Outside-Light.otf"));
  await badgeTemplate(path.join(root, "outside/templates"), "", `#place(top + left, text(size: 6pt)[${s}])`);
  await mkdir(path.join(t.victim, "invitation"), { recursive: true });
  await writeFile(path.join(t.victim, "invitation/KR-001.pdf"), "someone else's letter\n");
  await writeFile(path.join(t.victim, "keep.txt"), "someone else's notes\n");
  await c.setup(t);
  return { tree: t, before: snapshot(root, skipped(c, t)) };
}

/** The folders a run may write: out/ (resolved as the case says). */
function skipped(c: Case, t: Tree): string[] {
  const out = c.outDir ? c.outDir(t) : path.join(t.event, "out");
  return out === null ? [] : [out];
}

function argsOf(command: Command, c: Case, t: Tree): string[] {
  const [name, ...rest] = command.split(" ");
  return name === "build" ? ["build", t.event, ...(c.buildArgs?.(t) ?? [])] : [name!, t.event, ...rest];
}

/** Everything wrong with one run, as readable lines: empty when the run is safe. */
async function problems(c: Case, command: Command, t: Tree, r: IsolatedResult, before: Map<string, Entry>) {
  const found: string[] = [];
  const allowed = command === "build" ? c.build : c.validate;
  if (r.timedOut)
    found.push(`did not finish in ${command === "build" ? BUILD_TIMEOUT : VALIDATE_TIMEOUT} ms`);
  else if (r.code === null || !allowed.includes(r.code))
    found.push(`exit ${r.code ?? r.signal}, expected one of ${allowed.join(", ")}`);
  const printed = `${r.stdout}\n${r.stderr}`;
  if (STACK_TRACE.test(printed))
    found.push(`a stack trace or internal error: ${STACK_TRACE.exec(printed)![0]}`);
  for (const [stream, text] of [
    ["stdout", r.stdout],
    ["stderr", r.stderr],
  ] as const)
    for (const u of unsafeCharacters(text)) found.push(`${stream} holds ${u}`);
  const secrets = [t.envSecret, t.fileSecret];
  for (const s of secrets) if (printed.includes(s)) found.push(`a secret is printed: ${excerpt(printed, s)}`);
  const outDir = skipped(c, t)[0];
  if (outDir) {
    const { files } = await readWritten(outDir);
    for (const f of files)
      for (const s of secrets)
        if (f.texts.some((x) => x.includes(s))) found.push(`a secret is in out/${f.path}`);
  }
  if (r.connections.length > 0)
    found.push(`network attempts: ${r.connections.map((x) => JSON.stringify(x.firstBytes)).join("; ")}`);
  for (const change of changes(before, snapshot(t.root, skipped(c, t))))
    found.push(`outside out/: ${change}`);
  // A refusal must say what it refused.
  if (c.names && r.code !== 0 && !r.timedOut && !c.names.test(printed))
    found.push(`the message does not name ${c.names}: ${JSON.stringify(r.stderr.slice(0, 400))}`);
  return found;
}

const excerpt = (text: string, s: string) => {
  const at = text.indexOf(s);
  return JSON.stringify(text.slice(Math.max(0, at - 60), at + s.length + 20));
};

describe(`conclave on hostile event folders (${canUnshare() ? "inside unshare -n" : "no network namespace here: proxy only"})`, () => {
  for (const c of CASES) {
    describe(c.name, () => {
      for (const command of COMMANDS) {
        it(
          command,
          async () => {
            const { tree, before } = await treeOf(c);
            const r = await runIsolated(argsOf(command, c, tree), {
              env: tree.env,
              cwd: tree.root,
              timeoutMs: command === "build" ? BUILD_TIMEOUT : VALIDATE_TIMEOUT,
              memoryBytes: MEMORY,
              workDir: work,
            });
            expect(await problems(c, command, tree, r, before), r.stderr.slice(0, 2000)).toEqual([]);
          },
          BUILD_TIMEOUT + 180_000,
        );
      }
    });
  }
});

describe("the harness can fail", () => {
  // Each check above passes only because nothing was found: here each is shown finding something.
  const script = async (name: string, body: string) => {
    const file = path.join(work, name);
    await writeFile(file, body);
    return file;
  };
  const run = async (file: string, timeoutMs = 20_000) =>
    runIsolated([], {
      env: { PATH: process.env.PATH },
      cwd: work,
      timeoutMs,
      memoryBytes: MEMORY,
      workDir: work,
      script: file,
    });

  it("sees a connection to the network through the planted proxy", async () => {
    const file = await script(
      "connect.mjs",
      `import net from "node:net";
const u = new URL(process.env.HTTPS_PROXY);
const s = net.connect(Number(u.port), u.hostname, () => s.write("CONNECT packages.typst.org:443 HTTP/1.1\\r\\n\\r\\n"));
s.on("error", () => {}); s.on("close", () => process.exit(0));`,
    );
    const r = await run(file);
    expect(r.code).toBe(0);
    expect(r.connections.map((c) => c.firstBytes)).toEqual([
      expect.stringContaining("CONNECT packages.typst.org"),
    ]);
  });

  it("kills a hang at the time box", async () => {
    const r = await run(await script("hang.mjs", "setInterval(() => {}, 1000);"), 1_000);
    expect(r.timedOut).toBe(true);
    expect(r.code).toBeNull();
  });

  it("sees terminal controls, a stack trace and a secret in what is printed", async () => {
    const r = await run(
      await script("loud.mjs", 'console.log("\\u001b]0;pwned\\u0007 ghs_x"); throw new Error("boom");'),
    );
    expect(unsafeCharacters(r.stdout)).toHaveLength(2);
    expect(STACK_TRACE.test(r.stderr)).toBe(true);
    expect(r.stdout).toContain("ghs_x");
  });

  it("sees a write through a symlink, a changed mtime, a new file and a removed one", async () => {
    const dir = await mkdtemp(path.join(work, "snap-"));
    await mkdir(path.join(dir, "victim"));
    await writeFile(path.join(dir, "victim/a.txt"), "a");
    await writeFile(path.join(dir, "b.txt"), "b");
    await mkdir(path.join(dir, "out"));
    await symlink(path.join(dir, "victim"), path.join(dir, "out/link"));
    const before = snapshot(dir, [path.join(dir, "out")]);
    await writeFile(path.join(dir, "out/link/c.txt"), "c");
    await rm(path.join(dir, "victim/a.txt"));
    const { utimes } = await import("node:fs/promises");
    await utimes(path.join(dir, "b.txt"), new Date(0), new Date(0));
    await writeFile(path.join(dir, "out/fine.txt"), "inside out/ is allowed");
    expect(changes(before, snapshot(dir, [path.join(dir, "out")]))).toEqual([
      "changed b.txt (mtimeMs)",
      "changed victim (mtimeMs, content)",
      "created victim/c.txt (file)",
      "removed victim/a.txt",
    ]);
  });

  it("reads a PDF's text under out/, where its bytes do not show it", async () => {
    const out = path.join(work, "badges-only");
    const r = await runIsolated(["badges", fixture, "--out", out], {
      env: { PATH: process.env.PATH },
      cwd: work,
      timeoutMs: BUILD_TIMEOUT,
      memoryBytes: MEMORY,
      workDir: work,
    });
    expect(r.code, r.stderr).toBe(0);
    const badges = (await readWritten(out)).files.find((f) => f.path === "badges/badges.pdf")!;
    // A delegate's name is on the badges, but only a reader of the PDF's text sees it.
    expect(badges.texts.at(-1)).toContain("Seung-min");
    expect(badges.texts.slice(0, 4).some((t) => t.includes("Seung-min"))).toBe(false);
  });
});
