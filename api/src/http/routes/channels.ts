import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { channelKinds } from "@helpdesk/db";
import { z } from "zod";
import {
  channelDetailView,
  createChannel,
  createChannelInput,
  getChannel,
  updateChannel,
  updateChannelInput,
} from "../../domain/channels/manage-channels.ts";
import { listChannels } from "../../domain/staff/staff.ts";
import { authenticate, idParam, type AppEnv } from "../context.ts";
import { commonErrorResponses } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

const channelView = z.object({
  id: z.string(),
  kind: z.enum(channelKinds),
  name: z.string(),
  address: z.string().nullable(),
  active: z.boolean(),
});

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["Channels"],
  summary: "Channels (inboxes)",
  middleware: [authenticate] as const,
  responses: {
    200: { description: "Channels", content: jsonContent(z.object({ items: z.array(channelView) })) },
    ...commonErrorResponses,
  },
});
const create = createRoute({
  method: "post",
  path: "/",
  tags: ["Channels"],
  summary: "Add a channel: an email address, with optional IMAP mailbox and SMTP server (admins only)",
  description: "Passwords are write-only: stored encrypted, and answered with `hasPassword` rather than the password.",
  middleware: [authenticate] as const,
  request: { body: { content: jsonContent(createChannelInput), required: true } },
  responses: { 201: { description: "Created", content: jsonContent(channelDetailView) }, ...commonErrorResponses },
});
const detail = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["Channels"],
  summary: "A channel with its settings and IMAP polling status (admins only)",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: { 200: { description: "The channel", content: jsonContent(channelDetailView) }, ...commonErrorResponses },
});
const update = createRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Channels"],
  summary: "Change a channel's name, address, status or settings (admins only)",
  description: "A password left out or null keeps the stored one; `settings.imap: null` removes the IMAP account.",
  middleware: [authenticate] as const,
  request: { params: idParam, body: { content: jsonContent(updateChannelInput), required: true } },
  responses: { 200: { description: "Updated", content: jsonContent(channelDetailView) }, ...commonErrorResponses },
});

export function channelRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => c.json({ items: await listChannels(c.var.deps.db) }, 200))
    .openapi(create, async (c) => c.json(await createChannel(c.var.deps, c.var.actor, c.req.valid("json")), 201))
    .openapi(detail, async (c) => c.json(await getChannel(c.var.deps, c.var.actor, c.req.valid("param").id), 200))
    .openapi(update, async (c) =>
      c.json(await updateChannel(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200),
    );
}
