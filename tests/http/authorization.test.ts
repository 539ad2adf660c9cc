import { randomBytes } from "node:crypto";
import {
  addTeam,
  createChannel,
  createCustomer,
  createOrganization,
  createSlaPolicy,
  createTicket,
  getSlaReport,
  listOutboundEmails,
  requestKnowledgeBaseReindex,
  systemActor,
  updateUser,
  type StaffActor,
  type CustomerView,
  type TicketView,
} from "@helpdesk/api/domain";
import {
  businessCalendars,
  channels,
  customerIdentities,
  customerLoginLinks,
  customers,
  kbArticleTranslations,
  kbCategories,
  kbSections,
  messages,
  organizations,
  slaPolicies,
  teams,
  tickets,
  users,
} from "@helpdesk/db";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, uniqueEmail, type Harness, type SignedIn } from "../support/harness.ts";

/**
 * Who may do what, route family by route family (the rules: api/src/domain/authorization.ts). Every route is
 * called by five callers: nobody signed in, an agent of a team the resource is not in, an agent of the
 * resource's team (team B), a lead and an admin. A refused write must leave the database as it was.
 */

const roles = ["anonymous", "agent of another team", "agent", "lead", "admin"] as const;
type Role = (typeof roles)[number];
type Expected = Record<Role, number>;

/** The statuses in the order of `roles`. */
const statuses = (anonymous: number, otherTeam: number, agent: number, lead: number, admin: number): Expected => ({
  anonymous,
  "agent of another team": otherTeam,
  agent,
  lead,
  admin,
});
const everyStaffMember = (ok: number) => statuses(401, ok, ok, ok, ok);
const leadsAndAdmins = (ok: number) => statuses(401, 403, 403, ok, ok);
const adminsOnly = (ok: number) => statuses(401, 403, 403, 403, ok);
/** Tickets out of an agent's sight do not exist for them. */
const ticketTeamOnly = (ok: number) => statuses(401, 404, ok, ok, ok);

let h: Harness;
let teamA: string;
let teamB: string;
const callers = {} as Record<Role, SignedIn | null>;

beforeAll(async () => {
  h = await createHarness();
  [teamA, teamB] = await Promise.all([h.team().then((t) => t.id), h.team().then((t) => t.id)]);
  callers.anonymous = null;
  callers["agent of another team"] = await h.signIn("agent", { teamIds: [teamA] });
  callers.agent = await h.signIn("agent", { teamIds: [teamB] });
  callers.lead = await h.signIn("lead", { teamIds: [teamB] });
  callers.admin = await h.signIn("admin");
});
afterAll(() => h.close());

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

