import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import {
  authenticateCustomerSession,
  endCustomerSession,
  getPortalAccount,
  getPortalAttachment,
  getPortalTicket,
  listPortalTickets,
  listPortalTicketsInput,
  maxPortalFiles,
  maxPortalFileBytes,
  maxPortalReplyBytes,
  portalAccount,
  portalPasswordSignInInput,
  portalTicketDetail,
  portalTicketSummary,
  redeemSignInLink,
  redeemSignInLinkInput,
  replyToPortalTicket,
  requestSignInLink,
  requestSignInLinkInput,
  setPortalPassword,
  setPortalPasswordInput,
  signInWithPassword,
  type CustomerActor,
  type CustomerSessionGrant,
} from "../../domain/portal/index.ts";
import { requestClientAddress } from "../client-address.ts";
import { storedFileResponse } from "../stored-file-response.ts";
import { uploadedFiles } from "../uploaded-files.ts";
import type { AppEnv } from "../context.ts";
import { commonErrorResponses, errorBody } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

/**
 * The customer's side of the portal: sign-in by mailed link or password, "My tickets", replies and files.
 * Customers are signed in by their own cookie and sessions table; staff sessions mean nothing here and a portal
 * session means nothing on staff routes (`authenticate` reads only `helpdesk_session`).
 */
export const portalSessionCookieName = "helpdesk_portal_session";

type PortalEnv = { Variables: AppEnv["Variables"] & { customer: CustomerActor; portalToken: string } };

const tags = ["Help centre: customers"];
const ok = z.object({ ok: z.literal(true) });
const security = [{ portalSession: [] }];

/** Signs the customer in from the portal session cookie; 401 without a valid one. */
const authenticateCustomer = createMiddleware<PortalEnv>(async (c, next) => {
  const token = getCookie(c, portalSessionCookieName);
  const customer = token ? await authenticateCustomerSession(c.var.deps, token) : null;
  if (!token || !customer) throw new DomainError("UNAUTHENTICATED", "Sign in to the help centre first.");
  // The cookie is SameSite=Lax, which stops other sites but not other origins of the same site (a sibling
  // subdomain): a browser's change carrying the cookie must come from the help desk's own pages.
  const origin = c.req.header("origin");
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && origin && !sameOriginAs(origin, c.req.header("host"))) {
    throw new DomainError("FORBIDDEN", "This request did not come from the help centre's pages.", { origin });
  }
  c.set("customer", customer);
  c.set("portalToken", token);
  await next();
});

function sameOriginAs(origin: string, host: string | undefined): boolean {
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function startSession(c: Context<PortalEnv>, session: CustomerSessionGrant) {
  setCookie(c, portalSessionCookieName, session.token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.var.deps.secureCookies,
    path: "/",
    expires: session.expiresAt,
  });
}

const signedIn = z.object({ expiresAt: z.string(), account: portalAccount });
const ticketNumber = z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) });
const unauthorized = { 401: commonErrorResponses[401] };

const requestLink = createRoute({
  method: "post",
  path: "/auth/link",
  tags,
  summary: "E-mail me a sign-in link (public). Answers the same whether or not the address belongs to a customer",
  request: { body: { content: jsonContent(requestSignInLinkInput), required: true } },
  responses: {
    202: { description: "If the address is a customer's, a link is on its way", content: jsonContent(ok) },
    400: commonErrorResponses[400],
  },
});

const redeem = createRoute({
  method: "post",
  path: "/auth/redeem",
  tags,
  summary: "Sign in with the token of a mailed link (single use, 30 minutes); sets the portal session cookie",
  request: { body: { content: jsonContent(redeemSignInLinkInput), required: true } },
  responses: {
    200: { description: "Signed in", content: jsonContent(signedIn) },
    400: commonErrorResponses[400],
    ...unauthorized,
  },
});

const passwordSignIn = createRoute({
  method: "post",
  path: "/auth/password",
  tags,
  summary: "Sign in with e-mail and portal password; sets the portal session cookie",
  request: { body: { content: jsonContent(portalPasswordSignInInput), required: true } },
  responses: {
    200: { description: "Signed in", content: jsonContent(signedIn) },
    400: commonErrorResponses[400],
    ...unauthorized,
  },
});

