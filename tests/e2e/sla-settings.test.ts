import { createSlaPolicy, createTeam, listSlaPolicies, systemActor } from "@helpdesk/api/domain";
import type { HelpdeskServer } from "@helpdesk/api/server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifactPath } from "../support/browser.ts";
import { startBrowserWorld } from "../support/e2e.ts";
import { eventually } from "../support/eventually.ts";

/**
 * An admin sets up SLAs in a real browser against the real server: business hours with a weekly grid and a
 * holiday, then a policy on them with conditions, targets, a warning and an escalation, moved ahead of the
 * existing one. The API's validation errors show at the fields they concern.
 */
let world: Awaited<ReturnType<typeof startBrowserWorld>>;
let server: HelpdeskServer;
let browser: Browser;
let teamId: string;

beforeAll(async () => {
  world = await startBrowserWorld({
    user: { email: "admin.e2e@example.test", name: "Ada Admin", role: "admin", password: "e2e-password" },
  });
  ({ server, browser } = world);
  teamId = (await createTeam(server.deps, { name: "Billing" })).id;
  await createSlaPolicy(server.deps, systemActor, {
    name: "Standard support",
    targets: { normal: { firstResponseMinutes: 240, resolutionMinutes: 1440 } },
  });
}, 120_000);

afterAll(() => world?.close());
const signIn = (page: Page, path: string) => world.signIn(page, path);

describe("SLA settings in Chromium", () => {
  test("an admin adds business hours and a policy on them, and puts it first", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signIn(page, "/settings/business-hours");

    // Business hours: office hours on weekdays by default; a Saturday morning with a typo first.
    await page.getByRole("link", { name: "Add business hours" }).click();
    await page.waitForURL("**/settings/business-hours/new");
    await page.getByLabel("Name").fill("Berlin office");
    await page.getByLabel("Time zone").fill("Europe/Berlin");
    expect(await page.getByLabel("Monday interval 1 opens").inputValue()).toBe("09:00");
    await page.locator(".week li", { hasText: "Saturday" }).getByRole("button", { name: "+ Add hours" }).click();
    await page.getByLabel("Saturday interval 1 closes").fill("25:00");
    await page.getByLabel("Holiday date").fill("2026-12-25");
    await page.getByRole("button", { name: "Add holiday" }).click();
    await page.getByRole("button", { name: "Create business hours" }).click();
    const saturday = page.locator(".week li", { hasText: "Saturday" });
    await eventually(async () => expect(await saturday.locator(".field-error").count()).toBe(1));
    expect(await saturday.locator(".field-error").textContent()).toContain("24:00");
    expect(await page.getByLabel("Saturday interval 1 closes").getAttribute("aria-invalid")).toBe("true");
    await page.setViewportSize({ width: 1440, height: 1400 });
    await page.screenshot({ path: artifactPath("sla-calendar-form.png") });
    await page.setViewportSize({ width: 1440, height: 1000 });

    await page.getByLabel("Saturday interval 1 closes").fill("13:00");
    await page.getByRole("button", { name: "Create business hours" }).click();
    await page.waitForURL("**/settings/business-hours");
    const calendarRow = page.locator("tbody tr", { hasText: "Berlin office" });
    await eventually(async () => expect(await calendarRow.count()).toBe(1));
    expect(await calendarRow.textContent()).toContain("Mon–Fri 09:00–17:00 · Sat 09:00–13:00");

    // A policy: the API asks for at least one target, shown where the targets are.
    await page.getByRole("link", { name: "SLA policies" }).click();
    await page.waitForURL("**/settings/sla-policies");
    await page.getByRole("link", { name: "Add policy" }).click();
    await page.waitForURL("**/settings/sla-policies/new");
    await page.getByLabel("Name").fill("VIP customers");
    await page.getByRole("group", { name: "Priorities" }).getByRole("button", { name: "Urgent" }).click();
    await page.getByRole("group", { name: "Priorities" }).getByRole("button", { name: "High" }).click();
    await page.getByRole("group", { name: "Teams" }).getByRole("button", { name: "Billing" }).click();
    await page.getByLabel("Add a tag condition").fill("VIP");
    await page.getByLabel("Add a tag condition").press("Enter");
    await page.getByRole("button", { name: "Create policy" }).click();
    await eventually(async () =>
      expect(await page.getByRole("alert").filter({ hasText: "Set at least one target." }).count()).toBe(1),
    );

    await page.getByLabel("Urgent First response minutes").fill("30");
    await page.getByLabel("Urgent Resolution hours").fill("4");
    await page.getByLabel("High First response hours").fill("1");
    await page.getByLabel("High First response minutes").fill("30");
    await page.getByLabel("Business hours").selectOption({ label: "Berlin office (Europe/Berlin)" });
    await page.getByLabel("Minutes before the target").fill("20");
    await page.getByLabel("Raise the priority").check();
    await page.getByLabel("Add tag", { exact: true }).fill("escalated");
    // The workspace scrolls inside its content pane: a tall viewport shows the whole form.
    await page.setViewportSize({ width: 1440, height: 2000 });
    await page.screenshot({ path: artifactPath("sla-policy-form.png") });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.getByRole("button", { name: "Create policy" }).click();
    await page.waitForURL("**/settings/sla-policies");

    const items = page.getByRole("list", { name: "SLA policies in match order" }).locator("> li");
    await eventually(async () => expect(await items.count()).toBe(2));
    expect(await items.nth(1).textContent()).toContain("VIP customers");
    expect(await items.nth(1).textContent()).toContain("Berlin office");
    const stored = (await listSlaPolicies(server.deps)).find((p) => p.name === "VIP customers")!;
    expect(stored).toMatchObject({
      conditions: { priorities: ["urgent", "high"], teamIds: [teamId], tags: ["vip"] },
      targets: { urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 }, high: { firstResponseMinutes: 90 } },
      warnMinutesBefore: 20,
      warnAtPercent: null,
      escalation: { raisePriority: true, addTag: "escalated", assignTeamId: null, assignToLead: false },
    });

    // Matched first from now on.
    await page.getByRole("button", { name: "Move VIP customers up" }).click();
    await eventually(async () => expect(await items.nth(0).textContent()).toContain("VIP customers"));
    const reordered = await listSlaPolicies(server.deps);
    expect(reordered.map((p) => p.name)).toEqual(["VIP customers", "Standard support"]);
    expect(reordered[0]).toMatchObject({ conditions: stored.conditions, escalation: stored.escalation });
    expect(await items.nth(0).textContent()).toContain("Priority Urgent or High · Team Billing · Tagged vip");
    await page.screenshot({ path: artifactPath("sla-policies.png") });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
