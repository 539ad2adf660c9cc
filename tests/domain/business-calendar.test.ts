import { describe, expect, test } from "vitest";
import { DomainError } from "../../api/src/domain/errors.ts";
import {
  addBusinessTime,
  alwaysOpen,
  businessCalendarSchema,
  businessTimeBetween,
  compileCalendar,
  isBusinessTime,
  nextBusinessInstant,
  type BusinessCalendar,
  type IsoWeekday,
  type OpenInterval,
} from "../../api/src/domain/sla/business-calendar.ts";

// Pure arithmetic: every instant is fixed, expectations are exact ISO strings worked out by hand
// (Europe/Berlin is UTC+1 in winter, +2 in summer; America/New_York −5/−4; Los Angeles −8/−7; Tokyo +9, no DST).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function calendar(
  timeZone: string,
  days: Partial<Record<IsoWeekday, OpenInterval[]>>,
  holidays: string[] = [],
): BusinessCalendar {
  return {
    timeZone,
    weekly: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [], ...days },
    holidays,
  };
}
const hours = (start: string, end: string): OpenInterval => ({ start, end });
const weekdays = (...intervals: OpenInterval[]) => ({
  1: intervals,
  2: intervals,
  3: intervals,
  4: intervals,
  5: intervals,
});
const everyDay = (...intervals: OpenInterval[]) => ({ ...weekdays(...intervals), 6: intervals, 7: intervals });
const sundays = (...intervals: OpenInterval[]) => ({ 7: intervals });

const berlinOffice = calendar("Europe/Berlin", weekdays(hours("09:00", "17:00")));
const berlinLunch = calendar("Europe/Berlin", weekdays(hours("09:00", "12:00"), hours("13:00", "17:00")));
// Good Friday, Easter Monday and Whit Monday 2026.
const berlinHolidays = calendar("Europe/Berlin", weekdays(hours("09:00", "17:00")), [
  "2026-04-03",
  "2026-04-06",
  "2026-05-25",
]);
const tokyoOffice = calendar("Asia/Tokyo", weekdays(hours("09:00", "18:00")));
const losAngelesOffice = calendar("America/Los_Angeles", weekdays(hours("09:00", "17:00")));
// Martin Luther King Jr. Day 2026 is Monday 19 January.
const losAngelesMlk = calendar("America/Los_Angeles", weekdays(hours("09:00", "17:00")), ["2026-01-19"]);
const berlinSundayNight = calendar("Europe/Berlin", sundays(hours("01:00", "04:00")));
const berlinSundayAllDay = calendar("Europe/Berlin", sundays(hours("00:00", "24:00")));
const berlinSundayFrom0230 = calendar("Europe/Berlin", sundays(hours("02:30", "05:00")));
const berlinSundayUntil0230 = calendar("Europe/Berlin", sundays(hours("00:00", "02:30")));
const berlinSunday0200to0230 = calendar("Europe/Berlin", sundays(hours("02:00", "02:30")));
const newYorkSundayAllDay = calendar("America/New_York", sundays(hours("00:00", "24:00")));
const newYorkNightly = calendar("America/New_York", everyDay(hours("01:00", "04:00")));
const newYorkSunday0100to0130 = calendar("America/New_York", sundays(hours("01:00", "01:30")));

type AddCase = [name: string, calendar: BusinessCalendar, start: string, durationMs: number, due: string];

function expectAdds(cases: AddCase[]) {
  test.each(cases)("%s", (_name, cal, start, durationMs, due) => {
    expect(addBusinessTime(cal, new Date(start), durationMs).toISOString()).toBe(due);
  });
}

