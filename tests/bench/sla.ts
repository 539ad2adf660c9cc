// The SLA engine on the real Postgres (and BullMQ on the real Redis for the timers):
// 1. recomputing due times for BENCH_SLA_TICKETS (default 100,000) open tickets after a calendar change;
// 2. breach-detection lag (due instant -> breach recorded) under BENCH_SLA_TIMERS (default 10,000) scheduled timers.
import { randomBytes } from "node:crypto";
import {
  createBusinessCalendar,
  createJobEventBus,
  createSlaPolicy,
  recomputeAllTicketSla,
  refreshTicketsSla,
  systemClock,
  updateBusinessCalendar,
  type DomainDeps,
  type JobQueue,
  type EventBus,
  systemActor,
} from "@helpdesk/api/domain";
import { createOutboxMailer } from "@helpdesk/api/mail";
import {
  channels,
  createDatabase,
  customers,
  messages,
  newId,
  ticketEvents,
  ticketSlaTargets,
  tickets,
} from "@helpdesk/db";
import { createBullmqQueue, startBullmqWorkers } from "@helpdesk/workers";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { Redis } from "ioredis";
import postgres from "postgres";
import { eventually } from "../support/eventually.ts";
import { databaseUrl, postgresAdminUrl, redisUrl } from "../support/services.ts";
import { percentile } from "./_statistics.ts";

const ticketCount = Number(process.env.BENCH_SLA_TICKETS ?? 100_000);
const timerCount = Number(process.env.BENCH_SLA_TIMERS ?? 10_000);
/** Of the scheduled timers, how many fall due during the measurement (the rest wait hours ahead, as most do). */
const firingCount = Number(process.env.BENCH_SLA_FIRING ?? 1000);
const timerSpreadMs = Number(process.env.BENCH_SLA_TIMER_SPREAD_MS ?? 60_000);

const weekdays = (start: string, end: string) => ({
  1: [{ start, end }],
  2: [{ start, end }],
  3: [{ start, end }],
  4: [{ start, end }],
  5: [{ start, end }],
  6: [],
  7: [],
});

/** Bulk-inserts open tickets with a customer message each (and an agent reply on every third), created `ageMs(i)` ago. */
async function insertTickets(
  db: DomainDeps["db"],
  count: number,
  ageMs: (i: number) => number,
  priority: "normal" | "urgent",
) {
  const [customer] = await db
    .insert(customers)
    .values({ id: newId("customer"), name: "Bench customer" })
    .returning();
  const ids: string[] = [];
  const now = Date.now();
  for (let offset = 0; offset < count; offset += 2000) {
    const batch = Array.from({ length: Math.min(2000, count - offset) }, (_, j) => {
      const i = offset + j;
      const createdAt = new Date(now - ageMs(i));
      return {
        id: newId("ticket"),
        subject: `SLA bench ${i}`,
        status: "open" as const,
        priority,
        channelId: "chn_bench",
        customerId: customer!.id,
        createdAt,
        updatedAt: createdAt,
        lastMessageAt: createdAt,
      };
    });
    await db.insert(tickets).values(batch);
    await db.insert(messages).values(
      batch.flatMap((t, j) => [
        {
          id: newId("message"),
          ticketId: t.id,
          channelId: t.channelId,
          direction: "inbound" as const,
          authorKind: "customer" as const,
          bodyText: "Help",
          bodyHtml: "<p>Help</p>",
          createdAt: t.createdAt,
        },
        ...(j % 3 === 0 && priority === "normal"
          ? [
              {
                id: newId("message"),
                ticketId: t.id,
                channelId: t.channelId,
                direction: "outbound" as const,
                authorKind: "agent" as const,
                bodyText: "On it",
                bodyHtml: "<p>On it</p>",
                createdAt: new Date(t.createdAt.getTime() + 20 * 60_000),
              },
            ]
          : []),
      ]),
    );
    await db.insert(ticketEvents).values(
      batch.map((t) => ({
        id: newId("ticketEvent"),
        ticketId: t.id,
        kind: "created" as const,
        actorKind: "system" as const,
        createdAt: t.createdAt,
      })),
    );
    ids.push(...batch.map((t) => t.id));
  }
  return ids;
}

