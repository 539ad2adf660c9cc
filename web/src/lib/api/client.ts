import type { AppType } from "@helpdesk/api/http";
import { hc } from "hono/client";

/** An error the API answered with: `{ error: { code, message, details } }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * The typed API client. Pages create it with SvelteKit's `fetch` in their load functions (so requests are
 * tracked and deduplicated) and with the global fetch in event handlers. Same origin: the session cookie rides along.
 */
export function apiClient(fetchFn: typeof fetch = fetch) {
  return hc<AppType>("/", { fetch: fetchFn, init: { credentials: "same-origin" } });
}

export type ApiClient = ReturnType<typeof apiClient>;

type AnyResponse = { ok: boolean; status: number; json(): Promise<unknown> };
type SuccessBody<R> = R extends { ok: true; json(): Promise<infer B> } ? B : never;

/** Awaits a client call: the success body, or an ApiError carrying the API's error code and message. */
export async function data<R extends AnyResponse>(request: Promise<R>): Promise<SuccessBody<R>> {
  let response: R;
  try {
    response = await request;
  } catch (cause) {
    throw new ApiError(0, "NETWORK", "The help desk cannot be reached. Check your connection and try again.", cause);
  }
  const body = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: unknown };
  } | null;
  if (!response.ok) {
    const error = body?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "HTTP_" + response.status,
      error?.message ?? `Request failed (${response.status}).`,
      error?.details,
    );
  }
  return body as SuccessBody<R>;
}
