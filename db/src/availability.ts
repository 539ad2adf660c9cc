/**
 * Whether an error means the database cannot be reached right now (down, restarting, the connection cut),
 * as opposed to a query that failed on its own merits. The API answers these with 503 and Retry-After.
 *
 * Covers postgres.js's own connection codes, the socket errors it passes on, and the SQLSTATEs Postgres
 * sends while shutting down or starting up. Drizzle wraps driver errors (DrizzleQueryError, the driver's
 * error as `cause`), so the cause chain is followed. A bare socket code (ECONNREFUSED) counts only on an
 * error that came through a query (postgres.js and drizzle both attach `query`): the same code from a
 * search engine or an SMTP relay is not the database being down.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  return unavailable(error, false, 0);
}

function unavailable(error: unknown, viaQuery: boolean, depth: number): boolean {
  if (depth > 5 || !error || typeof error !== "object") return false;
  const candidate = error as { code?: unknown; errors?: unknown; cause?: unknown };
  const fromQuery = viaQuery || "query" in candidate;
  const code = typeof candidate.code === "string" ? candidate.code : null;
  if (code && (driverCodes.has(code) || sqlStates.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (code && fromQuery && socketCodes.has(code)) return true;
  // Node's connect to a name with several addresses fails with an AggregateError of per-address errors.
  if (Array.isArray(candidate.errors) && candidate.errors.some((e) => unavailable(e, fromQuery, depth + 1)))
    return true;
  return unavailable(candidate.cause, fromQuery, depth + 1);
}

/** postgres.js's own codes for a connection that is gone or could not be opened. */
const driverCodes = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);

const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Besides class 08 (connection exceptions). */
const sqlStates = new Set([
  "57P01", // admin_shutdown: the server is stopping, or this backend was terminated
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or in recovery
  "53300", // too_many_connections
]);
