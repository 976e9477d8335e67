import path from "node:path";
import { countBySeverity, type Diagnostic } from "../../diagnostics.js";
import { safeDiagnostic, safeLine } from "./safe-text.js";

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/**
 * The path GitHub shows an annotation on: relative to the repository (GITHUB_WORKSPACE in a
 * workflow, else the working directory), with forward slashes. A diagnostic's file is relative to
 * the event folder unless event.yaml named an absolute path (`files: { delegates: /srv/… }`), so
 * it is resolved, not joined. A file outside the repository has no line GitHub could mark:
 * undefined, and the annotation names the path in its text instead.
 *
 *   githubPath("events/cicon", "delegates.csv", {}, "/repo") → "events/cicon/delegates.csv"
 */
export function githubPath(
  dir: string,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string | undefined {
  const root = path.resolve(cwd, env.GITHUB_WORKSPACE || ".");
  const relative = path.relative(root, path.resolve(cwd, dir, file));
  if (
    relative === "" ||
    relative === ".." ||
    relative.startsWith(`..${path.sep}`) ||
    path.isAbsolute(relative)
  )
    return undefined;
  return relative.split(path.sep).join("/");
}

/**
 * GitHub Actions workflow commands, so problems show on the lines of a pull request:
 *
 *   ::error file=events/cicon/delegates.csv,line=12,col=4,title=duplicate-id::id "KR-001" is already used on line 5
 *
 * @param pathOf maps a diagnostic's file to the path GitHub knows (relative to the repository),
 *   or undefined for a file outside it (see `githubPath`).
 */
export function formatGithub(
  diagnostics: readonly Diagnostic[],
  pathOf: (file: string) => string | undefined,
): string {
  const lines = diagnostics.map((raw) => {
    const d = safeDiagnostic(raw);
    const known = pathOf(raw.file);
    const props: string[] = [];
    if (known !== undefined) {
      props.push(`file=${escapeProperty(safeLine(known))}`);
      if (d.line > 0) props.push(`line=${d.line}`);
      if (d.column > 0) props.push(`col=${d.column}`);
    }
    props.push(`title=${escapeProperty(d.code)}`);
    const where =
      known === undefined
        ? `${d.file}${d.line > 0 ? `:${d.line}${d.column > 0 ? `:${d.column}` : ""}` : ""}: `
        : "";
    const text = `${where}${d.hint ? `${d.message}\n${d.hint}` : d.message}`;
    return `::${d.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(text)}`;
  });
  const { errors, warnings } = countBySeverity(diagnostics);
  lines.push(`${errors} errors, ${warnings} warnings`);
  return lines.join("\n");
}
