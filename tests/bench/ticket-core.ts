// The ticket core on the real Postgres (127.0.0.1:5432): use-case latency and inbox queries over a large backlog.
// Not a test: nothing here passes or fails, it measures.
import { createOutboxMailer } from "@helpdesk/api/mail";
import { randomBytes } from "node:crypto";
import {
  createJobEventBus,
  createTicket,
  createUser,
  listTickets,
  loadStaffActor,
  replyToTicket,
  systemClock,
  type DomainDeps,
} from "@helpdesk/api/domain";
import { createDatabase, newId, tickets, messages } from "@helpdesk/db";
import { createInProcessQueue } from "@helpdesk/workers";
import postgres from "postgres";
import { databaseUrl, postgresAdminUrl } from "../support/services.ts";
import { percentile } from "./_statistics.ts";

const bulkTickets = Number(process.env.BENCH_TICKETS ?? 50_000);

async function timed<T>(samples: number[], fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  samples.push(performance.now() - start);
  return result;
}

const name = `helpdesk_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
const database = await createDatabase({ url: databaseUrl(name) });
try {
  await database.migrate();
  const jobs = createInProcessQueue(database.db, { warn: () => {} }, { listen: database.listen });
  const deps: DomainDeps = { db: database.db, jobs, events: createJobEventBus(jobs), clock: systemClock };
  await jobs.start({ ...deps, mailer: createOutboxMailer({ info: () => {} }), realtime: { publish: async () => {} } });
  const user = await createUser(deps, {
    email: "bench@example.test",
    name: "Bench",
    role: "admin",
    password: "bench-password",
  });
  const actor = await loadStaffActor(deps, user);

  // 1. Use-case throughput: tickets created through the domain, one after another (each a transaction).
  const createSamples: number[] = [];
  const started = performance.now();
  const created: Awaited<ReturnType<typeof createTicket>>[] = [];
  for (let i = 0; i < 500; i++) {
    created.push(
      await timed(createSamples, () =>
        createTicket(deps, actor, {
          subject: `Bench ticket ${i}`,
          body: "My order has not arrived yet.",
          customer: { email: `c${i % 200}@example.test` },
        }),
      ),
    );
  }
  const createSeconds = (performance.now() - started) / 1000;
  console.log(
    `createTicket: ${(500 / createSeconds).toFixed(0)} tickets/s sequential, p50 ${percentile(createSamples, 50).toFixed(1)} ms, p99 ${percentile(createSamples, 99).toFixed(1)} ms`,
  );

  const replySamples: number[] = [];
  for (const ticket of created.slice(0, 200)) {
    await timed(replySamples, () => replyToTicket(deps, actor, ticket.id, { body: "We are on it." }));
  }
  console.log(
    `replyToTicket: p50 ${percentile(replySamples, 50).toFixed(1)} ms, p99 ${percentile(replySamples, 99).toFixed(1)} ms`,
  );

  // 2. Inbox queries over a realistic backlog: bulk-insert tickets and messages, then page and filter.
  const customerId = created[0]!.customer.id;
  const statuses = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
  const words = [
    "refund",
    "invoice",
    "password",
    "delivery",
    "broken",
    "login",
    "shipping",
    "cancel",
    "upgrade",
    "api",
  ];
  for (let offset = 0; offset < bulkTickets; offset += 2000) {
    const batch = Array.from({ length: Math.min(2000, bulkTickets - offset) }, (_, i) => ({
      id: newId("ticket"),
      subject: `${words[(offset + i) % words.length]} question ${offset + i}`,
      status: statuses[(offset + i) % statuses.length]!,
      channelId: created[0]!.channel.id,
      customerId,
      tags: [words[(offset + i) % 7]!],
    }));
    await database.db.insert(tickets).values(batch);
    await database.db.insert(messages).values(
      batch.map((t) => ({
        id: newId("message"),
        ticketId: t.id,
        channelId: t.channelId,
        direction: "inbound" as const,
        authorKind: "customer" as const,
        bodyText: `Hello, about my ${t.subject}: it still does not work after the ${words[t.subject.length % 10]} step.`,
        bodyHtml: "<p>…</p>",
      })),
    );
  }
  await database.db.execute("analyze" as never);
  const total = bulkTickets + 500;

  const scenarios: [string, Parameters<typeof listTickets>[2]][] = [
    ["first page, newest", { limit: 25 }],
    ["status=open,pending", { status: "open,pending", limit: 25 }],
    ["tag filter", { tag: "refund", limit: 25 }],
    ["full-text q=password", { q: "password", limit: 25 }],
  ];
  for (const [label, query] of scenarios) {
    const samples: number[] = [];
    for (let i = 0; i < 50; i++) await timed(samples, () => listTickets(deps, actor, query));
    console.log(
      `listTickets ${label} over ${total} tickets: p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms`,
    );
  }
  const deepSamples: number[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 40; i++) {
    const page = await timed(deepSamples, () => listTickets(deps, actor, { limit: 50, ...(cursor ? { cursor } : {}) }));
    cursor = page.nextCursor ?? undefined;
  }
  console.log(
    `keyset paging 40 pages deep (50/page): p50 ${percentile(deepSamples, 50).toFixed(1)} ms, p99 ${percentile(deepSamples, 99).toFixed(1)} ms`,
  );
  console.log(`memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  await jobs.close();
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
