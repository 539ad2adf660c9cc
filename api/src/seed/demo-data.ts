import {
  channels,
  customerIdentities,
  customers,
  messages,
  organizations,
  teams,
  users,
  type ChannelKind,
  type IdentityKind,
  type TicketPriority,
  type TicketStatus,
} from "@helpdesk/db";
import { count, eq, sql } from "drizzle-orm";
import { ticketSlaTargets } from "@helpdesk/db";
import { systemActor, type Actor, type StaffActor } from "../domain/actor.ts";
import { defaultApiChannelId, resolveTicketChannel } from "../domain/channels/default-channel.ts";
import type { Clock } from "../domain/clock.ts";
import { receiveCustomerMessage } from "../domain/conversations/receive-customer-message.ts";
import { createCustomer } from "../domain/customers/customers.ts";
import { hashPassword } from "../domain/auth/passwords.ts";
import type { DomainDeps } from "../domain/deps.ts";
import type { JobQueue } from "../domain/jobs.ts";
import type { EventBus } from "../domain/events.ts";
import { createOrganization } from "../domain/organizations/organizations.ts";
import { createTeam, createUser } from "../domain/staff/staff.ts";
import { createTicket } from "../domain/tickets/create-ticket.ts";
import { replyToTicket } from "../domain/tickets/reply-to-ticket.ts";
import { updateTicket } from "../domain/tickets/update-ticket.ts";
import { recomputeAllTicketSla } from "../domain/sla/check-sla-timer.ts";
import { createBusinessCalendar, createSlaPolicy } from "../domain/sla/sla-policies.ts";
import {
  demoLeadNotes,
  demoNudges,
  demoScenarios,
  demoThanks,
  demoWelcomes,
  type DemoScenario,
  type DemoTeamKey,
} from "./demo-scenarios.ts";

/**
 * The demo help desk seeded on first start: three teams, ten staff, ten organizations, fifty
 * customers, six channels and two hundred tickets with their threads over the past six weeks.
 * Everything is drawn from a seeded PRNG, so the demo reads the same on every fresh start; only the
 * dates move with the day it is seeded.
 *
 * Tickets go through the domain functions (createTicket, updateTicket, replyToTicket,
 * receiveCustomerMessage) with a clock set to each step's time, so numbers, statuses, response and
 * solve times and the audit trail are exactly what the product would have recorded. The whole seed
 * runs in one transaction: a crash leaves an empty database, which seeds again on the next start.
 */

export const demoAdmin = { email: "admin@example.com", password: "demo1234" };
const demoPassword = "demo1234";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Arbitrary, like the migration lock's: instances starting together on one empty database seed once.
const seedLockKey = 720_431_119;
/** How far back the tickets go. */
const HISTORY_DAYS = 42;
const TICKET_COUNT = 200;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast and good enough to make a demo look unplanned. */
class DemoRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<K extends string>(weights: Partial<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number | undefined][];
    return this.weightedBy(entries, ([, w]) => w ?? 0)[0];
  }

  weightedBy<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  digits(n: number): string {
    let out = String(this.int(1, 9));
    while (out.length < n) out += String(this.int(0, 9));
    return out;
  }

  hex(n: number): string {
    let out = "";
    while (out.length < n) out += this.int(0, 15).toString(16);
    return out;
  }

  /** A duration between min and max, skewed towards the short end, as response times are. */
  duration(min: number, max: number): number {
    return Math.round(min + (max - min) * this.next() ** 2);
  }
}

// ---------------------------------------------------------------------------------------------
// Who works here

const teamSpecs: Record<DemoTeamKey, { name: string; description: string }> = {
  tier1: { name: "Tier 1 Support", description: "First line: logins, orders, shipping and how-to questions." },
  billing: { name: "Billing", description: "Subscriptions, invoices, refunds and payouts." },
  technical: { name: "Technical", description: "Card readers, the register app, the API and integrations." },
};

interface StaffSpec {
  email: string;
  name: string;
  role: "admin" | "lead" | "agent";
  teams: DemoTeamKey[];
  /** How many tickets they take, relative to teammates. */
  load: number;
  signOff: string;
}

const staffSpecs: StaffSpec[] = [
  { email: demoAdmin.email, name: "Ada Admin", role: "admin", teams: [], load: 0, signOff: "Best," },
  {
    email: "lead@example.com",
    name: "Lena Park",
    role: "lead",
    teams: ["tier1", "billing", "technical"],
    load: 0.4,
    signOff: "Kind regards,",
  },
  { email: "priya@example.com", name: "Priya Shah", role: "agent", teams: ["tier1"], load: 3, signOff: "Best," },
  {
    email: "marcus@example.com",
    name: "Marcus Webb",
    role: "agent",
    teams: ["tier1", "billing"],
    load: 2.5,
    signOff: "Cheers,",
  },
  {
    email: "sofia@example.com",
    name: "Sofia Alvarez",
    role: "agent",
    teams: ["tier1"],
    load: 2,
    signOff: "Warm regards,",
  },
  {
    email: "hannah@example.com",
    name: "Hannah Okafor",
    role: "agent",
    teams: ["billing"],
    load: 3,
    signOff: "Kind regards,",
  },
  { email: "daniel@example.com", name: "Daniel Kim", role: "agent", teams: ["billing"], load: 1.5, signOff: "Thanks," },
  {
    email: "tomas@example.com",
    name: "Tomás Ribeiro",
    role: "agent",
    teams: ["technical"],
    load: 3,
    signOff: "Cheers,",
  },
  { email: "grace@example.com", name: "Grace Liu", role: "agent", teams: ["technical"], load: 2.5, signOff: "Best," },
  {
    email: "noah@example.com",
    name: "Noah Fischer",
    role: "agent",
    teams: ["technical", "tier1"],
    load: 1.5,
    signOff: "Thanks,",
  },
];

