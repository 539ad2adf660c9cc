import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import {
  deflectionInput,
  portalRequestInput,
  recordDeflection,
  submitPortalRequest,
} from "../../domain/conversations/submit-portal-request.ts";
import type { AppEnv } from "../context.ts";
import { commonErrorResponses, errorBody } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

const tags = ["Help centre"];

// Public: the help centre's visitors are not signed in.
const submitRequest = createRoute({
  method: "post",
  path: "/requests",
  tags,
  summary: "Submit a request from the help centre (public); opens a ticket on the portal channel",
  request: { body: { content: jsonContent(portalRequestInput), required: true } },
  responses: {
    201: { description: "Ticket opened", content: jsonContent(z.object({ ticketNumber: z.number().int() })) },
    400: commonErrorResponses[400],
    429: { description: "Too many requests from this address within an hour", content: jsonContent(errorBody) },
  },
});

const deflection = createRoute({
  method: "post",
  path: "/deflections",
  tags,
  summary: "A suggested article was opened from the request form (public)",
  request: { body: { content: jsonContent(deflectionInput), required: true } },
  responses: {
    201: {
      description: "Recorded; send the id back with the request if it is submitted",
      content: jsonContent(z.object({ deflectionId: z.string() })),
    },
    400: commonErrorResponses[400],
    404: commonErrorResponses[404],
  },
});

export function portalRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(submitRequest, async (c) => {
      const { ticketNumber } = await submitPortalRequest(c.var.deps, c.req.valid("json"));
      return c.json({ ticketNumber }, 201);
    })
    .openapi(deflection, async (c) => c.json(await recordDeflection(c.var.deps, c.req.valid("json")), 201));
}
