import { z } from "zod";
import { DomainError } from "../errors.ts";
import { isKnownTimeZone, timeZoneOffsets, type TimeZoneOffsets } from "./time-zone-offsets.ts";

/**
 * Business hours for SLA due times: a weekly schedule of local wall-clock intervals in one IANA zone, plus holidays.
 *
 * How wall-clock edges become instants, including across DST, is one rule (see `firstInstantReaching`):
 * an edge happens at the first instant at which the zone's wall clock reads that time or later.
 * - Skipped hour (Europe/Berlin 2026-03-29, 02:00–03:00 does not exist): an edge at 02:30 happens when the clock jumps
 *   to 03:00 (01:00Z). So 01:00–04:00 lasts two real hours, 02:30–05:00 opens at 03:00, and 02:00–02:30 is not open.
 * - Repeated hour (Europe/Berlin 2026-10-25, 02:00–03:00 happens twice): an edge at 02:30 happens at the first 02:30
 *   (summer time). So 01:00–04:00 lasts four real hours, and 01:00–02:30 closes at the first 02:30 and stays closed
 *   through the second one: each scheduled interval is one contiguous stretch of real time, the way staff work it.
 * The schedule therefore maps to instants monotonically, and a local day is a contiguous stretch of real time.
 *
 * Due times that land exactly on a closing edge are that closing instant, not the next opening: 8 business hours from
 * Monday 09:00 are due Monday 17:00. Only when no business time at all is asked for (duration 0) from outside hours is
 * the answer the next opening.
 */

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** "HH:MM" local wall-clock times, end exclusive; "24:00" is allowed as an end. */
export interface OpenInterval {
  start: string;
  end: string;
}

/** A weekly schedule in a named IANA time zone, with holidays. Times are local wall-clock times. */
export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekday 1 (Monday) .. 7 (Sunday) -> open intervals; a day may have several intervals (lunch break) or none. */
  weekly: Record<IsoWeekday, OpenInterval[]>;
  /** Local dates "YYYY-MM-DD" closed all day. */
  holidays: string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * How far ahead a search for business time may look before giving up. Without a bound, a calendar whose holidays
 * cover years would make due-time computation spin; five years is far beyond any SLA target.
 */
const SEARCH_HORIZON_DAYS = 5 * 366;
const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;

const clockTime = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const isStart = (time: string) => clockTime.test(time);
const isEnd = (time: string) => time === "24:00" || clockTime.test(time);
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const isWellFormed = (interval: OpenInterval) => isStart(interval.start) && isEnd(interval.end);

const openIntervalSchema = z
  .object({
    start: z.string().refine(isStart, "Expected a local time HH:MM from 00:00 to 23:59."),
    end: z.string().refine(isEnd, "Expected a local time HH:MM from 00:01 to 24:00."),
  })
  .refine((interval) => !isWellFormed(interval) || minutesOf(interval.start) < minutesOf(interval.end), {
    message: "An open interval must start before it ends.",
    path: ["end"],
  });

const openDaySchema = z.array(openIntervalSchema).superRefine((intervals, ctx) => {
  const sorted = intervals.filter(isWellFormed).sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const after = sorted[i]!;
    if (minutesOf(after.start) < minutesOf(before.end)) {
      ctx.addIssue({
        code: "custom",
        message: `Open intervals ${before.start}–${before.end} and ${after.start}–${after.end} overlap.`,
      });
    }
  }
});

export const businessCalendarSchema: z.ZodType<BusinessCalendar> = z
  .object({
    timeZone: z.string().refine(isKnownTimeZone, "Unknown IANA time zone."),
    weekly: z.object({
      1: openDaySchema,
      2: openDaySchema,
      3: openDaySchema,
      4: openDaySchema,
      5: openDaySchema,
      6: openDaySchema,
      7: openDaySchema,
    }),
    holidays: z.array(z.iso.date()),
  })
  // A calendar that is never open would leave every due time undefined, so it is not a calendar.
  .refine((calendar) => isoWeekdays.some((day) => calendar.weekly[day].length > 0), {
    message: "The calendar has no open hours on any weekday.",
    path: ["weekly"],
  });

const allDay = (): OpenInterval[] => [{ start: "00:00", end: "24:00" }];

/**
 * Around the clock: for SLA policies that count real elapsed time.
 * Frozen because compiled forms are memoised per calendar object.
 */
export const alwaysOpen: BusinessCalendar = deepFreeze({
  timeZone: "UTC",
  weekly: { 1: allDay(), 2: allDay(), 3: allDay(), 4: allDay(), 5: allDay(), 6: allDay(), 7: allDay() },
  holidays: [],
});