type DemoStaff = StaffActor & { spec: StaffSpec; first: string };

// ---------------------------------------------------------------------------------------------
// Who writes in

const plans = {
  Starter: "$29.00",
  Growth: "$79.00",
  Scale: "$199.00",
} as const;
type PlanName = keyof typeof plans;

interface OrganizationSpec {
  name: string;
  domain: string;
  plan: PlanName;
  size: number;
  notes: string;
  vip?: boolean;
  /** Has developers on our API. */
  developers?: boolean;
}

const organizationSpecs: OrganizationSpec[] = [
  {
    name: "Northwind Traders",
    domain: "northwind.example",
    plan: "Scale",
    size: 6,
    vip: true,
    developers: true,
    notes: "Wholesale and retail, four locations. Quarterly business review with Lena.",
  },
  {
    name: "Maple Street Bakery",
    domain: "maplestreet.example",
    plan: "Growth",
    size: 5,
    notes: "Two bakeries and a weekend market stall. Busiest Saturday mornings.",
  },
  {
    name: "Greenway Grocers",
    domain: "greenway.example",
    plan: "Scale",
    size: 5,
    vip: true,
    developers: true,
    notes: "Syncs inventory with their online store through the API.",
  },
  {
    name: "Bluefin Poke Co.",
    domain: "bluefinpoke.example",
    plan: "Growth",
    size: 4,
    notes: "Three sites, lunch rush 11:30 to 14:00. Prefers WhatsApp.",
  },
  {
    name: "Orbital Coffee Roasters",
    domain: "orbitalcoffee.example",
    plan: "Growth",
    size: 4,
    developers: true,
    notes: "Custom storefront built on our API and webhooks.",
  },
  {
    name: "Copperleaf Brewing",
    domain: "copperleaf.example",
    plan: "Scale",
    size: 4,
    vip: true,
    developers: true,
    notes: "Taproom plus events. Uses SSO for staff logins.",
  },
  {
    name: "Harbor & Pine Outfitters",
    domain: "harborpine.example",
    plan: "Growth",
    size: 3,
    notes: "Outdoor gear, seasonal staff in summer.",
  },
  {
    name: "Kestrel Cycles",
    domain: "kestrelcycles.example",
    plan: "Starter",
    size: 3,
    notes: "Bike shop and repairs.",
  },
  { name: "Cedar & Sage Spa", domain: "cedarsage.example", plan: "Starter", size: 2, notes: "" },
  {
    name: "Lumen Books",
    domain: "lumenbooks.example",
    plan: "Starter",
    size: 2,
    notes: "Independent bookshop, two owners share the account.",
  },
];
const independentCustomers = 12;
/** The help-centre password of the first Northwind Traders contact (an organization admin). */
export const demoPortalPassword = "demo1234";

const firstNames = [
  "Olivia",
  "Liam",
  "Amara",
  "Mateo",
  "Chloe",
  "Ethan",
  "Zara",
  "Lucas",
  "Maya",
  "Samuel",
  "Aisha",
  "Jonas",
  "Elena",
  "Kwame",
  "Fatima",
  "Oscar",
  "Isabel",
  "Ravi",
  "Nora",
  "Felix",
  "Yuki",
  "Diego",
  "Leah",
  "Arjun",
  "Chiara",
  "Ben",
  "Ingrid",
  "Tariq",
  "Rosa",
  "Jamal",
  "Mei",
  "Patrick",
  "Ana",
  "Viktor",
  "Sara",
  "Hugo",
  "Nadia",
  "Owen",
  "Camille",
  "Emeka",
  "Julia",
  "Theo",
  "Lucia",
  "Kenji",
  "Freya",
  "Andre",
  "Ruth",
  "Malik",
  "Sienna",
  "Pablo",
];
const lastNames = [
  "Bennett",
  "Nakamura",
  "Okonkwo",
  "García",
  "Fitzgerald",
  "Moreau",
  "Haddad",
  "Lindgren",
  "Patel",
  "Rossi",
  "Novak",
  "O'Brien",
  "Mensah",
  "Castillo",
  "Schmidt",
  "Sullivan",
  "Kowalski",
  "Reyes",
  "Andersson",
  "Mahmoud",
  "Brooks",
  "Ivanova",
  "Tanaka",
  "Dubois",
  "Murphy",
  "Hughes",
  "Costa",
  "Weber",
  "Singh",
  "Adeyemi",
  "Morales",
  "Jensen",
  "Chen",
  "Walsh",
  "Ferreira",
  "Nguyen",
  "Bauer",
  "Kaur",
  "Romano",
  "Delgado",
  "Osei",
  "Larsen",
  "Carter",
  "Yilmaz",
  "Svensson",
  "Ortiz",
  "Abbott",
  "Quinn",
  "Harper",
  "Vance",
];
const soleTraderKinds = [
  "Flowers",
  "Coffee Cart",
  "Barbershop",
  "Studio",
  "Bike Repair",
  "Food Truck",
  "Candles",
  "Ceramics",
  "Tailoring",
  "Records",
];
const areaCodes = ["212", "312", "415", "503", "617", "720", "206", "512"];

