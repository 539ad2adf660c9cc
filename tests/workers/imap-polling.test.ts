import { randomBytes } from "node:crypto";
import {
  createChannel,
  createJobEventBus,
  MailboxPollError,
  pollAllMailboxes,
  pollImapMailbox,
  processInboundEmail,
  type ChannelDetailView,
  type JobQueue,
  type MailboxPollingDeps,
} from "@helpdesk/api/domain";
import { createOutboxMailer } from "@helpdesk/api/mail";
import { inboundDeliveries, mailboxSyncStates, messages, tickets } from "@helpdesk/db";
import { createBullmqQueue, startBullmqWorkers } from "@helpdesk/workers";
import { eq } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startDovecot, type Dovecot, type DovecotUser } from "../support/dovecot.ts";
import { createHarness, type Harness, type SignedIn } from "../support/harness.ts";
import { redisUrl } from "../support/services.ts";
import { eventually } from "../support/eventually.ts";

/**
 * IMAP polling against a real Dovecot: what is read, what is stored, what is remembered between polls, and how
 * failures are recorded. Each scenario has its own Dovecot user (mailbox) and email channel.
 */
const users = {
  main: { name: "main", password: "main-imap-password" },
  resync: { name: "resync", password: "resync-imap-password" },
  broken: { name: "broken", password: "broken-imap-password" },
  crash: { name: "crash", password: "crash-imap-password" },
  leased: { name: "leased", password: "leased-imap-password" },
  "in-process": { name: "inprocess", password: "inprocess-imap-password" },
  bullmq: { name: "bullmq", password: "bullmq-imap-password" },
} satisfies Record<string, DovecotUser>;

let dovecot: Dovecot;
let h: Harness;
let admin: SignedIn;
let deps: MailboxPollingDeps;

beforeAll(async () => {
  [dovecot, h] = await Promise.all([startDovecot(Object.values(users)), createHarness()]);
  admin = await h.signIn("admin");
  deps = { ...h.deps, secrets: h.secrets };
});
afterAll(async () => {
  await h?.close();
  await dovecot?.close();
});

function mail(m: { from: string; subject: string; id: string; body?: string; inReplyTo?: string; to?: string }) {
  return [
    `From: ${m.from}`,
    `To: ${m.to ?? "support@imap.test"}`,
    `Subject: ${m.subject}`,
    `Message-ID: <${m.id}>`,
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    m.body ?? `About ${m.subject}.`,
    "",
  ].join("\r\n");
}

async function imapChannel(user: DovecotUser, options: { password?: string; mailbox?: string; port?: number } = {}) {
  return createChannel(deps, admin.actor, {
    kind: "email",
    name: `IMAP ${user.name}`,
    address: `${user.name}-${randomBytes(3).toString("hex")}@imap.test`,
    settings: {
      imap: {
        host: dovecot.host,
        port: options.port ?? dovecot.port,
        secure: false,
        username: user.name,
        password: options.password ?? user.password,
        mailbox: options.mailbox ?? "INBOX",
      },
    },
  });
}

const deliveriesOf = (channelId: string) =>
  h.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.channelId, channelId));
const syncStateOf = async (channelId: string) =>
  (await h.db.select().from(mailboxSyncStates).where(eq(mailboxSyncStates.channelId, channelId)))[0];

