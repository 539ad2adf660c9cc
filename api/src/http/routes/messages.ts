import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { retryMessageDelivery } from "../../domain/channels/retry-message-delivery.ts";
import { getAttachmentContent, getMessageOriginal } from "../../domain/messages/message-files.ts";
import { messageView } from "../../domain/tickets/views.ts";
import { authenticate, idParam, type AppEnv } from "../context.ts";
import { storedFileResponse } from "../stored-file-response.ts";
import { commonErrorResponses } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

const address = z.object({ address: z.string(), name: z.string() });

const retry = createRoute({
  method: "post",
  path: "/messages/{id}/retry",
  tags: ["Messages"],
  summary: "Send a reply whose delivery failed again",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: { 200: { description: "Queued again", content: jsonContent(messageView) }, ...commonErrorResponses },
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
      content: jsonContent(
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
          attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
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

export function messageRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(retry, async (c) =>
      c.json(await retryMessageDelivery(c.var.deps, c.var.actor, c.req.valid("param").id), 200),
    )
    .openapi(original, async (c) =>
      c.json(await getMessageOriginal(c.var.deps, c.var.actor, c.req.valid("param").id), 200),
    )
    .openapi(attachment, async (c) => {
      const file = await getAttachmentContent(c.var.deps, c.var.actor, c.req.valid("param").id);
      return storedFileResponse(file, { cacheControl: "private, max-age=3600" });
    });
}
