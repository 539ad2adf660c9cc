import { fieldsAt, type FormFields } from "$lib/api/form-failure";
import type { TicketPriority } from "$lib/api/types";
import type { BusinessCalendar, SlaPolicy, SlaPolicyInput, SlaTargetKind } from "$lib/sla.svelte";
import { priorities } from "$lib/ticket-labels";

/** Priorities as admins think of them: the most pressing first. */
export const prioritiesByUrgency: TicketPriority[] = [...priorities].reverse();

export const targetFields = {
  first_response: "firstResponseMinutes",
  next_response: "nextResponseMinutes",
  resolution: "resolutionMinutes",
} as const satisfies Record<SlaTargetKind, string>;

/** Hours and minutes as typed; both empty: no such target. */
export interface DurationInput {
  hours: number | null;
  minutes: number | null;
}

export interface PolicyForm {
  name: string;
  active: boolean;
  priorities: TicketPriority[];
  teamIds: string[];
  channelIds: string[];
  organizationIds: string[];
  tags: string[];
  targets: Record<TicketPriority, Record<SlaTargetKind, DurationInput>>;
  /** "" : around the clock. */
  calendarId: string;
  pauseOnHold: boolean;
  warning: "none" | "minutes" | "percent";
  warnMinutesBefore: number | null;
  warnAtPercent: number | null;
  raisePriority: boolean;
  assignTeamId: string;
  assignToLead: boolean;
  addTag: string;
}

const durationOf = (minutes: number | null | undefined): DurationInput =>
  minutes === null || minutes === undefined
    ? { hours: null, minutes: null }
    : { hours: Math.floor(minutes / 60), minutes: minutes % 60 };

/** Typed hours and minutes as minutes; null when both are empty. */
export function minutesOf(duration: DurationInput): number | null {
  const empty = (v: number | null | undefined) => v === null || v === undefined || Number.isNaN(v);
  if (empty(duration.hours) && empty(duration.minutes)) return null;
  return Math.round(
    (empty(duration.hours) ? 0 : duration.hours!) * 60 + (empty(duration.minutes) ? 0 : duration.minutes!),
  );
}

export function policyFormOf(policy: SlaPolicy | null): PolicyForm {
  const targets = Object.fromEntries(
    priorities.map((p) => {
      const t = policy?.targets[p];
      return [
        p,
        {
          first_response: durationOf(t?.firstResponseMinutes),
          next_response: durationOf(t?.nextResponseMinutes),
          resolution: durationOf(t?.resolutionMinutes),
        },
      ];
    }),
  ) as PolicyForm["targets"];
  return {
    name: policy?.name ?? "",
    active: policy?.active ?? true,
    priorities: policy?.conditions.priorities ?? [],
    teamIds: policy?.conditions.teamIds ?? [],
    channelIds: policy?.conditions.channelIds ?? [],
    organizationIds: policy?.conditions.organizationIds ?? [],
    tags: policy?.conditions.tags ?? [],
    targets,
    calendarId: policy?.calendarId ?? "",
    pauseOnHold: policy?.pauseOnHold ?? false,
    warning: policy?.warnMinutesBefore ? "minutes" : policy?.warnAtPercent ? "percent" : policy ? "none" : "minutes",
    warnMinutesBefore: policy?.warnMinutesBefore ?? (policy ? null : 15),
    warnAtPercent: policy?.warnAtPercent ?? null,
    raisePriority: policy?.escalation.raisePriority ?? false,
    assignTeamId: policy?.escalation.assignTeamId ?? "",
    assignToLead: policy?.escalation.assignToLead ?? false,
    addTag: policy?.escalation.addTag ?? "",
  };
}

export function normalizeTag(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, "_");
}

/** The API's body for the form (POST and PATCH take the same fields). */
export function policyInputOf(
  form: PolicyForm,
): Required<
  Pick<
    SlaPolicyInput,
    | "name"
    | "active"
    | "conditions"
    | "targets"
    | "calendarId"
    | "pauseOnHold"
    | "warnMinutesBefore"
    | "warnAtPercent"
    | "escalation"
  >