/** A calendar prepared for repeated questions; it caches the business time of each day it has looked at. */
export interface CompiledBusinessCalendar {
  readonly calendar: BusinessCalendar;
  isBusinessTime(at: Date): boolean;
  /** The instant at which `durationMs` of business time has elapsed, counting from `start` (or the next opening). */
  addBusinessTime(start: Date, durationMs: number): Date;
  /** Business time in [from, to), in ms (0 when to <= from). */
  businessTimeBetween(from: Date, to: Date): number;
  /** The next instant >= at that is inside business hours. */
  nextBusinessInstant(at: Date): Date;
}

/** Business time within one UTC day: flat [start, end, start, end, ...] epoch ms, sorted, disjoint, plus their sum. */
interface UtcDay {
  edges: number[];
  totalMs: number;
}

/**
 * Validates the calendar and prepares it for many questions. Recomputing due times for every open ticket after a
 * calendar change should compile once and reuse the result: each UTC day's open intervals are computed once per
 * compiled calendar (a few entries per day, so memory stays small even over years).
 */
export function compileCalendar(calendar: BusinessCalendar): CompiledBusinessCalendar {
  const parsed = businessCalendarSchema.safeParse(calendar);
  if (!parsed.success) {
    throw new DomainError("VALIDATION_FAILED", "The business calendar is invalid.", { issues: parsed.error.issues });
  }
  const { timeZone, weekly, holidays } = parsed.data;
  const offsets: TimeZoneOffsets = timeZoneOffsets(timeZone);
  const weeklyMs = new Map<number, number[]>(
    isoWeekdays.map((day) => [
      day,
      [...weekly[day]]
        .sort((a, b) => minutesOf(a.start) - minutesOf(b.start))
        .flatMap((interval) => [minutesOf(interval.start) * MINUTE_MS, minutesOf(interval.end) * MINUTE_MS]),
    ]),
  );
  const holidayDays = new Set(holidays.map((date) => Date.parse(`${date}T00:00:00Z`) / DAY_MS));
  const localDays = new Map<number, number[]>();
  const utcDays = new Map<number, UtcDay>();

  /** Open intervals of a local date (days since 1970-01-01) as flat epoch-ms edges, in order. */
  function openIntervalsOfLocalDay(localDay: number): number[] {
    let edges = localDays.get(localDay);
    if (edges) return edges;
    edges = [];
    if (!holidayDays.has(localDay)) {
      // 1970-01-01 was a Thursday (ISO weekday 4).
      const weekday = ((((localDay + 3) % 7) + 7) % 7) + 1;
      const schedule = weeklyMs.get(weekday)!;
      const wallMidnight = localDay * DAY_MS;
      for (let i = 0; i < schedule.length; i += 2) {
        const start = offsets.firstInstantReaching(wallMidnight + schedule[i]!);
        const end = offsets.firstInstantReaching(wallMidnight + schedule[i + 1]!);
        if (end > start) edges.push(start, end);
      }
    }
    localDays.set(localDay, edges);
    return edges;
  }

  /**
   * Business time inside UTC day `day` (days since epoch). Indexing by UTC day rather than local date lets any instant
   * find its entry with one division, whatever the zone's offset. Every instant of a UTC day has a local date within a
   * day of it (offsets stay under 24 h), so three local dates cover it.
   */
  function utcDay(day: number): UtcDay {
    let entry = utcDays.get(day);
    if (entry) return entry;
    const dayStart = day * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const edges: number[] = [];
    let totalMs = 0;
    for (let localDay = day - 1; localDay <= day + 1; localDay++) {
      const local = openIntervalsOfLocalDay(localDay);
      for (let i = 0; i < local.length; i += 2) {
        const start = Math.max(local[i]!, dayStart);
        const end = Math.min(local[i + 1]!, dayEnd);
        if (end <= start) continue;
        totalMs += end - start;
        // Touching intervals (12:00–13:00 then 13:00–14:00, or 24:00 then 00:00) become one, so "is this a
        // closing edge" has a single answer.
        if (edges.length > 0 && edges[edges.length - 1] === start) edges[edges.length - 1] = end;
        else edges.push(start, end);
      }
    }
    entry = { edges, totalMs };
    utcDays.set(day, entry);
    return entry;
  }

  /** Only holidays covering years (or a duration of years) get here; the schema already rejects a never-open week. */
  function noBusinessTimeWithinHorizon(from: number, durationMs: number): DomainError {
    const after = new Date(from).toISOString();
    return new DomainError(
      "VALIDATION_FAILED",
      durationMs === 0
        ? `The business calendar has no open hours in the five years after ${after}.`
        : `The business calendar has less than ${durationMs} ms of business time in the five years after ${after}.`,
      { timeZone, from: after, durationMs },
    );
  }

  function nextBusinessInstant(at: Date): Date {
    const from = epochMsOf(at);
    const firstDay = Math.floor(from / DAY_MS);
    for (let day = firstDay; day <= firstDay + SEARCH_HORIZON_DAYS; day++) {
      const { edges } = utcDay(day);
      for (let i = 0; i < edges.length; i += 2) {
        if (edges[i + 1]! > from) return new Date(Math.max(edges[i]!, from));
      }
    }
    throw noBusinessTimeWithinHorizon(from, 0);
  }

  function addBusinessTime(start: Date, durationMs: number): Date {
    const from = epochMsOf(start);
    if (!Number.isFinite(durationMs) || durationMs < 0) {
      throw new DomainError("VALIDATION_FAILED", "A business-time duration must be a finite number of ms >= 0.", {
        durationMs,
      });
    }
    let remaining = durationMs;
    const firstDay = Math.floor(from / DAY_MS);
    for (let day = firstDay; day <= firstDay + SEARCH_HORIZON_DAYS; day++) {
      const { edges, totalMs } = utcDay(day);
      // Whole days that do not finish the count are skipped on their total alone: the common multi-day case.
      if (day > firstDay && totalMs < remaining) {
        remaining -= totalMs;
        continue;
      }
      for (let i = 0; i < edges.length; i += 2) {
        const end = edges[i + 1]!;
        if (end <= from) continue;
        const open = Math.max(edges[i]!, from);
        // `<=`: a count that runs out exactly at a closing edge is due at that closing instant.
        if (remaining <= end - open) return new Date(open + remaining);
        remaining -= end - open;
      }
    }
    throw noBusinessTimeWithinHorizon(from, durationMs);
  }

  function businessTimeBetween(fromDate: Date, toDate: Date): number {
    const from = epochMsOf(fromDate);
    const to = epochMsOf(toDate);
    if (to <= from) return 0;
    let total = 0;
    const lastDay = Math.floor((to - 1) / DAY_MS);
    for (let day = Math.floor(from / DAY_MS); day <= lastDay; day++) {
      const { edges, totalMs } = utcDay(day);
      if (day * DAY_MS >= from && (day + 1) * DAY_MS <= to) {
        total += totalMs;
        continue;
      }
      for (let i = 0; i < edges.length; i += 2) {
        const start = Math.max(edges[i]!, from);
        const end = Math.min(edges[i + 1]!, to);
        if (end > start) total += end - start;
      }
    }
    return total;
  }

  function isBusinessTime(at: Date): boolean {
    const instant = epochMsOf(at);
    const { edges } = utcDay(Math.floor(instant / DAY_MS));
    for (let i = 0; i < edges.length; i += 2) {
      if (edges[i]! <= instant && instant < edges[i + 1]!) return true;
    }
    return false;
  }

  return { calendar, isBusinessTime, addBusinessTime, businessTimeBetween, nextBusinessInstant };
}

