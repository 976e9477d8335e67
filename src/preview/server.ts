import { createReadStream, readFileSync } from "node:fs";
import { lstat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { indexPage, RELOAD_SCRIPT, type ShownFile, STYLESHEET } from "./pages.js";
import type { PageRasterizer } from "./raster.js";
import type { PreviewSession } from "./session.js";
import { type BuiltFile, PREVIEW_MATERIALS, type PreviewMaterial, viewOf } from "./views.js";

/**
 * The preview's own text (the delegate list with Korean and Vietnamese names, the errors) in the
 * bundled Pretendard, as the materials print it: a machine without Korean fonts showed the
 * names in the picker as empty boxes. Read on first use.
 */
const UI_FONTS: Record<string, string> = {
  "/assets/pretendard-regular.woff2": "Pretendard-Regular.woff2",
  "/assets/pretendard-bold.woff2": "Pretendard-Bold.woff2",
};
const uiFonts = new Map<string, Buffer>();
function uiFont(route: string): Buffer {
  let bytes = uiFonts.get(route);
  if (!bytes) {
    const dir = path.dirname(createRequire(import.meta.url).resolve("pretendard/package.json"));
    bytes = readFileSync(path.join(dir, "dist/web/static/woff2", UI_FONTS[route]!));
    uiFonts.set(route, bytes);
  }
  return bytes;
}

/** The most pages of one file shown as images; the rest are in the PDF, linked. */
const MAX_PAGES_SHOWN = 60;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".ics": "text/calendar; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/** The preview's own pages: scripts and styles only from this server, nothing inline. */
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; frame-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'";

export interface PreviewServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The preview's HTTP server, on 127.0.0.1 only. It serves the pages (src/preview/pages.ts), the
 * build's files and the site, and tells open pages when a build finishes (Server-Sent Events at
 * /events). Only files out/manifest.json lists are served, found by their exact path, so no
 * request reaches any other file (`/../`, encoded or not, matches no listed path). Requests for
 * another host name are refused: a web page elsewhere cannot read the preview through DNS tricks.
 */
