import type { StaffActor } from "../domain/actor.ts";
import type { DomainEvent } from "../domain/events.ts";
import { seesAllTickets } from "../domain/tickets/visibility.ts";

/** Room names, generated in one place. They mirror the ticket visibility rule in domain/tickets/visibility.ts. */
export const rooms = {
  allTickets: "tickets:all",
  unteamedTickets: "tickets:unteamed",
  team: (teamId: string) => `team:${teamId}`,
  user: (userId: string) => `user:${userId}`,
};

export function roomsForStaff(actor: StaffActor): string[] {
  const joined = [rooms.user(actor.id)];
  if (seesAllTickets(actor)) joined.push(rooms.allTickets);
  else joined.push(rooms.unteamedTickets, ...actor.teamIds.map(rooms.team));
  return joined;
}

function ticketRooms(teamId: string | null, assigneeId: string | null): string[] {
  const list = [rooms.allTickets, teamId ? rooms.team(teamId) : rooms.unteamedTickets];
  if (assigneeId) list.push(rooms.user(assigneeId));
  return list;
}

/**
 * Who receives an event. Computed once, here. Staff rooms only for now: internal notes must never
 * reach a customer room when customer-facing rooms (chat widget, portal) arrive.
 */
export function audienceOf(event: DomainEvent): string[] {
  switch (event.type) {
    case "ticket.created":
    case "message.created":
    case "message.updated":
      return ticketRooms(event.ticket.team?.id ?? null, event.ticket.assignee?.id ?? null);
    case "ticket.updated":
      return [
        ...new Set([
          ...ticketRooms(event.ticket.team?.id ?? null, event.ticket.assignee?.id ?? null),
          // Those who saw it before learn that it moved out of their view.
          ...ticketRooms(event.previous.teamId, event.previous.assigneeId),
        ]),
      ];
    case "notification.created":
      return [rooms.user(event.userId)];
  }
}

/** Pushes a domain event to its audience: socket.io server in the API, Redis emitter in a standalone worker. */
export interface RealtimePublisher {
  publish(event: DomainEvent): Promise<void>;
}

interface Broadcaster {
  to(rooms: string[]): { emit(event: string, payload: unknown): unknown };
}

export function broadcastPublisher(target: Broadcaster): RealtimePublisher {
  return {
    async publish(event) {
      target.to(audienceOf(event)).emit(event.type, event);
    },
  };
}
