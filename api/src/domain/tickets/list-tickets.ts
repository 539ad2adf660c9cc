import { messages, ticketPriorities, tickets, ticketSlaStatuses, ticketStatuses } from "@helpdesk/db";
import { and, arrayContains, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { decodeCursor, pageFrom } from "../pagination.ts";
import { selectTicketViews } from "./ticket-read-model.ts";
import type { TicketView } from "./views.ts";
import { ticketVisibilityFilter } from "./visibility.ts";

/** `status=open,pending` style filters. */
const commaList = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));

export const listTicketsInput = z.object({
  status: commaList(ticketStatuses).optional(),
  priority: commaList(ticketPriorities).optional(),
  /** A user id, `me`, or `none` for unassigned. */
  assignee: z.string().min(1).optional(),
  /** A team id, or `none`. */
  team: z.string().min(1).optional(),
  channel: z.string().min(1).optional(),
  tag: z.string().trim().toLowerCase().min(1).optional(),
  customer: z.string().min(1).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** SLA state at a glance: `breached`, `active` (running), `paused`. */
  sla: z.enum(ticketSlaStatuses).exclude(["achieved"]).optional(),
  /** `newest` (default) or `oldest` by ticket number; `updated`: most recently changed first; `due`: breaches soonest first. */
  sort: z.enum(["newest", "oldest", "updated", "due"]).default("newest"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type ListTicketsInput = z.input<typeof listTicketsInput>;

/** A cursor names the last row of the previous page by its sort key; rows never shift under it. */
const cursorShape = z.object({ n: z.number().int(), u: z.string().optional(), d: z.string().nullable().optional() });
type Cursor = z.infer<typeof cursorShape>;

function textSearchFilter(q: string): SQL {
  const number = /^#?(\d{1,9})$/.exec(q)?.[1];
  const query = sql`websearch_to_tsquery('simple', ${q})`;
  const matches = sql`(${tickets.search} @@ ${query} or exists (
    select 1 from ${messages} where ${messages.ticketId} = "tickets"."id" and ${messages.search} @@ ${query}))`;
  return number ? sql`(${tickets.number} = ${Number(number)} or ${matches})` : matches;
}

export async function listTickets(
  deps: Pick<DomainDeps, "db">,
  actor: StaffActor,
  rawInput: ListTicketsInput,
): Promise<{ items: TicketView[]; nextCursor: string | null }> {
  const input = listTicketsInput.parse(rawInput);
  const filters: (SQL | undefined)[] = [ticketVisibilityFilter(actor)];

  if (input.status) filters.push(inArray(tickets.status, input.status));
  if (input.priority) filters.push(inArray(tickets.priority, input.priority));
  if (input.assignee === "none") filters.push(isNull(tickets.assigneeId));
  else if (input.assignee) filters.push(eq(tickets.assigneeId, input.assignee === "me" ? actor.id : input.assignee));
  if (input.team === "none") filters.push(isNull(tickets.teamId));
  else if (input.team) filters.push(eq(tickets.teamId, input.team));
  if (input.channel) filters.push(eq(tickets.channelId, input.channel));
  if (input.customer) filters.push(eq(tickets.customerId, input.customer));
  if (input.tag) filters.push(arrayContains(tickets.tags, [input.tag]));
  if (input.q) filters.push(textSearchFilter(input.q));
  if (input.sla) filters.push(eq(tickets.slaStatus, input.sla));

  const cursor = input.cursor ? decodeCursor(input.cursor, cursorShape) : null;
  let orderBy: SQL[];
  switch (input.sort) {
    case "newest":
      orderBy = [desc(tickets.number)];
      if (cursor) filters.push(sql`${tickets.number} < ${cursor.n}`);
      break;
    case "oldest":
      orderBy = [asc(tickets.number)];
      if (cursor) filters.push(sql`${tickets.number} > ${cursor.n}`);
      break;
    case "updated":
      orderBy = [desc(tickets.updatedAt), desc(tickets.number)];
      if (cursor) {
        if (!cursor.u) throw new DomainError("INVALID_CURSOR", "This cursor belongs to another sort order.");
        filters.push(sql`(${tickets.updatedAt}, ${tickets.number}) < (${cursor.u}::timestamptz, ${cursor.n})`);
      }
      break;
    case "due":
      // Soonest due first; tickets without a running clock after them, newest first among equals.
      orderBy = [sql`${tickets.slaDueAt} asc nulls last`, asc(tickets.number)];
      if (cursor) {
        if (cursor.d === undefined)
          throw new DomainError("INVALID_CURSOR", "This cursor belongs to another sort order.");
        filters.push(
          cursor.d === null
            ? sql`(${tickets.slaDueAt} is null and ${tickets.number} > ${cursor.n})`
            : sql`((${tickets.slaDueAt}, ${tickets.number}) > (${cursor.d}::timestamptz, ${cursor.n}) or ${tickets.slaDueAt} is null)`,
        );
      }
      break;
  }

  const rows = await selectTicketViews(deps.db, { where: and(...filters), orderBy, limit: input.limit + 1 });
  return pageFrom(rows, input.limit, (last): Cursor =>
    input.sort === "updated"
      ? { n: last.number, u: last.updatedAt }
      : input.sort === "due"
        ? { n: last.number, d: last.sla?.dueAt ?? null }
        : { n: last.number },
  );
}