export async function startPreviewServer(
  session: PreviewSession,
  raster: PageRasterizer,
  out: string,
  port = 0,
): Promise<PreviewServer & { notify(event: "building" | "built"): void }> {
  const listeners = new Set<ServerResponse>();
  let bound = port;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", `internal error: ${message(e)}\n`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? "";
    if (host !== `127.0.0.1:${bound}` && host !== `localhost:${bound}`)
      return send(res, 421, "text/plain; charset=utf-8", "This server answers only to 127.0.0.1.\n");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return send(res, 405, "text/plain; charset=utf-8", "Only GET and HEAD.\n");
    }
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${bound}`);
    const route = url.pathname;
    if (route === "/" || route === "/index.html") return index(url, res);
    if (route === "/events") return events(res);
    if (route === "/assets/reload.js") return send(res, 200, TYPES[".js"]!, RELOAD_SCRIPT);
    if (route === "/assets/preview.css") return send(res, 200, TYPES[".css"]!, STYLESHEET);
    if (UI_FONTS[route]) return send(res, 200, TYPES[".woff2"]!, uiFont(route));
    if (route === "/favicon.ico") {
      res.writeHead(204);
      return void res.end();
    }
    if (route === "/site") {
      res.writeHead(301, { Location: "/site/" });
      return void res.end();
    }
    const m = /^\/(files|page|site)\/(.*)$/.exec(route);
    if (!m) return notFound(res);
    const rel = decodePath(m[2]!);
    if (rel === undefined) return notFound(res);
    if (m[1] === "site") {
      const file = listed(rel === "" || rel.endsWith("/") ? `site/${rel}index.html` : `site/${rel}`);
      return file ? serveFile(req, res, file) : notFound(res);
    }
    const file = listed(rel);
    if (!file) return notFound(res);
    if (m[1] === "files") return serveFile(req, res, file);
    if (!file.path.endsWith(".pdf")) return notFound(res);
    const page = Number(url.searchParams.get("p") ?? "1");
    if (!Number.isInteger(page) || page < 1) return notFound(res);
    let png: Buffer;
    try {
      png = await raster.render(path.join(out, file.path), file.sha256, page);
    } catch (e) {
      if (e instanceof RangeError) return notFound(res);
      throw e;
    }
    // Kept by the browser only under the address of these very bytes: a page made before a rebuild
    // may ask for the old version, and gets the new one, which must not stay under the old address.
    const v = url.searchParams.get("v");
    res.setHeader("Cache-Control", v && file.sha256.startsWith(v) ? "private, max-age=3600" : "no-store");
    return send(res, 200, TYPES[".png"]!, png, req.method === "HEAD");
  }

  /** The file of the current build at exactly this path, if the manifest lists it. */
  function listed(rel: string): BuiltFile | undefined {
    const s = session.state;
    return s.kind === "built" ? s.files.find((f) => f.path === rel) : undefined;
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, file: BuiltFile): Promise<void> {
    const abs = path.resolve(out, file.path);
    // Belt and braces: a listed path is always inside out/, and a regular file conclave wrote.
    if (path.relative(out, abs).startsWith("..")) return notFound(res);
    const info = await lstat(abs).catch(() => undefined);
    if (!info?.isFile()) return notFound(res);
    const type = TYPES[path.extname(file.path).toLowerCase()] ?? "application/octet-stream";
    res.writeHead(200, {
      "Content-Type": type,
      "Content-Length": info.size,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    if (req.method === "HEAD") return void res.end();
    createReadStream(abs)
      .on("error", () => res.destroy())
      .pipe(res);
  }

  async function index(url: URL, res: ServerResponse): Promise<void> {
    const asked = url.searchParams.get("material") ?? "badges";
    const material: PreviewMaterial = (PREVIEW_MATERIALS as readonly string[]).includes(asked)
      ? (asked as PreviewMaterial)
      : "badges";
    const s = session.state;
    const generation = session.generation;
    const delegateId = url.searchParams.get("delegate") || undefined;
    const delegate = s.kind === "built" ? s.event.delegates.find((d) => d.id === delegateId) : undefined;
    const view =
      s.kind === "built" && material !== "site" ? viewOf(s.event, s.files, material, delegate) : undefined;
    const files: ShownFile[] = [];
    for (const pdf of view?.pdfs ?? []) {
      const file = listed(pdf.path);
      if (!file) continue;
      let info: Awaited<ReturnType<PageRasterizer["info"]>>;
      try {
        info = await raster.info(path.join(out, file.path), file.sha256);
      } catch (e) {
        // pdf.js or its canvas could not load here (or the file went in a rebuild): the link stays.
        files.push({
          path: file.path,
          sha256: file.sha256,
          pages: [],
          total: 0,
          width: 0,
          height: 0,
          error: message(e),
        });
        continue;
      }
      let pages = Array.from({ length: Math.min(info.pages, MAX_PAGES_SHOWN) }, (_, i) => i + 1);
      if (pdf.sheet) {
        const per = Math.max(1, Math.round(info.pages / pdf.sheet.of));
        pages = Array.from({ length: per }, (_, i) => pdf.sheet!.index * per + i + 1).filter(
          (n) => n <= info.pages,
        );
      }
      files.push({
        path: file.path,
        sha256: file.sha256,
        pages,
        total: info.pages,
        width: info.width,
        height: info.height,
      });
    }
    const body = indexPage({
      state: s,
      generation,
      building: session.building,
      material,
      ...(delegate ? { delegate: delegate.id } : {}),
      ...(view ? { view } : {}),
      files,
    });
    res.setHeader("Content-Security-Policy", PAGE_POLICY);
    res.setHeader("Cache-Control", "no-store");
    send(res, 200, TYPES[".html"]!, body);
  }

  function events(res: ServerResponse): void {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
    });
    // The current build at once: a page made just before a build finished reloads too.
    res.write(`event: built\ndata: ${session.generation}\n\n`);
    if (session.building) res.write(`event: building\ndata: ${session.generation}\n\n`);
    listeners.add(res);
    res.on("close", () => listeners.delete(res));
  }

  // A comment now and then keeps idle connections open through proxies and sleeping laptops.
  const heartbeat = setInterval(() => {
    for (const l of listeners) l.write(": still here\n\n");
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    notify(event) {
      for (const l of listeners) l.write(`event: ${event}\ndata: ${session.generation}\n\n`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const l of listeners) l.end();
        listeners.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A URL path's segments decoded; undefined for one that could leave its folder or is not text. */
function decodePath(raw: string): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (rel.includes("\0") || rel.includes("\\") || rel.startsWith("/")) return undefined;
  if (rel.split("/").some((s, i, all) => s === ".." || s === "." || (s === "" && i < all.length - 1)))
    return undefined;
  return rel;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, head = false): void {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": bytes.length,
    "X-Content-Type-Options": "nosniff",
  });
  res.end(head ? undefined : bytes);
}

const notFound = (res: ServerResponse) => send(res, 404, "text/plain; charset=utf-8", "Not found.\n");

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
