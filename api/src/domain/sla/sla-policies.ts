import {
  businessCalendars,
  newId,
  slaPolicies,
  ticketPriorities,
  type BusinessCalendarRow,
  type SlaPolicy,
  type Ticket,
} from "@helpdesk/db";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../actor.ts";
import { authorize } from "../authorization.ts";
import type { DomainDeps } from "../deps.ts";
import { recomputeSla } from "../jobs.ts";
import { inTransaction } from "../unit-of-work.ts";
import { DomainError, isUniqueViolation } from "../errors.ts";
import { tagInput } from "../tickets/create-ticket.ts";
import {
  alwaysOpen,
  businessCalendarSchema,
  compileCalendar,
  type BusinessCalendar,
  type CompiledBusinessCalendar,
} from "./business-calendar.ts";

const minutes = z
  .number()
  .int()
  .min(1)
  .max(365 * 24 * 60)
  .nullable()
  .optional();
const priorityTargets = z.object({
  firstResponseMinutes: minutes,
  nextResponseMinutes: minutes,
  resolutionMinutes: minutes,
});

export const slaPolicyInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    active: z.boolean().default(true),
    conditions: z
      .object({
        priorities: z.array(z.enum(ticketPriorities)).max(4).optional(),
        channelIds: z.array(z.string()).max(100).optional(),
        organizationIds: z.array(z.string()).max(1000).optional(),
        teamIds: z.array(z.string()).max(100).optional(),
        tags: z.array(tagInput).max(50).optional(),
      })
      .default({}),
    targets: z.partialRecord(z.enum(ticketPriorities), priorityTargets),
    calendarId: z.string().nullable().default(null),
    pauseOnHold: z.boolean().default(false),
    warnMinutesBefore: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .nullable()
      .default(null),
    warnAtPercent: z.number().int().min(1).max(99).nullable().default(null),
    escalation: z
      .object({
        raisePriority: z.boolean().optional(),
        assignTeamId: z.string().nullable().optional(),
        assignToLead: z.boolean().optional(),
        addTag: tagInput.nullable().optional(),
      })
      .default({}),
  })
  .refine((p) => Object.keys(p.targets).length > 0, { message: "Set at least one target.", path: ["targets"] });
export type SlaPolicyInput = z.input<typeof slaPolicyInput>;

// The calendar schema is declared by its output type; its input is the same shape, which typed clients need.
const calendarShape = businessCalendarSchema as z.ZodType<BusinessCalendar, BusinessCalendar>;
export const businessCalendarInput = z.object({ name: z.string().trim().min(1).max(200) }).and(calendarShape);
export type BusinessCalendarInput = z.input<typeof businessCalendarInput>;

export function calendarOf(row: BusinessCalendarRow | null | undefined): BusinessCalendar {
  if (!row) return alwaysOpen;
  return {
    timeZone: row.timeZone,
    weekly: row.weekly as unknown as BusinessCalendar["weekly"],
    holidays: row.holidays,
  };
}

/** Compiled calendars by id and update time: compiling costs ~0.2 ms, and every ticket change needs one. */
const compiled = new Map<string, CompiledBusinessCalendar>();
const compiledAlwaysOpen = compileCalendar(alwaysOpen);

export function compiledCalendarOf(row: BusinessCalendarRow | null | undefined): CompiledBusinessCalendar {
  if (!row) return compiledAlwaysOpen;
  const key = `${row.id}@${new Date(row.updatedAt).getTime()}`;
  let calendar = compiled.get(key);
  if (!calendar) {
    if (compiled.size > 500) compiled.clear();
    calendar = compileCalendar(calendarOf(row));
    compiled.set(key, calendar);
  }
  return calendar;
}

/** The first active policy, by position, whose every condition holds for the ticket. */
export function matchSlaPolicy(
  policies: SlaPolicy[],
  ticket: Pick<Ticket, "priority" | "channelId" | "teamId" | "tags">,
  organizationId: string | null,
): SlaPolicy | null {
  for (const policy of [...policies].sort((a, b) => a.position - b.position)) {
    if (!policy.active) continue;
    const c = policy.conditions;
    if (c.priorities?.length && !c.priorities.includes(ticket.priority)) continue;
    if (c.channelIds?.length && !c.channelIds.includes(ticket.channelId)) continue;
    if (c.teamIds?.length && (!ticket.teamId || !c.teamIds.includes(ticket.teamId))) continue;
    if (c.organizationIds?.length && (!organizationId || !c.organizationIds.includes(organizationId))) continue;
    if (c.tags?.length && !c.tags.some((tag) => ticket.tags.includes(tag))) continue;
    if (!policy.targets[ticket.priority]) continue;
    return policy;
  }
  return null;
}

export async function listSlaPolicies(deps: Pick<DomainDeps, "db">) {
  return deps.db.select().from(slaPolicies).orderBy(asc(slaPolicies.position));
}

