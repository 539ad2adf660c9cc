import { createTicket } from "@helpdesk/api/domain";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";

/** Editing a policy or a calendar re-targets the open tickets it covers (through the recompute job). */
let h: Harness;
let admin: SignedIn;
const minute = 60_000;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn("admin");
});
afterAll(() => h?.close());

async function firstResponseDue(ticketId: string) {
  const body = await (
    await h.client.api.tickets[":id"].$get({ param: { id: ticketId } }, { headers: admin.headers })
  ).json();
  if (!("sla" in body)) throw new Error(JSON.stringify(body));
  return body.sla?.targets.find((t) => t.kind === "first_response")?.dueAt ?? null;
}

describe("changing SLA settings mid-ticket", () => {
  test("a new target in the policy moves the due time of open tickets; switching the policy off removes it", async () => {
    const created = await (
      await h.client.api.sla.policies.$post(
        { json: { name: "Changing", targets: { normal: { firstResponseMinutes: 120 } } } },
        { headers: admin.headers },
      )
    ).json();
    if (!("id" in created)) throw new Error("expected a policy");
    const start = h.clock.now();
    const ticket = await createTicket(h.deps, admin.actor, {
      subject: "Mid-ticket",
      body: "Hello",
      customer: { email: "mid@customer.test" },
    });
    expect(await firstResponseDue(ticket.id)).toBe(new Date(start.getTime() + 120 * minute).toISOString());

    const patched = await h.client.api.sla.policies[":id"].$patch(
      { param: { id: created.id }, json: { targets: { normal: { firstResponseMinutes: 30 } } } },
      { headers: admin.headers },
    );
    expect(patched.status).toBe(200);
    await h.jobs.drain();
    expect(await firstResponseDue(ticket.id)).toBe(new Date(start.getTime() + 30 * minute).toISOString());

    await h.client.api.sla.policies[":id"].$patch(
      { param: { id: created.id }, json: { active: false } },
      { headers: admin.headers },
    );
    await h.jobs.drain();
    expect(await firstResponseDue(ticket.id)).toBeNull();
  });

  test("a calendar change moves due times to the new hours", async () => {
    const weekdays = (start: string, end: string) => ({
      1: [{ start, end }],
      2: [{ start, end }],
      3: [{ start, end }],
      4: [{ start, end }],
      5: [{ start, end }],
      6: [],
      7: [],
    });
    const calendar = await (
      await h.client.api.sla.calendars.$post(
        { json: { name: "UTC office", timeZone: "UTC", weekly: weekdays("09:00", "17:00"), holidays: [] } },
        { headers: admin.headers },
      )
    ).json();
    if (!("id" in calendar)) throw new Error("expected a calendar");
    await h.client.api.sla.policies.$post(
      {
        json: {
          name: "Office",
          calendarId: calendar.id,
          conditions: { tags: ["office"] },
          targets: { normal: { firstResponseMinutes: 60 } },
        },
      },
      { headers: admin.headers },
    );
    // Monday 2026-11-23 16:30Z: 30 minutes today, 30 tomorrow from 09:00.
    h.clock.set(new Date("2026-11-23T16:30:00Z"));
    const ticket = await createTicket(h.deps, admin.actor, {
      subject: "Office hours",
      body: "Hi",
      customer: { email: "office@customer.test" },
      tags: ["office"],
    });
    expect(await firstResponseDue(ticket.id)).toBe("2026-11-24T09:30:00.000Z");

    await h.client.api.sla.calendars[":id"].$patch(
      { param: { id: calendar.id }, json: { timeZone: "UTC", weekly: weekdays("08:00", "18:00"), holidays: [] } },
      { headers: admin.headers },
    );
    await h.jobs.drain();
    // The open hour now lasts until 18:00: due the same day at 17:30.
    expect(await firstResponseDue(ticket.id)).toBe("2026-11-23T17:30:00.000Z");
    h.clock.set(new Date());
  });
});
