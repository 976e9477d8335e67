import path from "node:path";
import { UserError } from "../errors.js";
import { confine, readConfined } from "../load/confine.js";
import { TemplateError } from "../render/typst.js";
import type { MaterialContext } from "./context.js";

// Helpers more than one material uses (badges, agenda, letters): here, so no material imports
// another.

const LOGO_TYPES: Record<string, string> = {
  ".svg": "svg",
  ".png": "png",
  ".jpg": "jpg",
  ".jpeg": "jpg",
  ".gif": "gif",
};

/**
 * Reads an image named in event.yaml (the logo, a signature) for templates, as a virtual file:
 * through the one check of what conclave reads (inside the event folder, a regular file, at most
 * 20 MiB), then drawn once on its own, so a broken image is reported as the file event.yaml
 * names, not as an error in a template.
 */
export async function loadImage(
  ctx: Pick<MaterialContext, "eventDir" | "confinement" | "render">,
  setting: string,
  file: string | undefined,
  name: string,
): Promise<{ path: string; bytes: Uint8Array } | undefined> {
  if (!file) return undefined;
  const ext = path.extname(file).toLowerCase();
  const label = `${setting}: ${file}`;
  if (!LOGO_TYPES[ext]) throw new UserError(`${label} is not an SVG, PNG, JPEG or GIF file`);
  const bytes = readConfined(ctx.confinement ?? confine(ctx.eventDir), file, "image", label);
  if (!bytes) throw new UserError(`${label} does not exist`, "The path is relative to the event folder.");
  const image = { path: `/assets/${name}${ext}`, bytes };
  // The probe is conclave's own source on a virtual path: it draws the image and nothing else.
  const probe = `/assets/__conclave_probe_${name}__.typ`;
  try {
    await ctx.render({
      template: probe.slice(1),
      data: null,
      assets: { [image.path]: bytes, [probe]: new TextEncoder().encode(`#image("${image.path}")\n`) },
      timestamp: 0,
    });
  } catch (e) {
    // Only what Typst said about the image itself; anything else (say, a package import in the
    // event's templates, which fails every compile) is reported as it is.
    const own = e instanceof TemplateError ? e.diagnostics.filter((d) => d.file.endsWith(image.path)) : [];
    if (own.length === 0) throw e;
    const why = own.map((d) => d.message).join("; ");
    throw new UserError(
      `${label}: the image is unreadable (${why})`,
      `Open ${file} in an image editor and save it again as SVG, PNG or JPEG, or fix ${setting} in event.yaml.`,
    );
  }
  return image;
}

/** Reads the event's logo for templates, as a virtual file (see loadImage). */
export function loadLogo(
  ctx: Pick<MaterialContext, "eventDir" | "confinement" | "render">,
  logo: string | undefined,
  setting = "branding.logo",
): Promise<{ path: string; bytes: Uint8Array } | undefined> {
  return loadImage(ctx, setting, logo, "logo");
}
