import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { retryMessageDelivery } from "../../domain/channels/retry-message-delivery.ts";
import { getAttachmentContent, getMessageOriginal } from "../../domain/messages/message-files.ts";
import { messageView } from "../../domain/tickets/views.ts";
import { authenticate, idParam, type AppEnv } from "../context.ts";
import { commonErrorResponses } from "../errors.ts";

const json = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });
const address = z.object({ address: z.string(), name: z.string() });

const retry = createRoute({
  method: "post",
  path: "/messages/{id}/retry",
  tags: ["Messages"],
  summary: "Send a reply whose delivery failed again",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: { 200: { description: "Queued again", content: json(messageView) }, ...commonErrorResponses },
});

const original = createRoute({
  method: "get",
  path: "/messages/{id}/original",
  tags: ["Messages"],
  summary: "The whole original of an inbound e-mail (quoted history and signature included), sanitized",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: {
    200: {
      description: "The original",
      content: json(
        z.object({
          messageId: z.string(),
          subject: z.string(),
          from: address.nullable(),
          to: z.array(address),
          cc: z.array(address),
          date: z.string().nullable(),
          text: z.string(),
          html: z.string().nullable(),
          blockedRemoteImages: z.number().int(),
          size: z.number().int(),
        }),
      ),
    },
    ...commonErrorResponses,
  },
});

const attachment = createRoute({
  method: "get",
  path: "/attachments/{id}",
  tags: ["Messages"],
  summary: "Download an attachment or inline image (staff who can see its ticket)",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: { 200: { description: "The file" }, ...commonErrorResponses },
});

/** Types a browser may show inline; anything else downloads, so an attached .html cannot run in our origin. */
const inlineTypes = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/i;

export function messageRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(retry, async (c) => c.json(await retryMessageDelivery(c.var.deps, c.var.actor, c.req.valid("param").id), 200))
    .openapi(original, async (c) => c.json(await getMessageOriginal(c.var.deps, c.var.actor, c.req.valid("param").id), 200))
    .openapi(attachment, async (c) => {
      const file = await getAttachmentContent(c.var.deps, c.var.actor, c.req.valid("param").id);
      const disposition = inlineTypes.test(file.contentType) ? "inline" : "attachment";
      return c.body(new Uint8Array(file.content), 200, {
        "content-type": inlineTypes.test(file.contentType) ? file.contentType : "application/octet-stream",
        "content-disposition": `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        "cache-control": "private, max-age=3600",
      });
    });
}
