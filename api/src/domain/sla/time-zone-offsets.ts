import { Temporal } from "temporal-polyfill";

/**
 * Wall-clock ↔ instant arithmetic for one IANA zone, for the business calendar.
 *
 * Temporal (through `temporal-polyfill`, until Node ships it) is the source of truth for the zone's rules; this module
 * only remembers the stretches of constant UTC offset it has been told about. A zone changes offset a couple of times
 * a year at most, so after the first few look-ups every question is answered by a binary search over those stretches
 * instead of a call into Temporal/Intl (which costs microseconds each).
 */

const DAY_MS = 86_400_000;

/** A stretch [from, to) of epoch milliseconds during which the zone's UTC offset does not change. */
interface OffsetStretch {
  from: number;
  to: number;
  offsetMs: number;
}

export interface TimeZoneOffsets {
  /**
   * The first instant (epoch ms) at which the zone's wall clock reads `wallMs` or later, where `wallMs` is a local
   * date-time written as if it were UTC (`Date.UTC(y, m - 1, d, h, min)`).
   *
   * This one rule settles both kinds of DST transition: a wall time inside a skipped hour is "reached" when the clock
   * jumps past it (the transition instant), and a wall time inside a repeated hour is reached at its first occurrence.
   * It never goes backwards as `wallMs` grows, so schedule intervals map to instants in the same order.
   */
  firstInstantReaching(wallMs: number): number;
}

/** True when both Intl and Temporal accept the IANA name (Temporal alone would also take offsets like "+01:00"). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function timeZoneOffsets(timeZone: string): TimeZoneOffsets {
  // Sorted by `from`, never overlapping: each entry is a true stretch of the zone, so two look-ups agree or are disjoint.
  const stretches: OffsetStretch[] = [];

  function stretchAt(epochMs: number): OffsetStretch {
    let lo = 0;
    let hi = stretches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (stretches[mid]!.from <= epochMs) lo = mid + 1;
      else hi = mid;
    }
    const candidate = stretches[lo - 1];
    if (candidate && epochMs < candidate.to) return candidate;

    const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
    const next = zoned.getTimeZoneTransition("next");
    // "previous" is strictly before its argument; asking from 1 ms later includes a transition exactly at epochMs.
    const previous = Temporal.Instant.fromEpochMilliseconds(epochMs + 1)
      .toZonedDateTimeISO(timeZone)
      .getTimeZoneTransition("previous");
    const stretch: OffsetStretch = {
      from: previous ? previous.epochMilliseconds : -Infinity,
      to: next ? next.epochMilliseconds : Infinity,
      offsetMs: zoned.offsetNanoseconds / 1_000_000,
    };
    stretches.splice(lo, 0, stretch);
    return stretch;
  }

  return {
    firstInstantReaching(wallMs) {
      // A day before, the wall clock is surely behind wallMs (no zone is a full day off UTC), so walking the stretches
      // forward from there finds the first one in which the clock reads wallMs, or the transition that jumps over it.
      let stretch = stretchAt(wallMs - DAY_MS);
      for (;;) {
        const instant = wallMs - stretch.offsetMs;
        if (instant < stretch.from) return stretch.from;
        if (instant < stretch.to) return instant;
        stretch = stretchAt(stretch.to);
      }
    },
  };
}
