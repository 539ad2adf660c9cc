import { parse as parseCookies } from "hono/utils/cookie";

export const sessionCookieName = "helpdesk_session";

/** The session token from a Bearer header or the session cookie; shared by HTTP and the socket handshake. */
export function sessionTokenFromHeaders(authorization: string | undefined, cookieHeader: string | undefined) {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return (
    bearer ?? (cookieHeader ? parseCookies(cookieHeader, sessionCookieName)[sessionCookieName] : undefined) ?? null
  );
}
