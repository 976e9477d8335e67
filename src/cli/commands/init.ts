import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../errors.js";
import { exampleEventDir } from "../../paths.js";
import { BADGE_STOCKS } from "../../schema/event.js";
import { isTimeZone, LANGUAGES, type Language } from "../../schema/fields.js";
import type { Ui } from "../ui.js";
import { type InitAnswers, initFiles } from "./init-files.js";
import { ensureFolder, existingTarget, writeTarget } from "./init-write.js";

export interface InitOptions {
  yes: boolean;
  example: boolean;
  force: boolean;
}

/** `conclave init [dir]`: a new event folder, from a wizard, from defaults (--yes) or the example. */
export async function initCommand(dir: string, options: InitOptions, ui: Ui): Promise<number> {
  const target = path.resolve(dir);
  let files: Record<string, string | { copyFrom: string }>;
  if (options.example) {
    files = {};
    for (const f of (await readdir(exampleEventDir)).sort())
      files[f] = { copyFrom: path.join(exampleEventDir, f) };
  } else {
    const defaults = defaultAnswers(new Date());
    let answers = defaults;
    if (!options.yes) {
      if (!ui.canPrompt) {
        throw new UserError(
          "conclave init asks questions, but standard input is not a terminal",
          "Pass --yes to take the defaults (then edit event.yaml), or --example for the CICON 2023 example.",
        );
      }
      answers = await ask(defaults);
    }
    files = initFiles(answers);
  }
  // Links and non-files among the targets are refused even with --force (init-write.ts).
  const existing: string[] = [];
  for (const name of Object.keys(files)) {
    if ((await existingTarget(path.join(target, name), path.join(dir, name))) === "file") existing.push(name);
  }
  if (existing.length > 0 && !options.force) {
    throw new UserError(
      `${dir} already has ${existing.join(", ")}; nothing was written`,
      "Pass --force to overwrite them, or choose another folder.",
    );
  }
  await ensureFolder(target, dir);
  // A failure half-way (a full disk) takes back the files this run created.
  const created: string[] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(target, name);
      await writeTarget(file, content, existing.includes(name), path.join(dir, name));
      if (!existing.includes(name)) created.push(file);
    }
  } catch (e) {
    await Promise.all(created.map((f) => rm(f, { force: true })));
    throw e;
  }
  ui.out(`Created ${dir}: ${Object.keys(files).join(", ")}`);
  ui.log(
    options.example
      ? `Next: conclave validate ${dir} && conclave build ${dir}`
      : `Next: fill in the CSV files, then run conclave validate ${dir}`,
  );
  return 0;
}

function defaultAnswers(today: Date): InitAnswers {
  const start = new Date(today.getTime() + 60 * 86_400_000);
  const end = new Date(start.getTime() + 86_400_000);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    name: "International Business Conference",
    edition: String(start.getUTCFullYear()),
    start: iso(start),
    end: iso(end),
    timezone: "Asia/Ho_Chi_Minh",
    city: "Ho Chi Minh City",
    host: "Organising Committee",
    coOrganisers: [],
    languages: ["en", "ko", "vi"],
    stock: "a6-4up",
  };
}

async function ask(d: InitAnswers): Promise<InitAnswers> {
  const { default: inquirer } = await import("inquirer");
  const date = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) || "Write the date as YYYY-MM-DD";
  const a = await inquirer.prompt<Record<string, string | string[]>>([
    { type: "input", name: "name", message: "Event name", default: d.name },
    { type: "input", name: "edition", message: "Edition (year or number)", default: d.edition },
    { type: "input", name: "start", message: "First day (YYYY-MM-DD)", default: d.start, validate: date },
    { type: "input", name: "end", message: "Last day (YYYY-MM-DD)", default: d.end, validate: date },
    {
      type: "input",
      name: "timezone",
      message: "Time zone (IANA)",
      default: d.timezone,
      validate: (v: string) => isTimeZone(v) || "Use an IANA name such as Asia/Ho_Chi_Minh or Asia/Seoul",
    },
    { type: "input", name: "city", message: "City", default: d.city },
    { type: "input", name: "host", message: "Host organisation", default: d.host },
    {
      type: "input",
      name: "coOrganisers",
      message: "Co-organisers (comma-separated, may be empty)",
      default: "",
    },
    {
      type: "checkbox",
      name: "languages",
      message: "Languages of the materials (the first is the default)",
      choices: LANGUAGES.map((l) => ({ name: l, value: l, checked: d.languages.includes(l) })),
      validate: (v: readonly unknown[]) => v.length > 0 || "Choose at least one language",
    },
    { type: "select", name: "stock", message: "Badge stock", choices: [...BADGE_STOCKS], default: d.stock },
  ]);
  let languages = a.languages as Language[];
  if (languages.length > 1) {
    // Materials of delegates without a language use the first one: ask which it is.
    const { main } = await inquirer.prompt<{ main: Language }>([
      {
        type: "select",
        name: "main",
        message: "Default language (for delegates without one)",
        choices: languages,
      },
    ]);
    languages = [main, ...languages.filter((l) => l !== main)];
  }
  return {
    name: String(a.name),
    edition: String(a.edition),
    start: String(a.start),
    end: String(a.end),
    timezone: String(a.timezone),
    city: String(a.city),
    host: String(a.host),
    coOrganisers: String(a.coOrganisers)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    languages,
    stock: a.stock as InitAnswers["stock"],
  };
}
