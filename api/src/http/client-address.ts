import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { clientAddress } from "../http-shared/client-address.ts";
import type { AppEnv } from "./context.ts";

/** The client's address of an HTTP request to this app (see clientAddress). */
export function requestClientAddress<E extends { Variables: Pick<AppEnv["Variables"], "deps"> }>(
  c: Context<E>,
): string {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined; // app.request() in tests has no socket
  }
  const deps = (c.var as Pick<AppEnv["Variables"], "deps">).deps;
  return clientAddress(remote, c.req.header("x-forwarded-for"), deps.trustProxy ?? false);
}
