import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ticketPriorities } from "@helpdesk/db";
import { z } from "zod";
import {
  businessCalendarInput,
  createBusinessCalendar,
  createSlaPolicy,
  listBusinessCalendars,
  listSlaPolicies,
  slaPolicyInput,
  updateBusinessCalendar,
  updateBusinessCalendarInput,
  updateSlaPolicy,
  updateSlaPolicyInput,
} from "../../domain/sla/sla-policies.ts";
import { authenticate, idParam, type AppEnv } from "../context.ts";
import { commonErrorResponses } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

const tags = ["SLA"];
const minutes = z.number().int().nullable().optional();

const policyView = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  conditions: z.object({
    priorities: z.array(z.enum(ticketPriorities)).optional(),
    channelIds: z.array(z.string()).optional(),
    organizationIds: z.array(z.string()).optional(),
    teamIds: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
  }),
  targets: z.partialRecord(
    z.enum(ticketPriorities),
    z.object({ firstResponseMinutes: minutes, nextResponseMinutes: minutes, resolutionMinutes: minutes }),
  ),
  calendarId: z.string().nullable(),
  pauseOnHold: z.boolean(),
  warnMinutesBefore: z.number().int().nullable(),
  warnAtPercent: z.number().int().nullable(),
  escalation: z.object({
    raisePriority: z.boolean().optional(),
    assignTeamId: z.string().nullable().optional(),
    assignToLead: z.boolean().optional(),
    addTag: z.string().nullable().optional(),
  }),
});
const calendarView = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  weekly: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
  holidays: z.array(z.string()),
});

type PolicyRow = Awaited<ReturnType<typeof listSlaPolicies>>[number];
type CalendarRow = Awaited<ReturnType<typeof listBusinessCalendars>>[number];
const toPolicy = ({ createdAt: _c, updatedAt: _u, ...p }: PolicyRow) => p;
const toCalendar = ({ createdAt: _c, updatedAt: _u, ...c }: CalendarRow) => c;

const listPolicies = createRoute({
  method: "get",
  path: "/policies",
  tags,
  summary: "SLA policies, in the order they are matched",
  middleware: [authenticate] as const,
  responses: {
    200: { description: "Policies", content: jsonContent(z.object({ items: z.array(policyView) })) },
    ...commonErrorResponses,
  },
});
const createPolicy = createRoute({
  method: "post",
  path: "/policies",
  tags,
  summary: "Add a policy (matched after the existing ones)",
  middleware: [authenticate] as const,
  request: { body: { content: jsonContent(slaPolicyInput), required: true } },
  responses: { 201: { description: "Created", content: jsonContent(policyView) }, ...commonErrorResponses },
});
const patchPolicy = createRoute({
  method: "patch",
  path: "/policies/{id}",
  tags,
  summary: "Change a policy; affected tickets are re-targeted",
  middleware: [authenticate] as const,
  request: { params: idParam, body: { content: jsonContent(updateSlaPolicyInput), required: true } },
  responses: { 200: { description: "Updated", content: jsonContent(policyView) }, ...commonErrorResponses },
});
const listCalendars = createRoute({
  method: "get",
  path: "/calendars",
  tags,
  summary: "Business-hours calendars",
  middleware: [authenticate] as const,
  responses: {
    200: { description: "Calendars", content: jsonContent(z.object({ items: z.array(calendarView) })) },
    ...commonErrorResponses,
  },
});
const createCalendar = createRoute({
  method: "post",
  path: "/calendars",
  tags,
  summary: "Add a business-hours calendar",
  middleware: [authenticate] as const,
  request: { body: { content: jsonContent(businessCalendarInput), required: true } },
  responses: { 201: { description: "Created", content: jsonContent(calendarView) }, ...commonErrorResponses },
});
const patchCalendar = createRoute({
  method: "patch",
  path: "/calendars/{id}",
  tags,
  summary: "Replace a calendar's hours; due times move accordingly",
  middleware: [authenticate] as const,
  request: { params: idParam, body: { content: jsonContent(updateBusinessCalendarInput), required: true } },
  responses: { 200: { description: "Updated", content: jsonContent(calendarView) }, ...commonErrorResponses },
});

export function slaRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(listPolicies, async (c) => c.json({ items: (await listSlaPolicies(c.var.deps)).map(toPolicy) }, 200))
    .openapi(createPolicy, async (c) =>
      c.json(toPolicy(await createSlaPolicy(c.var.deps, c.var.actor, c.req.valid("json"))), 201),
    )
    .openapi(patchPolicy, async (c) =>
      c.json(
        toPolicy(await updateSlaPolicy(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json"))),
        200,
      ),
    )
    .openapi(listCalendars, async (c) =>
      c.json({ items: (await listBusinessCalendars(c.var.deps)).map(toCalendar) }, 200),
    )
    .openapi(createCalendar, async (c) =>
      c.json(toCalendar(await createBusinessCalendar(c.var.deps, c.var.actor, c.req.valid("json"))), 201),
    )
    .openapi(patchCalendar, async (c) =>
      c.json(
        toCalendar(await updateBusinessCalendar(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json"))),
        200,
      ),
    );
}
