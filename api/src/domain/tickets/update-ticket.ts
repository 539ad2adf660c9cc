import { teamMembers, ticketPriorities, tickets, ticketStatuses, type Ticket } from "@helpdesk/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { notifyTicketAssigned } from "../jobs.ts";
import { checkAssignment } from "./assignment-rules.ts";
import { customFieldsInput, tagInput } from "./create-ticket.ts";
import { lockTicket } from "./get-ticket.ts";
import { recordTicketEvents, type TicketChange } from "./ticket-events.ts";
import { findTicketView } from "./ticket-read-model.ts";
import type { TicketView } from "./views.ts";
import { canSeeTicket } from "./visibility.ts";
import { refreshTicketSla } from "../sla/refresh-ticket-sla.ts";
import { inTransaction } from "../unit-of-work.ts";
import { messageLimits } from "../messages/message-limits.ts";

export const updateTicketInput = z
  .object({
    subject: z.string().trim().min(1).max(messageLimits.subject),
    status: z.enum(ticketStatuses),
    priority: z.enum(ticketPriorities),
    assigneeId: z.string().min(1).nullable(),
    teamId: z.string().min(1).nullable(),
    tags: z.array(tagInput).max(30),
    /** Merged into the existing fields; a null value removes the field. */
    customFields: customFieldsInput,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "Nothing to change: send at least one field." });
export type UpdateTicketInput = z.input<typeof updateTicketInput>;

/** Rejects changes to tickets that are final. Closed is final, as in Zendesk; a merged ticket lives on in its target. */
export function assertTicketWritable(ticket: Ticket): void {
  if (ticket.mergedIntoId) {
    throw new DomainError("TICKET_MERGED", `Ticket #${ticket.number} was merged and can no longer change.`, {
      mergedIntoId: ticket.mergedIntoId,
    });
  }
  if (ticket.status === "closed") {
    throw new DomainError("TICKET_CLOSED", `Ticket #${ticket.number} is closed; open a follow-up instead.`);
  }
}

export function statusTimestamps(status: Ticket["status"], previous: Ticket, now: Date) {
  return {
    solvedAt:
      status === "solved"
        ? previous.status === "solved"
          ? previous.solvedAt
          : now
        : status === "closed"
          ? (previous.solvedAt ?? now)
          : null,
    closedAt: status === "closed" ? now : null,
  };
}

export async function updateTicket(
  deps: DomainDeps,
  /** Staff, or the system (SLA escalations) which sees every ticket. */
  actor: Actor,
  ticketId: string,
  rawInput: UpdateTicketInput,
): Promise<TicketView> {
  const input = updateTicketInput.parse(rawInput);
  const now = deps.clock.now();

  await inTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    const current = await lockTicket(tx, ticketId);
    if (actor.kind === "user" && !canSeeTicket(actor, current))
      throw new DomainError("TICKET_NOT_FOUND", `Ticket ${ticketId} does not exist.`);
    assertTicketWritable(current);

    const next = { ...current };
    const changes: TicketChange[] = [];

    if (input.subject !== undefined && input.subject !== current.subject) {
      next.subject = input.subject;
      changes.push({ kind: "subject_changed", data: { from: current.subject, to: input.subject } });
    }
    if (input.priority !== undefined && input.priority !== current.priority) {
      next.priority = input.priority;
      changes.push({ kind: "priority_changed", data: { from: current.priority, to: input.priority } });
    }
    if (input.teamId !== undefined && input.teamId !== current.teamId) {
      next.teamId = input.teamId;
      // As in Zendesk: moving a ticket to a team its assignee is not in unassigns it, unless a new assignee is given.
      if (input.assigneeId === undefined && current.assigneeId && input.teamId) {
        const [member] = await tx
          .select({ userId: teamMembers.userId })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.userId, current.assigneeId)));
        if (!member) next.assigneeId = null;
      }
    }
    if (input.assigneeId !== undefined) next.assigneeId = input.assigneeId;
    if (next.teamId !== current.teamId || next.assigneeId !== current.assigneeId) {
      await checkAssignment(tx, { assigneeId: next.assigneeId, teamId: next.teamId });
    }
    if (next.teamId !== current.teamId) {
      changes.push({ kind: "team_changed", data: { from: current.teamId, to: next.teamId } });
    }
    if (next.assigneeId !== current.assigneeId) {
      changes.push({ kind: "assignee_changed", data: { from: current.assigneeId, to: next.assigneeId } });
    }

    let status = input.status ?? current.status;
    // Picking up a new ticket opens it, unless the same request sets a status of its own.
    if (
      input.status === undefined &&
      current.status === "new" &&
      next.assigneeId &&
      next.assigneeId !== current.assigneeId
    ) {
      status = "open";
    }
    if (status !== current.status) {
      next.status = status;
      Object.assign(next, statusTimestamps(status, current, now));
      changes.push({ kind: "status_changed", data: { from: current.status, to: status } });
    }

    if (input.tags !== undefined) {
      const tags = [...new Set(input.tags)];
      const before = new Set(current.tags);
      const added = tags.filter((t) => !before.has(t));
      const removed = current.tags.filter((t) => !tags.includes(t));
      if (added.length || removed.length) {
        next.tags = tags;
        changes.push({ kind: "tags_changed", data: { from: current.tags, to: tags, added, removed } });
      }
    }
    if (input.customFields !== undefined) {
      const merged: Ticket["customFields"] = { ...current.customFields };
      for (const [key, value] of Object.entries(input.customFields)) {
        if (value === null) delete merged[key];
        else merged[key] = value;
      }
      if (JSON.stringify(merged) !== JSON.stringify(current.customFields)) {
        next.customFields = merged;
        changes.push({ kind: "custom_fields_changed", data: { from: current.customFields, to: merged } });
      }
    }

    if (changes.length === 0) return;
    await tx
      .update(tickets)
      .set({
        subject: next.subject,
        status: next.status,
        priority: next.priority,
        assigneeId: next.assigneeId,
        teamId: next.teamId,
        tags: next.tags,
        customFields: next.customFields,
        solvedAt: next.solvedAt,
        closedAt: next.closedAt,
        updatedAt: now,
      })
      .where(eq(tickets.id, ticketId));
    const events = await recordTicketEvents(tx, ticketId, actor, changes, now);
    await refreshTicketSla(txDeps, ticketId);
    await txDeps.events.emit({
      type: "ticket.updated",
      ticketId,
      changes: changes.map((c) => c.kind),
      previous: { teamId: current.teamId, assigneeId: current.assigneeId },
    });
    const assigned = events.find((e) => e.kind === "assignee_changed");
    const actorUserId = actor.kind === "user" ? actor.id : null;
    if (assigned && next.assigneeId && next.assigneeId !== actorUserId) {
      await txDeps.jobs.enqueue(notifyTicketAssigned, {
        ticketId,
        assigneeId: next.assigneeId,
        actorUserId,
        eventId: assigned.id,
      });
    }
  });

  return (await findTicketView(deps.db, ticketId))!;
}