interface DemoCustomer {
  id: string;
  first: string;
  last: string;
  name: string;
  email: string;
  business: string;
  plan: PlanName;
  vip: boolean;
  developer: boolean;
  kinds: Set<IdentityKind>;
  /** How often they write in, relative to others. */
  activity: number;
}

// ---------------------------------------------------------------------------------------------
// Where they write in

type ChannelKey = "email" | "web_chat" | "whatsapp" | "telegram" | "portal" | "api";

const channelSpecs: {
  key: Exclude<ChannelKey, "api">;
  id: string;
  kind: ChannelKind;
  name: string;
  address: string;
  settings: Record<string, unknown>;
}[] = [
  {
    key: "email",
    id: "chn_demo_email",
    kind: "email",
    name: "Support email",
    address: "support@example.com",
    settings: { signature: "The Support Team" },
  },
  {
    key: "web_chat",
    id: "chn_demo_web_chat",
    kind: "web_chat",
    name: "Website chat",
    address: "https://www.example.com",
    settings: { greeting: "Hi! How can we help?", color: "#2563eb" },
  },
  {
    key: "whatsapp",
    id: "chn_demo_whatsapp",
    kind: "whatsapp",
    name: "WhatsApp",
    address: "+15555550100",
    settings: {},
  },
  {
    key: "telegram",
    id: "chn_demo_telegram",
    kind: "telegram",
    name: "Telegram bot",
    address: "@ExampleSupportBot",
    settings: {},
  },
  {
    key: "portal",
    id: "chn_demo_portal",
    kind: "portal",
    name: "Help center",
    address: "https://help.example.com",
    settings: {},
  },
];
const channelIds: Record<ChannelKey, string> = {
  email: "chn_demo_email",
  web_chat: "chn_demo_web_chat",
  whatsapp: "chn_demo_whatsapp",
  telegram: "chn_demo_telegram",
  portal: "chn_demo_portal",
  api: defaultApiChannelId,
};
const channelWeights: Record<ChannelKey, number> = {
  email: 42,
  web_chat: 18,
  whatsapp: 11,
  telegram: 5,
  portal: 14,
  api: 10,
};
const developerChannelWeights: Partial<Record<ChannelKey, number>> = { email: 6, portal: 3, web_chat: 1 };
const chatChannels = new Set<ChannelKey>(["web_chat", "whatsapp", "telegram"]);
/** Which identity a customer needs to write in on a channel. */
const channelIdentity: Partial<Record<ChannelKey, IdentityKind>> = { whatsapp: "whatsapp", telegram: "telegram" };

// ---------------------------------------------------------------------------------------------
// The seed

