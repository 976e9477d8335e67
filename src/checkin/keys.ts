import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { chmod, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { existingTarget, writeTarget } from "../cli/commands/init-write.js";
import { UserError } from "../errors.js";
import { type Confinement, readConfined } from "../load/confine.js";

/**
 * The event's signing keys (`conclave keys init`): an Ed25519 pair made with node:crypto. The
 * private key stays in the event folder, listed in its .gitignore, read only to sign badge codes
 * and never written anywhere else (not into out/, the manifest, the build state or a log); the
 * public key beside event.yaml is what scanners and `conclave checkin verify` check codes with.
 */
export const PRIVATE_KEY_FILE = "checkin-private.pem";
export const PUBLIC_KEY_FILE = "checkin-public.pem";
/** Badge revisions raised by reprints: `id,revision`; a delegate not listed is at revision 1. */
export const REVISIONS_FILE = "badge-revisions.csv";

/** Makes the key pair in `dir`; refuses to replace an existing private key unless `force`. */
export async function initKeys(
  dir: string,
  force: boolean,
): Promise<{ privateFile: string; publicFile: string }> {
  const privateFile = path.join(dir, PRIVATE_KEY_FILE);
  const publicFile = path.join(dir, PUBLIC_KEY_FILE);
  const had = await existingTarget(privateFile, privateFile);
  if (had === "file" && !force)
    throw new UserError(
      `${privateFile} exists: the event has a signing key already`,
      "Badges printed with it stay valid only with it. To replace it anyway (and reprint every badge), pass --force.",
    );
  const hadPublic = await existingTarget(publicFile, publicFile);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  await writeTarget(
    privateFile,
    privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    had === "file",
    privateFile,
  );
  await chmod(privateFile, 0o600).catch(() => undefined);
  await writeTarget(
    publicFile,
    publicKey.export({ format: "pem", type: "spki" }).toString(),
    hadPublic === "file",
    publicFile,
  );
  await ignoreInGit(dir);
  return { privateFile, publicFile };
}

/** Adds the private key to the event folder's .gitignore (made when missing), once. */
async function ignoreInGit(dir: string): Promise<void> {
  const file = path.join(dir, ".gitignore");
  const kind = await existingTarget(file, file);
  const text = kind === "file" ? await readFile(file, "utf8") : "";
  if (text.split(/\r?\n/).some((l) => l.trim() === PRIVATE_KEY_FILE || l.trim() === `/${PRIVATE_KEY_FILE}`))
    return;
  const sep = text === "" || text.endsWith("\n") ? "" : "\n";
  await writeTarget(
    file,
    `${text}${sep}# The key that signs badge codes (conclave keys init): never commit it.\n/${PRIVATE_KEY_FILE}\n`,
    kind === "file",
    file,
  );
}

const keyHint = (dir: string) => `Run \`conclave keys init ${dir}\` once to make the event's signing keys.`;

/** The private key, read through the event folder's confinement. */
export function loadPrivateKey(c: Confinement, shownDir: string): KeyObject {
  const bytes = readConfined(c, PRIVATE_KEY_FILE, "settings", PRIVATE_KEY_FILE);
  if (!bytes)
    throw new UserError(
      `badge.qr is signed, but ${PRIVATE_KEY_FILE} is not in the event folder`,
      keyHint(shownDir),
    );
  try {
    const key = createPrivateKey(Buffer.from(bytes));
    if (key.asymmetricKeyType !== "ed25519") throw new Error(String(key.asymmetricKeyType));
    return key;
  } catch {
    // Never the key's bytes in a message.
    throw new UserError(`${PRIVATE_KEY_FILE} is not an Ed25519 private key in PEM`, keyHint(shownDir));
  }
}

/** The public key beside event.yaml. */
export function loadPublicKey(c: Confinement, shownDir: string): KeyObject {
  const bytes = readConfined(c, PUBLIC_KEY_FILE, "settings", PUBLIC_KEY_FILE);
  if (!bytes) throw new UserError(`${PUBLIC_KEY_FILE} is not in the event folder`, keyHint(shownDir));
  try {
    const key = createPublicKey(Buffer.from(bytes));
    if (key.asymmetricKeyType !== "ed25519") throw new Error(String(key.asymmetricKeyType));
    return key;
  } catch {
    throw new UserError(`${PUBLIC_KEY_FILE} is not an Ed25519 public key in PEM`, keyHint(shownDir));
  }
}

/** Each delegate's badge revision from badge-revisions.csv (absent: every badge at 1). */
export function loadRevisions(c: Confinement): Map<string, number> {
  const bytes = readConfined(c, REVISIONS_FILE, "csv", REVISIONS_FILE);
  const out = new Map<string, number>();
  if (!bytes) return out;
  let rows: string[][];
  try {
    rows = parse(Buffer.from(bytes), { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    throw new UserError(
      `${REVISIONS_FILE} cannot be read as CSV: ${(e as Error).message}`,
      "It holds two columns: id,revision.",
    );
  }
  rows.forEach((row, i) => {
    if (i === 0 && row[0]?.trim() === "id") return;
    const [id, rev] = [row[0]?.trim() ?? "", row[1]?.trim() ?? ""];
    const n = Number(rev);
    if (!id || !/^\d+$/.test(rev) || n < 1 || n > 65_535)
      throw new UserError(
        `${REVISIONS_FILE}:${i + 1}:${id ? 2 : 1} ${id ? `revision "${rev}" of ${id} is not a whole number from 1 to 65535` : "the row has no delegate id"}`,
        "Each row is a delegate id and the revision of their current badge, e.g. KR-014,2.",
      );
    out.set(id, n);
  });
  return out;
}
