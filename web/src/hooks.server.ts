import type { Cookies, Handle, HandleFetch, RequestEvent } from "@sveltejs/kit";

/** The help centre's pages are in their own language: `<html lang="de">` under /help/de/. */
export const handle: Handle = async ({ event, resolve }) => {
  const locale = /^\/help\/([a-z]{2}(?:-[A-Z]{2})?)(?:\/|$)/.exec(event.url.pathname)?.[1];
  if (!locale || locale === "en") return resolve(event);
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('<html lang="en">', `<html lang="${locale}">`),
  });
};

/**
 * Server-side loads (the public help centre is server-rendered) call the API with SvelteKit's `fetch`. `/api/*`
 * is not a SvelteKit route, and adapter-node takes the page's origin to be https unless ORIGIN is set, so such
 * requests go straight to the API in this process (see `apiOrigin`). Only the method, the body and its content
 * type travel, and for the portal's customer API the portal session cookie: no other cookies or headers.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith("/api/")) return fetch(request);

  const target = new URL(url.pathname + url.search, apiOrigin(event));
  const headers = new Headers({ accept: "application/json" });
  const contentType = request.headers.get("content-type");
  if (contentType) headers.set("content-type", contentType);
  // The customer's portal session is the one cookie that travels, and only to the portal's API.
  const portal = url.pathname.startsWith("/api/portal/");
  const session = portal ? event.cookies.get(portalSessionCookie) : undefined;
  if (session) headers.set("cookie", `${portalSessionCookie}=${session}`);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const response = await globalThis.fetch(target, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    signal: request.signal,
  });
  if (portal) relayPortalCookie(event.cookies, response.headers.getSetCookie());
  return response;
};

/**
 * Where this process serves the API. api/src/server.ts serves the API and this app on one HTTP server, so the port
 * the page request came in on (adapter-node hands over the Node request as `platform.req`) reaches the API too, over
 * loopback: no setting to pass, and each server in a process (as in the tests) calls its own. Without a Node
 * request (`vite dev`) the page's own origin, which proxies /api.
 */
function apiOrigin(event: RequestEvent): string {
  const port = event.platform?.req?.socket.localPort;
  return port ? `http://127.0.0.1:${port}` : event.url.origin;
}

const portalSessionCookie = "helpdesk_portal_session";

/**
 * The API sets or clears the portal session cookie (signing in, out); a page's server code calling it passes
 * that on to the visitor with the API's own attributes (HttpOnly, SameSite, Secure, expiry).
 */
function relayPortalCookie(cookies: Cookies, setCookies: string[]) {
  for (const line of setCookies) {
    const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
    const eq = pair.indexOf("=");
    if (pair.slice(0, eq) !== portalSessionCookie) continue;
    const options: Parameters<Cookies["set"]>[2] = { path: "/", httpOnly: false, secure: false, encode: (v) => v };
    for (const attribute of attributes) {
      const [key = "", value = ""] = attribute.split("=");
      const name = key.toLowerCase();
      if (name === "path") options.path = value;
      else if (name === "expires") options.expires = new Date(value);
      else if (name === "max-age") options.maxAge = Number(value);
      else if (name === "httponly") options.httpOnly = true;
      else if (name === "secure") options.secure = true;
      else if (name === "samesite") options.sameSite = value.toLowerCase() as "lax" | "strict" | "none";
    }
    cookies.set(portalSessionCookie, decodeURIComponent(pair.slice(eq + 1)), options);
  }
}