/**
 * The plain functions compile each calendar object once and keep the result while the object lives. Calendars are
 * values: a changed calendar is a new object (as every load from the database is), never an edited one.
 */
const compiledByCalendar = new WeakMap<BusinessCalendar, CompiledBusinessCalendar>();

function compiled(calendar: BusinessCalendar): CompiledBusinessCalendar {
  let entry = compiledByCalendar.get(calendar);
  if (!entry) {
    entry = compileCalendar(calendar);
    compiledByCalendar.set(calendar, entry);
  }
  return entry;
}

export function isBusinessTime(calendar: BusinessCalendar, at: Date): boolean {
  return compiled(calendar).isBusinessTime(at);
}

/** The instant at which `durationMs` of business time has elapsed, counting from `start` (start itself may be outside hours: counting begins at the next opening). */
export function addBusinessTime(calendar: BusinessCalendar, start: Date, durationMs: number): Date {
  return compiled(calendar).addBusinessTime(start, durationMs);
}

/** Business time in [from, to), in ms (0 when to <= from). */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  return compiled(calendar).businessTimeBetween(from, to);
}

/** The next instant >= at that is inside business hours. */
export function nextBusinessInstant(calendar: BusinessCalendar, at: Date): Date {
  return compiled(calendar).nextBusinessInstant(at);
}

function epochMsOf(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new DomainError("VALIDATION_FAILED", "Invalid date given to the business calendar.");
  return ms;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === "object") deepFreeze(inner);
  return Object.freeze(value);
}
