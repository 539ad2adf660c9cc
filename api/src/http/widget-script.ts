import { readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { projectPath } from "@helpdesk/db";
import { Hono, type Context } from "hono";

// From the repository root, so the bundle in dist/ finds it as the sources do.
const defaultDir = `${projectPath("web", "build", "widget")}/`;

interface Served {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/**
 * GET /widget.js (and its source map): the embeddable chat widget, built by `npm run build:web` into
 * web/build/widget. Any site may load it (CORS `*`, CORP cross-origin): which sites may *chat* is decided
 * when the widget connects, by the channel's allowed origins. The URL never changes, so caches revalidate
 * by ETag after five minutes instead of keeping an old widget for days.
 */
export function widgetScriptRoutes(dir = defaultDir) {
  const cache = new Map<string, Served>();

  async function load(file: string): Promise<Served | null> {
    const path = dir + file;
    const info = await stat(path).catch(() => null);
    if (!info) return null;
    const cached = cache.get(file);
    if (cached?.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(path);
    const served = {
      mtimeMs: info.mtimeMs,
      body,
      gzip: gzipSync(body),
      etag: `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`,
    };
    cache.set(file, served);
    return served;
  }

  const serve = (file: string, contentType: string) => async (c: Context) => {
    const served = await load(file);
    if (!served) return c.text("The chat widget is not built. Run `npm run build:web`.", 404);
    c.header("access-control-allow-origin", "*");
    c.header("cross-origin-resource-policy", "cross-origin");
    c.header("cache-control", "public, max-age=300, stale-while-revalidate=86400");
    c.header("etag", served.etag);
    c.header("vary", "accept-encoding");
    c.header("content-type", contentType);
    if (c.req.header("if-none-match") === served.etag) return c.body(null, 304);
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      c.header("content-encoding", "gzip");
      return c.body(new Uint8Array(served.gzip), 200);
    }
    return c.body(new Uint8Array(served.body), 200);
  };

  return new Hono()
    .get("/widget.js", serve("widget.js", "text/javascript; charset=utf-8"))
    .get("/widget.js.map", serve("widget.js.map", "application/json; charset=utf-8"));
}