const setPassword = createRoute({
  method: "put",
  path: "/auth/password",
  tags,
  summary: "Set or change the portal password (signed in); the customer's other sessions end",
  middleware: [authenticateCustomer] as const,
  security,
  request: { body: { content: jsonContent(setPortalPasswordInput), required: true } },
  responses: {
    200: { description: "Saved", content: jsonContent(ok) },
    400: commonErrorResponses[400],
    ...unauthorized,
  },
});

const session = createRoute({
  method: "get",
  path: "/auth/session",
  tags,
  summary: "Who is signed in to the portal",
  middleware: [authenticateCustomer] as const,
  security,
  responses: { 200: { description: "The signed-in customer", content: jsonContent(portalAccount) }, ...unauthorized },
});

const signOut = createRoute({
  method: "post",
  path: "/auth/sign-out",
  tags,
  summary: "Sign out of the portal: ends the session and clears the cookie",
  responses: { 200: { description: "Signed out", content: jsonContent(ok) } },
});

const listTickets = createRoute({
  method: "get",
  path: "/tickets",
  tags,
  summary: "My tickets, newest activity first; scope=organization adds the colleagues' tickets for organization admins",
  middleware: [authenticateCustomer] as const,
  security,
  request: {
    query: z.object({
      scope: z.enum(["mine", "organization"]).optional(),
      limit: z.string().max(3).optional(),
      cursor: z.string().max(300).optional(),
    }),
  },
  responses: {
    200: {
      description: "A page of tickets",
      content: jsonContent(z.object({ items: z.array(portalTicketSummary), nextCursor: z.string().nullable() })),
    },
    400: commonErrorResponses[400],
    ...unauthorized,
  },
});

const getTicket = createRoute({
  method: "get",
  path: "/tickets/{number}",
  tags,
  summary: "A ticket and its public thread (never internal notes); 404 for tickets the customer may not see",
  middleware: [authenticateCustomer] as const,
  security,
  request: { params: ticketNumber },
  responses: {
    200: { description: "The ticket", content: jsonContent(portalTicketDetail) },
    ...unauthorized,
    404: commonErrorResponses[404],
  },
});

const replyBody = z.object({
  body: z.string(),
  files: z
    .any()
    .optional()
    .openapi({ type: "array", items: { type: "string", format: "binary" } }),
});

const reply = createRoute({
  method: "post",
  path: "/tickets/{number}/replies",
  tags,
  summary:
    `Reply on a ticket (multipart: "body", and up to ${maxPortalFiles} "files" of at most ${maxPortalFileBytes / 1024 / 1024} MB, ` +
    `${maxPortalReplyBytes / 1024 / 1024} MB together). A solved ticket reopens; on a closed one the reply opens a follow-up`,
  middleware: [authenticateCustomer] as const,
  security,
  request: {
    params: ticketNumber,
    body: { content: { "multipart/form-data": { schema: replyBody } }, required: true },
  },
  responses: {
    201: {
      description: "Added; `ticketNumber` is the follow-up's when one was opened",
      content: jsonContent(z.object({ ticketNumber: z.number().int(), messageId: z.string(), followUp: z.boolean() })),
    },
    400: commonErrorResponses[400],
    ...unauthorized,
    404: commonErrorResponses[404],
    409: commonErrorResponses[409],
    413: { description: "A file or all files together are too large", content: jsonContent(errorBody) },
  },
});

const attachment = createRoute({
  method: "get",
  path: "/attachments/{id}",
  tags,
  summary: "Download a file of a ticket the customer may see",
  middleware: [authenticateCustomer] as const,
  security,
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: { 200: { description: "The file" }, ...unauthorized, 404: commonErrorResponses[404] },
});

/** Multipart fields as the domain wants them; a repeated field comes as an array, a single one as a value. */
async function replyFromForm(c: Context<PortalEnv>) {
  const form = await c.req.parseBody({ all: true });
  const body = form.body;
  if (typeof body !== "string")
    throw new DomainError("VALIDATION_FAILED", 'Send the reply as the multipart field "body".');
  return { body, files: await uploadedFiles(form, "files") };
}