describe("addBusinessTime", () => {
  describe("around the clock", () => {
    expectAdds([
      [
        "counts real time, across a DST night elsewhere",
        alwaysOpen,
        "2026-03-29T00:30:00.000Z",
        2 * HOUR,
        "2026-03-29T02:30:00.000Z",
      ],
      ["three days over a weekend", alwaysOpen, "2026-01-16T15:00:00.000Z", 3 * DAY, "2026-01-19T15:00:00.000Z"],
      ["zero duration is the start", alwaysOpen, "2026-07-04T12:34:56.789Z", 0, "2026-07-04T12:34:56.789Z"],
      ["one millisecond", alwaysOpen, "2026-12-31T23:59:59.999Z", 1, "2027-01-01T00:00:00.000Z"],
    ]);
  });

  describe("Berlin office, Mon–Fri 09:00–17:00", () => {
    expectAdds([
      [
        "Friday 16:00 + 2 h runs over the weekend to Monday 10:00",
        berlinOffice,
        "2026-01-16T15:00:00.000Z",
        2 * HOUR,
        "2026-01-19T09:00:00.000Z",
      ],
      [
        "Friday 16:00 + 8 h is Monday 16:00",
        berlinOffice,
        "2026-01-16T15:00:00.000Z",
        8 * HOUR,
        "2026-01-19T15:00:00.000Z",
      ],
      [
        "start on Saturday counts from Monday's opening",
        berlinOffice,
        "2026-01-17T10:00:00.000Z",
        HOUR,
        "2026-01-19T09:00:00.000Z",
      ],
      [
        "start at Monday 00:30 local (Sunday in UTC)",
        berlinOffice,
        "2026-01-18T23:30:00.000Z",
        30 * MINUTE,
        "2026-01-19T08:30:00.000Z",
      ],
      [
        "start exactly at opening + a full day is the closing instant",
        berlinOffice,
        "2026-01-19T08:00:00.000Z",
        8 * HOUR,
        "2026-01-19T16:00:00.000Z",
      ],
      [
        "start exactly at closing counts from the next opening",
        berlinOffice,
        "2026-01-19T16:00:00.000Z",
        HOUR,
        "2026-01-20T09:00:00.000Z",
      ],
      [
        "zero from closing is the next opening",
        berlinOffice,
        "2026-01-19T16:00:00.000Z",
        0,
        "2026-01-20T08:00:00.000Z",
      ],
      ["zero from opening is the opening", berlinOffice, "2026-01-19T08:00:00.000Z", 0, "2026-01-19T08:00:00.000Z"],
      ["zero inside hours is the start", berlinOffice, "2026-01-19T10:30:00.000Z", 0, "2026-01-19T10:30:00.000Z"],
      [
        "a week of business time ends at Friday's closing",
        berlinOffice,
        "2026-01-19T08:00:00.000Z",
        40 * HOUR,
        "2026-01-23T16:00:00.000Z",
      ],
      [
        "one ms past a week lands after Monday's opening",
        berlinOffice,
        "2026-01-19T08:00:00.000Z",
        40 * HOUR + 1,
        "2026-01-26T08:00:00.001Z",
      ],
      ["two weeks", berlinOffice, "2026-01-19T08:00:00.000Z", 80 * HOUR, "2026-01-30T16:00:00.000Z"],
      [
        "three business days from Wednesday 13:00",
        berlinOffice,
        "2026-01-21T12:00:00.000Z",
        24 * HOUR,
        "2026-01-26T12:00:00.000Z",
      ],
      ["1 ms before opening + 1 ms", berlinOffice, "2026-01-19T07:59:59.999Z", 1, "2026-01-19T08:00:00.001Z"],
      [
        "1 ms before closing + 1 ms is the closing instant",
        berlinOffice,
        "2026-01-19T15:59:59.999Z",
        1,
        "2026-01-19T16:00:00.000Z",
      ],
      [
        "weekend with spring-forward: Friday CET, Monday CEST",
        berlinOffice,
        "2026-03-27T15:00:00.000Z",
        2 * HOUR,
        "2026-03-30T08:00:00.000Z",
      ],
      [
        "weekend with fall-back: Friday CEST, Monday CET",
        berlinOffice,
        "2026-10-23T14:00:00.000Z",
        2 * HOUR,
        "2026-10-26T09:00:00.000Z",
      ],
      [
        "year end: Thursday 31 December to Friday (no holidays configured)",
        berlinOffice,
        "2026-12-31T15:00:00.000Z",
        2 * HOUR,
        "2027-01-01T09:00:00.000Z",
      ],
    ]);
  });

  describe("lunch break, 09:00–12:00 and 13:00–17:00", () => {
    expectAdds([
      ["jumps over lunch", berlinLunch, "2026-01-19T10:00:00.000Z", 2 * HOUR, "2026-01-19T13:00:00.000Z"],
      [
        "start during lunch counts from 13:00",
        berlinLunch,
        "2026-01-19T11:30:00.000Z",
        30 * MINUTE,
        "2026-01-19T12:30:00.000Z",
      ],
      [
        "a morning's worth is due when lunch begins",
        berlinLunch,
        "2026-01-19T08:00:00.000Z",
        3 * HOUR,
        "2026-01-19T11:00:00.000Z",
      ],
      [
        "one ms more is due just after lunch",
        berlinLunch,
        "2026-01-19T08:00:00.000Z",
        3 * HOUR + 1,
        "2026-01-19T12:00:00.001Z",
      ],
      ["a full day is 7 h", berlinLunch, "2026-01-19T08:00:00.000Z", 7 * HOUR, "2026-01-19T16:00:00.000Z"],
      [
        "from the afternoon into the next morning",
        berlinLunch,
        "2026-01-19T15:00:00.000Z",
        3 * HOUR,
        "2026-01-20T10:00:00.000Z",
      ],
    ]);
  });

  describe("holidays", () => {
    expectAdds([
      [
        "Whit Monday pushes Friday's ticket to Tuesday",
        berlinHolidays,
        "2026-05-22T14:00:00.000Z",
        2 * HOUR,
        "2026-05-26T08:00:00.000Z",
      ],
      [
        "Easter: Good Friday and Easter Monday both closed",
        berlinHolidays,
        "2026-04-02T14:00:00.000Z",
        2 * HOUR,
        "2026-04-07T08:00:00.000Z",
      ],
      ["start on the holiday itself", berlinHolidays, "2026-05-25T09:00:00.000Z", HOUR, "2026-05-26T08:00:00.000Z"],
      [
        "without the holidays the same ticket is due Monday",
        berlinOffice,
        "2026-05-22T14:00:00.000Z",
        2 * HOUR,
        "2026-05-25T08:00:00.000Z",
      ],
      [
        "holiday is a local date: MLK Day in Los Angeles",
        losAngelesMlk,
        "2026-01-16T23:00:00.000Z",
        3 * HOUR,
        "2026-01-20T18:00:00.000Z",
      ],
    ]);
  });

  describe("Tokyo and Los Angeles from the same instant (Friday 17:00 JST = Friday 00:00 PST)", () => {
    expectAdds([
      [
        "Tokyo: one hour left on Friday, one on Monday",
        tokyoOffice,
        "2026-01-23T08:00:00.000Z",
        2 * HOUR,
        "2026-01-26T01:00:00.000Z",
      ],
      [
        "Los Angeles: Friday morning",
        losAngelesOffice,
        "2026-01-23T08:00:00.000Z",
        2 * HOUR,
        "2026-01-23T19:00:00.000Z",
      ],
      [
        "Los Angeles: a day that ends after UTC midnight",
        losAngelesOffice,
        "2026-01-23T08:00:00.000Z",
        8 * HOUR,
        "2026-01-24T01:00:00.000Z",
      ],
      [
        "Los Angeles: weekend with spring-forward, Friday PST to Monday PDT",
        losAngelesOffice,
        "2026-03-07T00:00:00.000Z",
        2 * HOUR,
        "2026-03-09T17:00:00.000Z",
      ],
    ]);
  });

  describe("Europe/Berlin DST with the transition hour inside the schedule", () => {
    expectAdds([
      // 2026-03-29: 01:00 CET = 00:00Z; at 01:00Z the clock jumps from 02:00 CET to 03:00 CEST; 04:00 CEST = 02:00Z.
      [
        "spring: 01:00–04:00, the first hour ends at the jump",
        berlinSundayNight,
        "2026-03-29T00:00:00.000Z",
        HOUR,
        "2026-03-29T01:00:00.000Z",
      ],
      [
        "spring: 01:00–04:00, 90 min is 03:30 CEST",
        berlinSundayNight,
        "2026-03-29T00:00:00.000Z",
        90 * MINUTE,
        "2026-03-29T01:30:00.000Z",
      ],
      [
        "spring: 01:00–04:00 holds only 2 real hours",
        berlinSundayNight,
        "2026-03-29T00:00:00.000Z",
        2 * HOUR,
        "2026-03-29T02:00:00.000Z",
      ],
      [
        "spring: one minute more runs to next Sunday 01:01 CEST",
        berlinSundayNight,
        "2026-03-29T00:00:00.000Z",
        2 * HOUR + MINUTE,
        "2026-04-04T23:01:00.000Z",
      ],
      // 2026-10-25: 01:00 CEST = 23:00Z the day before; at 01:00Z the clock goes back from 03:00 CEST to 02:00 CET.
      [
        "fall: 01:00–04:00, three hours is 03:00 CET",
        berlinSundayNight,
        "2026-10-24T23:00:00.000Z",
        3 * HOUR,
        "2026-10-25T02:00:00.000Z",
      ],
      [
        "fall: 01:00–04:00 holds 4 real hours",
        berlinSundayNight,
        "2026-10-24T23:00:00.000Z",
        4 * HOUR,
        "2026-10-25T03:00:00.000Z",
      ],
      [
        "fall: 00:00–24:00 holds 25 hours",
        berlinSundayAllDay,
        "2026-10-24T22:00:00.000Z",
        25 * HOUR,
        "2026-10-25T23:00:00.000Z",
      ],
      [
        "spring: 00:00–24:00 holds 23 hours",
        berlinSundayAllDay,
        "2026-03-28T23:00:00.000Z",
        23 * HOUR,
        "2026-03-29T22:00:00.000Z",
      ],
      // Edges inside the transition hour: an edge happens when the wall clock first reads that time (or jumps past it).
      [
        "spring: opening at 02:30 (skipped) opens at the jump",
        berlinSundayFrom0230,
        "2026-03-28T12:00:00.000Z",
        30 * MINUTE,
        "2026-03-29T01:30:00.000Z",
      ],
      [
        "fall: opening at 02:30 opens at the first 02:30 (CEST)",
        berlinSundayFrom0230,
        "2026-10-24T12:00:00.000Z",
        30 * MINUTE,
        "2026-10-25T01:00:00.000Z",
      ],
      [
        "fall: and stays open through the repeated 02:00–02:30",
        berlinSundayFrom0230,
        "2026-10-24T12:00:00.000Z",
        60 * MINUTE,
        "2026-10-25T01:30:00.000Z",
      ],
      [
        "fall: closing at 02:30 closes at the first 02:30",
        berlinSundayUntil0230,
        "2026-10-24T22:00:00.000Z",
        150 * MINUTE,
        "2026-10-25T00:30:00.000Z",
      ],
      [
        "fall: and does not reopen in the repeated hour",
        berlinSundayUntil0230,
        "2026-10-24T22:00:00.000Z",
        150 * MINUTE + 1,
        "2026-10-31T23:00:00.001Z",
      ],
      [
        "spring: closing at 02:30 (skipped) closes at the jump",
        berlinSundayUntil0230,
        "2026-03-28T23:00:00.000Z",
        2 * HOUR,
        "2026-03-29T01:00:00.000Z",
      ],
      [
        "spring: 02:00–02:30 does not exist, next Sunday's does",
        berlinSunday0200to0230,
        "2026-03-28T23:00:00.000Z",
        10 * MINUTE,
        "2026-04-05T00:10:00.000Z",
      ],
    ]);
  });

  describe("America/New_York DST", () => {
    expectAdds([
      // 2026-03-08: 00:00 EST = 05:00Z; at 07:00Z the clock jumps from 02:00 EST to 03:00 EDT; Monday 00:00 EDT = 04:00Z.
      [
        "spring, Sunday 00:00–24:00: two hours reach 03:00 EDT",
        newYorkSundayAllDay,
        "2026-03-08T05:00:00.000Z",
        2 * HOUR,
        "2026-03-08T07:00:00.000Z",
      ],
      [
        "spring, Sunday 00:00–24:00 holds 23 hours",
        newYorkSundayAllDay,
        "2026-03-08T05:00:00.000Z",
        23 * HOUR,
        "2026-03-09T04:00:00.000Z",
      ],
      [
        "spring, one ms more is next Sunday",
        newYorkSundayAllDay,
        "2026-03-08T05:00:00.000Z",
        23 * HOUR + 1,
        "2026-03-15T04:00:00.001Z",
      ],
      // 2026-11-01: 00:00 EDT = 04:00Z; at 06:00Z the clock goes back from 02:00 EDT to 01:00 EST; Monday 00:00 EST = 05:00Z.
      [
        "fall, Sunday 00:00–24:00: three hours reach 02:00 EST",
        newYorkSundayAllDay,
        "2026-11-01T04:00:00.000Z",
        3 * HOUR,
        "2026-11-01T07:00:00.000Z",
      ],
      [
        "fall, Sunday 00:00–24:00 holds 25 hours",
        newYorkSundayAllDay,
        "2026-11-01T04:00:00.000Z",
        25 * HOUR,
        "2026-11-02T05:00:00.000Z",
      ],
      [
        "spring, nightly 01:00–04:00: 1 h reaches 03:00 EDT",
        newYorkNightly,
        "2026-03-08T06:00:00.000Z",
        HOUR,
        "2026-03-08T07:00:00.000Z",
      ],
      [
        "spring, nightly 01:00–04:00 holds 2 h, due at its closing",
        newYorkNightly,
        "2026-03-08T06:00:00.000Z",
        2 * HOUR,
        "2026-03-08T08:00:00.000Z",
      ],
      [
        "spring, the rest runs into Monday 01:30 EDT",
        newYorkNightly,
        "2026-03-08T06:00:00.000Z",
        150 * MINUTE,
        "2026-03-09T05:30:00.000Z",
      ],
      [
        "fall, nightly 01:00–04:00: 90 min is the second 01:30 (EST)",
        newYorkNightly,
        "2026-11-01T05:00:00.000Z",
        90 * MINUTE,
        "2026-11-01T06:30:00.000Z",
      ],
      [
        "fall, nightly 01:00–04:00 holds 4 h",
        newYorkNightly,
        "2026-11-01T05:00:00.000Z",
        4 * HOUR,
        "2026-11-01T09:00:00.000Z",
      ],
      [
        "fall, 01:00–01:30 closes at the first 01:30 (EDT) only",
        newYorkSunday0100to0130,
        "2026-11-01T05:00:00.000Z",
        31 * MINUTE,
        "2026-11-08T06:01:00.000Z",
      ],
    ]);
  });
});

