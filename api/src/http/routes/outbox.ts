import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import {
  getOutboundEmail,
  listOutboundEmails,
  listOutboundEmailsInput,
} from "../../domain/channels/email/outbound-email-log.ts";
import {
  listInboundEmails,
  listInboundEmailsInput,
  releaseInboundEmail,
} from "../../domain/channels/email/inbound-email-log.ts";
import { inboundDeliveryStatuses, outboundEmailKinds, outboundEmailStatuses } from "@helpdesk/db";
import { authenticate, idParam, type AppEnv } from "../context.ts";
import { commonErrorResponses } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

const address = z.object({ address: z.string(), name: z.string() });
const kind = z.enum(outboundEmailKinds);
const status = z.enum(outboundEmailStatuses);

const summary = z.object({
  id: z.string(),
  kind,
  ticketId: z.string().nullable(),
  fromAddress: z.string(),
  toAddresses: z.array(z.string()),
  ccAddresses: z.array(z.string()),
  subject: z.string(),
  transport: z.string(),
  status,
  response: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

const list = createRoute({
  method: "get",
  path: "/outbox",
  tags: ["Mail"],
  summary: "Every mail the help desk composed, newest first (the local outbox when SMTP_URL is unset)",
  middleware: [authenticate] as const,
  request: { query: listOutboundEmailsInput },
  responses: {
    200: {
      description: "A page of mails",
      content: jsonContent(z.object({ items: z.array(summary), nextCursor: z.string().nullable() })),
    },
    ...commonErrorResponses,
  },
});

const get = createRoute({
  method: "get",
  path: "/outbox/{id}",
  tags: ["Mail"],
  summary: "One composed mail: headers, text, sanitized HTML and the raw source",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: {
    200: {
      description: "The mail",
      content: jsonContent(
        z.object({
          id: z.string(),
          kind,
          ticketId: z.string().nullable(),
          status,
          transport: z.string(),
          response: z.string().nullable(),
          messageIdHeader: z.string(),
          from: address.nullable(),
          to: z.array(address),
          cc: z.array(address),
          subject: z.string(),
          inReplyTo: z.array(z.string()),
          references: z.array(z.string()),
          text: z.string(),
          html: z.string().nullable(),
          raw: z.string(),
          createdAt: z.string(),
          sentAt: z.string().nullable(),
        }),
      ),
    },
    ...commonErrorResponses,
  },
});

const inboundItem = z.object({
  id: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  status: z.enum(inboundDeliveryStatuses),
  note: z.string().nullable(),
  senderAddress: z.string().nullable(),
  ticketId: z.string().nullable(),
  subject: z.string(),
  transport: z.string().nullable(),
  size: z.number().int(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});

const inbound = createRoute({
  method: "get",
  path: "/inbound-mail",
  tags: ["Mail"],
  summary: "Inbound mail that did not become a message (held back, ignored, failed), with the reason",
  middleware: [authenticate] as const,
  request: { query: listInboundEmailsInput },
  responses: {
    200: {
      description: "A page of mails",
      content: jsonContent(z.object({ items: z.array(inboundItem), nextCursor: z.string().nullable() })),
    },
    ...commonErrorResponses,
  },
});

const release = createRoute({
  method: "post",
  path: "/inbound-mail/{id}/release",
  tags: ["Mail"],
  summary: "Let a held-back, ignored or failed mail through as an ordinary message",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: {
    200: {
      description: "Queued for processing",
      content: jsonContent(z.object({ id: z.string(), status: z.literal("received") })),
    },
    ...commonErrorResponses,
  },
});

export function outboxRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => c.json(await listOutboundEmails(c.var.deps, c.var.actor, c.req.valid("query")), 200))
    .openapi(get, async (c) => c.json(await getOutboundEmail(c.var.deps, c.var.actor, c.req.valid("param").id), 200))
    .openapi(inbound, async (c) => c.json(await listInboundEmails(c.var.deps, c.var.actor, c.req.query()), 200))
    .openapi(release, async (c) =>
      c.json(await releaseInboundEmail(c.var.deps, c.var.actor, c.req.valid("param").id), 200),
    );
}
