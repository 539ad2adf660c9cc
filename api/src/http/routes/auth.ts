import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { logIn, logInInput, logOut } from "../../domain/auth/sessions.ts";
import { userRoles } from "@helpdesk/db";
import { sessionCookieName, sessionTokenFromHeaders } from "../../http-shared/session-token.ts";
import type { AppEnv } from "../context.ts";
import { commonErrorResponses } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

const loginResult = z.object({
  token: z.string().describe("Also usable as `Authorization: Bearer <token>`"),
  expiresAt: z.string(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(userRoles) }),
});

const login = createRoute({
  method: "post",
  path: "/login",
  tags: ["Auth"],
  summary: "Sign in: sets an httpOnly session cookie and returns a bearer token",
  request: { body: { content: jsonContent(logInInput), required: true } },
  responses: { 200: { description: "Signed in", content: jsonContent(loginResult) }, ...commonErrorResponses },
});

const logout = createRoute({
  method: "post",
  path: "/logout",
  tags: ["Auth"],
  summary: "Sign out: ends the session",
  responses: { 200: { description: "Signed out", content: jsonContent(z.object({ ok: z.literal(true) })) } },
});

export function authRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(login, async (c) => {
      const session = await logIn(c.var.deps, c.req.valid("json"));
      setCookie(c, sessionCookieName, session.token, {
        httpOnly: true,
        sameSite: "Lax",
        secure: c.var.deps.secureCookies,
        path: "/",
        expires: session.expiresAt,
      });
      return c.json({ ...session, expiresAt: session.expiresAt.toISOString() }, 200);
    })
    .openapi(logout, async (c) => {
      const token = sessionTokenFromHeaders(c.req.header("authorization"), c.req.header("cookie"));
      if (token) await logOut(c.var.deps, token);
      deleteCookie(c, sessionCookieName, { path: "/" });
      return c.json({ ok: true as const }, 200);
    });
}