describe("businessTimeBetween", () => {
  test.each<[string, BusinessCalendar, string, string, number]>([
    ["24x7 counts real time", alwaysOpen, "2026-10-24T00:00:00.000Z", "2026-10-26T00:00:00.000Z", 48 * HOUR],
    ["Friday to Monday opening", berlinOffice, "2026-01-16T08:00:00.000Z", "2026-01-19T08:00:00.000Z", 8 * HOUR],
    [
      "Friday 09:00 CET to Monday 10:00 CEST",
      berlinOffice,
      "2026-03-27T08:00:00.000Z",
      "2026-03-30T08:00:00.000Z",
      9 * HOUR,
    ],
    ["closing to next opening", berlinOffice, "2026-01-19T16:00:00.000Z", "2026-01-20T08:00:00.000Z", 0],
    ["to before from", berlinOffice, "2026-01-20T08:00:00.000Z", "2026-01-19T08:00:00.000Z", 0],
    ["to equal to from", berlinOffice, "2026-01-20T10:00:00.000Z", "2026-01-20T10:00:00.000Z", 0],
    ["a week", berlinOffice, "2026-01-19T00:00:00.000Z", "2026-01-26T00:00:00.000Z", 40 * HOUR],
    ["January 2026 has 22 weekdays", berlinOffice, "2025-12-31T23:00:00.000Z", "2026-01-31T23:00:00.000Z", 176 * HOUR],
    ["lunch is not counted", berlinLunch, "2026-01-19T08:00:00.000Z", "2026-01-19T16:00:00.000Z", 7 * HOUR],
    [
      "part of a morning and part of an afternoon",
      berlinLunch,
      "2026-01-19T10:30:00.000Z",
      "2026-01-19T12:15:00.000Z",
      45 * MINUTE,
    ],
    ["Easter holidays", berlinHolidays, "2026-04-02T07:00:00.000Z", "2026-04-07T07:00:00.000Z", 8 * HOUR],
    ["Tokyo: a full week", tokyoOffice, "2026-01-19T00:00:00.000Z", "2026-01-26T00:00:00.000Z", 45 * HOUR],
    [
      "Los Angeles: the same UTC week",
      losAngelesOffice,
      "2026-01-19T00:00:00.000Z",
      "2026-01-26T00:00:00.000Z",
      40 * HOUR,
    ],
    [
      "Berlin spring Sunday 01:00–04:00",
      berlinSundayNight,
      "2026-03-28T00:00:00.000Z",
      "2026-03-30T00:00:00.000Z",
      2 * HOUR,
    ],
    [
      "Berlin fall Sunday 01:00–04:00",
      berlinSundayNight,
      "2026-10-24T00:00:00.000Z",
      "2026-10-26T00:00:00.000Z",
      4 * HOUR,
    ],
    [
      "Berlin spring Sunday 00:00–24:00",
      berlinSundayAllDay,
      "2026-03-28T00:00:00.000Z",
      "2026-03-30T00:00:00.000Z",
      23 * HOUR,
    ],
    [
      "Berlin fall Sunday 00:00–24:00",
      berlinSundayAllDay,
      "2026-10-24T00:00:00.000Z",
      "2026-10-26T00:00:00.000Z",
      25 * HOUR,
    ],
    [
      "Berlin spring Sunday 02:30–05:00 opens at the jump",
      berlinSundayFrom0230,
      "2026-03-28T00:00:00.000Z",
      "2026-03-30T00:00:00.000Z",
      2 * HOUR,
    ],
    [
      "Berlin fall Sunday 02:30–05:00 runs from the first 02:30",
      berlinSundayFrom0230,
      "2026-10-24T00:00:00.000Z",
      "2026-10-26T00:00:00.000Z",
      210 * MINUTE,
    ],
    [
      "Berlin fall Sunday 00:00–02:30 ends at the first 02:30",
      berlinSundayUntil0230,
      "2026-10-24T00:00:00.000Z",
      "2026-10-26T00:00:00.000Z",
      150 * MINUTE,
    ],
    [
      "Berlin spring Sunday 02:00–02:30 never happens",
      berlinSunday0200to0230,
      "2026-03-28T00:00:00.000Z",
      "2026-03-30T00:00:00.000Z",
      0,
    ],
    [
      "Berlin fall Sunday 02:00–02:30 happens once",
      berlinSunday0200to0230,
      "2026-10-24T00:00:00.000Z",
      "2026-10-26T00:00:00.000Z",
      30 * MINUTE,
    ],
    [
      "New York spring Sunday 00:00–24:00",
      newYorkSundayAllDay,
      "2026-03-08T00:00:00.000Z",
      "2026-03-10T00:00:00.000Z",
      23 * HOUR,
    ],
    [
      "New York fall Sunday 00:00–24:00",
      newYorkSundayAllDay,
      "2026-11-01T00:00:00.000Z",
      "2026-11-03T00:00:00.000Z",
      25 * HOUR,
    ],
    [
      "New York spring Saturday–Monday nights 3 + 2 + 3",
      newYorkNightly,
      "2026-03-07T00:00:00.000Z",
      "2026-03-10T00:00:00.000Z",
      8 * HOUR,
    ],
    [
      "New York fall Saturday–Monday nights 3 + 4 + 3",
      newYorkNightly,
      "2026-10-31T00:00:00.000Z",
      "2026-11-03T00:00:00.000Z",
      10 * HOUR,
    ],
    [
      "New York fall 01:00–01:30 happens once",
      newYorkSunday0100to0130,
      "2026-11-01T00:00:00.000Z",
      "2026-11-02T00:00:00.000Z",
      30 * MINUTE,
    ],
  ])("%s", (_name, cal, from, to, expected) => {
    expect(businessTimeBetween(cal, new Date(from), new Date(to))).toBe(expected);
  });
});

