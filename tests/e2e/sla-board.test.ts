import {
  createSlaPolicy,
  createTeam,
  createTicket,
  createUser,
  refreshTicketSla,
  systemActor,
  updateTicket,
} from "@helpdesk/api/domain";
import type { HelpdeskServer } from "@helpdesk/api/server";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/browser.ts";
import { startBrowserWorld } from "../support/e2e.ts";
import { eventually } from "../support/eventually.ts";

/**
 * A team lead watches the live SLA board in a real browser against the real server: running countdowns by time
 * to breach, a breached ticket under Breached, a new urgent ticket appearing without a reload, and the SLA panel
 * on the ticket page.
 */
let world: Awaited<ReturnType<typeof startBrowserWorld>>;
let server: HelpdeskServer;
let browser: Browser;
let teamId: string;
let agentId: string;

beforeAll(async () => {
  world = await startBrowserWorld({
    user: { email: "lead.e2e@example.test", name: "Lia Lead", role: "lead", password: "e2e-password" },
  });
  ({ server, browser } = world);
  const lead = world.user;
  const agent = await createUser(server.deps, {
    email: "agent.e2e@example.test",
    name: "Ben Agent",
    role: "agent",
    password: "e2e-password",
  });
  agentId = agent.id;
  teamId = (await createTeam(server.deps, { name: "Billing", memberIds: [lead.id, agent.id] })).id;
  await createSlaPolicy(server.deps, systemActor, {
    name: "Standard support",
    targets: {
      urgent: { firstResponseMinutes: 60, resolutionMinutes: 240 },
      high: { firstResponseMinutes: 120, resolutionMinutes: 480 },
      normal: { firstResponseMinutes: 240, nextResponseMinutes: 240, resolutionMinutes: 1440 },
    },
    warnMinutesBefore: 30,
  });
}, 120_000);

afterAll(() => world?.close());
const signIn = (page: Page, path: string) => world.signIn(page, path);

/** Moves a ticket's whole history back in time, then recomputes its SLA as the timers would. */
async function backdate(ticketId: string, minutes: number) {
  const shift = sql.raw(`interval '${minutes} minutes'`);
  const db = server.deps.db;
  await db.execute(
    sql`update tickets set created_at = created_at - ${shift}, updated_at = updated_at - ${shift}, last_message_at = last_message_at - ${shift} where id = ${ticketId}`,
  );
  await db.execute(sql`update messages set created_at = created_at - ${shift} where ticket_id = ${ticketId}`);
  await db.execute(sql`update ticket_events set created_at = created_at - ${shift} where ticket_id = ${ticketId}`);
  await refreshTicketSla(server.deps, ticketId);
}

const newTicket = (subject: string, priority: "urgent" | "high" | "normal", extra: { assigneeId?: string } = {}) =>
  createTicket(
    server.deps,
    { kind: "system" },
    {
      subject,
      body: `${subject}. Please help.`,
      customer: {
        email: `${subject.toLowerCase().replace(/\W+/g, ".")}@customer.test`,
        name: subject.split(" ")[0] + " Customer",
      },
      priority,
      teamId,
      ...extra,
    },
  );

