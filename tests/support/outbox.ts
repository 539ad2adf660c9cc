import { outboxJobs, type Database, type OutboxJob } from "@helpdesk/db";
import type { SQL } from "drizzle-orm";
import { expect } from "vitest";
import { eventually } from "./eventually.ts";

/**
 * The outbox jobs matching `where`, once none of them is still waiting or running (each is done or failed). What
 * those jobs do (a mail, a push, a notification) has happened by then, so a test counts it without giving it time.
 * It is empty when no job matched: assert on what it returns.
 */
export function finishedJobs(db: Database, where: SQL | undefined, timeoutMs?: number): Promise<OutboxJob[]> {
  return eventually(async () => {
    const rows = await db.select().from(outboxJobs).where(where);
    const unfinished = rows.filter((r) => r.state === "pending" || r.state === "dispatched");
    expect(
      unfinished.map((r) => `${r.name} #${r.id} ${r.state}`),
      "outbox jobs still to finish",
    ).toEqual([]);
    return rows;
  }, timeoutMs);
}