describe("isBusinessTime", () => {
  test.each<[string, BusinessCalendar, string, boolean]>([
    ["24x7", alwaysOpen, "2026-03-29T01:30:00.000Z", true],
    ["1 ms before opening", berlinOffice, "2026-01-19T07:59:59.999Z", false],
    ["at opening", berlinOffice, "2026-01-19T08:00:00.000Z", true],
    ["1 ms before closing", berlinOffice, "2026-01-19T15:59:59.999Z", true],
    ["at closing (end exclusive)", berlinOffice, "2026-01-19T16:00:00.000Z", false],
    ["Saturday noon", berlinOffice, "2026-01-17T12:00:00.000Z", false],
    ["summer opening is 07:00Z", berlinOffice, "2026-07-15T07:00:00.000Z", true],
    ["summer, 1 ms before opening", berlinOffice, "2026-07-15T06:59:59.999Z", false],
    ["summer closing is 15:00Z", berlinOffice, "2026-07-15T15:00:00.000Z", false],
    ["lunch begins", berlinLunch, "2026-01-19T11:00:00.000Z", false],
    ["lunch, last ms", berlinLunch, "2026-01-19T11:59:59.999Z", false],
    ["after lunch", berlinLunch, "2026-01-19T12:00:00.000Z", true],
    ["Whit Monday", berlinHolidays, "2026-05-25T10:00:00.000Z", false],
    ["the Tuesday after", berlinHolidays, "2026-05-26T10:00:00.000Z", true],
    ["MLK Day, Monday 16:30 PST is Tuesday in UTC", losAngelesMlk, "2026-01-20T00:30:00.000Z", false],
    ["Tokyo Tuesday 10:00", tokyoOffice, "2026-01-20T01:00:00.000Z", true],
    ["Los Angeles Monday 17:00, the same instant", losAngelesOffice, "2026-01-20T01:00:00.000Z", false],
    ["Tokyo Tuesday 09:30", tokyoOffice, "2026-01-20T00:30:00.000Z", true],
    ["Los Angeles Monday 16:30, the same instant", losAngelesOffice, "2026-01-20T00:30:00.000Z", true],
    ["Tokyo Wednesday 02:00", tokyoOffice, "2026-01-20T17:00:00.000Z", false],
    ["Los Angeles Tuesday 09:00, the same instant", losAngelesOffice, "2026-01-20T17:00:00.000Z", true],
    ["Berlin spring, 01:59:59.999 CET", berlinSundayNight, "2026-03-29T00:59:59.999Z", true],
    ["Berlin spring, 03:00 CEST right after the jump", berlinSundayNight, "2026-03-29T01:00:00.000Z", true],
    ["Berlin spring, 04:00 CEST", berlinSundayNight, "2026-03-29T02:00:00.000Z", false],
    ["Berlin fall, first 02:30 (CEST)", berlinSundayNight, "2026-10-25T00:30:00.000Z", true],
    ["Berlin fall, second 02:30 (CET)", berlinSundayNight, "2026-10-25T01:30:00.000Z", true],
    ["Berlin fall, 04:00 CET", berlinSundayNight, "2026-10-25T03:00:00.000Z", false],
    ["Berlin fall 02:30–05:00: second 02:15 (CET) stays open", berlinSundayFrom0230, "2026-10-25T01:15:00.000Z", true],
    [
      "Berlin fall 02:30–05:00: first 02:15 (CEST) not yet open",
      berlinSundayFrom0230,
      "2026-10-25T00:15:00.000Z",
      false,
    ],
    [
      "Berlin fall 00:00–02:30: second 02:15 (CET) stays closed",
      berlinSundayUntil0230,
      "2026-10-25T01:15:00.000Z",
      false,
    ],
    ["Berlin fall 00:00–02:30: first 02:15 (CEST) open", berlinSundayUntil0230, "2026-10-25T00:15:00.000Z", true],
    ["New York fall 01:00–01:30: first 01:15 (EDT)", newYorkSunday0100to0130, "2026-11-01T05:15:00.000Z", true],
    ["New York fall 01:00–01:30: second 01:15 (EST)", newYorkSunday0100to0130, "2026-11-01T06:15:00.000Z", false],
    ["New York spring nightly: 03:00 EDT right after the jump", newYorkNightly, "2026-03-08T07:00:00.000Z", true],
    ["New York spring nightly: 04:00 EDT", newYorkNightly, "2026-03-08T08:00:00.000Z", false],
  ])("%s", (_name, cal, at, expected) => {
    expect(isBusinessTime(cal, new Date(at))).toBe(expected);
  });
});