/** Seeds the demo help desk. Run on an empty database only (server.ts checks for users first). */
export async function seedDemoData(deps: DomainDeps) {
  const now = deps.clock.now();
  const startedAt = Date.now();
  const seed = 0x5eed_2024;
  const random = new DemoRandom(seed);

  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${seedLockKey})`);
    const [anyUser] = await tx.select({ id: users.id }).from(users).limit(1);
    if (anyUser) return { skipped: "another instance seeded the database first" };

    // Nobody is connected yet: no realtime pushes, no notification jobs for two hundred tickets.
    const silentJobs: JobQueue = { enqueue: async () => {}, within: () => silentJobs };
    const silentEvents: EventBus = { emit: async () => {}, within: () => silentEvents };
    const base: DomainDeps = { db: tx, jobs: silentJobs, events: silentEvents, clock: deps.clock };
    const at = (time: number): DomainDeps => ({ ...base, clock: fixedClock(time) });

    // Teams first, so staff can join them as they are created.
    const teamIds = {} as Record<DemoTeamKey, string>;
    for (const [key, spec] of Object.entries(teamSpecs) as [DemoTeamKey, (typeof teamSpecs)[DemoTeamKey]][]) {
      teamIds[key] = (await createTeam(base, { name: spec.name, description: spec.description })).id;
    }

    const staff: DemoStaff[] = [];
    for (const spec of staffSpecs) {
      const user = await createUser(base, {
        email: spec.email,
        name: spec.name,
        role: spec.role,
        password: demoPassword,
        teamIds: spec.teams.map((t) => teamIds[t]),
      });
      staff.push({
        kind: "user",
        id: user.id,
        role: user.role,
        name: user.name,
        teamIds: user.teamIds,
        spec,
        first: spec.name.split(" ")[0]!,
      });
    }
    const lead = staff.find((s) => s.role === "lead")!;
    const membersOf = (team: DemoTeamKey) => staff.filter((s) => s.spec.teams.includes(team) && s.spec.load > 0);

    // Channels: one row per inbox. The API channel is the built-in one tickets fall back to.
    const channelsSince = new Date(now.getTime() - (HISTORY_DAYS + 30) * DAY);
    await tx.insert(channels).values(
      channelSpecs.map((c) => ({
        id: c.id,
        kind: c.kind,
        name: c.name,
        address: c.address,
        settings: c.settings,
        createdAt: channelsSince,
        updatedAt: channelsSince,
      })),
    );
    await resolveTicketChannel(tx, undefined);

    const customersList = await seedCustomers(base, random);

    // Ticket arrival times: weekdays busier than weekends, office hours busier than nights. They
    // depend on today's date, so they draw from their own stream: ticket N reads the same whenever
    // the demo is seeded, only its dates (and so how far along it is) change.
    const arrivalRandom = new DemoRandom(seed ^ 0xa11);
    const arrivals: number[] = [];
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    while (arrivals.length < TICKET_COUNT) {
      const daysBack = Math.floor(HISTORY_DAYS * arrivalRandom.next() ** 1.6);
      const day = today - daysBack * DAY;
      const weekday = new Date(day).getUTCDay();
      if ((weekday === 0 || weekday === 6) && !arrivalRandom.chance(0.35)) continue;
      const hour = 6 + ((arrivalRandom.next() + arrivalRandom.next() + arrivalRandom.next()) / 3) * 15;
      const time = Math.round(day + hour * HOUR + arrivalRandom.int(0, 59) * 1000);
      if (time > now.getTime() - 20 * MINUTE) continue;
      arrivals.push(time);
    }
    arrivals.sort((a, b) => a - b);

    const byStatus: Record<TicketStatus, number> = { new: 0, open: 0, pending: 0, on_hold: 0, solved: 0, closed: 0 };
    for (const [i, arrival] of arrivals.entries()) {
      const plan = planTicket(new DemoRandom(seed + 1 + i), arrival, now.getTime(), customersList, lead, membersOf);
      const status = await runTicket(plan, at, teamIds);
      byStatus[status] += 1;
    }

    // Staff, teams and customers existed before the six weeks of tickets; date them so. Their rows
    // were stamped by the database's now(), so shift from the real time, not from deps.clock.
    const shift = sql`${Date.now() - channelsSince.getTime()} * interval '1 millisecond'`;
    for (const table of [users, teams, organizations, customers] as const) {
      await tx
        .update(table)
        .set({ createdAt: sql`${table.createdAt} - ${shift}`, updatedAt: sql`${table.updatedAt} - ${shift}` });
    }
    await tx.update(customerIdentities).set({ createdAt: sql`${customerIdentities.createdAt} - ${shift}` });
    // The demo's e-mail replies belong to the past: delivered then, not waiting for the (silenced) send job now.
    await tx
      .update(messages)
      .set({ deliveryStatus: "sent", sentAt: sql`${messages.createdAt}` })
      .where(eq(messages.deliveryStatus, "queued"));

    // SLA: a default policy around the clock, and office hours for the Billing team. Set up after the
    // history is written, then every ticket that is not closed gets its targets as of now.
    const weekdays = (start: string, end: string) => ({
      1: [{ start, end }],
      2: [{ start, end }],
      3: [{ start, end }],
      4: [{ start, end }],
      5: [{ start, end }],
      6: [],
      7: [],
    });
    const allDay = [{ start: "00:00", end: "24:00" }];
    const aroundTheClock = await createBusinessCalendar(base, systemActor, {
      name: "Around the clock",
      timeZone: "UTC",
      weekly: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay },
      holidays: [],
    });
    const billingHours = await createBusinessCalendar(base, systemActor, {
      name: "Billing office (London)",
      timeZone: "Europe/London",
      weekly: weekdays("09:00", "17:30"),
      holidays: ["2026-12-25", "2026-12-28", "2027-01-01"],
    });
    await createSlaPolicy(base, systemActor, {
      name: "Billing (office hours)",
      conditions: { teamIds: [teamIds.billing] },
      calendarId: billingHours.id,
      pauseOnHold: true,
      warnAtPercent: 75,
      targets: {
        urgent: { firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 8 * 60 },
        high: { firstResponseMinutes: 4 * 60, nextResponseMinutes: 4 * 60, resolutionMinutes: 2 * 8 * 60 },
        normal: { firstResponseMinutes: 8 * 60, nextResponseMinutes: 8 * 60, resolutionMinutes: 5 * 8 * 60 },
        low: { firstResponseMinutes: 2 * 8 * 60, resolutionMinutes: 10 * 8 * 60 },
      },
      escalation: { addTag: "sla-breached", assignToLead: true },
    });
    await createSlaPolicy(base, systemActor, {
      name: "Default",
      calendarId: aroundTheClock.id,
      pauseOnHold: true,
      warnMinutesBefore: 30,
      targets: {
        urgent: { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 8 * 60 },
        high: { firstResponseMinutes: 4 * 60, nextResponseMinutes: 2 * 60, resolutionMinutes: 24 * 60 },
        normal: { firstResponseMinutes: 8 * 60, nextResponseMinutes: 4 * 60, resolutionMinutes: 48 * 60 },
        low: { firstResponseMinutes: 24 * 60, nextResponseMinutes: 12 * 60, resolutionMinutes: 5 * 24 * 60 },
      },
      escalation: { addTag: "sla-breached", raisePriority: true },
    });
    await recomputeAllTicketSla({ ...base, clock: { now: () => new Date(now) } });
    // The demo's past breaches happened before anyone was watching: no escalation storm on first start.
    await tx
      .update(ticketSlaTargets)
      .set({
        breachRecordedAt: sql`${ticketSlaTargets.breachedAt}`,
        warnedForDueAt: sql`${ticketSlaTargets.dueAt}`,
        nextTimerAt: null,
      })
      .where(eq(ticketSlaTargets.state, "breached"));

    const [messageCount] = await tx.select({ n: count() }).from(messages);
    return {
      admin: demoAdmin.email,
      staff: staff.length,
      teams: Object.keys(teamIds).length,
      organizations: organizationSpecs.length,
      customers: customersList.length,
      channels: channelSpecs.length + 1,
      tickets: arrivals.length,
      messages: messageCount?.n ?? 0,
      byStatus,
      ms: Date.now() - startedAt,
    };
  });
}

function fixedClock(time: number): Clock {
  const date = new Date(time);
  return { now: () => new Date(date) };
}

function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

async function seedCustomers(deps: DomainDeps, random: DemoRandom): Promise<DemoCustomer[]> {
  const total = organizationSpecs.reduce((n, o) => n + o.size, 0) + independentCustomers;
  const firsts = random.shuffle(firstNames).slice(0, total);
  const lasts = random.shuffle(lastNames).slice(0, total);
  const people = firsts.map((first, i) => ({ first, last: lasts[i]! }));
  const out: DemoCustomer[] = [];
  let phoneSeq = 0;

  const addCustomer = async (
    person: { first: string; last: string },
    org: (OrganizationSpec & { id: string }) | null,
  ) => {
    const email = org
      ? `${asciiSlug(person.first)}.${asciiSlug(person.last)}@${org.domain}`
      : `${asciiSlug(person.first)}${random.chance(0.5) ? `.${asciiSlug(person.last)}` : asciiSlug(person.last).slice(0, 1) + random.int(1, 99)}@${random.pick(["example.net", "example.org"])}`;
    const identities: { kind: IdentityKind; value: string }[] = [];
    if (random.chance(0.45)) {
      phoneSeq += 1;
      const us = random.chance(0.75);
      const phone = us
        ? `+1${random.pick(areaCodes)}55501${String(phoneSeq).padStart(2, "0")}`
        : `+447700900${String(100 + phoneSeq).padStart(3, "0")}`;
      identities.push({ kind: "phone", value: phone });
      if (random.chance(0.6)) identities.push({ kind: "whatsapp", value: phone });
    }
    if (random.chance(0.14))
      identities.push({ kind: "telegram", value: `@${asciiSlug(person.first)}_${asciiSlug(person.last).slice(0, 4)}` });
    if (random.chance(0.35)) identities.push({ kind: "chat_visitor", value: `vis_${random.hex(16)}` });
    const business = org?.name ?? `${person.first}'s ${random.pick(soleTraderKinds)}`;
    const notes =
      org?.vip && random.chance(0.4)
        ? `Key contact at ${org.name}.`
        : identities.some((i) => i.kind === "whatsapp") && random.chance(0.3)
          ? "Prefers WhatsApp."
          : "";
    const view = await createCustomer(deps, {
      name: `${person.first} ${person.last}`,
      email,
      organizationId: org?.id ?? null,
      notes,
      identities,
    });
    out.push({
      id: view.id,
      first: person.first,
      last: person.last,
      name: view.name,
      email,
      business,
      plan: org?.plan ?? random.pick<PlanName>(["Starter", "Starter", "Growth"]),
      vip: org?.vip ?? false,
      developer: org?.developers ?? false,
      kinds: new Set<IdentityKind>(["email", ...identities.map((i) => i.kind)]),
      activity: 0.5 + 4 * random.next() ** 3,
    });
  };

  let next = 0;
  for (const [index, spec] of organizationSpecs.entries()) {
    const org = await createOrganization(deps, systemActor, {
      name: spec.name,
      domain: spec.domain,
      notes: spec.notes,
    });
    for (let i = 0; i < spec.size; i++) await addCustomer(people[next++]!, { ...spec, id: org.id });
    // The first contact of the larger organizations sees all of its tickets in the portal; the very first one
    // also has a portal password, so the demo can be signed in to without reading the outbox.
    if (spec.size >= 4) {
      const first = out[out.length - spec.size]!;
      await deps.db
        .update(customers)
        .set({
          organizationAdmin: true,
          ...(index === 0 ? { passwordHash: await hashPassword(demoPortalPassword) } : {}),
        })
        .where(eq(customers.id, first.id));
    }
  }
  while (next < people.length) await addCustomer(people[next++]!, null);
  return out;
}