async function send(who: SignedIn | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { ...(who?.headers ?? {}) };
  if (body !== undefined) headers["content-type"] = "application/json";
  return h.app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

async function idOf(response: Response): Promise<string> {
  expect(response.status).toBeLessThan(300);
  return ((await response.json()) as { id: string }).id;
}

/** A `prepare` step: a fresh resource, made by an admin through the API. */
const createdByAdmin = (path: string, body: () => unknown) => async () => ({
  id: await idOf(await send(callers.admin, "POST", path, body())),
});

/** A ticket of team B, for a customer of its own (in an organization when given). */
async function teamBTicket(
  options: { organizationId?: string; teamId?: string } = {},
): Promise<{ ticket: TicketView; customer: CustomerView }> {
  const email = uniqueEmail("customer");
  const customer = await createCustomer(h.deps, {
    name: unique("Customer"),
    email,
    organizationId: options.organizationId ?? null,
  });
  const ticket = await createTicket(h.deps, systemActor, {
    subject: "Where is my parcel?",
    body: "It is late.",
    customer: { email },
    teamId: options.teamId ?? teamB,
  });
  return { ticket, customer };
}

const identitiesOf = (customerId: string) =>
  h.db
    .select({ kind: customerIdentities.kind, value: customerIdentities.value })
    .from(customerIdentities)
    .where(eq(customerIdentities.customerId, customerId))
    .orderBy(asc(customerIdentities.value));
const customerRow = (customerId: string) => h.db.select().from(customers).where(eq(customers.id, customerId));

interface RouteCase<C> {
  route: string;
  expected: Expected;
  /** Fresh resources for each call, so every caller meets the same situation. */
  prepare?: () => Promise<C>;
  send: (who: SignedIn | null, ctx: C) => Promise<Response>;
  /** What a refused call must leave untouched. */
  state?: (ctx: C) => Promise<unknown>;
}
const route = <C = undefined>(c: RouteCase<C>) => c as unknown as RouteCase<unknown>;

const period = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`;
const calendarBody = (name: string) => ({
  name,
  timeZone: "Europe/Berlin",
  weekly: { 1: [{ start: "09:00", end: "17:00" }], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
  holidays: [],
});
const policyBody = (name: string) => ({
  name,
  conditions: { tags: ["authz-never-matches"] },
  targets: { low: { firstResponseMinutes: 60 } },
});

const families: { family: string; cases: RouteCase<unknown>[] }[] = [
  {
    family: "channels",
    cases: [
      route({
        route: "GET /api/channels",
        expected: everyStaffMember(200),
        send: (who) => send(who, "GET", "/api/channels"),
      }),
      route<{ name: string }>({
        route: "POST /api/channels",
        expected: adminsOnly(201),
        prepare: async () => ({ name: unique("Chat") }),
        send: (who, { name }) => send(who, "POST", "/api/channels", { kind: "web_chat", name }),
        state: ({ name }) => h.db.select().from(channels).where(eq(channels.name, name)),
      }),
      route<{ id: string }>({
        route: "GET /api/channels/{id}",
        expected: adminsOnly(200),
        prepare: createdByAdmin("/api/channels", () => ({ kind: "web_chat", name: unique("Chat") })),
        send: (who, { id }) => send(who, "GET", `/api/channels/${id}`),
      }),
      route<{ id: string }>({
        route: "PATCH /api/channels/{id}",
        expected: adminsOnly(200),
        prepare: createdByAdmin("/api/channels", () => ({ kind: "web_chat", name: unique("Chat") })),
        send: (who, { id }) => send(who, "PATCH", `/api/channels/${id}`, { name: unique("Renamed"), active: false }),
        state: ({ id }) => h.db.select().from(channels).where(eq(channels.id, id)),
      }),
    ],
  },
  {
    family: "SLA policies and calendars",
    cases: [
      route({
        route: "GET /api/sla/policies",
        expected: everyStaffMember(200),
        send: (who) => send(who, "GET", "/api/sla/policies"),
      }),
      route<{ name: string }>({
        route: "POST /api/sla/policies",
        expected: adminsOnly(201),
        prepare: async () => ({ name: unique("Policy") }),
        send: (who, { name }) => send(who, "POST", "/api/sla/policies", policyBody(name)),
        state: ({ name }) => h.db.select().from(slaPolicies).where(eq(slaPolicies.name, name)),
      }),
      route<{ id: string }>({
        route: "PATCH /api/sla/policies/{id}",
        expected: adminsOnly(200),
        prepare: createdByAdmin("/api/sla/policies", () => policyBody(unique("Policy"))),
        send: (who, { id }) => send(who, "PATCH", `/api/sla/policies/${id}`, { active: false }),
        state: ({ id }) => h.db.select().from(slaPolicies).where(eq(slaPolicies.id, id)),
      }),
      route({
        route: "GET /api/sla/calendars",
        expected: everyStaffMember(200),
        send: (who) => send(who, "GET", "/api/sla/calendars"),
      }),
      route<{ name: string }>({
        route: "POST /api/sla/calendars",
        expected: adminsOnly(201),
        prepare: async () => ({ name: unique("Hours") }),
        send: (who, { name }) => send(who, "POST", "/api/sla/calendars", calendarBody(name)),
        state: ({ name }) => h.db.select().from(businessCalendars).where(eq(businessCalendars.name, name)),
      }),
      route<{ id: string }>({
        route: "PATCH /api/sla/calendars/{id}",
        expected: adminsOnly(200),
        prepare: createdByAdmin("/api/sla/calendars", () => calendarBody(unique("Hours"))),
        send: (who, { id }) =>
          send(who, "PATCH", `/api/sla/calendars/${id}`, {
            ...calendarBody(unique("Moved")),
            timeZone: "America/New_York",
          }),
        state: ({ id }) => h.db.select().from(businessCalendars).where(eq(businessCalendars.id, id)),
      }),
    ],
  },
  {
    family: "staff",
    cases: [
      route({ route: "GET /api/me", expected: everyStaffMember(200), send: (who) => send(who, "GET", "/api/me") }),
      route({
        route: "GET /api/users",
        expected: everyStaffMember(200),
        send: (who) => send(who, "GET", "/api/users"),
      }),
      route<{ email: string }>({
        route: "POST /api/users",
        expected: adminsOnly(201),
        prepare: async () => ({ email: uniqueEmail("hire") }),
        send: (who, { email }) =>
          send(who, "POST", "/api/users", { email, name: "New Hire", role: "admin", password: "long-enough-pw" }),
        state: ({ email }) => h.db.select().from(users).where(eq(users.email, email)),
      }),
      route<{ id: string }>({
        route: "PATCH /api/users/{id}",
        expected: adminsOnly(200),
        prepare: async () => ({ id: (await h.signIn("agent")).actor.id }),
        // The classic escalation: making someone (or oneself) an admin.
        send: (who, { id }) => send(who, "PATCH", `/api/users/${id}`, { role: "admin", teamIds: [teamA, teamB] }),
        state: ({ id }) => h.db.select().from(users).where(eq(users.id, id)),
      }),
      route({
        route: "PATCH /api/users/{own id}",
        expected: adminsOnly(200),
        send: (who) => send(who, "PATCH", `/api/users/${who?.actor.id ?? "usr_nobody"}`, { name: unique("Self") }),
        state: () => h.db.select().from(users).orderBy(asc(users.id)),
      }),
    ],
  },
  {
    family: "teams",
    cases: [
      route({
        route: "GET /api/teams",
        expected: everyStaffMember(200),
        send: (who) => send(who, "GET", "/api/teams"),
      }),
      route<{ name: string }>({
        route: "POST /api/teams",
        expected: adminsOnly(201),
        prepare: async () => ({ name: unique("Team") }),
        send: (who, { name }) => send(who, "POST", "/api/teams", { name }),
        state: ({ name }) => h.db.select().from(teams).where(eq(teams.name, name)),
      }),
    ],
  },
  {
    family: "knowledge base",
    cases: [
      route<{ slug: string }>({
        route: "POST /api/kb/categories",
        expected: leadsAndAdmins(201),
        prepare: async () => ({ slug: unique("category") }),
        send: (who, { slug }) => send(who, "POST", "/api/kb/categories", { slug, name: { en: "Billing" } }),
        state: ({ slug }) => h.db.select().from(kbCategories).where(eq(kbCategories.slug, slug)),
      }),
      route<{ id: string }>({
        route: "PATCH /api/kb/categories/{id}",
        expected: leadsAndAdmins(200),
        prepare: createdByAdmin("/api/kb/categories", () => ({ slug: unique("category"), name: { en: "Billing" } })),
        send: (who, { id }) => send(who, "PATCH", `/api/kb/categories/${id}`, { name: { en: "Payments" } }),
        state: ({ id }) => h.db.select().from(kbCategories).where(eq(kbCategories.id, id)),
      }),
      route<{ id: string }>({
        route: "DELETE /api/kb/categories/{id}",
        expected: leadsAndAdmins(204),
        prepare: createdByAdmin("/api/kb/categories", () => ({ slug: unique("category"), name: { en: "Old" } })),
        send: (who, { id }) => send(who, "DELETE", `/api/kb/categories/${id}`),
        state: ({ id }) => h.db.select().from(kbCategories).where(eq(kbCategories.id, id)),
      }),
      route<{ categoryId: string; slug: string }>({
        route: "POST /api/kb/sections",
        expected: leadsAndAdmins(201),
        prepare: async () => ({
          categoryId: await idOf(
            await send(callers.admin, "POST", "/api/kb/categories", {
              slug: unique("category"),
              name: { en: "Billing" },
            }),
          ),
          slug: unique("section"),
        }),
        send: (who, { categoryId, slug }) =>
          send(who, "POST", "/api/kb/sections", { categoryId, slug, name: { en: "Invoices" } }),
        state: ({ categoryId }) => h.db.select().from(kbSections).where(eq(kbSections.categoryId, categoryId)),
      }),
      route<{ sectionId: string; slug: string }>({
        route: "POST /api/kb/articles",
        expected: everyStaffMember(201),
        prepare: async () => ({ sectionId: await newSection(), slug: unique("article") }),
        send: (who, { sectionId, slug }) =>
          send(who, "POST", "/api/kb/articles", {
            sectionId,
            translation: { locale: "en", slug, title: "Refunds", body: "Ask us." },
          }),
        state: ({ slug }) => h.db.select().from(kbArticleTranslations).where(eq(kbArticleTranslations.slug, slug)),
      }),
      route<{ articleId: string }>({
        route: "POST /api/kb/articles/{id}/translations/{locale}/publish",
        expected: everyStaffMember(200),
        prepare: async () => ({ articleId: await newArticle() }),
        send: (who, { articleId }) => send(who, "POST", `/api/kb/articles/${articleId}/translations/en/publish`),
        state: ({ articleId }) =>
          h.db.select().from(kbArticleTranslations).where(eq(kbArticleTranslations.articleId, articleId)),
      }),
      route({
        route: "POST /api/kb/reindex",
        expected: adminsOnly(202),
        send: (who) => send(who, "POST", "/api/kb/reindex"),
      }),
      route({
        route: "GET /api/kb/analytics",
        expected: leadsAndAdmins(200),
        send: (who) => send(who, "GET", `/api/kb/analytics?${period}`),
      }),
    ],
  },
  {
    family: "reports",
    cases: [
      route({
        route: "GET /api/reports/sla",
        expected: leadsAndAdmins(200),
        send: (who) => send(who, "GET", `/api/reports/sla?${period}`),
      }),
      route({
        route: "GET /api/reports/sla.csv",
        expected: leadsAndAdmins(200),
        send: (who) => send(who, "GET", `/api/reports/sla.csv?${period}`),
      }),
    ],
  },
  {
    family: "mail (outbox and inbound-mail admin pages)",
    cases: [
      route({ route: "GET /api/outbox", expected: adminsOnly(200), send: (who) => send(who, "GET", "/api/outbox") }),
      // Refused before it is looked up: only an admin learns that the mail does not exist.
      route({
        route: "GET /api/outbox/{unknown id}",
        expected: adminsOnly(404),
        send: (who) => send(who, "GET", "/api/outbox/oem_missing"),
      }),
      route({
        route: "GET /api/inbound-mail",
        expected: adminsOnly(200),
        send: (who) => send(who, "GET", "/api/inbound-mail"),
      }),
      route({
        route: "POST /api/inbound-mail/{unknown id}/release",
        expected: adminsOnly(404),
        send: (who) => send(who, "POST", "/api/inbound-mail/ind_missing/release"),
      }),
    ],
  },
  {
    family: "tickets of team B",
    cases: [
      route<{ ticket: TicketView }>({
        route: "GET /api/tickets/{id}",
        expected: ticketTeamOnly(200),
        prepare: teamBTicket,
        send: (who, { ticket }) => send(who, "GET", `/api/tickets/${ticket.id}`),
      }),
      route<{ ticket: TicketView }>({
        route: "PATCH /api/tickets/{id}",
        expected: ticketTeamOnly(200),
        prepare: teamBTicket,
        send: (who, { ticket }) =>
          send(who, "PATCH", `/api/tickets/${ticket.id}`, { priority: "urgent", teamId: teamA }),
        state: ({ ticket }) => h.db.select().from(tickets).where(eq(tickets.id, ticket.id)),
      }),
      route<{ ticket: TicketView }>({
        route: "POST /api/tickets/{id}/messages",
        expected: ticketTeamOnly(201),
        prepare: teamBTicket,
        send: (who, { ticket }) =>
          send(who, "POST", `/api/tickets/${ticket.id}/messages`, { body: "Looking into it.", internal: true }),
        state: ({ ticket }) => h.db.select({ id: messages.id }).from(messages).where(eq(messages.ticketId, ticket.id)),
      }),
    ],
  },
  {
    family: "customers (tickets in team B)",
    cases: [
      route({
        route: "GET /api/customers",
        expected: everyStaffMember(200),
        send: (who) => send(who, "GET", "/api/customers"),
      }),
      route<{ customer: CustomerView }>({
        route: "GET /api/customers/{id}",
        expected: everyStaffMember(200),
        prepare: teamBTicket,
        send: (who, { customer }) => send(who, "GET", `/api/customers/${customer.id}`),
      }),
      route<{ email: string }>({
        route: "POST /api/customers",
        expected: everyStaffMember(201),
        prepare: async () => ({ email: uniqueEmail("new") }),
        send: (who, { email }) => send(who, "POST", "/api/customers", { name: "New Customer", email }),
        state: ({ email }) => h.db.select().from(customerIdentities).where(eq(customerIdentities.value, email)),
      }),
      route<{ customer: CustomerView }>({
        route: "PATCH /api/customers/{id}: name and notes",
        expected: everyStaffMember(200),
        prepare: teamBTicket,
        send: (who, { customer }) =>
          send(who, "PATCH", `/api/customers/${customer.id}`, { name: "Renamed", notes: "Prefers phone" }),
        state: ({ customer }) => customerRow(customer.id),
      }),
      route<{ customer: CustomerView }>({
        route: "PATCH /api/customers/{id}: the form as it was (organization and flag unchanged)",
        expected: everyStaffMember(200),
        prepare: async () => {
          const org = await createOrganization(h.deps, systemActor, { name: unique("Org") });
          return teamBTicket({ organizationId: org.id });
        },
        send: (who, { customer }) =>
          send(who, "PATCH", `/api/customers/${customer.id}`, {
            name: "Same",
            notes: "",
            organizationId: customer.organization!.id,
            organizationAdmin: false,
          }),
        state: ({ customer }) => customerRow(customer.id),
      }),
      route<{ customer: CustomerView; email: string }>({
        route: "PATCH /api/customers/{id}: add an e-mail address",
        expected: statuses(401, 403, 200, 200, 200),
        prepare: async () => ({ ...(await teamBTicket()), email: uniqueEmail("added") }),
        send: (who, { customer, email }) =>
          send(who, "PATCH", `/api/customers/${customer.id}`, { addIdentities: [{ kind: "email", value: email }] }),
        state: ({ customer }) => identitiesOf(customer.id),
      }),
      route<{ customer: CustomerView }>({
        route: "PATCH /api/customers/{id}: add a phone number",
        expected: statuses(401, 403, 200, 200, 200),
        prepare: teamBTicket,
        send: (who, { customer }) =>
          send(who, "PATCH", `/api/customers/${customer.id}`, {
            addIdentities: [{ kind: "phone", value: `+1555${randomBytes(3).readUIntBE(0, 3)}` }],
          }),
        state: ({ customer }) => identitiesOf(customer.id),
      }),
      route<{ customer: CustomerView; organizationId: string }>({
        route: "PATCH /api/customers/{id}: move to another organization",
        expected: statuses(401, 403, 200, 200, 200),
        prepare: async () => ({
          ...(await teamBTicket()),
          organizationId: (await createOrganization(h.deps, systemActor, { name: unique("Org") })).id,
        }),
        send: (who, { customer, organizationId }) =>
          send(who, "PATCH", `/api/customers/${customer.id}`, { organizationId }),
        state: ({ customer }) => customerRow(customer.id),
      }),
      route<{ customer: CustomerView }>({
        route: "PATCH /api/customers/{id}: make organization admin",
        expected: leadsAndAdmins(200),
        prepare: async () =>
          teamBTicket({ organizationId: (await createOrganization(h.deps, systemActor, { name: unique("Org") })).id }),
        send: (who, { customer }) => send(who, "PATCH", `/api/customers/${customer.id}`, { organizationAdmin: true }),
        state: ({ customer }) => customerRow(customer.id),
      }),
      route<{ customer: CustomerView }>({
        route: "PATCH /api/customers/{id}: add an address to a customer without tickets",
        expected: everyStaffMember(200),
        prepare: async () => ({ customer: await createCustomer(h.deps, { name: unique("Quiet") }) }),
        send: (who, { customer }) =>
          send(who, "PATCH", `/api/customers/${customer.id}`, {
            addIdentities: [{ kind: "email", value: uniqueEmail("quiet") }],
          }),
        state: ({ customer }) => identitiesOf(customer.id),
      }),
      route<{ customer: CustomerView }>({
        // Their own ticket is team A's, but as an organization admin they read a colleague's team-B ticket too.
        route:
          "PATCH /api/customers/{id}: add an address to an organization admin (own ticket in team A, the organization's in team B)",
        expected: leadsAndAdmins(200),
        prepare: async () => {
          const org = await createOrganization(h.deps, systemActor, { name: unique("Org") });
          await teamBTicket({ organizationId: org.id });
          const { customer } = await teamBTicket({ organizationId: org.id, teamId: teamA });
          await send(callers.admin, "PATCH", `/api/customers/${customer.id}`, { organizationAdmin: true });
          return { customer };
        },
        send: (who, { customer }) =>
          send(who, "PATCH", `/api/customers/${customer.id}`, {
            addIdentities: [{ kind: "email", value: uniqueEmail("admin") }],
          }),
        state: ({ customer }) => identitiesOf(customer.id),
      }),
    ],
  },
  {
    family: "organizations",
    cases: [
      route({
        route: "GET /api/organizations",
        expected: everyStaffMember(200),
        send: (who) => send(who, "GET", "/api/organizations"),
      }),
      route<{ id: string }>({
        route: "GET /api/organizations/{id}",
        expected: everyStaffMember(200),
        prepare: async () => ({ id: (await createOrganization(h.deps, systemActor, { name: unique("Org") })).id }),
        send: (who, { id }) => send(who, "GET", `/api/organizations/${id}`),
      }),
      route<{ name: string }>({
        route: "POST /api/organizations",
        expected: leadsAndAdmins(201),
        prepare: async () => ({ name: unique("Org") }),
        send: (who, { name }) => send(who, "POST", "/api/organizations", { name }),
        state: ({ name }) => h.db.select().from(organizations).where(eq(organizations.name, name)),
      }),
      route<{ name: string }>({
        route: "POST /api/organizations with a domain",
        expected: adminsOnly(201),
        prepare: async () => ({ name: unique("Org") }),
        send: (who, { name }) => send(who, "POST", "/api/organizations", { name, domain: `${name}.example` }),
        state: ({ name }) => h.db.select().from(organizations).where(eq(organizations.name, name)),
      }),
      route<{ id: string }>({
        route: "PATCH /api/organizations/{id}: name and notes",
        expected: leadsAndAdmins(200),
        prepare: async () => ({
          id: (
            await createOrganization(h.deps, systemActor, { name: unique("Org"), domain: `${unique("org")}.example` })
          ).id,
        }),
        send: (who, { id }) =>
          send(who, "PATCH", `/api/organizations/${id}`, { name: unique("Renamed"), notes: "Key account" }),
        state: ({ id }) => h.db.select().from(organizations).where(eq(organizations.id, id)),
      }),
      route<{ id: string }>({
        route: "PATCH /api/organizations/{id}: domain",
        expected: adminsOnly(200),
        prepare: async () => ({ id: (await createOrganization(h.deps, systemActor, { name: unique("Org") })).id }),
        send: (who, { id }) => send(who, "PATCH", `/api/organizations/${id}`, { domain: `${unique("org")}.example` }),
        state: ({ id }) => h.db.select().from(organizations).where(eq(organizations.id, id)),
      }),
    ],
  },
];

async function newSection(): Promise<string> {
  const categoryId = await idOf(
    await send(callers.admin, "POST", "/api/kb/categories", { slug: unique("category"), name: { en: "Help" } }),
  );
  return idOf(
    await send(callers.admin, "POST", "/api/kb/sections", {
      categoryId,
      slug: unique("section"),
      name: { en: "Basics" },
    }),
  );
}

async function newArticle(): Promise<string> {
  const res = await send(callers.admin, "POST", "/api/kb/articles", {
    sectionId: await newSection(),
    translation: { locale: "en", slug: unique("article"), title: "Refunds", body: "Ask us." },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { article: { id: string } }).article.id;
}

describe.each(families.map((f) => [f.family, f.cases] as const))("%s", (_, cases) => {
  describe.each(cases.map((c) => [c.route, c] as const))("%s", (_, c) => {
    test.each(roles)("%s", async (role) => {
      const ctx = c.prepare ? await c.prepare() : undefined;
      const before = c.state ? await c.state(ctx) : undefined;
      const res = await c.send(callers[role], ctx);
      expect(res.status, await res.clone().text()).toBe(c.expected[role]);
      if (res.status >= 400 && c.state) expect(await c.state(ctx)).toEqual(before);
    });
  });
});

describe("the portal hole of #14", () => {
  test("an agent of team A can neither add their own address to a team-B customer nor make them an organization admin", async () => {
    const agentOfA = callers["agent of another team"]!;
    const org = await createOrganization(h.deps, systemActor, { name: unique("Org") });
    const { customer } = await teamBTicket({ organizationId: org.id });
    const identitiesBefore = await identitiesOf(customer.id);

    const addOwnAddress = await send(agentOfA, "PATCH", `/api/customers/${customer.id}`, {
      addIdentities: [{ kind: "email", value: agentOfA.email }],
    });
    expect(addOwnAddress.status).toBe(403);
    expect(await addOwnAddress.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    const makeAdmin = await send(agentOfA, "PATCH", `/api/customers/${customer.id}`, { organizationAdmin: true });
    expect(makeAdmin.status).toBe(403);
    // Nor both at once, nor hidden behind an allowed change: the whole request is refused.
    const both = await send(agentOfA, "PATCH", `/api/customers/${customer.id}`, {
      notes: "harmless",
      organizationAdmin: true,
      addIdentities: [{ kind: "email", value: agentOfA.email }],
    });
    expect(both.status).toBe(403);

    expect(await identitiesOf(customer.id)).toEqual(identitiesBefore);
    expect(await customerRow(customer.id)).toMatchObject([{ organizationAdmin: false, notes: "" }]);

    // So the agent's address still signs in as nobody: no sign-in link is made for it.
    expect((await send(null, "POST", "/api/portal/auth/link", { email: agentOfA.email, locale: "en" })).status).toBe(
      202,
    );
    await h.jobs.drain();
    expect(await h.db.select().from(customerLoginLinks).where(eq(customerLoginLinks.email, agentOfA.email))).toEqual(
      [],
    );
  });

  test("nor by way of a customer of their own: a new customer with their address cannot be made an organization admin", async () => {
    const agentOfA = callers["agent of another team"]!;
    const org = await createOrganization(h.deps, systemActor, { name: unique("Org") });
    await teamBTicket({ organizationId: org.id });
    const email = uniqueEmail("sockpuppet");
    const created = await send(agentOfA, "POST", "/api/customers", {
      name: "Sock Puppet",
      email,
      organizationId: org.id,
    });
    expect(created.status).toBe(201);
    const puppet = (await created.json()) as CustomerView;
    const res = await send(agentOfA, "PATCH", `/api/customers/${puppet.id}`, { organizationAdmin: true });
    expect(res.status).toBe(403);
    expect(await customerRow(puppet.id)).toMatchObject([{ organizationAdmin: false }]);
  });
});

describe("the use cases decide, whoever calls them", () => {
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date().toISOString();
  test.each([
    [
      "createChannel",
      (actor: StaffActor) =>
        createChannel({ ...h.deps, secrets: h.secrets }, actor, { kind: "web_chat", name: unique("Chat") }),
    ],
    ["createSlaPolicy", (actor: StaffActor) => createSlaPolicy(h.deps, actor, policyBody(unique("Policy")))],
    ["updateUser", (actor: StaffActor) => updateUser(h.deps, actor, actor.id, { role: "admin" })],
    ["addTeam", (actor: StaffActor) => addTeam(h.deps, actor, { name: unique("Team") })],
    ["listOutboundEmails", (actor: StaffActor) => listOutboundEmails(h.deps, actor, {})],
    ["requestKnowledgeBaseReindex", (actor: StaffActor) => requestKnowledgeBaseReindex(h.deps, actor)],
    ["getSlaReport", (actor: StaffActor) => getSlaReport(h.deps, actor, { from, to })],
    ["createOrganization", (actor: StaffActor) => createOrganization(h.deps, actor, { name: unique("Org") })],
  ] as const)("%s refuses an agent without any route in front of it", async (_, call) => {
    await expect(call(callers.agent!.actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