describe("nextBusinessInstant", () => {
  test.each<[string, BusinessCalendar, string, string]>([
    ["24x7 is now", alwaysOpen, "2026-05-01T03:04:05.006Z", "2026-05-01T03:04:05.006Z"],
    ["Friday closing to Monday opening", berlinOffice, "2026-01-16T16:00:00.000Z", "2026-01-19T08:00:00.000Z"],
    ["inside hours is the instant itself", berlinOffice, "2026-01-19T10:00:00.000Z", "2026-01-19T10:00:00.000Z"],
    ["spring weekend: Monday opens at 07:00Z", berlinOffice, "2026-03-28T12:00:00.000Z", "2026-03-30T07:00:00.000Z"],
    ["fall weekend: Monday opens at 08:00Z", berlinOffice, "2026-10-24T12:00:00.000Z", "2026-10-26T08:00:00.000Z"],
    ["during lunch", berlinLunch, "2026-01-19T11:15:00.000Z", "2026-01-19T12:00:00.000Z"],
    ["on Whit Monday", berlinHolidays, "2026-05-25T07:00:00.000Z", "2026-05-26T07:00:00.000Z"],
    ["MLK Day in Los Angeles", losAngelesMlk, "2026-01-19T18:00:00.000Z", "2026-01-20T17:00:00.000Z"],
    ["Tokyo: Saturday 09:00 waits for Monday", tokyoOffice, "2026-01-24T00:00:00.000Z", "2026-01-26T00:00:00.000Z"],
    [
      "Los Angeles: the same instant is Friday 16:00",
      losAngelesOffice,
      "2026-01-24T00:00:00.000Z",
      "2026-01-24T00:00:00.000Z",
    ],
    [
      "Berlin spring 02:30–05:00 opens at the jump (03:00 CEST)",
      berlinSundayFrom0230,
      "2026-03-29T00:00:00.000Z",
      "2026-03-29T01:00:00.000Z",
    ],
    [
      "Berlin fall 02:30–05:00 opens at the first 02:30",
      berlinSundayFrom0230,
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
    ],
    [
      "Berlin spring 02:00–02:30 skips to the next Sunday",
      berlinSunday0200to0230,
      "2026-03-29T00:00:00.000Z",
      "2026-04-05T00:00:00.000Z",
    ],
    [
      "Berlin fall 00:00–02:30 after the first 02:30",
      berlinSundayUntil0230,
      "2026-10-25T00:30:00.000Z",
      "2026-10-31T23:00:00.000Z",
    ],
    [
      "New York fall 01:00–01:30 after the first 01:30",
      newYorkSunday0100to0130,
      "2026-11-01T05:30:00.000Z",
      "2026-11-08T06:00:00.000Z",
    ],
  ])("%s", (_name, cal, at, expected) => {
    expect(nextBusinessInstant(cal, new Date(at)).toISOString()).toBe(expected);
  });
});

