import { channels, mailboxSyncStates, type MailboxSyncState } from "@helpdesk/db";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import type { DomainDeps } from "../../deps.ts";
import { DomainError } from "../../errors.ts";
import { pollMailbox } from "../../jobs.ts";
import type { SecretBox } from "../../secrets/secret-box.ts";
import { SecretUnreadableError } from "../../secrets/secret-box.ts";
import { imapSettingsOf, imapSourceOf, type StoredImapSettings } from "./mail-server-settings.ts";
import { receiveInboundEmail } from "./receive-inbound-email.ts";

export type MailboxPollingDeps = DomainDeps & { secrets: SecretBox };

export interface MailboxPollResult {
  /** Not polled: the channel is inactive, has no IMAP account, or another poll holds it right now. */
  skipped?: "inactive" | "no_imap_account" | "already_polling";
  /** Messages read from the server in this poll. */
  fetched: number;
  /** Of those, the ones that were new deliveries (the rest were already stored, e.g. after a UIDVALIDITY change). */
  stored: number;
  /** The mailbox was read from the start: first poll, UIDVALIDITY changed, or another account/folder. */
  resynced: boolean;
}

/**
 * A poll that failed: recorded on the channel's sync state for the admin screen, then thrown for the job runner.
 * `permanent` (wrong password, missing folder, unreadable stored password) needs an admin, not a quick retry;
 * the next scheduled poll tries again anyway.
 */