export async function listBusinessCalendars(deps: Pick<DomainDeps, "db">) {
  return deps.db.select().from(businessCalendars).orderBy(asc(businessCalendars.name));
}

async function assertCalendar(deps: Pick<DomainDeps, "db">, calendarId: string | null) {
  if (!calendarId) return;
  const [row] = await deps.db
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .where(eq(businessCalendars.id, calendarId));
  if (!row) throw new DomainError("NOT_FOUND", `Business calendar ${calendarId} does not exist.`);
}

export async function createSlaPolicy(
  deps: Pick<DomainDeps, "db">,
  actor: Actor,
  rawInput: SlaPolicyInput,
): Promise<SlaPolicy> {
  authorize(actor, "manageSlaPolicies");
  const input = slaPolicyInput.parse(rawInput);
  await assertCalendar(deps, input.calendarId);
  const existing = await listSlaPolicies(deps);
  const [row] = await deps.db
    .insert(slaPolicies)
    .values({ id: newId("slaPolicy"), position: (existing.at(-1)?.position ?? 0) + 1, ...input })
    .returning();
  return row!;
}

export async function createBusinessCalendar(
  deps: Pick<DomainDeps, "db">,
  actor: Actor,
  rawInput: BusinessCalendarInput,
): Promise<BusinessCalendarRow> {
  authorize(actor, "manageSlaPolicies");
  const input = businessCalendarInput.parse(rawInput);
  try {
    const [row] = await deps.db
      .insert(businessCalendars)
      .values({
        id: newId("businessCalendar"),
        name: input.name,
        timeZone: input.timeZone,
        weekly: input.weekly,
        holidays: input.holidays,
      })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError("VALIDATION_FAILED", `A calendar named ${input.name} already exists.`);
    throw error;
  }
}

export const updateSlaPolicyInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    active: z.boolean(),
    position: z.number().int().min(0),
    // Without their create-time defaults: under .partial() a default would still fill in {} and wipe the stored value.
    conditions: slaPolicyInput.shape.conditions.unwrap(),
    targets: slaPolicyInput.shape.targets,
    calendarId: z.string().nullable(),
    pauseOnHold: z.boolean(),
    warnMinutesBefore: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .nullable(),
    warnAtPercent: z.number().int().min(1).max(99).nullable(),
    escalation: slaPolicyInput.shape.escalation.unwrap(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "Nothing to change: send at least one field." });
export type UpdateSlaPolicyInput = z.input<typeof updateSlaPolicyInput>;

/** Changes a policy; the tickets it may now cover or stop covering are re-targeted by a job. */
export async function updateSlaPolicy(
  deps: DomainDeps,
  actor: Actor,
  policyId: string,
  rawInput: UpdateSlaPolicyInput,
): Promise<SlaPolicy> {
  authorize(actor, "manageSlaPolicies");
  const input = updateSlaPolicyInput.parse(rawInput);
  if (input.calendarId !== undefined) await assertCalendar(deps, input.calendarId);
  return inTransaction(deps, async (tx) => {
    const [row] = await tx.db
      .update(slaPolicies)
      .set({ ...input, updatedAt: deps.clock.now() })
      .where(eq(slaPolicies.id, policyId))
      .returning();
    if (!row) throw new DomainError("NOT_FOUND", `SLA policy ${policyId} does not exist.`);
    await tx.jobs.enqueue(recomputeSla, { reason: `policy ${policyId} changed`, at: deps.clock.now().toISOString() });
    return row;
  });
}

export const updateBusinessCalendarInput = z
  .object({ name: z.string().trim().min(1).max(200).optional() })
  .and(calendarShape);

/** Replaces a calendar's hours; every ticket timed by it gets new due times (a job, in batches). */
export async function updateBusinessCalendar(
  deps: DomainDeps,
  actor: Actor,
  calendarId: string,
  rawInput: z.input<typeof updateBusinessCalendarInput>,
): Promise<BusinessCalendarRow> {
  authorize(actor, "manageSlaPolicies");
  const input = updateBusinessCalendarInput.parse(rawInput);
  return inTransaction(deps, async (tx) => {
    const [row] = await tx.db
      .update(businessCalendars)
      .set({
        ...(input.name ? { name: input.name } : {}),
        timeZone: input.timeZone,
        weekly: input.weekly,
        holidays: input.holidays,
        updatedAt: deps.clock.now(),
      })
      .where(eq(businessCalendars.id, calendarId))
      .returning();
    if (!row) throw new DomainError("NOT_FOUND", `Business calendar ${calendarId} does not exist.`);
    await tx.jobs.enqueue(recomputeSla, {
      reason: `calendar ${calendarId} changed`,
      at: deps.clock.now().toISOString(),
    });
    return row;
  });
}
