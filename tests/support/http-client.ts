import type { AppType } from "@helpdesk/api/http";
import { hc, type ClientResponse } from "hono/client";

/**
 * The API of a help desk listening on a real port (a started server, a child process), typed by its routes as
 * web/src/lib/api/client.ts is: `apiClient(server.url, token).api.tickets.$post({ json })`. Paths, inputs and
 * response bodies are checked by `AppType`. In-process tests use the harness's `testClient(app)`, typed the same.
 */
export function apiClient(baseUrl: string, token?: string | null) {
  return hc<AppType>(baseUrl, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

export type ApiClient = ReturnType<typeof apiClient>;

type AnyResponse = ClientResponse<unknown, number, string>;

/** What every error answer carries: one error pipeline for all routes (api/src/http/errors.ts `errorPayload`). */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string };
}

type StatusOf<R> = R extends ClientResponse<unknown, infer U, string> ? U : never;
type RouteBody<R, S> = R extends ClientResponse<infer B, infer U, string> ? (U extends S ? B : never) : never;
/** What the route answers with `status`; an error status (answered by the error handler, not the route) gives ApiErrorBody. */
type BodyAt<R, S extends number> = S extends StatusOf<R> ? RouteBody<R, S> : ApiErrorBody;

/**
 * The body of a response that must have `status`, typed by the route; any other status fails with what the API
 * said. Works on `apiClient` and `testClient` responses alike.
 */
export async function bodyOf<R extends AnyResponse, S extends number>(
  response: R | Promise<R>,
  status: S,
): Promise<BodyAt<R, S>> {
  const res = await response;
  const text = await res.text();
  if (res.status !== status)
    throw new Error(
      `expected ${status}, got ${res.status}${res.url ? ` from ${res.url}` : ""}: ${text.slice(0, 2000)}`,
    );
  const json = res.headers.get("content-type")?.includes("json") ?? false;
  return (json ? JSON.parse(text) : text) as BodyAt<R, S>;
}
