import { isDatabaseUnavailableError } from "@helpdesk/db";
import { describe, expect, test } from "vitest";

/** What the API answers with 503 SERVICE_UNAVAILABLE: the database out of reach, never a query's own failure. */
const viaQuery = (cause: object) =>
  Object.assign(new Error("Failed query: select 1"), { query: "select 1", params: [], cause });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe("isDatabaseUnavailableError", () => {
  test.each([
    [
      "postgres.js CONNECTION_CLOSED",
      Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }),
    ],
    ["postgres.js CONNECT_TIMEOUT wrapped by drizzle", viaQuery({ code: "CONNECT_TIMEOUT" })],
    ["postgres.js CONNECTION_ENDED", { code: "CONNECTION_ENDED" }],
    [
      "ECONNREFUSED of a query, wrapped by drizzle",
      viaQuery(Object.assign(socketError("ECONNREFUSED"), { query: "select 1" })),
    ],
    ["ECONNRESET of a query", Object.assign(socketError("ECONNRESET"), { query: "select 1" })],
    ["admin_shutdown 57P01", viaQuery({ name: "PostgresError", code: "57P01", severity: "FATAL" })],
    ["cannot_connect_now 57P03", { name: "PostgresError", code: "57P03" }],
    ["connection_failure 08006", { code: "08006" }],
    ["too_many_connections 53300", { code: "53300" }],
    [
      "AggregateError of refused addresses",
      Object.assign(new AggregateError([socketError("ECONNREFUSED"), socketError("ECONNREFUSED")]), {
        query: "select 1",
      }),
    ],
  ])("%s: unavailable", (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  test.each([
    ["a unique violation", viaQuery({ name: "PostgresError", code: "23505" })],
    ["a syntax error", { name: "PostgresError", code: "42601" }],
    ["ECONNREFUSED from something else (search, SMTP)", socketError("ECONNREFUSED")],
    ["a plain error", new Error("boom")],
    ["not an error", "CONNECTION_CLOSED"],
    ["nothing", undefined],
  ])("%s: not unavailable", (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});
