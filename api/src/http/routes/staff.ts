import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import {
  addStaffMember,
  addTeam,
  createTeamInput,
  createUserInput,
  getStaffUser,
  listStaffUsers,
  listTeams,
  updateUser,
  updateUserInput,
} from "../../domain/staff/staff.ts";
import { listNotifications, markNotificationRead } from "../../domain/notifications/notifications.ts";
import { notificationView, staffUserView } from "../../domain/tickets/views.ts";
import { authenticate, idParam, type AppEnv } from "../context.ts";
import { commonErrorResponses } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

const teamView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  memberIds: z.array(z.string()),
});

const me = createRoute({
  method: "get",
  path: "/me",
  tags: ["Staff"],
  summary: "The signed-in user",
  middleware: [authenticate] as const,
  responses: { 200: { description: "You", content: jsonContent(staffUserView) }, ...commonErrorResponses },
});
const users = createRoute({
  method: "get",
  path: "/users",
  tags: ["Staff"],
  summary: "All staff (for assignee pickers)",
  middleware: [authenticate] as const,
  responses: {
    200: { description: "Staff", content: jsonContent(z.object({ items: z.array(staffUserView) })) },
    ...commonErrorResponses,
  },
});
const createUserRoute = createRoute({
  method: "post",
  path: "/users",
  tags: ["Staff"],
  summary: "Add a staff member (admins only)",
  middleware: [authenticate] as const,
  request: { body: { content: jsonContent(createUserInput), required: true } },
  responses: { 201: { description: "Created", content: jsonContent(staffUserView) }, ...commonErrorResponses },
});
const updateUserRoute = createRoute({
  method: "patch",
  path: "/users/{id}",
  tags: ["Staff"],
  summary: "Change a staff member's role, teams, password or status (admins only)",
  middleware: [authenticate] as const,
  request: { params: idParam, body: { content: jsonContent(updateUserInput), required: true } },
  responses: { 200: { description: "Updated", content: jsonContent(staffUserView) }, ...commonErrorResponses },
});
const teams = createRoute({
  method: "get",
  path: "/teams",
  tags: ["Staff"],
  summary: "Teams and their members",
  middleware: [authenticate] as const,
  responses: {
    200: { description: "Teams", content: jsonContent(z.object({ items: z.array(teamView) })) },
    ...commonErrorResponses,
  },
});
const createTeamRoute = createRoute({
  method: "post",
  path: "/teams",
  tags: ["Staff"],
  summary: "Create a team (admins only)",
  middleware: [authenticate] as const,
  request: { body: { content: jsonContent(createTeamInput), required: true } },
  responses: { 201: { description: "Created", content: jsonContent(teamView) }, ...commonErrorResponses },
});
const notifications = createRoute({
  method: "get",
  path: "/notifications",
  tags: ["Staff"],
  summary: "Your latest notifications",
  middleware: [authenticate] as const,
  request: { query: z.object({ unread: z.enum(["true", "false"]).optional() }) },
  responses: {
    200: { description: "Notifications", content: jsonContent(z.object({ items: z.array(notificationView) })) },
    ...commonErrorResponses,
  },
});
const readNotification = createRoute({
  method: "post",
  path: "/notifications/{id}/read",
  tags: ["Staff"],
  summary: "Mark a notification read",
  middleware: [authenticate] as const,
  request: { params: idParam },
  responses: { 200: { description: "Updated", content: jsonContent(notificationView) }, ...commonErrorResponses },
});

export function staffRoutes() {
  // Mounted at the API root, so authentication is per route rather than a catch-all `use("*")`.
  return new OpenAPIHono<AppEnv>()
    .openapi(me, async (c) => c.json(await getStaffUser(c.var.deps.db, c.var.actor.id), 200))
    .openapi(users, async (c) => c.json({ items: await listStaffUsers(c.var.deps.db) }, 200))
    .openapi(createUserRoute, async (c) =>
      c.json(await addStaffMember(c.var.deps, c.var.actor, c.req.valid("json")), 201),
    )
    .openapi(updateUserRoute, async (c) =>
      c.json(await updateUser(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(teams, async (c) => c.json({ items: await listTeams(c.var.deps.db) }, 200))
    .openapi(createTeamRoute, async (c) => c.json(await addTeam(c.var.deps, c.var.actor, c.req.valid("json")), 201))
    .openapi(notifications, async (c) =>
      c.json(
        {
          items: await listNotifications(c.var.deps, c.var.actor, {
            unreadOnly: c.req.valid("query").unread === "true",
          }),
        },
        200,
      ),
    )
    .openapi(readNotification, async (c) =>
      c.json(await markNotificationRead(c.var.deps, c.var.actor, c.req.valid("param").id), 200),
    );
}