describe("the SLA board in Chromium", () => {
  test("a lead sees countdowns, breaches, and new tickets live; the ticket page shows its SLA", async () => {
    await newTicket("Checkout page times out", "high", { assigneeId: agentId });
    const soon = await newTicket("Card declined twice", "urgent");
    await backdate(soon.id, 45); // 15 minutes of its hour left: within the warning.
    const breached = await newTicket("Refund never arrived", "urgent", { assigneeId: agentId });
    await backdate(breached.id, 90); // First response was due 30 minutes ago.
    const waiting = await newTicket("Waiting for the logs", "normal");
    await updateTicket(server.deps, { kind: "system" }, waiting.id, { status: "pending" });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, "/sla");
    await eventually(async () => expect(await page.locator("nav span.live.on").count()).toBe(1));
    expect(await page.getByRole("link", { name: "SLA", exact: true }).count()).toBe(1);

    // At risk: running clocks, soonest breach first, with countdowns.
    const rows = page.getByRole("list", { name: "At risk" }).locator("a.row");
    await eventually(async () => expect(await rows.count()).toBe(2));
    expect(await rows.nth(0).textContent()).toContain("Card declined twice");
    expect(await rows.nth(1).textContent()).toContain("Checkout page times out");
    const soonBadge = rows.nth(0).locator(".sla-badge");
    expect(await soonBadge.getAttribute("data-sla")).toBe("soon");
    expect((await soonBadge.textContent())?.trim()).toMatch(/^1[45]m$/);
    const riskRow = rows.nth(1);
    expect((await riskRow.locator(".sla-badge").textContent())?.trim()).toMatch(/^1h 5\dm$/);
    expect(await riskRow.locator(".target").textContent()).toBe("First response");
    expect(await riskRow.textContent()).toContain("Ben Agent");
    expect(await riskRow.textContent()).toContain("Billing");
    expect(await riskRow.textContent()).toContain("High");
    expect(await page.locator(".tab.breached .count").textContent()).toBe("1");
    expect(await page.locator(".tab.paused .count").textContent()).toBe("1");

    // A new urgent ticket arrives while the board is open: it slots in by due time, no reload.
    const navigations: string[] = [];
    page.on("framenavigated", (frame) => navigations.push(frame.url()));
    const arriving = await newTicket("Site down for all customers", "urgent");
    await eventually(async () => expect(await rows.count()).toBe(3));
    expect(await rows.nth(1).textContent()).toContain("Site down for all customers");
    expect((await rows.nth(1).locator(".sla-badge").textContent())?.trim()).toMatch(/^(59m|1h 0m)$/);
    expect(navigations).toEqual([]);
    await page.screenshot({ path: artifactPath("sla-board.png") });

    // Breached: the ticket whose first response ran out, with how long ago.
    await page.locator(".tab.breached").click();
    const breachedRows = page.getByRole("list", { name: "Breached" }).locator("a.row");
    await eventually(async () => expect(await breachedRows.count()).toBe(1));
    expect(await breachedRows.first().textContent()).toContain("Refund never arrived");
    expect((await breachedRows.first().locator(".sla-badge").textContent())?.trim()).toMatch(/^Breached 3\dm ago$/);
    await page.screenshot({ path: artifactPath("sla-board-breached.png") });

    // The team filter narrows the board; tickets of other teams stay off it.
    await page.locator(".tab.at-risk").click();
    await page.getByLabel("Team").selectOption("none");
    await eventually(async () => expect(await rows.count()).toBe(0));
    await page.getByLabel("Team").selectOption(teamId);
    await eventually(async () => expect(await rows.count()).toBe(3));

    // The ticket page: the SLA panel with each target.
    await page.locator(".tab.breached").click();
    await breachedRows.first().click();
    await page.waitForURL(`**/tickets/${breached.id}`);
    const panel = page.getByRole("region", { name: "SLA" });
    await eventually(async () => expect(await panel.count()).toBe(1));
    expect(await panel.textContent()).toContain("Standard support");
    await eventually(async () =>
      expect((await panel.locator("li.breached").textContent())?.replace(/\s+/g, " ")).toMatch(
        /First response — breached 3\dm ago/,
      ),
    );
    expect((await panel.locator("li.running, li.soon").textContent())?.replace(/\s+/g, " ")).toMatch(
      /Resolution — due in 2h 2\dm/,
    );
    // The breach timer recorded it on the timeline.
    await eventually(async () => expect(await page.getByText("first response target breached").count()).toBe(1));
    await page.screenshot({ path: artifactPath("sla-ticket.png") });

    // The inbox's "Breaches soonest" view shows the countdown column, soonest first.
    await page.goto(`${server.url}/tickets?sort=due&status=new,open,pending,on_hold`);
    const inboxRows = page.getByRole("list", { name: "Tickets" }).locator("a.row");
    await eventually(async () => expect(await inboxRows.count()).toBe(5));
    expect(await page.locator(".view[aria-current='page']").textContent()).toBe("Breaches soonest");
    expect(await inboxRows.nth(0).textContent()).toContain("Card declined twice");
    expect(await inboxRows.nth(4).textContent()).toContain("Waiting for the logs");
    await page.screenshot({ path: artifactPath("sla-inbox.png") });

    expect(pageErrors).toEqual([]);
    expect(arriving.sla?.status).toBe("active");
    await page.close();
  });
});
