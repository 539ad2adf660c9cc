import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ticketStatuses } from "@helpdesk/db";
import { z } from "zod";
import { createTicket, createTicketInput } from "../../domain/tickets/create-ticket.ts";
import { getTicket } from "../../domain/tickets/get-ticket.ts";
import { listTickets, listTicketsInput } from "../../domain/tickets/list-tickets.ts";
import { mergeTickets, mergeTicketsInput } from "../../domain/tickets/merge-tickets.ts";
import { replyToTicket, replyToTicketInput, type ReplyToTicketInput } from "../../domain/tickets/reply-to-ticket.ts";
import { updateTicket, updateTicketInput } from "../../domain/tickets/update-ticket.ts";
import { messageView, pageOf, ticketDetailView, ticketView } from "../../domain/tickets/views.ts";
import { authenticate, idParam, type AppEnv } from "../context.ts";
import { commonErrorResponses } from "../errors.ts";
import { uploadedFiles } from "../uploaded-files.ts";
import { jsonContent } from "../openapi.ts";

const tags = ["Tickets"];

const list = createRoute({
  method: "get",
  path: "/",
  tags,
  summary: "List tickets visible to you, filtered, newest first, keyset-paginated",
  request: { query: listTicketsInput },
  responses: {
    200: { description: "A page of tickets", content: jsonContent(pageOf(ticketView)) },
    ...commonErrorResponses,
  },
});

const create = createRoute({
  method: "post",
  path: "/",
  tags,
  summary: "Open a ticket for a customer (found or created by e-mail)",
  request: { body: { content: jsonContent(createTicketInput), required: true } },
  responses: { 201: { description: "The new ticket", content: jsonContent(ticketView) }, ...commonErrorResponses },
});

const get = createRoute({
  method: "get",
  path: "/{id}",
  tags,
  summary: "A ticket with its messages and timeline events",
  request: { params: idParam },
  responses: { 200: { description: "The ticket", content: jsonContent(ticketDetailView) }, ...commonErrorResponses },
});

const update = createRoute({
  method: "patch",
  path: "/{id}",
  tags,
  summary: "Change status, priority, assignee, team, tags or custom fields",
  request: { params: idParam, body: { content: jsonContent(updateTicketInput), required: true } },
  responses: { 200: { description: "The updated ticket", content: jsonContent(ticketView) }, ...commonErrorResponses },
});

const reply = createRoute({
  method: "post",
  path: "/{id}/messages",
  tags,
  summary: "Reply to the customer, or add an internal note",
  request: { params: idParam, body: { content: jsonContent(replyToTicketInput), required: true } },
  responses: {
    201: {
      description: "The new message",
      content: jsonContent(z.object({ message: messageView, ticket: ticketView })),
    },
    ...commonErrorResponses,
  },
});

const replyWithFiles = createRoute({
  method: "post",
  path: "/{id}/messages/with-files",
  tags,
  summary:
    "Reply or add a note with attached files: multipart/form-data with body, internal (true/false), status and files",
  request: {
    params: idParam,
    body: {
      content: {
        "multipart/form-data": {
          schema: z.object({
            body: z.string(),
            internal: z.enum(["true", "false"]).optional(),
            status: z.enum(ticketStatuses).exclude(["new"]).optional(),
            files: z.any().openapi({ type: "array", items: { type: "string", format: "binary" } }),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: {
      description: "The new message",
      content: jsonContent(z.object({ message: messageView, ticket: ticketView })),
    },
    ...commonErrorResponses,
  },
});

const merge = createRoute({
  method: "post",
  path: "/{id}/merge",
  tags,
  summary: "Merge this ticket into another; its messages move to the target",
  request: { params: idParam, body: { content: jsonContent(mergeTicketsInput), required: true } },
  responses: {
    200: {
      description: "Both tickets after the merge",
      content: jsonContent(z.object({ source: ticketView, target: ticketView })),
    },
    ...commonErrorResponses,
  },
});

export function ticketRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", authenticate);
  return (
    app
      // The domain parses the raw query itself (comma lists become arrays); the route's schema documents and pre-checks it.
      .openapi(list, async (c) => c.json(await listTickets(c.var.deps, c.var.actor, c.req.query()), 200))
      .openapi(create, async (c) => c.json(await createTicket(c.var.deps, c.var.actor, c.req.valid("json")), 201))
      .openapi(get, async (c) => c.json(await getTicket(c.var.deps, c.var.actor, c.req.valid("param").id), 200))
      .openapi(update, async (c) =>
        c.json(await updateTicket(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200),
      )
      .openapi(reply, async (c) =>
        c.json(await replyToTicket(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 201),
      )
      .openapi(replyWithFiles, async (c) => {
        // The form is read here, not by the schema, so a single file and several arrive alike; the domain validates.
        const form = await c.req.parseBody({ all: true });
        const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : undefined);
        const uploads = await uploadedFiles(form, "files");
        const input = {
          body: text("body") ?? "",
          internal: text("internal") === "true",
          status: text("status") || undefined,
        } as ReplyToTicketInput;
        return c.json(await replyToTicket(c.var.deps, c.var.actor, c.req.valid("param").id, input, uploads), 201);
      })
      .openapi(merge, async (c) =>
        c.json(await mergeTickets(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200),
      )
  );
}