/** What the server holds in a folder: UIDVALIDITY, and each message's UID and flags. */
async function mailboxContents(user: DovecotUser, mailbox = "INBOX") {
  const client = await dovecot.connectAs(user);
  try {
    const lock = await client.getMailboxLock(mailbox);
    try {
      const found: { uid: number; seen: boolean }[] = [];
      if (client.mailbox && client.mailbox.exists > 0) {
        for await (const m of client.fetch("1:*", { uid: true, flags: true }))
          found.push({ uid: m.uid, seen: m.flags?.has("\\Seen") ?? false });
      }
      return { uidValidity: Number(client.mailbox ? client.mailbox.uidValidity : 0), messages: found };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

describe("polling one mailbox", () => {
  let channel: ChannelDetailView;
  beforeAll(async () => {
    channel = await imapChannel(users.main);
  });

  test("the first poll stores every message once, opens their tickets and flags them \\Seen without deleting", async () => {
    await dovecot.append(users.main, "INBOX", [
      mail({ from: "ana@customer.test", subject: "Order 881 never arrived", id: "order-881@customer.test" }),
      mail({ from: "ben@customer.test", subject: "Refund for a double charge", id: "refund-17@customer.test" }),
      mail({ from: "cai@customer.test", subject: "How do I export my data?", id: "export-3@customer.test" }),
    ]);

    expect(await pollImapMailbox(deps, channel.id)).toEqual({ fetched: 3, stored: 3, resynced: true });
    await h.jobs.drain();

    const deliveries = await deliveriesOf(channel.id);
    expect(deliveries.map((d) => d.externalId).sort()).toEqual([
      "export-3@customer.test",
      "order-881@customer.test",
      "refund-17@customer.test",
    ]);
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({
        status: "processed",
        envelope: { transport: "imap", remoteAddress: dovecot.host },
      });
    }
    const opened = await h.db.select().from(tickets).where(eq(tickets.channelId, channel.id));
    expect(opened.map((t) => t.subject).sort()).toEqual([
      "How do I export my data?",
      "Order 881 never arrived",
      "Refund for a double charge",
    ]);

    const server = await mailboxContents(users.main);
    expect(server.messages).toEqual([
      { uid: 1, seen: true },
      { uid: 2, seen: true },
      { uid: 3, seen: true },
    ]);
    expect(await syncStateOf(channel.id)).toMatchObject({
      uidValidity: server.uidValidity,
      lastUid: 3,
      lastError: null,
      leaseUntil: null,
    });
    expect((await syncStateOf(channel.id))!.lastSucceededAt).toBeInstanceOf(Date);
  });

  test("a second poll reads and stores nothing", async () => {
    expect(await pollImapMailbox(deps, channel.id)).toEqual({ fetched: 0, stored: 0, resynced: false });
    await h.jobs.drain();
    expect(await deliveriesOf(channel.id)).toHaveLength(3);
    expect((await syncStateOf(channel.id))!.lastUid).toBe(3);
  });

  test("mail arriving between polls is picked up, and a reply joins its ticket", async () => {
    await dovecot.append(users.main, "INBOX", [
      mail({
        from: "ana@customer.test",
        subject: "Re: Order 881 never arrived",
        id: "order-881-2@customer.test",
        inReplyTo: "order-881@customer.test",
        body: "Any news?",
      }),
    ]);
    expect(await pollImapMailbox(deps, channel.id)).toEqual({ fetched: 1, stored: 1, resynced: false });
    await h.jobs.drain();

    const [first] = await h.db.select().from(messages).where(eq(messages.externalId, "order-881@customer.test"));
    const [reply] = await h.db.select().from(messages).where(eq(messages.externalId, "order-881-2@customer.test"));
    expect(reply!.ticketId).toBe(first!.ticketId);
    expect(reply!.bodyText).toBe("Any news?");
    expect((await syncStateOf(channel.id))!.lastUid).toBe(4);
    expect(await pollImapMailbox(deps, channel.id)).toMatchObject({ fetched: 0 });
  });

  test("GET /api/channels/:id reports the polling status", async () => {
    const res = await h.client.api.channels[":id"].$get({ param: { id: channel.id } }, { headers: admin.headers });
    const body = await res.json();
    if (!("kind" in body) || body.kind !== "email")
      throw new Error(`expected an email channel, got ${JSON.stringify(body)}`);
    expect(body.imapSync).toMatchObject({ lastUid: 4, lastError: null });
    expect(body.imapSync!.lastPolledAt).toEqual(expect.any(String));
  });
});

test("a changed UIDVALIDITY (the folder recreated) reads the folder again without duplicating a message", async () => {
  const channel = await imapChannel(users.resync, { mailbox: "Support" });
  const a = mail({ from: "dee@customer.test", subject: "Printer offline", id: "printer-1@customer.test" });
  const b = mail({ from: "eve@customer.test", subject: "Invoice address", id: "invoice-9@customer.test" });
  await dovecot.append(users.resync, "Support", [a, b]);
  expect(await pollImapMailbox(deps, channel.id)).toEqual({ fetched: 2, stored: 2, resynced: true });
  const before = await mailboxContents(users.resync, "Support");

  // The folder is deleted and made again (a server migration, a restore): the same mails get new UIDs.
  const client = await dovecot.connectAs(users.resync);
  await client.mailboxDelete("Support");
  await client.logout();
  const c = mail({ from: "fay@customer.test", subject: "New laptop setup", id: "laptop-2@customer.test" });
  await dovecot.append(users.resync, "Support", [a, b, c]);
  const after = await mailboxContents(users.resync, "Support");
  expect(after.uidValidity).not.toBe(before.uidValidity);

  expect(await pollImapMailbox(deps, channel.id)).toEqual({ fetched: 3, stored: 1, resynced: true });
  await h.jobs.drain();
  const deliveries = await deliveriesOf(channel.id);
  expect(deliveries.map((d) => d.externalId).sort()).toEqual([
    "invoice-9@customer.test",
    "laptop-2@customer.test",
    "printer-1@customer.test",
  ]);
  expect(await h.db.select().from(tickets).where(eq(tickets.channelId, channel.id))).toHaveLength(3);
  expect(await syncStateOf(channel.id)).toMatchObject({ uidValidity: after.uidValidity, lastUid: 3 });
});

describe("failures", () => {
  test("a wrong password is recorded for the admin and moves nothing on; the right one then reads the mail", async () => {
    await dovecot.append(users.broken, "INBOX", [
      mail({ from: "gus@customer.test", subject: "Locked out", id: "locked-1@customer.test" }),
    ]);
    const channel = await imapChannel(users.broken, { password: "not-the-password" });

    const failure = await pollImapMailbox(deps, channel.id).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MailboxPollError);
    expect(failure).toMatchObject({
      permanent: true,
      message: expect.stringMatching(/refused the username or password for broken/),
    });
    const state = (await syncStateOf(channel.id))!;
    expect(state).toMatchObject({ lastUid: 0, uidValidity: null, lastSucceededAt: null, leaseUntil: null });
    expect(state.lastError).toMatch(/refused the username or password/);
    expect(state.lastPolledAt).toBeInstanceOf(Date);
    expect(await deliveriesOf(channel.id)).toHaveLength(0);

    const shown = await h.client.api.channels[":id"].$get({ param: { id: channel.id } }, { headers: admin.headers });
    expect(await shown.json()).toMatchObject({ imapSync: { lastError: expect.stringMatching(/refused/), lastUid: 0 } });

    // The admin fixes the password; host and username are sent again, as the settings form does.
    const fixed = await h.client.api.channels[":id"].$patch(
      {
        param: { id: channel.id },
        json: {
          settings: {
            imap: {
              host: dovecot.host,
              port: dovecot.port,
              secure: false,
              username: users.broken.name,
              password: users.broken.password,
            },
          },
        },
      },
      { headers: admin.headers },
    );
    expect(fixed.status).toBe(200);
    expect(await pollImapMailbox(deps, channel.id)).toEqual({ fetched: 1, stored: 1, resynced: true });
    expect(await syncStateOf(channel.id)).toMatchObject({ lastError: null, lastUid: 1 });
  });

  test("an unreachable server is recorded as a failure worth retrying", async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const channel = await imapChannel(users.broken, { port: 1 });
    const failure = await pollImapMailbox(deps, channel.id).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      name: "MailboxPollError",
      permanent: false,
      message: expect.stringMatching(/Could not connect to 127\.0\.0\.1:1 \(ECONNREFUSED\)/),
    });
    expect(await syncStateOf(channel.id)).toMatchObject({
      lastError: expect.stringMatching(/ECONNREFUSED/),
      lastUid: 0,
      leaseUntil: null,
    });
  });

  test("a crash in the middle of a batch re-reads from the last stored message and skips none", async () => {
    const channel = await imapChannel(users.crash);
    await dovecot.append(users.crash, "INBOX", [
      mail({ from: "hal@customer.test", subject: "One", id: "crash-1@customer.test" }),
      mail({ from: "hal@customer.test", subject: "Two", id: "crash-2@customer.test" }),
      mail({ from: "hal@customer.test", subject: "Three", id: "crash-3@customer.test" }),
    ]);
    // The outbox write fails on the second mail, rolling back its raw row with it: the poll stops there.
    let enqueued = 0;
    const failingOn = (queue: JobQueue): JobQueue => ({
      async enqueue(contract, payload, options) {
        if (contract.name === processInboundEmail.name && ++enqueued === 2) throw new Error("the queue went away");
        await queue.enqueue(contract, payload, options);
      },
      within: (tx) => failingOn(queue.within(tx)),
    });
    const failingQueue = failingOn(h.jobs);
    await expect(pollImapMailbox({ ...deps, jobs: failingQueue }, channel.id)).rejects.toThrow(/the queue went away/);
    expect(await syncStateOf(channel.id)).toMatchObject({
      lastUid: 1,
      lastError: expect.stringMatching(/the queue went away/),
    });

    // The next poll reads 2 again (stored now, with its job) and 3.
    expect(await pollImapMailbox(deps, channel.id)).toEqual({ fetched: 2, stored: 2, resynced: false });
    await h.jobs.drain();
    const deliveries = await deliveriesOf(channel.id);
    expect(deliveries.map((d) => [d.externalId, d.status]).sort()).toEqual([
      ["crash-1@customer.test", "processed"],
      ["crash-2@customer.test", "processed"],
      ["crash-3@customer.test", "processed"],
    ]);
    expect((await mailboxContents(users.crash)).messages.every((m) => m.seen)).toBe(true);
  });

  test("a poll while another one holds the mailbox's lease leaves it alone; inactive channels are not polled", async () => {
    const channel = await imapChannel(users.leased);
    await pollImapMailbox(deps, channel.id);
    await h.db
      .update(mailboxSyncStates)
      .set({ leaseUntil: new Date(h.clock.now().getTime() + 60_000) })
      .where(eq(mailboxSyncStates.channelId, channel.id));
    expect(await pollImapMailbox(deps, channel.id)).toMatchObject({ skipped: "already_polling", fetched: 0 });

    await h.db.update(mailboxSyncStates).set({ leaseUntil: null }).where(eq(mailboxSyncStates.channelId, channel.id));
    await h.client.api.channels[":id"].$patch(
      { param: { id: channel.id }, json: { active: false } },
      { headers: admin.headers },
    );
    expect(await pollImapMailbox(deps, channel.id)).toMatchObject({ skipped: "inactive" });
  });
});