// ---------------------------------------------------------------------------------------------
// One ticket's life

type Step =
  | { kind: "create" }
  | { kind: "customer"; body: string }
  | {
      kind: "assign";
      actor: StaffActor;
      assignee: StaffActor;
      team?: DemoTeamKey;
      tags?: string[];
      customFields?: Record<string, string>;
    }
  | { kind: "bump"; actor: StaffActor; priority: TicketPriority }
  | { kind: "note"; actor: StaffActor; body: string }
  | { kind: "reply"; actor: StaffActor; body: string; status: Exclude<TicketStatus, "new" | "closed"> }
  | { kind: "close"; actor: StaffActor };

interface TicketPlan {
  subject: string;
  body: string;
  channel: ChannelKey;
  customer: DemoCustomer;
  creator: Actor;
  priority: TicketPriority;
  tags: string[];
  customFields: Record<string, string>;
  /** The team the ticket arrives in (null: the shared queue). */
  team: DemoTeamKey | null;
  status: TicketStatus;
  steps: { at: number; step: Step }[];
}

/** What the ticket should look like today, given how long ago it came in. */
function statusForAge(random: DemoRandom, ageDays: number): TicketStatus {
  if (ageDays < 0.5) return random.weighted<TicketStatus>({ new: 55, open: 28, pending: 10, solved: 7 });
  if (ageDays < 2) return random.weighted<TicketStatus>({ new: 14, open: 32, pending: 24, on_hold: 6, solved: 24 });
  if (ageDays < 5) return random.weighted<TicketStatus>({ new: 3, open: 20, pending: 20, on_hold: 10, solved: 47 });
  if (ageDays < 10) return random.weighted<TicketStatus>({ open: 8, pending: 10, on_hold: 10, solved: 22, closed: 50 });
  return random.weighted<TicketStatus>({ open: 3, pending: 2, on_hold: 3, closed: 92 });
}