export function portalAccountRoutes() {
  const app = new OpenAPIHono<PortalEnv>();
  app.openAPIRegistry.registerComponent("securitySchemes", "portalSession", {
    type: "apiKey",
    in: "cookie",
    name: portalSessionCookieName,
  });
  // The whole request is capped before it is read; the per-file and total limits are the domain's.
  app.use(
    "/tickets/:number/replies",
    bodyLimit({
      maxSize: maxPortalReplyBytes + 1024 * 1024,
      onError: () => {
        throw new DomainError(
          "PAYLOAD_TOO_LARGE",
          `A reply with its files may be at most ${maxPortalReplyBytes / 1024 / 1024} MB.`,
        );
      },
    }),
  );
  return app
    .openapi(requestLink, async (c) => {
      // Never the request's Host header: a caller could make us mail a genuine link pointing at their own site.
      // The server always passes PUBLIC_URL or its own listening address; the request origin is for bare test apps.
      const base = c.var.deps.publicUrl?.() || new URL(c.req.url).origin;
      const input = c.req.valid("json");
      if (!(await c.var.deps.portalLinkLimiter.allow(input.email.trim().toLowerCase(), requestClientAddress(c)))) {
        throw new DomainError("RATE_LIMITED", "Too many sign-in links were asked for from here. Try again later.");
      }
      await requestSignInLink(c.var.deps, input, base);
      return c.json({ ok: true as const }, 202);
    })
    .openapi(redeem, async (c) => {
      const grant = await redeemSignInLink(c.var.deps, c.req.valid("json"));
      startSession(c, grant);
      const account = await getPortalAccount(c.var.deps, (await authenticateCustomerSession(c.var.deps, grant.token))!);
      return c.json({ expiresAt: grant.expiresAt.toISOString(), account }, 200);
    })
    .openapi(passwordSignIn, async (c) => {
      const input = c.req.valid("json");
      // Counted before the password is checked: every try costs a guesser, and an scrypt of ours.
      if (!(await c.var.deps.portalPasswordLimiter.allow(input.email.trim().toLowerCase(), requestClientAddress(c)))) {
        throw new DomainError(
          "RATE_LIMITED",
          "Too many sign-in attempts. Wait a few minutes, or ask for a sign-in link.",
        );
      }
      const grant = await signInWithPassword(c.var.deps, input);
      startSession(c, grant);
      const account = await getPortalAccount(c.var.deps, (await authenticateCustomerSession(c.var.deps, grant.token))!);
      return c.json({ expiresAt: grant.expiresAt.toISOString(), account }, 200);
    })
    .openapi(setPassword, async (c) => {
      await setPortalPassword(c.var.deps, c.var.customer, c.var.portalToken, c.req.valid("json"));
      return c.json({ ok: true as const }, 200);
    })
    .openapi(session, async (c) => c.json(await getPortalAccount(c.var.deps, c.var.customer), 200))
    .openapi(signOut, async (c) => {
      const token = getCookie(c, portalSessionCookieName);
      if (token) await endCustomerSession(c.var.deps, token);
      deleteCookie(c, portalSessionCookieName, { path: "/", secure: c.var.deps.secureCookies });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(listTickets, async (c) => {
      const query = c.req.valid("query");
      return c.json(await listPortalTickets(c.var.deps, c.var.customer, listPortalTicketsInput.parse(query)), 200);
    })
    .openapi(getTicket, async (c) =>
      c.json(await getPortalTicket(c.var.deps, c.var.customer, c.req.valid("param").number), 200),
    )
    .openapi(reply, async (c) => {
      const result = await replyToPortalTicket(
        c.var.deps,
        c.var.customer,
        c.req.valid("param").number,
        await replyFromForm(c),
      );
      return c.json(result, 201);
    })
    .openapi(attachment, async (c) => {
      const file = await getPortalAttachment(c.var.deps, c.var.customer, c.req.valid("param").id);
      return storedFileResponse(file, { cacheControl: "private, max-age=3600" });
    });
}