describe("a calendar that is closed for years", () => {
  // Open only on Mondays, and every Monday from 2026 to 2031 is a holiday.
  const mondaysFrom = (firstMonday: string, count: number) =>
    Array.from({ length: count }, (_, i) => new Date(Date.parse(firstMonday) + i * 7 * DAY).toISOString().slice(0, 10));
  const mondaysOnly = (holidays: string[]) => calendar("Europe/Berlin", { 1: [hours("09:00", "17:00")] }, holidays);

  test("four closed years still find the first open Monday", () => {
    const cal = mondaysOnly(mondaysFrom("2026-01-05", 4 * 52));
    expect(addBusinessTime(cal, new Date("2026-01-01T00:00:00.000Z"), HOUR).toISOString()).toBe(
      "2029-12-31T09:00:00.000Z",
    );
    expect(nextBusinessInstant(cal, new Date("2026-01-01T00:00:00.000Z")).toISOString()).toBe(
      "2029-12-31T08:00:00.000Z",
    );
  });

  test("beyond five years the search stops with a domain error", () => {
    const cal = mondaysOnly(mondaysFrom("2026-01-05", 6 * 53));
    const start = new Date("2026-01-01T00:00:00.000Z");
    expect(() => addBusinessTime(cal, start, HOUR)).toThrow(/five years after 2026-01-01T00:00:00.000Z/);
    expect(() => nextBusinessInstant(cal, start)).toThrow(/no open hours in the five years/);
    expect(businessTimeBetween(cal, start, new Date("2031-01-01T00:00:00.000Z"))).toBe(0);
  });

  test("so does a duration of more than five years of business time", () => {
    expect(() => addBusinessTime(alwaysOpen, new Date("2026-01-01T00:00:00.000Z"), 6 * 366 * DAY)).toThrow(DomainError);
  });
});