const priorityOrder: TicketPriority[] = ["low", "normal", "high", "urgent"];
const pickupDelay: Record<TicketPriority, [number, number]> = {
  urgent: [4 * MINUTE, 30 * MINUTE],
  high: [10 * MINUTE, 2 * HOUR],
  normal: [20 * MINUTE, 6 * HOUR],
  low: [1 * HOUR, 14 * HOUR],
};
const carriers = ["UPS", "FedEx", "DHL", "USPS"];
const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const devices = ["Terminal S2", "Terminal S2", "Terminal Mini", "RP-80 receipt printer", "BS-2 barcode scanner"];

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new Error(`demo seed: no value for {${key}} in "${template.slice(0, 60)}"`);
    return value;
  });
}

/** "Hi, my order hasn't arrived yet. Tracking..." → "My order hasn't arrived yet": how chat tickets get their subject. */
function chatSubject(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s|\n/)[0]!.replace(/[.!]+$/, "");
  const withoutGreeting = sentence.replace(/^(hi|hello|hey|hi there)[,!]?\s+/i, "");
  const subject = withoutGreeting.charAt(0).toUpperCase() + withoutGreeting.slice(1);
  return subject.length > 80 ? `${subject.slice(0, 77).trimEnd()}...` : subject;
}

function planTicket(
  random: DemoRandom,
  arrival: number,
  now: number,
  customersList: DemoCustomer[],
  lead: DemoStaff,
  membersOf: (team: DemoTeamKey) => DemoStaff[],
): TicketPlan {
  const scenario: DemoScenario = random.weightedBy(demoScenarios, (s) => s.weight);
  const story = random.pick(scenario.stories);
  const channel = random.weighted<ChannelKey>(scenario.developers ? developerChannelWeights : channelWeights);
  const needs = channelIdentity[channel];
  const pool = customersList.filter(
    (c) =>
      (!needs || c.kinds.has(needs)) &&
      (channel !== "web_chat" || c.kinds.has("chat_visitor") || random.chance(0.3)) &&
      (!scenario.developers || c.developer || random.chance(0.1)),
  );
  const customer = random.weightedBy(pool.length > 0 ? pool : customersList, (c) => c.activity);
  const isChat = chatChannels.has(channel);
  const status = statusForAge(random, (now - arrival) / DAY);
  let priority = random.weighted(scenario.priorities);
  if (customer.vip && priority === "normal" && random.chance(0.2)) priority = "high";

  // The people on it: an assignee from the owning team; sometimes Tier 1 looks first.
  const viaTier1 = scenario.viaTier1 !== undefined && random.chance(0.45);
  const owner = random.weightedBy(membersOf(scenario.team), (s) => s.spec.load);
  const triage = viaTier1 ? random.weightedBy(membersOf("tier1"), (s) => s.spec.load) : owner;
  const arrivesIn: DemoTeamKey = viaTier1 ? "tier1" : scenario.team;

  const vars = ticketVars(random, arrival, customer);
  const agentText = (actor: DemoStaff, text: string, first: boolean) => {
    const body = fill(text, vars);
    if (isChat) return first ? `Hi ${customer.first}, ${actor.first} here. ${body}` : body;
    return `Hi ${customer.first},\n\n${body}\n\n${actor.spec.signOff}\n${actor.first}`;
  };
  const customerText = (text: string, opening: boolean) => {
    const body = fill(text, vars);
    if (isChat) return body;
    if (opening) {
      const signature = random.pick([
        `Thanks,\n${customer.first}`,
        `Best regards,\n${customer.first} ${customer.last}\n${customer.business}`,
        customer.first,
        `Thank you!\n${customer.first}`,
      ]);
      return `${body}\n\n${signature}`;
    }
    return random.chance(0.5) ? `${body}\n\n${customer.first}` : body;
  };

  const opening = random.pick(isChat ? story.chat : story.email);
  const subject = isChat ? chatSubject(fill(opening, vars)) : fill(random.pick(story.subjects), vars);
  const body = customerText(opening, true);
  const customFields = Object.fromEntries(Object.entries(scenario.fields ?? {}).map(([k, v]) => [k, fill(v, vars)]));

  const tags = [...scenario.tags];
  if (customer.vip) tags.push("vip");
  if (scenario.key === "refund" && random.chance(0.4)) tags.push("churn-risk");
  if ((scenario.key === "how-to" || scenario.key === "password-reset") && random.chance(0.15)) tags.push("kb-gap");

  // The thread as gaps between steps; laid out in time below.
  const steps: { gap: number; step: Step }[] = [{ gap: 0, step: { kind: "create" } }];
  const add = (gap: number, step: Step) => steps.push({ gap, step });
  let firstAgentMessage = true;
  const reply = (text: string, replyStatus: Exclude<TicketStatus, "new" | "closed">, gap: number) => {
    add(gap, { kind: "reply", actor: owner, body: agentText(owner, text, firstAgentMessage), status: replyStatus });
    firstAgentMessage = false;
  };
  const unusedNotes = [...story.notes];
  const note = (gap: number, text?: string) => {
    const byLead = text === undefined && random.chance(0.15);
    if (text === undefined && !byLead && unusedNotes.length === 0) return;
    const body =
      text ?? (byLead ? random.pick(demoLeadNotes) : unusedNotes.splice(random.int(0, unusedNotes.length - 1), 1)[0]!);
    add(gap, { kind: "note", actor: byLead ? lead : owner, body: fill(body, vars) });
  };
  const nudge = (gap: number) => add(gap, { kind: "customer", body: random.pick(demoNudges) });
  const soon = () => random.duration(5 * MINUTE, 45 * MINUTE);
  const later = () => random.duration(10 * MINUTE, 5 * HOUR);
  const customerLater = () => random.duration(30 * MINUTE, 20 * HOUR);

  if (status === "new") {
    if (random.chance(0.35)) nudge(random.duration(1 * HOUR, 8 * HOUR));
  } else {
    if ((status === "pending" || status === "open") && random.chance(0.2))
      nudge(random.duration(20 * MINUTE, 3 * HOUR));
    // Mostly agents pick tickets up themselves; sometimes the lead hands them out.
    const [minPickup, maxPickup] = pickupDelay[priority];
    add(random.duration(minPickup, maxPickup), {
      kind: "assign",
      actor: random.chance(0.15) ? lead : triage,
      assignee: triage,
      tags,
      customFields,
    });
    if (viaTier1) {
      add(random.duration(10 * MINUTE, 40 * MINUTE), { kind: "note", actor: triage, body: scenario.viaTier1! });
      add(random.duration(1 * MINUTE, 3 * MINUTE), {
        kind: "assign",
        actor: triage,
        assignee: owner,
        team: scenario.team,
      });
    }
    const rank = priorityOrder.indexOf(priority);
    if (rank < 3 && random.chance(0.08))
      add(random.duration(5 * MINUTE, 2 * HOUR), { kind: "bump", actor: lead, priority: priorityOrder[rank + 1]! });

    switch (status) {
      case "open":
        if (random.chance(0.3)) note(soon());
        reply(story.ask, "pending", soon());
        add(customerLater(), { kind: "customer", body: customerText(story.answer, false) });
        if (random.chance(0.25)) note(later());
        break;
      case "pending":
        if (random.chance(0.3)) note(soon());
        reply(story.ask, "pending", soon());
        break;
      case "on_hold":
        note(soon(), scenario.hold.note);
        reply(scenario.hold.message, "on_hold", random.duration(2 * MINUTE, 20 * MINUTE));
        // On-hold tickets stay on hold when the customer writes; the agent is waiting on someone else.
        if (random.chance(0.35)) nudge(random.duration(1 * DAY, 3 * DAY));
        break;
      case "solved":
      case "closed":
        if (story.direct && random.chance(0.35)) {
          if (random.chance(0.3)) note(soon());
          reply(story.direct, "solved", soon());
        } else {
          reply(story.ask, "pending", soon());
          add(customerLater(), { kind: "customer", body: customerText(story.answer, false) });
          if (random.chance(0.4)) note(later());
          reply(story.fix, "solved", later());
        }
        if (random.chance(0.25)) {
          add(random.duration(10 * MINUTE, 5 * HOUR), { kind: "customer", body: random.pick(demoThanks) });
          reply(random.pick(demoWelcomes), "solved", random.duration(5 * MINUTE, 90 * MINUTE));
        }
        if (status === "closed") add(random.duration(3 * DAY, 5 * DAY), { kind: "close", actor: owner });
        break;
    }
  }

  return {
    subject,
    body,
    channel,
    customer,
    creator: channel === "api" && random.chance(0.6) ? triage : { kind: "system" },
    priority,
    // Help-center forms ask for a topic and the order or invoice; other channels leave that to the agent.
    tags: channel === "portal" ? scenario.tags.slice(0, 1) : [],
    customFields: channel === "portal" ? customFields : {},
    team: status === "new" && random.chance(0.5) ? null : arrivesIn,
    status,
    steps: layOut(random, steps, arrival, now),
  };
}

