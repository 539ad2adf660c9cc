import { createSlaPolicy, createTicket, replyToTicket, updateTicket, systemActor } from "@helpdesk/api/domain";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";

/** SLA compliance and response-time percentiles over a small, hand-computed set of tickets. */
let h: Harness;
let admin: SignedIn;
let lead: SignedIn;
const start = new Date("2026-11-02T08:00:00Z");
const minute = 60_000;
const at = (m: number) => new Date(start.getTime() + m * minute);

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn("admin");
  lead = await h.signIn("lead");
  await createSlaPolicy(h.deps, systemActor, {
    name: "Report policy",
    targets: { urgent: { firstResponseMinutes: 60, resolutionMinutes: 240 } },
  });
  const teamA = await h.team("Alpha");
  const teamB = await h.team("Bravo");
  // [team, first reply after, solved after] in minutes from creation.
  const plan: [string, number, number][] = [
    [teamA.id, 30, 100],
    [teamA.id, 90, 300],
    [teamB.id, 10, 50],
  ];
  for (const [teamId, replyAfter, solveAfter] of plan) {
    h.clock.set(start);
    const ticket = await createTicket(h.deps, admin.actor, {
      subject: "Report",
      body: "Help",
      customer: { email: `r-${Math.random()}@customer.test` },
      priority: "urgent",
      teamId,
    });
    h.clock.set(at(replyAfter));
    await replyToTicket(h.deps, admin.actor, ticket.id, { body: "Answer" });
    h.clock.set(at(solveAfter));
    await updateTicket(h.deps, admin.actor, ticket.id, { status: "solved" });
  }
  h.clock.set(new Date());
});
afterAll(() => h?.close());

const period = { from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z" };

describe("SLA report", () => {
  test("compliance and business-time percentiles per team, and in total", async () => {
    const res = await h.client.api.reports.sla.$get(
      { query: { ...period, groupBy: "team" } },
      { headers: lead.headers },
    );
    expect(res.status).toBe(200);
    const report = await res.json();
    if (!("rows" in report)) throw new Error("expected a report");
    const alpha = report.rows.find((r) => r.label === "Alpha")!;
    expect(alpha).toMatchObject({
      tickets: 2,
      firstResponse: { measured: 2, achieved: 1, breached: 1, compliance: 50 },
      resolution: { measured: 2, achieved: 1, breached: 1, compliance: 50 },
      firstResponseMedianMs: 60 * minute,
      firstResponseP90Ms: 84 * minute,
    });
    expect(report.rows.find((r) => r.label === "Bravo")).toMatchObject({
      tickets: 1,
      firstResponse: { compliance: 100 },
      firstResponseMedianMs: 10 * minute,
    });
    expect(report.total).toMatchObject({
      tickets: 3,
      firstResponse: { measured: 3, achieved: 2, compliance: 66.7 },
      resolutionMedianMs: 100 * minute,
    });
  });

  test("by day, in the lead's time zone", async () => {
    const report = await (
      await h.client.api.reports.sla.$get(
        { query: { ...period, groupBy: "day", timeZone: "Pacific/Honolulu" } },
        { headers: lead.headers },
      )
    ).json();
    if (!("rows" in report)) throw new Error(JSON.stringify(report));
    // 08:00Z on 2 November is still 1 November in Honolulu (UTC-10).
    expect(report.rows.map((r) => [r.key, r.tickets])).toEqual([["2026-11-01", 3]]);
  });

  test("CSV export, and who may read reports", async () => {
    const res = await h.app.request(`/api/reports/sla.csv?from=${period.from}&to=${period.to}&groupBy=team`, {
      headers: admin.headers,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^group,tickets,first_response_measured,/);
    expect(lines).toContain("Alpha,2,2,1,50,0,0,,2,1,50,60.0,84.0,200.0,280.0");
    expect(lines.at(-1)).toMatch(/^All tickets,3,/);
    const agent = await h.signIn("agent");
    expect((await h.client.api.reports.sla.$get({ query: period }, { headers: agent.headers })).status).toBe(403);
    const bad = await h.client.api.reports.sla.$get(
      { query: { from: period.to, to: period.from } },
      { headers: lead.headers },
    );
    expect(bad.status).toBe(400);
  });
});
