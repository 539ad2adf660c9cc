import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { requestClientAddress } from "../client-address.ts";
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";
import {
  assertOriginAllowed,
  findChatChannel,
  getWidgetChannelInfo,
  someChatChannelAllowsOrigin,
} from "../../domain/live-chat/chat-availability.ts";
import { widgetChannelInfo, widgetMessage } from "../../domain/live-chat/protocol-schemas.ts";
import { getVisitorAttachment, maxVisitorFileBytes, sendVisitorFile } from "../../domain/live-chat/visitor-files.ts";
import type { AppEnv } from "../context.ts";
import { errorBody } from "../errors.ts";
import { storedFileResponse } from "../stored-file-response.ts";
import { uploadedFile } from "../uploaded-files.ts";
import { jsonContent } from "../openapi.ts";

const errors = {
  400: { description: "Invalid input", content: jsonContent(errorBody) },
  401: { description: "Missing or invalid visitor token", content: jsonContent(errorBody) },
  403: { description: "This site may not use the channel", content: jsonContent(errorBody) },
  404: { description: "Not found", content: jsonContent(errorBody) },
  413: { description: "Too large", content: jsonContent(errorBody) },
  429: { description: "Too many messages", content: jsonContent(errorBody) },
} as const;

const channelInfo = createRoute({
  method: "get",
  path: "/channels/{channelId}",
  tags: ["Chat widget"],
  summary: "A chat channel's look and whether agents are available (public; the widget calls it before connecting)",
  request: { params: z.object({ channelId: z.string().min(1).max(100) }) },
  responses: { 200: { description: "The channel", content: jsonContent(widgetChannelInfo) }, ...errors },
});

const upload = createRoute({
  method: "post",
  path: "/messages",
  tags: ["Chat widget"],
  summary: "A visitor's message with a file (multipart: clientId, text?, file; at most 10 MB)",
  request: {
    headers: z.object({ "x-visitor-token": z.string().optional() }),
    body: {
      content: {
        "multipart/form-data": {
          schema: z.object({
            clientId: z.string(),
            text: z.string().optional(),
            file: z.any().openapi({ type: "string", format: "binary" }),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: "Stored (200 when this clientId was already stored)", content: jsonContent(widgetMessage) },
    200: { description: "Already stored", content: jsonContent(widgetMessage) },
    ...errors,
  },
});

const download = createRoute({
  method: "get",
  path: "/attachments/{id}",
  tags: ["Chat widget"],
  summary: "A file of a chat message, by the signed link the widget was given",
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    query: z.object({ token: z.string().max(200).optional() }),
  },
  responses: { 200: { description: "The file" }, ...errors },
});

/**
 * The widget's HTTP side (see live-chat/protocol.ts). CORS answers any origin that some active chat channel allows
 * (a preflight does not say which channel it is for); each request is then checked against its own channel.
 */
export function widgetRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.use(async (c, next) => {
    if (!c.var.deps.liveChat) throw new DomainError("NOT_FOUND", "Live chat is not enabled on this server.");
    await next();
  });
  app.use(
    cors({
      origin: async (origin, c) => ((await someChatChannelAllowsOrigin(c.var.deps.db, origin)) ? origin : null),
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["content-type", "x-visitor-token"],
      maxAge: 600,
    }),
  );
  app.use(
    "/messages",
    bodyLimit({
      maxSize: maxVisitorFileBytes + 64 * 1024,
      onError: () => {
        throw new DomainError("PAYLOAD_TOO_LARGE", `A file may be at most ${maxVisitorFileBytes / 1024 / 1024} MB.`);
      },
    }),
  );
  return app
    .openapi(channelInfo, async (c) => {
      const chat = await findChatChannel(c.var.deps.db, c.req.valid("param").channelId);
      const origin = c.req.header("origin");
      if (origin) assertOriginAllowed(chat.settings, origin);
      const info = await getWidgetChannelInfo({ ...c.var.deps, presence: c.var.deps.liveChat!.presence }, chat);
      return c.json(info, 200, { "cache-control": "no-store" });
    })
    .openapi(upload, async (c) => {
      const live = c.var.deps.liveChat!;
      const form = await c.req.parseBody();
      const sent = await sendVisitorFile(
        { ...c.var.deps, links: live.links, rateLimiter: live.rateLimiter, visitorLock: live.visitorLock },
        { visitorToken: c.req.header("x-visitor-token"), origin: c.req.header("origin"), ip: requestClientAddress(c) },
        {
          clientId: form.clientId,
          text: form.text,
          file: await uploadedFile(form, "file"),
        },
      );
      if (!sent.duplicate) live.notifier.visitorMessage(sent.visitor, sent.message, sent.conversation);
      return c.json(sent.message, sent.duplicate ? 200 : 201);
    })
    .openapi(download, async (c) => {
      const live = c.var.deps.liveChat!;
      const file = await getVisitorAttachment(
        { db: c.var.deps.db, links: live.links },
        c.req.valid("param").id,
        c.req.valid("query").token,
      );
      // cross-origin: the widget shows images on the host site's pages.
      return storedFileResponse(file, {
        cacheControl: "private, max-age=3600",
        extraHeaders: { "cross-origin-resource-policy": "cross-origin" },
      });
    });
}