/** Office hours for staff actions (UTC): customers write any time, agents answer in the daytime. */
const workday = { start: 7, end: 20 };

/**
 * Turns gaps into times. Staff actions that would fall at night move to the next morning; a thread
 * that would end in the future is squeezed into the time there was.
 */
function layOut(random: DemoRandom, steps: { gap: number; step: Step }[], arrival: number, now: number) {
  let time = arrival;
  const times = steps.map(({ gap, step }) => {
    time += gap;
    if (step.kind !== "create" && step.kind !== "customer") {
      const day = Math.floor(time / DAY) * DAY;
      const hour = (time - day) / HOUR;
      if (hour < workday.start) time = day + workday.start * HOUR + random.duration(0, 90 * MINUTE);
      else if (hour >= workday.end) time = day + DAY + workday.start * HOUR + random.duration(0, 90 * MINUTE);
    }
    return time;
  });
  const latest = now - 5 * MINUTE;
  const end = times[times.length - 1]!;
  const scale = end > latest ? (latest - arrival) / (end - arrival) : 1;
  // A second apart at least, so the thread keeps its order even when squeezed.
  return steps.map(({ step }, i) => ({ at: arrival + Math.round((times[i]! - arrival) * scale) + i * 1000, step }));
}

function ticketVars(random: DemoRandom, arrival: number, customer: DemoCustomer): Record<string, string> {
  const carrier = random.pick(carriers);
  const descriptor = customer.business
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, "")
    .replace(/\s+/g, " ");
  return {
    first: customer.first,
    email: customer.email,
    business: customer.business,
    businessUpper: descriptor.length <= 22 ? descriptor : descriptor.slice(0, 22).replace(/\s+\S*$/, ""),
    plan: customer.plan,
    planPrice: plans[customer.plan],
    amount: `$${random.pick([49, 79, 129, 158, 199, 249, 312, 480, 645, 1_180, 2_340]).toLocaleString("en-US")}.${random.pick(["00", "00", "50", "95"])}`,
    shippingFee: random.pick(["$14.95", "$19.95", "$24.00"]),
    device: random.pick(devices),
    order: `#${random.int(41_000, 58_999)}`,
    orderDay: weekdays[new Date(arrival - random.int(2, 9) * DAY).getUTCDay()]!,
    orderMonth: months[new Date(arrival - random.int(3, 8) * 30 * DAY).getUTCMonth()]!,
    carrier,
    tracking:
      carrier === "UPS"
        ? `1Z${random.hex(6).toUpperCase()}03${random.digits(8)}`
        : carrier === "USPS"
          ? `9400${random.digits(18)}`
          : random.digits(12),
    days: String(random.int(3, 8)),
    ref: `${random.pick(["ENG", "OPS", "PAY", "LOG"])}-${random.int(1_200, 4_999)}`,
    serial: `S2-${random.digits(4)}-${random.digits(5)}`,
    invoice: `INV-${random.digits(5)}`,
    last4: random.digits(4),
    vat: random.digits(9),
    payoutDay: weekdays[new Date(arrival - random.int(1, 4) * DAY).getUTCDay()]!,
    endpoint: random.pick([
      "/v2/orders",
      "/v2/payments",
      "/v2/catalog/items",
      "/v2/inventory/adjustments",
      "/v2/customers",
    ]),
    reqId: random.hex(20),
    count: String(random.int(2, 5)),
    location: random.pick([
      "the front counter",
      "our second location",
      "the market stall",
      "the bar",
      "the warehouse counter",
    ]),
    browser: random.pick(["Chrome", "Safari", "Firefox", "Edge"]),
  };
}

