import type { Handle, HandleFetch } from "@sveltejs/kit";

/** The help centre's pages are in their own language: `<html lang="de">` under /help/de/. */
export const handle: Handle = async ({ event, resolve }) => {
  const locale = /^\/help\/([a-z]{2}(?:-[A-Z]{2})?)(?:\/|$)/.exec(event.url.pathname)?.[1];
  if (!locale || locale === "en") return resolve(event);
  return resolve(event, { transformPageChunk: ({ html }) => html.replace('<html lang="en">', `<html lang="${locale}">`) });
};

/**
 * Server-side loads (the public help centre is server-rendered) call the API with SvelteKit's `fetch`. `/api/*`
 * is not a SvelteKit route, and adapter-node takes the page's origin to be https unless ORIGIN is set, so such
 * requests go straight to the API in this process: `HELPDESK_INTERNAL_ORIGIN`, which api/src/server.ts sets once
 * it listens, else the page's own origin (`vite dev`, which proxies /api). Only the method, the body and its
 * content type travel: no cookies or other headers of the visitor's request (the portal's API is public).
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith("/api/")) return fetch(request);

  const target = new URL(url.pathname + url.search, process.env.HELPDESK_INTERNAL_ORIGIN ?? event.url.origin);
  const headers = new Headers({ accept: "application/json" });
  const contentType = request.headers.get("content-type");
  if (contentType) headers.set("content-type", contentType);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return globalThis.fetch(target, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    signal: request.signal,
  });
};