describe("bad arguments", () => {
  test.each<[string, () => unknown]>([
    ["negative duration", () => addBusinessTime(berlinOffice, new Date("2026-01-19T08:00:00.000Z"), -1)],
    ["infinite duration", () => addBusinessTime(berlinOffice, new Date("2026-01-19T08:00:00.000Z"), Infinity)],
    ["NaN duration", () => addBusinessTime(berlinOffice, new Date("2026-01-19T08:00:00.000Z"), Number.NaN)],
    ["invalid date", () => isBusinessTime(berlinOffice, new Date("not a date"))],
    ["invalid calendar", () => compileCalendar(calendar("Europe/Atlantis", weekdays(hours("09:00", "17:00"))))],
  ])("%s is a VALIDATION_FAILED domain error", (_name, call) => {
    expect(call).toThrow(expect.objectContaining({ name: "DomainError", code: "VALIDATION_FAILED" }));
  });
});

describe("businessCalendarSchema", () => {
  const office = weekdays(hours("09:00", "17:00"));

  test.each<[string, unknown, string, string]>([
    ["unknown zone", calendar("Europe/Atlantis", office), "timeZone", "Unknown IANA time zone."],
    ["offset instead of a zone", calendar("+01:00", office), "timeZone", "Unknown IANA time zone."],
    [
      "hour without leading zero",
      calendar("UTC", { 1: [hours("9:00", "17:00")] }),
      "weekly.1.0.start",
      "Expected a local time HH:MM from 00:00 to 23:59.",
    ],
    [
      "24:00 as a start",
      calendar("UTC", { 1: [hours("24:00", "24:00")] }),
      "weekly.1.0.start",
      "Expected a local time HH:MM from 00:00 to 23:59.",
    ],
    [
      "minute 60",
      calendar("UTC", { 2: [hours("09:00", "17:60")] }),
      "weekly.2.0.end",
      "Expected a local time HH:MM from 00:01 to 24:00.",
    ],
    [
      "hour 25",
      calendar("UTC", { 3: [hours("09:00", "25:00")] }),
      "weekly.3.0.end",
      "Expected a local time HH:MM from 00:01 to 24:00.",
    ],
    [
      "empty interval",
      calendar("UTC", { 4: [hours("12:00", "12:00")] }),
      "weekly.4.0.end",
      "An open interval must start before it ends.",
    ],
    [
      "reversed interval",
      calendar("UTC", { 5: [hours("17:00", "09:00")] }),
      "weekly.5.0.end",
      "An open interval must start before it ends.",
    ],
    [
      "overlap",
      calendar("UTC", { 6: [hours("09:00", "12:00"), hours("11:00", "13:00")] }),
      "weekly.6",
      "Open intervals 09:00–12:00 and 11:00–13:00 overlap.",
    ],
    [
      "overlap given out of order",
      calendar("UTC", { 7: [hours("13:00", "17:00"), hours("09:00", "13:30")] }),
      "weekly.7",
      "Open intervals 09:00–13:30 and 13:00–17:00 overlap.",
    ],
    [
      "one interval inside another",
      calendar("UTC", { 1: [hours("08:00", "18:00"), hours("12:00", "13:00")] }),
      "weekly.1",
      "Open intervals 08:00–18:00 and 12:00–13:00 overlap.",
    ],
    ["29 February in a common year", calendar("UTC", office, ["2026-02-29"]), "holidays.0", "Invalid ISO date"],
    ["two-digit year", calendar("UTC", office, ["2026-01-01", "26-01-01"]), "holidays.1", "Invalid ISO date"],
    ["month without leading zero", calendar("UTC", office, ["2026-1-05"]), "holidays.0", "Invalid ISO date"],
    ["no open hours at all", calendar("Europe/Berlin", {}), "weekly", "The calendar has no open hours on any weekday."],
    [
      "no open hours, only holidays",
      calendar("Europe/Berlin", {}, ["2026-12-25"]),
      "weekly",
      "The calendar has no open hours on any weekday.",
    ],
    [
      "a weekday missing",
      { timeZone: "UTC", weekly: { 1: [], 2: [], 3: [], 4: [], 5: [hours("09:00", "17:00")], 7: [] }, holidays: [] },
      "weekly.6",
      "Invalid input: expected array, received undefined",
    ],
  ])("rejects %s", (_name, input, path, message) => {
    const result = businessCalendarSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toContainEqual([path, message]);
  });

  test.each<[string, BusinessCalendar]>([
    ["around the clock", alwaysOpen],
    ["touching intervals", calendar("UTC", { 1: [hours("09:00", "12:00"), hours("12:00", "17:00")] })],
    ["a whole day", calendar("Pacific/Kiritimati", { 7: [hours("00:00", "24:00")] })],
    ["a leap day", calendar("Asia/Kolkata", office, ["2028-02-29"])],
    ["the last minute of the day", calendar("America/St_Johns", { 3: [hours("23:59", "24:00")] })],
  ])("accepts %s", (_name, input) => {
    expect(businessCalendarSchema.safeParse(input)).toEqual({ success: true, data: input });
  });
});