async function runTicket(
  plan: TicketPlan,
  at: (time: number) => DomainDeps,
  teamIds: Record<DemoTeamKey, string>,
): Promise<TicketStatus> {
  let ticketId = "";
  let status: TicketStatus = "new";
  for (const { at: time, step } of plan.steps) {
    const deps = at(time);
    switch (step.kind) {
      case "create": {
        const ticket = await createTicket(deps, plan.creator, {
          subject: plan.subject,
          body: plan.body,
          customer: { email: plan.customer.email, name: plan.customer.name },
          priority: plan.priority,
          channelId: channelIds[plan.channel],
          teamId: plan.team ? teamIds[plan.team] : null,
          tags: plan.tags,
          customFields: plan.customFields,
        });
        ticketId = ticket.id;
        status = ticket.status;
        break;
      }
      case "customer":
        status = (await receiveCustomerMessage(deps, { ticketId, body: step.body })).ticket.status;
        break;
      case "assign":
        status = (
          await updateTicket(deps, step.actor, ticketId, {
            assigneeId: step.assignee.id,
            ...(step.team ? { teamId: teamIds[step.team] } : {}),
            ...(step.tags ? { tags: step.tags } : {}),
            ...(step.customFields ? { customFields: step.customFields } : {}),
          })
        ).status;
        break;
      case "bump":
        status = (await updateTicket(deps, step.actor, ticketId, { priority: step.priority })).status;
        break;
      case "note":
        await replyToTicket(deps, step.actor, ticketId, { body: step.body, internal: true });
        break;
      case "reply":
        status = (await replyToTicket(deps, step.actor, ticketId, { body: step.body, status: step.status })).ticket
          .status;
        break;
      case "close":
        status = (await updateTicket(deps, step.actor, ticketId, { status: "closed" })).status;
        break;
    }
  }
  if (status !== plan.status) throw new Error(`demo seed: ticket ended ${status}, planned ${plan.status}`);
  return status;
}
