import {
  computeSlaTargets,
  type BusinessClock,
  type SlaTargetBudgets,
  type SlaTimelineEntry,
} from "@helpdesk/api/domain";
import { describe, expect, test } from "vitest";

/** Around the clock: business time is real time. Business-hours calendars are tested in business-calendar.test.ts. */
const allDay: BusinessClock = {
  between: (from, to) => Math.max(0, to.getTime() - from.getTime()),
  add: (start, ms) => new Date(start.getTime() + ms),
};
const t0 = new Date("2026-11-02T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const iso = (d: Date | null) => d?.toISOString() ?? null;

function targets(
  timeline: SlaTimelineEntry[],
  nowMinutes: number,
  budgets: SlaTargetBudgets = { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 480 },
  pauseOnHold = false,
) {
  const list = computeSlaTargets({ budgets, clock: allDay, pauseOnHold, createdAt: t0, timeline, now: at(nowMinutes) });
  return Object.fromEntries(
    list.map((t) => [
      t.kind,
      {
        state: t.state,
        dueAt: iso(t.dueAt),
        cycle: t.cycle,
        remainingMin: t.remainingMs / 60_000,
        elapsedMin: t.elapsedMs / 60_000,
      },
    ]),
  );
}

describe("computeSlaTargets", () => {
  test("a new ticket has its first-response and resolution clocks running", () => {
    expect(targets([], 10)).toEqual({
      first_response: { state: "active", dueAt: iso(at(60)), cycle: 0, remainingMin: 50, elapsedMin: 10 },
      resolution: { state: "active", dueAt: iso(at(480)), cycle: 0, remainingMin: 470, elapsedMin: 10 },
    });
  });

  test("the first agent reply achieves first response; a breach is recorded at the instant time ran out", () => {
    expect(targets([{ at: at(45), kind: "agent_reply" }], 50).first_response).toMatchObject({
      state: "achieved",
      dueAt: null,
      elapsedMin: 45,
    });
    expect(targets([], 61).first_response).toMatchObject({ state: "breached", dueAt: iso(at(60)), remainingMin: 0 });
    // Answered late: still breached, at 60 minutes.
    expect(targets([{ at: at(75), kind: "agent_reply" }], 80).first_response).toMatchObject({
      state: "breached",
      dueAt: iso(at(60)),
    });
  });

  test("a reply exactly at the due instant meets the promise; one millisecond later does not", () => {
    expect(targets([{ at: at(60), kind: "agent_reply" }], 61).first_response!.state).toBe("achieved");
    const justAfter = new Date(at(60).getTime() + 1);
    expect(targets([{ at: justAfter, kind: "agent_reply" }], 61).first_response).toMatchObject({
      state: "breached",
      dueAt: iso(at(60)),
    });
    // Nobody answered: at the due instant itself the promise is broken (the breach job fires then).
    expect(targets([], 60).first_response).toMatchObject({ state: "breached", dueAt: iso(at(60)) });
    expect(targets([], 59.99).first_response!.state).toBe("active");
  });

  test("pending pauses every clock and the customer's answer resumes them with the time left", () => {
    const timeline: SlaTimelineEntry[] = [
      { at: at(20), kind: "agent_reply" },
      { at: at(20), kind: "status", status: "pending" },
      { at: at(200), kind: "customer_message" },
      { at: at(200), kind: "status", status: "open" },
    ];
    expect(targets(timeline.slice(0, 2), 100).resolution).toEqual({
      state: "paused",
      dueAt: null,
      cycle: 0,
      remainingMin: 460,
      elapsedMin: 20,
    });
    const resumed = targets(timeline, 210);
    expect(resumed.resolution).toMatchObject({ state: "active", dueAt: iso(at(200 + 460)), elapsedMin: 30 });
    expect(resumed.next_response).toMatchObject({ state: "active", dueAt: iso(at(230)), cycle: 1 });
  });

  test("on hold pauses only when the policy says so", () => {
    const timeline: SlaTimelineEntry[] = [{ at: at(10), kind: "status", status: "on_hold" }];
    expect(targets(timeline, 100, undefined, true).resolution).toMatchObject({ state: "paused", remainingMin: 470 });
    expect(targets(timeline, 100, undefined, false).resolution).toMatchObject({ state: "active", remainingMin: 380 });
  });

  test("several next-response cycles: each customer turn gets its own clock", () => {
    const timeline: SlaTimelineEntry[] = [
      { at: at(10), kind: "agent_reply" },
      { at: at(30), kind: "customer_message" },
      { at: at(50), kind: "agent_reply" },
      { at: at(60), kind: "customer_message" },
      // A second message before the answer does not restart the clock.
      { at: at(70), kind: "customer_message" },
    ];
    expect(targets(timeline, 80).next_response).toMatchObject({ state: "active", cycle: 2, dueAt: iso(at(90)) });
    expect(targets(timeline, 95).next_response).toMatchObject({ state: "breached", cycle: 2, dueAt: iso(at(90)) });
    expect(targets(timeline.slice(0, 3), 55).next_response).toMatchObject({
      state: "achieved",
      cycle: 1,
      elapsedMin: 20,
    });
  });

  test("solving achieves resolution and stops the response clocks; reopening resumes resolution where it stopped", () => {
    const solved: SlaTimelineEntry[] = [
      { at: at(30), kind: "agent_reply" },
      { at: at(100), kind: "status", status: "solved" },
    ];
    expect(targets(solved, 300).resolution).toMatchObject({ state: "achieved", elapsedMin: 100 });
    const reopened: SlaTimelineEntry[] = [
      ...solved,
      { at: at(1000), kind: "customer_message" },
      { at: at(1000), kind: "status", status: "open" },
    ];
    expect(targets(reopened, 1010).resolution).toMatchObject({
      state: "active",
      elapsedMin: 110,
      dueAt: iso(at(1000 + 380)),
    });
  });

  test("targets a policy does not set are not tracked", () => {
    expect(
      Object.keys(targets([], 5, { firstResponseMinutes: 60, nextResponseMinutes: null, resolutionMinutes: null })),
    ).toEqual(["first_response"]);
  });
});
