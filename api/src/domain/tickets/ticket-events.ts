import { newId, ticketEvents, type Executor, type TicketEventKind } from "@helpdesk/db";
import type { Actor } from "../actor.ts";

export interface TicketChange {
  kind: TicketEventKind;
  data: Record<string, unknown>;
}

/** Writes the audit trail for a set of changes, inside the caller's transaction. */
export async function recordTicketEvents(
  db: Executor,
  ticketId: string,
  actor: Actor,
  changes: TicketChange[],
  at: Date,
): Promise<{ id: string; kind: TicketEventKind }[]> {
  if (changes.length === 0) return [];
  const rows = changes.map((change) => ({
    id: newId("ticketEvent"),
    ticketId,
    kind: change.kind,
    actorKind: actor.kind,
    actorUserId: actor.kind === "user" ? actor.id : null,
    data: change.data,
    createdAt: at,
  }));
  await db.insert(ticketEvents).values(rows);
  return rows.map((r) => ({ id: r.id, kind: r.kind }));
}