describe.each(["in-process", "bullmq"] as const)("the schedule on the %s runner", (mode) => {
  // A database of its own: the tick polls every IMAP channel, and the failing ones above are not this test's.
  let scheduled: Harness;
  let stop = async () => {};
  beforeAll(async () => {
    scheduled = await createHarness();
    const everyMs = 300;
    if (mode === "in-process") {
      scheduled.jobs.schedule(pollAllMailboxes, {}, everyMs);
      return;
    }
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const prefix = `test-imap-${randomBytes(4).toString("hex")}`;
    const jobs = createBullmqQueue({
      connection: redis,
      prefix,
      db: scheduled.db,
      relay: { listen: scheduled.database.handle.listen },
    });
    // The harness's in-process runner would take the polls from the shared outbox: BullMQ runs them here.
    await scheduled.jobs.close();
    await jobs.start();
    const workerDeps = { db: scheduled.db, jobs, events: createJobEventBus(jobs), clock: scheduled.clock };
    const workers = startBullmqWorkers(
      { connection: redis, prefix },
      {
        ...workerDeps,
        secrets: scheduled.secrets,
        mailer: createOutboxMailer({ info: () => {} }),
        realtime: { publish: async () => {} },
      },
    );
    await jobs.schedule(pollAllMailboxes, {}, everyMs);
    stop = async () => {
      await workers.close();
      await jobs.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    };
  });
  afterAll(async () => {
    await stop();
    await scheduled?.close();
  });

  test("polls every active IMAP channel on its own and turns the mail into tickets", async () => {
    const user = users[mode];
    const owner = await scheduled.signIn("admin");
    const channel = await createChannel({ ...scheduled.deps, secrets: scheduled.secrets }, owner.actor, {
      kind: "email",
      name: `Scheduled ${mode}`,
      address: `${user.name}@imap.test`,
      settings: {
        imap: { host: dovecot.host, port: dovecot.port, secure: false, username: user.name, password: user.password },
      },
    });
    await dovecot.append(user, "INBOX", [
      mail({ from: "ida@customer.test", subject: `Scheduled on ${mode}`, id: `scheduled-${mode}@customer.test` }),
    ]);

    const ticket = await eventually(async () => {
      const [found] = await scheduled.db.select().from(tickets).where(eq(tickets.channelId, channel.id));
      expect(found).toBeDefined();
      return found!;
    });
    expect(ticket.subject).toBe(`Scheduled on ${mode}`);
    await eventually(async () =>
      expect(
        (await scheduled.db.select().from(mailboxSyncStates).where(eq(mailboxSyncStates.channelId, channel.id)))[0],
      ).toMatchObject({ lastUid: 1, lastError: null }),
    );
  });
});
