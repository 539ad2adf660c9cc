import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { timestamps } from "./columns.ts";
import { tickets, type TicketPriority } from "./tickets.ts";

/** Opening hours in a named time zone; targets count only this time. See api/src/domain/sla/business-calendar.ts. */
export const businessCalendars = pgTable("business_calendars", {
  id: text("id").primaryKey(),
  name: text("name").notNull().unique(),
  timeZone: text("time_zone").notNull(),
  /** ISO weekday "1".."7" -> open intervals of local "HH:MM" times. */
  weekly: jsonb("weekly").$type<Record<string, { start: string; end: string }[]>>().notNull(),
  /** Local dates "YYYY-MM-DD" closed all day. */
  holidays: text("holidays")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  ...timestamps,
});

/** Which tickets a policy covers; every listed condition must hold (an empty list matches everything). */
export interface SlaPolicyConditions {
  priorities?: TicketPriority[];
  channelIds?: string[];
  organizationIds?: string[];
  teamIds?: string[];
  /** The ticket carries at least one of these tags. */
  tags?: string[];
}

export interface SlaPriorityTargets {
  firstResponseMinutes?: number | null;
  nextResponseMinutes?: number | null;
  resolutionMinutes?: number | null;
}

export interface SlaEscalation {
  raisePriority?: boolean;
  /** Move the ticket to this team. */
  assignTeamId?: string | null;
  /** Hand the ticket to a lead of its team. */
  assignToLead?: boolean;
  addTag?: string | null;
}

/** Promises to customers. The first active policy (by position) whose conditions match a ticket applies. */
export const slaPolicies = pgTable("sla_policies", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  position: integer("position").notNull(),
  active: boolean("active").notNull().default(true),
  conditions: jsonb("conditions").$type<SlaPolicyConditions>().notNull().default({}),
  /** Targets per priority; a priority without targets has no promise under this policy. */
  targets: jsonb("targets").$type<Partial<Record<TicketPriority, SlaPriorityTargets>>>().notNull(),
  /** Null: around the clock. */
  calendarId: text("calendar_id").references(() => businessCalendars.id, { onDelete: "set null" }),
  /** Whether "on hold" stops the clocks, as "pending" always does. */
  pauseOnHold: boolean("pause_on_hold").notNull().default(false),
  /** Warn this long before a target runs out (business minutes). */
  warnMinutesBefore: integer("warn_minutes_before"),
  /** Or when this share of a target's time has passed (e.g. 75). */
  warnAtPercent: integer("warn_at_percent"),
  escalation: jsonb("escalation").$type<SlaEscalation>().notNull().default({}),
  ...timestamps,
});

/** The promises a policy makes, in the order they come due on a ticket. */
export const slaTargetKinds = ["first_response", "next_response", "resolution"] as const;
export const slaTargetKind = pgEnum("sla_target_kind", slaTargetKinds);
export type SlaTargetKind = (typeof slaTargetKinds)[number];
export const slaTargetStates = ["active", "paused", "achieved", "breached"] as const;
export const slaTargetState = pgEnum("sla_target_state", slaTargetStates);
export type SlaTargetState = (typeof slaTargetStates)[number];

/** Each ticket's targets as last computed: what the inbox, the SLA board and the timers read. */
export const ticketSlaTargets = pgTable(
  "ticket_sla_targets",
  {
    ticketId: text("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    kind: slaTargetKind("kind").notNull(),
    policyId: text("policy_id")
      .notNull()
      .references(() => slaPolicies.id, { onDelete: "cascade" }),
    state: slaTargetState("state").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull(),
    achievedAt: timestamp("achieved_at", { withTimezone: true, mode: "date" }),
    breachedAt: timestamp("breached_at", { withTimezone: true, mode: "date" }),
    elapsedMs: bigint("elapsed_ms", { mode: "number" }).notNull(),
    remainingMs: bigint("remaining_ms", { mode: "number" }).notNull(),
    cycle: integer("cycle").notNull().default(0),
    /** The warning for this due instant went out (a moved due time warns again). */
    warnedForDueAt: timestamp("warned_for_due_at", { withTimezone: true, mode: "date" }),
    /** The breach was announced and escalated (once per target cycle). */
    breachRecordedAt: timestamp("breach_recorded_at", { withTimezone: true, mode: "date" }),
    /** When this target next needs a timer (its warning, else its breach): the sweep re-arms what is near. */
    nextTimerAt: timestamp("next_timer_at", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.kind] }),
    index("ticket_sla_targets_state_due_idx").on(t.state, t.dueAt),
    index("ticket_sla_targets_next_timer_idx").on(t.nextTimerAt),
  ],
);

export type BusinessCalendarRow = typeof businessCalendars.$inferSelect;
export type SlaPolicy = typeof slaPolicies.$inferSelect;
export type TicketSlaTarget = typeof ticketSlaTargets.$inferSelect;