export class MailboxPollError extends Error {
  override name = "MailboxPollError";
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// Long enough for a first sync of a big mailbox; a crashed poll's lease runs out after it.
const leaseMs = 15 * 60 * 1000;
// UIDs fetched per FETCH: bounds what one round trip holds in memory (mails can be 25 MB) while keeping round trips few.
const fetchBatchSize = 20;

/**
 * Reads new mail from an email channel's IMAP mailbox into the inbound pipeline. Each message is stored through
 * receiveInboundEmail (idempotent on Message-ID), and the channel's last UID advances only after that message is
 * stored: a crash mid-batch reads the rest again, it never skips one. When UIDVALIDITY (or the account or folder)
 * changes, the mailbox is read from the start; the Message-IDs already stored keep that from doubling anything.
 * Read messages are flagged \Seen, never deleted: the mailbox stays intact for anyone else who reads it.
 */
export async function pollImapMailbox(deps: MailboxPollingDeps, channelId: string): Promise<MailboxPollResult> {
  const [channel] = await deps.db.select().from(channels).where(eq(channels.id, channelId));
  if (!channel || channel.kind !== "email")
    throw new DomainError("CHANNEL_NOT_FOUND", `There is no email channel ${channelId}.`);
  const idle: MailboxPollResult = { fetched: 0, stored: 0, resynced: false };
  if (!channel.active) return { ...idle, skipped: "inactive" };
  const imap = imapSettingsOf(channel);
  if (!imap) return { ...idle, skipped: "no_imap_account" };

  const state = await acquireLease(deps, channelId);
  if (!state) return { ...idle, skipped: "already_polling" };
  try {
    const result = await readMailbox(deps, channelId, imap, state);
    await recordPoll(deps, channelId, { lastError: null, lastSucceededAt: deps.clock.now() });
    return result;
  } catch (error) {
    const failure = asPollError(error, imap);
    await recordPoll(deps, channelId, { lastError: failure.message });
    throw failure;
  } finally {
    await deps.db.update(mailboxSyncStates).set({ leaseUntil: null }).where(eq(mailboxSyncStates.channelId, channelId));
  }
}

/** The scheduled tick: one poll job per active email channel with an IMAP account, read afresh each time. */
export async function enqueueMailboxPolls(deps: Pick<DomainDeps, "db" | "jobs">): Promise<string[]> {
  const rows = await deps.db
    .select()
    .from(channels)
    .where(and(eq(channels.kind, "email"), eq(channels.active, true)));
  const polled = rows.filter((c) => imapSettingsOf(c) !== null).map((c) => c.id);
  for (const channelId of polled) await deps.jobs.enqueue(pollMailbox, { channelId });
  return polled;
}

async function readMailbox(
  deps: MailboxPollingDeps,
  channelId: string,
  imap: StoredImapSettings,
  state: MailboxSyncState,
): Promise<MailboxPollResult> {
  if (!imap.passwordEncrypted)
    throw new MailboxPollError("The IMAP account has no password; enter it in the channel settings.", true);
  const password = deps.secrets.open(imap.passwordEncrypted);
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.username, pass: password },
    logger: false,
    // One poll, then log out: IDLE would only hold the connection open between our commands.
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
  });
  // Socket errors are also emitted as events; unheard, they would crash the process instead of failing this poll.
  client.on("error", () => {});

  await client.connect();
  try {
    const lock = await client.getMailboxLock(imap.mailbox, { readOnly: false });
    try {
      const mailbox = client.mailbox;
      if (!mailbox) throw new MailboxPollError(`The folder ${imap.mailbox} could not be opened.`, true);
      const uidValidity = Number(mailbox.uidValidity);
      const source = imapSourceOf(imap);
      const resynced = state.uidValidity !== uidValidity || state.source !== source;
      let lastUid = resynced ? 0 : state.lastUid;
      if (resynced) {
        // Before anything is stored: a crash from here on starts over from UID 1, which is safe.
        await deps.db
          .update(mailboxSyncStates)
          .set({ source, uidValidity, lastUid: 0 })
          .where(eq(mailboxSyncStates.channelId, channelId));
      }

      // `N:*` always matches the highest UID, even below N: filter, or the last mail would be read on every poll.
      const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
      const uids = found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
      const result: MailboxPollResult = { fetched: 0, stored: 0, resynced };

      for (let start = 0; start < uids.length; start += fetchBatchSize) {
        lastUid = await readBatch(
          { deps, client, channelId, imap, result },
          uids.slice(start, start + fetchBatchSize),
          lastUid,
        );
      }
      return result;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * Fetches one batch of UIDs (ascending), stores each message, and returns the new last UID: it advances past a
 * message only once that message is stored, so whatever interrupts the batch, the next poll starts at the first
 * message not yet stored.
 */
async function readBatch(
  poll: {
    deps: MailboxPollingDeps;
    client: ImapFlow;
    channelId: string;
    imap: StoredImapSettings;
    result: MailboxPollResult;
  },
  batch: number[],
  lastUid: number,
): Promise<number> {
  const { deps, client, channelId, imap, result } = poll;
  const saveLastUid = (uid: number) =>
    deps.db.update(mailboxSyncStates).set({ lastUid: uid }).where(eq(mailboxSyncStates.channelId, channelId));
  const done = new Set<number>();
  try {
    for await (const message of client.fetch(batch.join(","), { uid: true, source: true }, { uid: true })) {
      result.fetched++;
      if (message.source && message.source.byteLength > 0) {
        const received = await receiveInboundEmail(deps, {
          // A view, not a copy: a mail can be 25 MB. (Buffer's type admits SharedArrayBuffer; imapflow's never is.)
          raw: new Uint8Array(
            message.source.buffer as ArrayBuffer,
            message.source.byteOffset,
            message.source.byteLength,
          ),
          transport: "imap",
          envelope: { mailFrom: null, rcptTo: [], remoteAddress: imap.host },
          channelId,
        });
        if (!received.duplicate) result.stored++;
      }
      done.add(message.uid);
      // Over the stored prefix only: should the server answer out of order, no UID is passed unread.
      let next = lastUid;
      for (const uid of batch) {
        if (uid <= lastUid) continue;
        if (!done.has(uid)) break;
        next = uid;
      }
      if (next > lastUid) {
        lastUid = next;
        await saveLastUid(lastUid);
      }
    }
  } finally {
    // After storing, not before: a crash in between leaves a stored mail unflagged, never a flagged mail unstored;
    // and also when the batch failed part-way, for what it did store. \Seen is a courtesy to people reading the
    // mailbox too: failing to set it is no reason to fail a poll whose mail is stored.
    if (done.size > 0) await client.messageFlagsAdd([...done].join(","), ["\\Seen"], { uid: true }).catch(() => false);
  }
  // UIDs the FETCH did not return were expunged meanwhile by another client: nothing left there to read.
  const batchEnd = batch.at(-1)!;
  if (batchEnd > lastUid) {
    lastUid = batchEnd;
    await saveLastUid(lastUid);
  }
  return lastUid;
}

/** Takes the channel's polling lease (creating its sync state on the first poll); null while another poll holds it. */
async function acquireLease(deps: MailboxPollingDeps, channelId: string): Promise<MailboxSyncState | null> {
  const now = deps.clock.now();
  await deps.db.insert(mailboxSyncStates).values({ channelId }).onConflictDoNothing();
  const [state] = await deps.db
    .update(mailboxSyncStates)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(
      and(
        eq(mailboxSyncStates.channelId, channelId),
        or(isNull(mailboxSyncStates.leaseUntil), lt(mailboxSyncStates.leaseUntil, now)),
      ),
    )
    .returning();
  return state ?? null;
}

async function recordPoll(
  deps: MailboxPollingDeps,
  channelId: string,
  outcome: { lastError: string | null; lastSucceededAt?: Date },
) {
  await deps.db
    .update(mailboxSyncStates)
    .set({ lastPolledAt: deps.clock.now(), ...outcome })
    .where(eq(mailboxSyncStates.channelId, channelId));
}

interface ImapFailure {
  code?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  message?: string;
}

/** What went wrong, in words an admin can act on, and whether retrying soon could help. */
function asPollError(error: unknown, imap: StoredImapSettings): MailboxPollError {
  if (error instanceof MailboxPollError) return error;
  if (error instanceof SecretUnreadableError) {
    return new MailboxPollError(`The stored IMAP password cannot be read (${error.message}) Enter it again.`, true, {
      cause: error,
    });
  }
  const failure = (error ?? {}) as ImapFailure;
  const server = `${imap.host}:${imap.port}`;
  const said = failure.responseText ? ` (the server said: ${failure.responseText})` : "";
  if (failure.authenticationFailed || failure.serverResponseCode === "AUTHENTICATIONFAILED") {
    return new MailboxPollError(`${server} refused the username or password for ${imap.username}${said}.`, true, {
      cause: error,
    });
  }
  if (failure.serverResponseCode === "NONEXISTENT" || failure.code === "NotFound") {
    return new MailboxPollError(`The folder ${imap.mailbox} does not exist on ${server}${said}.`, true, {
      cause: error,
    });
  }
  if (failure.code === "ECONNREFUSED" || failure.code === "ENOTFOUND" || failure.code === "EHOSTUNREACH") {
    return new MailboxPollError(`Could not connect to ${server} (${failure.code}).`, false, { cause: error });
  }
  if (error instanceof DomainError) return new MailboxPollError(error.message, false, { cause: error });
  return new MailboxPollError(`Polling ${server} failed: ${failure.message ?? String(error)}${said}.`, false, {
    cause: error,
  });
}
