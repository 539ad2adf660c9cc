import { notifications, tickets, type Executor } from "@helpdesk/db";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError, isUniqueViolation } from "../errors.ts";
import type { NotificationView } from "../tickets/views.ts";

export async function findNotificationView(db: Executor, notificationId: string): Promise<NotificationView | null> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, notificationId));
  return row ? toView(row) : null;
}

function toView(row: typeof notifications.$inferSelect): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    ticketId: row.ticketId,
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/**
 * Tells an assignee a ticket is theirs. Idempotent on the assignment event: the notification id is
 * derived from it, so a retried job finds the row and does nothing.
 */
export async function notifyAssignee(
  deps: DomainDeps,
  input: { ticketId: string; assigneeId: string; actorUserId: string | null; eventId: string },
): Promise<NotificationView | null> {
  const [ticket] = await deps.db
    .select({ number: tickets.number, subject: tickets.subject, assigneeId: tickets.assigneeId })
    .from(tickets)
    .where(eq(tickets.id, input.ticketId));
  // Reassigned again before this ran: the newer assignment notifies its own assignee.
  if (!ticket || ticket.assigneeId !== input.assigneeId) return null;
  const id = `ntf_${input.eventId.replace(/^evt_/, "")}`;
  let row: typeof notifications.$inferSelect | undefined;
  try {
    [row] = await deps.db
      .insert(notifications)
      .values({
        id,
        userId: input.assigneeId,
        kind: "ticket.assigned",
        ticketId: input.ticketId,
        title: `#${ticket.number} ${ticket.subject} was assigned to you`,
        createdAt: deps.clock.now(),
      })
      .returning();
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  const view = toView(row!);
  await deps.events.emit({ type: "notification.created", userId: input.assigneeId, notificationId: view.id });
  return view;
}

export async function listNotifications(
  deps: Pick<DomainDeps, "db">,
  actor: StaffActor,
  options: { unreadOnly: boolean },
) {
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), options.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(50);
  return rows.map(toView);
}

export async function markNotificationRead(deps: Pick<DomainDeps, "db" | "clock">, actor: StaffActor, id: string) {
  const [row] = await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id)))
    .returning();
  if (!row) throw new DomainError("NOT_FOUND", `Notification ${id} does not exist.`);
  return toView(row);
}