> {
  const targets: SlaPolicyInput["targets"] = {};
  for (const p of priorities) {
    const row: Record<string, number> = {};
    for (const [kind, field] of Object.entries(targetFields) as [SlaTargetKind, string][]) {
      const minutes = minutesOf(form.targets[p][kind]);
      if (minutes !== null) row[field] = minutes;
    }
    if (Object.keys(row).length) targets[p] = row;
  }
  const conditions: SlaPolicyInput["conditions"] = {};
  if (form.priorities.length) conditions.priorities = form.priorities;
  if (form.teamIds.length) conditions.teamIds = form.teamIds;
  if (form.channelIds.length) conditions.channelIds = form.channelIds;
  if (form.organizationIds.length) conditions.organizationIds = form.organizationIds;
  if (form.tags.length) conditions.tags = form.tags;
  const addTag = normalizeTag(form.addTag);
  return {
    name: form.name,
    active: form.active,
    conditions,
    targets,
    calendarId: form.calendarId || null,
    pauseOnHold: form.pauseOnHold,
    warnMinutesBefore: form.warning === "minutes" ? form.warnMinutesBefore : null,
    warnAtPercent: form.warning === "percent" ? form.warnAtPercent : null,
    escalation: {
      raisePriority: form.raisePriority,
      assignTeamId: form.assignTeamId || null,
      assignToLead: form.assignToLead,
      addTag: addTag || null,
    },
  };
}

/** The policy form's fields by the API's issue paths: each target input, each condition group, and the rest by name. */
export const policyFields: FormFields = {
  fieldOf: fieldsAt(
    [
      "name",
      "targets",
      "warnMinutesBefore",
      "warnAtPercent",
      "calendarId",
      "escalation.addTag",
      "escalation.assignTeamId",
    ],
    ["targets", "conditions"],
  ),
};

// Business hours.

export const weekdays = [
  { day: "1", label: "Monday" },
  { day: "2", label: "Tuesday" },
  { day: "3", label: "Wednesday" },
  { day: "4", label: "Thursday" },
  { day: "5", label: "Friday" },
  { day: "6", label: "Saturday" },
  { day: "7", label: "Sunday" },
] as const;
export type Weekday = (typeof weekdays)[number]["day"];

export interface CalendarForm {
  name: string;
  timeZone: string;
  weekly: Record<Weekday, { start: string; end: string }[]>;
  holidays: string[];
}

export function calendarFormOf(calendar: BusinessCalendar | null): CalendarForm {
  const officeHours = () => [{ start: "09:00", end: "17:00" }];
  const weekly = Object.fromEntries(
    weekdays.map(({ day }) => [
      day,
      calendar ? (calendar.weekly[day] ?? []).map((i) => ({ ...i })) : Number(day) <= 5 ? officeHours() : [],
    ]),
  ) as CalendarForm["weekly"];
  return {
    name: calendar?.name ?? "",
    timeZone: calendar?.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"),
    weekly,
    holidays: [...(calendar?.holidays ?? [])].sort(),
  };
}

/** The calendar form's fields by the API's issue paths: each interval and holiday too. */
export const calendarFields: FormFields = { fieldOf: fieldsAt(["name", "timeZone", "weekly"], ["weekly", "holidays"]) };

export function calendarInputOf(form: CalendarForm) {
  const day = (d: Weekday) => form.weekly[d].map((i) => ({ start: i.start.trim(), end: i.end.trim() }));
  return {
    name: form.name,
    timeZone: form.timeZone.trim(),
    weekly: { 1: day("1"), 2: day("2"), 3: day("3"), 4: day("4"), 5: day("5"), 6: day("6"), 7: day("7") },
    holidays: [...form.holidays].sort(),
  };
}

/** "Mon–Fri 09:00–17:00 · Sat 10:00–14:00": a week at a glance. */
export function weekSummary(weekly: Record<string, { start: string; end: string }[]>): string {
  const short = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  const keyOf = (d: number) => (weekly[String(d)] ?? []).map((i) => `${i.start}–${i.end}`).join(", ");
  const runs: { from: number; to: number; hours: string }[] = [];
  for (let d = 1; d <= 7; d++) {
    const hours = keyOf(d);
    const last = runs.at(-1);
    if (last && last.hours === hours && last.to === d - 1) last.to = d;
    else runs.push({ from: d, to: d, hours });
  }
  const open = runs.filter((r) => r.hours);
  if (!open.length) return "Never open";
  return open
    .map(
      (r) =>
        `${r.from === r.to ? short[r.from - 1] : `${short[r.from - 1]}–${short[r.to - 1]}`} ${r.hours === "00:00–24:00" ? "all day" : r.hours}`,
    )
    .join(" · ");
}

/** Every IANA zone this browser knows, for the time zone picker. */
export function knownTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return supported.includes("UTC") ? supported : ["UTC", ...supported];
}
