import type { Transaction } from "@helpdesk/db";
import type { DomainDeps } from "./deps.ts";

/** Domain deps bound to one open transaction. */
export type TransactionDeps<D extends DomainDeps = DomainDeps> = Omit<D, "db"> & { db: Transaction };

/**
 * Runs `work` in one transaction with deps bound to it: its queries, the jobs it enqueues and the events it
 * emits commit together or not at all. Nothing the work causes can be lost between a commit and a dispatch,
 * because there is no such gap: the outbox rows are part of the commit.
 */
export function inTransaction<D extends DomainDeps, T>(
  deps: D,
  work: (tx: TransactionDeps<D>) => Promise<T>,
): Promise<T> {
  return deps.db.transaction((tx) =>
    work({ ...deps, db: tx, jobs: deps.jobs.within(tx), events: deps.events.within(tx) }),
  );
}