/** Seeded PRNG (mulberry32), so a failing case can be replayed from its printed numbers. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const propertyCalendars: [string, BusinessCalendar][] = [
  ["24x7", alwaysOpen],
  ["Berlin lunch + holidays", { ...berlinLunch, holidays: ["2026-03-30", "2026-04-03", "2026-04-06", "2026-10-26"] }],
  ["Tokyo", tokyoOffice],
  ["Los Angeles (crosses UTC midnight)", losAngelesOffice],
  ["New York nightly 01:00–04:00", newYorkNightly],
  ["New York Sunday all day", newYorkSundayAllDay],
  ["Berlin Sunday 02:30–05:00", berlinSundayFrom0230],
  ["Berlin Sunday 00:00–02:30", berlinSundayUntil0230],
];

// Half-hour grid instants hit openings and closings often; the ms jitter covers everything in between.
function randomInstant(random: () => number): number {
  const base = Date.parse("2026-02-20T00:00:00.000Z") + Math.floor(random() * 300) * DAY; // spans both DST changes
  const onGrid = base + Math.floor(random() * 48) * 30 * MINUTE;
  return random() < 0.5 ? onGrid : onGrid + Math.floor(random() * 30 * MINUTE);
}

describe.each(propertyCalendars)("properties over 600 seeded random cases: %s", (_name, cal) => {
  const compiled = compileCalendar(cal);

  test("addBusinessTime(s, businessTimeBetween(s, t)) lands at t when t is business time", () => {
    const random = seededRandom(20260329);
    let checked = 0;
    for (let i = 0; i < 600; i++) {
      const s = randomInstant(random);
      let t = s + Math.floor(random() * 10 * DAY);
      // Sparse calendars are rarely open at a random instant; the next opening (or a little after it) is.
      if (!compiled.isBusinessTime(new Date(t))) {
        t =
          compiled.nextBusinessInstant(new Date(t)).getTime() +
          (random() < 0.5 ? 0 : Math.floor(random() * 20 * MINUTE));
        if (!compiled.isBusinessTime(new Date(t))) continue;
      }
      const between = compiled.businessTimeBetween(new Date(s), new Date(t));
      const due = compiled.addBusinessTime(new Date(s), between).getTime();
      const tIsAnOpening = !compiled.isBusinessTime(new Date(t - 1));
      if (tIsAnOpening && between > 0) {
        // The count ran out at the closing before t: due times are closing instants, not the next opening.
        expect({ s, t, due: due < t, gap: compiled.businessTimeBetween(new Date(due), new Date(t)) }).toEqual({
          s,
          t,
          due: true,
          gap: 0,
        });
        expect(compiled.isBusinessTime(new Date(due))).toBe(false);
      } else {
        expect({ s, t, due }).toEqual({ s, t, due: t });
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });

  test("businessTimeBetween(s, addBusinessTime(s, d)) is d, and the last counted ms is business time", () => {
    const random = seededRandom(20261025);
    for (let i = 0; i < 600; i++) {
      const s = randomInstant(random);
      const d = random() < 0.2 ? Math.floor(random() * 4) * HOUR : Math.floor(random() * 60 * HOUR);
      const due = compiled.addBusinessTime(new Date(s), d);
      expect({ s, d, between: compiled.businessTimeBetween(new Date(s), due) }).toEqual({ s, d, between: d });
      if (d > 0)
        expect({ s, d, lastMs: compiled.isBusinessTime(new Date(due.getTime() - 1)) }).toEqual({ s, d, lastMs: true });
      else expect(due.getTime()).toBe(compiled.nextBusinessInstant(new Date(s)).getTime());
    }
  });

  test("isBusinessTime, nextBusinessInstant and businessTimeBetween agree at every instant", () => {
    const random = seededRandom(20261101);
    for (let i = 0; i < 600; i++) {
      const at = new Date(randomInstant(random));
      const open = compiled.isBusinessTime(at);
      const next = compiled.nextBusinessInstant(at);
      expect({
        at,
        sameInstant: next.getTime() === at.getTime(),
        oneMs: compiled.businessTimeBetween(at, new Date(at.getTime() + 1)),
      }).toEqual({ at, sameInstant: open, oneMs: open ? 1 : 0 });
      expect(compiled.isBusinessTime(next)).toBe(true);
      expect(compiled.businessTimeBetween(at, next)).toBe(0);
    }
  });
});

/**
 * An independent oracle: Intl's wall clock, minute by minute. Where no schedule edge falls inside a repeated hour,
 * "open when the local wall clock shows a time inside an interval" is exactly the calendar's rule.
 */
function minutesOpenByWallClock(cal: BusinessCalendar, from: number, to: number): number {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: cal.timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    weekday: "short",
  });
  const weekdayNumbers: Record<string, IsoWeekday> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  let minutes = 0;
  for (let t = from; t < to; t += MINUTE) {
    const part = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
    if (cal.holidays.includes(`${part.year}-${part.month}-${part.day}`)) continue;
    const wall = `${part.hour}:${part.minute}`;
    const intervals = cal.weekly[weekdayNumbers[part.weekday!]!];
    if (intervals.some((i) => i.start <= wall && wall < i.end)) minutes++;
  }
  return minutes;
}

describe("agrees with Intl's wall clock, minute by minute, around DST changes", () => {
  const windows = [
    "2026-03-06T00:00:00.000Z",
    "2026-03-27T00:00:00.000Z",
    "2026-10-23T00:00:00.000Z",
    "2026-10-30T00:00:00.000Z",
  ];
  const oracleCalendars = propertyCalendars.filter(([name]) => !name.startsWith("Berlin Sunday"));
  test.each(oracleCalendars.flatMap(([name, cal]) => windows.map((start) => [name, start, cal] as const)))(
    "%s, four days from %s",
    (_name, start, cal) => {
      const from = Date.parse(start);
      const random = seededRandom(from / MINUTE);
      const to = from + 4 * DAY;
      expect(businessTimeBetween(cal, new Date(from), new Date(to))).toBe(
        minutesOpenByWallClock(cal, from, to) * MINUTE,
      );
      for (let i = 0; i < 5; i++) {
        const a = from + Math.floor(random() * 4 * 24 * 60) * MINUTE;
        const b = a + Math.floor(random() * 2 * 24 * 60) * MINUTE;
        expect({ a, b, ms: businessTimeBetween(cal, new Date(a), new Date(b)) }).toEqual({
          a,
          b,
          ms: minutesOpenByWallClock(cal, a, b) * MINUTE,
        });
      }
    },
  );
});
