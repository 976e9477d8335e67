import { type FSWatcher, readdirSync, watch } from "node:fs";
import path from "node:path";

/** Folders of an event folder that are not its inputs: builds and version control. */
const NOT_INPUTS = new Set(["out", ".git", "node_modules"]);

/**
 * Calls `onChange` when anything in `dir` or its sub-folders changes (out/ and .git/ aside). Each
 * folder is watched itself, not each file: an editor or `sed -i` that saves by writing a new file
 * and renaming it over the old one is seen every time (a file's own watch ends with its inode, and
 * Node's recursive watch on Linux watches files). Folders made later are watched from the next
 * change on. Returns the function that stops every watch.
 */
export function watchFolder(
  dir: string,
  onChange: (file: string) => void,
  onError: (e: Error) => void,
  /** Folders inside `dir` to leave out (a build's output folder). */
  ignore: readonly string[] = [],
): () => void {
  const skipped = new Set(ignore.map((f) => path.resolve(f)));
  const watchers = new Map<string, FSWatcher>();
  const scan = () => {
    const seen = new Set<string>();
    const walk = (folder: string, depth: number) => {
      seen.add(folder);
      if (!watchers.has(folder)) {
        try {
          const w = watch(folder, (_kind, name) => {
            const file = path.join(folder, String(name ?? ""));
            if (folder === dir && NOT_INPUTS.has(String(name))) return;
            if (skipped.has(file)) return;
            scan();
            onChange(file);
          });
          w.on("error", (e) => {
            // A watched folder that was removed: forgotten at the next scan.
            if (
              (e as NodeJS.ErrnoException).code !== "ENOENT" &&
              (e as NodeJS.ErrnoException).code !== "EPERM"
            )
              onError(e);
          });
          watchers.set(folder, w);
        } catch (e) {
          if (folder === dir) throw e;
          return;
        }
      }
      if (depth >= 8) return;
      let entries: import("node:fs").Dirent[];
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries)
        if (
          entry.isDirectory() &&
          !(folder === dir && NOT_INPUTS.has(entry.name)) &&
          !skipped.has(path.join(folder, entry.name))
        )
          walk(path.join(folder, entry.name), depth + 1);
    };
    walk(dir, 0);
    for (const [folder, w] of watchers)
      if (!seen.has(folder)) {
        w.close();
        watchers.delete(folder);
      }
  };
  scan();
  return () => {
    for (const w of watchers.values()) w.close();
    watchers.clear();
  };
}