const name = `helpdesk_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const database = await createDatabase({ url: databaseUrl(name), maxConnections: 10 });
try {
  await database.migrate();
  const db = database.db;
  await db.insert(channels).values({ id: "chn_bench", kind: "api", name: "Bench" });

  // 1. Recompute after a calendar change. Timers go to a counter here: arming them is measured in part 2.
  let armed = 0;
  const countingJobs: JobQueue = { enqueue: async () => void (armed += 1), within: () => countingJobs };
  const silentEvents: EventBus = { emit: async () => {}, within: () => silentEvents };
  const deps: DomainDeps = { db, jobs: countingJobs, events: silentEvents, clock: systemClock };
  const calendar = await createBusinessCalendar(deps, systemActor, {
    name: "Office",
    timeZone: "Europe/Berlin",
    weekly: weekdays("09:00", "17:00"),
    holidays: ["2026-12-24", "2026-12-25"],
  });
  await createSlaPolicy(deps, systemActor, {
    name: "Bench policy",
    calendarId: calendar.id,
    warnAtPercent: 80,
    targets: { normal: { firstResponseMinutes: 8 * 60, nextResponseMinutes: 4 * 60, resolutionMinutes: 5 * 8 * 60 } },
  });
  let started = performance.now();
  await insertTickets(db, ticketCount, (i) => (i % 5000) * 60_000, "normal");
  await db.execute(sql`analyze`);
  console.log(`setup: ${ticketCount} open tickets inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  await recomputeAllTicketSla(deps);
  console.log(
    `initial SLA computation for ${ticketCount} tickets: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  armed = 0;
  await updateBusinessCalendar(deps, systemActor, calendar.id, {
    timeZone: "Europe/Berlin",
    weekly: weekdays("08:00", "18:00"),
    holidays: ["2026-12-24", "2026-12-25", "2026-12-31"],
  });
  started = performance.now();
  const recomputed = await recomputeAllTicketSla(deps);
  const seconds = (performance.now() - started) / 1000;
  const [moved] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ticketSlaTargets)
    .where(sql`${ticketSlaTargets.updatedAt} > now() - interval '10 minutes'`);
  console.log(
    `recompute after a calendar change: ${recomputed} open tickets in ${seconds.toFixed(1)} s (${(recomputed / seconds).toFixed(0)} tickets/s, ` +
      `${moved?.n ?? 0} targets rewritten, ${armed} timers armed within the hour)`,
  );

  // 2. Breach-detection lag with real delayed jobs on BullMQ: timerCount urgent tickets armed at once; firingCount
  // of them fall due across the next timerSpreadMs, the others hours ahead (they stay scheduled in Redis).
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-sla-${randomBytes(3).toString("hex")}`;
  const jobs = createBullmqQueue({ connection: redis, prefix, db });
  await jobs.start();
  const live: DomainDeps = { db, jobs, events: createJobEventBus(jobs), clock: systemClock };
  await createSlaPolicy(live, systemActor, {
    name: "Urgent",
    conditions: { priorities: ["urgent"] },
    targets: { urgent: { firstResponseMinutes: 1 } },
  });
  await db.execute(sql`update sla_policies set position = -1 where name = 'Urgent'`);
  const lead = 10_000;
  const urgentIds = await insertTickets(
    db,
    timerCount,
    (i) => (i < firingCount ? 60_000 - lead - Math.floor((i / firingCount) * timerSpreadMs) : 0),
    "urgent",
  );
  // The others: a policy of hours for them, by tag, so their timers sit far ahead.
  await db.execute(
    sql`update tickets set tags = '{later}' where id in (select id from tickets where priority = 'urgent' order by id offset ${firingCount})`,
  );
  await createSlaPolicy(live, systemActor, {
    name: "Later",
    conditions: { tags: ["later"] },
    targets: { urgent: { firstResponseMinutes: 6 * 60 } },
  });
  await db.execute(sql`update sla_policies set position = -2 where name = 'Later'`);
  started = performance.now();
  for (let i = 0; i < urgentIds.length; i += 500) await refreshTicketsSla(live, urgentIds.slice(i, i + 500));
  console.log(
    `armed ${timerCount} breach timers in ${((performance.now() - started) / 1000).toFixed(1)} s: ${firingCount} due over the next ` +
      `${(timerSpreadMs / 1000).toFixed(0)} s (the first in ${(lead / 1000).toFixed(0)} s), the rest hours ahead`,
  );
  const workers = startBullmqWorkers(
    { connection: redis, prefix },
    { ...live, mailer: createOutboxMailer({ info() {} }), realtime: { publish: async () => {} } },
  );
  // Until every due timer has fired, or the time they had is up: the report then says how many did.
  await eventually(
    async () => {
      const [done] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(ticketSlaTargets)
        .where(
          and(
            eq(ticketSlaTargets.kind, "first_response"),
            isNotNull(ticketSlaTargets.breachRecordedAt),
            sql`${ticketSlaTargets.policyId} in (select id from sla_policies where name = 'Urgent')`,
          ),
        );
      if ((done?.n ?? 0) < firingCount) throw new Error(`${done?.n ?? 0} of ${firingCount} breaches recorded`);
    },
    lead + timerSpreadMs + 120_000,
    500,
  ).catch(() => {});
  const lags = await db
    .select({
      lag: sql<number>`extract(epoch from (${ticketSlaTargets.breachRecordedAt} - ${ticketSlaTargets.dueAt})) * 1000`,
    })
    .from(ticketSlaTargets)
    .where(
      and(
        isNotNull(ticketSlaTargets.breachRecordedAt),
        sql`${ticketSlaTargets.policyId} in (select id from sla_policies where name = 'Urgent')`,
      ),
    );
  const samples = lags.map((l) => Number(l.lag));
  console.log(
    `breach-detection lag (due instant -> breach recorded) with ${timerCount} timers scheduled: ${samples.length} breaches recorded, ` +
      `p50 ${percentile(samples, 50).toFixed(0)} ms, p99 ${percentile(samples, 99).toFixed(0)} ms, max ${Math.max(...samples).toFixed(0)} ms`,
  );
  await workers.close();
  await jobs.close();
  await redis.quit();
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
