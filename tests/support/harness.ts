import { randomBytes } from "node:crypto";
import {
  createJobEventBus,
  createSecretBox,
  createTeam,
  createUser,
  loadStaffActor,
  queuedSearchIndexing,
  logIn,
  type Clock,
  type DomainDeps,
  type RealtimeEvent,
  type Mailer,
  type StaffActor,
} from "@helpdesk/api/domain";
import { createHealthCheck } from "@helpdesk/api/health";
import { createApp } from "@helpdesk/api/http";
import { createAttemptLimiter, portalPasswordLimits } from "@helpdesk/api/realtime";
import { createChannelMailers, createOutboxMailer } from "@helpdesk/api/mail";
import type { UserRole } from "@helpdesk/db";
import { createPostgresSearchEngine } from "@helpdesk/knowledge-base";
import { createInProcessQueue, type InProcessQueue } from "@helpdesk/workers";
import { testClient } from "hono/testing";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { testAppSecret } from "./server-config.ts";

/** A clock tests can move forward; starts at the real time so database defaults agree with it. */
export function createTestClock(start = new Date()): Clock & { advance(ms: number): void; set(date: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (date) => {
      now = date.getTime();
    },
  };
}

export const quietLogger = { warn: () => {}, error: () => {} };

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.test`;
}

export interface SignedIn {
  actor: StaffActor;
  token: string;
  email: string;
  headers: { authorization: string };
}

/**
 * Everything one test file needs: its own database, the in-process job runner wired to the real
 * processors, the Hono app, and factories. Events the workers publish are recorded in `published`.
 */
export async function createHarness(options: { mailer?: Mailer; emailWebhookSecret?: string } = {}) {
  const database: TestDatabase = await createTestDatabase();
  const jobs: InProcessQueue = createInProcessQueue(database.handle.db, quietLogger, {
    listen: database.handle.listen,
  });
  const clock = createTestClock();
  const deps: DomainDeps = { db: database.handle.db, jobs, events: createJobEventBus(jobs), clock };
  const published: RealtimeEvent[] = [];
  const mailer = options.mailer ?? createOutboxMailer({ info: () => {} });
  const secrets = createSecretBox(testAppSecret);
  const search = createPostgresSearchEngine(deps.db);
  await jobs.start({
    ...deps,
    search,
    mailer,
    secrets,
    channelMailer: createChannelMailers(),
    realtime: { publish: async (event) => void published.push(event) },
  });

  const app = createApp(
    {
      ...deps,
      secrets,
      // As in the server: index updates go through the job queue (drain it before a search that needs them).
      search: queuedSearchIndexing(search, jobs),
      secureCookies: false,
      // As the server does: links in mail are built on the public address, never on a request's Host header.
      publicUrl: () => "http://helpdesk.test",
      portalPasswordLimiter: createAttemptLimiter("portal-password", portalPasswordLimits),
      // The server's per-IP cap, scaled to a test file where every request comes from the same (unknown) address.
      portalLinkLimiter: createAttemptLimiter("portal-link", { perKey: 1_000, perIp: 60, windowMs: 60 * 60 * 1000 }),
      emailWebhookSecret: options.emailWebhookSecret,
      health: createHealthCheck({
        db: deps.db,
        redis: null,
        modes: { database: "postgres", queue: "in-process", search: "postgres", realtime: "in-memory" },
      }),
    },
    quietLogger,
  );

  async function signIn(
    role: UserRole = "agent",
    options: { teamIds?: string[]; name?: string } = {},
  ): Promise<SignedIn> {
    const email = uniqueEmail(role);
    const user = await createUser(deps, {
      email,
      name: options.name ?? `Test ${role}`,
      role,
      password: "correct horse battery",
      teamIds: options.teamIds ?? [],
    });
    const session = await logIn(deps, { email, password: "correct horse battery" });
    const actor = await loadStaffActor(deps, user);
    return { actor, token: session.token, email, headers: { authorization: `Bearer ${session.token}` } };
  }

  async function team(name = `Team ${randomBytes(3).toString("hex")}`, memberIds: string[] = []) {
    return createTeam(deps, { name, memberIds });
  }

  return {
    database,
    deps,
    db: deps.db,
    jobs,
    clock,
    secrets,
    app,
    client: testClient(app),
    published,
    signIn,
    team,
    async close() {
      await jobs.close();
      await database.drop();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
