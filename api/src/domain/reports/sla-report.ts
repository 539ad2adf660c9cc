import { channels, slaPolicies, teams, ticketSlaTargets, tickets, users } from "@helpdesk/db";
import { and, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { StaffActor } from "../actor.ts";
import type { DomainDeps } from "../deps.ts";
import { authorize } from "../authorization.ts";

export const slaReportGroupings = ["policy", "team", "agent", "channel", "priority", "day", "week"] as const;

export const slaReportInput = z
  .object({
    /** Tickets created from this instant (inclusive)... */
    from: z.iso.datetime({ offset: true }).or(z.iso.date()),
    /** ...until this one (exclusive). */
    to: z.iso.datetime({ offset: true }).or(z.iso.date()),
    groupBy: z.enum(slaReportGroupings).default("policy"),
    /** Time zone for day and week buckets. */
    timeZone: z.string().default("UTC"),
  })
  .refine((r) => new Date(r.from) < new Date(r.to), { message: "`from` must be before `to`.", path: ["from"] })
  .refine((r) => new Date(r.to).getTime() - new Date(r.from).getTime() <= 400 * 24 * 3600_000, {
    message: "Report at most 400 days at a time.",
    path: ["to"],
  })
  .refine((r) => Intl.supportedValuesOf("timeZone").includes(r.timeZone) || r.timeZone === "UTC", {
    message: "Unknown time zone.",
    path: ["timeZone"],
  });
export type SlaReportInput = z.input<typeof slaReportInput>;

const targetStats = z.object({
  /** Targets that ended or broke in the period's tickets. */
  measured: z.number().int(),
  achieved: z.number().int(),
  breached: z.number().int(),
  /** achieved / measured, as a percentage; null when nothing was measured. */
  compliance: z.number().nullable(),
});

export const slaReportRow = z.object({
  key: z.string(),
  label: z.string(),
  tickets: z.number().int(),
  firstResponse: targetStats,
  nextResponse: targetStats,
  resolution: targetStats,
  /** Business time, in milliseconds, of achieved first responses and resolutions. */
  firstResponseMedianMs: z.number().nullable(),
  firstResponseP90Ms: z.number().nullable(),
  resolutionMedianMs: z.number().nullable(),
  resolutionP90Ms: z.number().nullable(),
});
export type SlaReportRow = z.infer<typeof slaReportRow>;

/**
 * SLA compliance and response times for the tickets created in a period, grouped by policy, team, agent,
 * channel, priority, or by day or week. Times are business time (the clock of each ticket's policy, pauses
 * excluded). A target counts once it has been achieved or breached; running ones wait for the next report.
 * Next response counts each ticket's latest customer turn.
 */
export async function getSlaReport(
  deps: Pick<DomainDeps, "db">,
  actor: StaffActor,
  rawInput: SlaReportInput,
): Promise<{ rows: SlaReportRow[]; total: SlaReportRow }> {
  authorize(actor, "readReports");
  const input = slaReportInput.parse(rawInput);
  const from = new Date(input.from);
  const to = new Date(input.to);
  // A literal, not a parameter: GROUP BY must see the very same expression as SELECT, and a bound parameter
  // makes them differ. The zone was checked against Intl's list, so it is a plain identifier-like string.
  const zone = sql.raw(`'${input.timeZone.replace(/'/g, "''")}'`);

  const groups: Record<(typeof slaReportGroupings)[number], { key: SQL; label: SQL }> = {
    policy: { key: sql`${ticketSlaTargets.policyId}`, label: sql`max(${slaPolicies.name})` },
    team: { key: sql`coalesce(${tickets.teamId}, 'none')`, label: sql`coalesce(max(${teams.name}), 'No team')` },
    agent: {
      key: sql`coalesce(${tickets.assigneeId}, 'none')`,
      label: sql`coalesce(max(${users.name}), 'Unassigned')`,
    },
    channel: { key: sql`${tickets.channelId}`, label: sql`max(${channels.name})` },
    priority: { key: sql`${tickets.priority}::text`, label: sql`initcap(${tickets.priority}::text)` },
    day: {
      key: sql`to_char(${tickets.createdAt} at time zone ${zone}, 'YYYY-MM-DD')`,
      label: sql`to_char(${tickets.createdAt} at time zone ${zone}, 'YYYY-MM-DD')`,
    },
    week: {
      key: sql`to_char(date_trunc('week', ${tickets.createdAt} at time zone ${zone}), 'IYYY-"W"IW')`,
      label: sql`to_char(date_trunc('week', ${tickets.createdAt} at time zone ${zone}), 'IYYY-"W"IW')`,
    },
  };

  const stat = (kind: string) => ({
    measured: sql<number>`count(*) filter (where ${ticketSlaTargets.kind} = ${kind} and (${ticketSlaTargets.state} in ('achieved', 'breached')))::int`,
    achieved: sql<number>`count(*) filter (where ${ticketSlaTargets.kind} = ${kind} and ${ticketSlaTargets.state} = 'achieved')::int`,
    breached: sql<number>`count(*) filter (where ${ticketSlaTargets.kind} = ${kind} and ${ticketSlaTargets.state} = 'breached')::int`,
  });
  const percentile = (kind: string, p: number) =>
    sql<
      number | null
    >`percentile_cont(${p}) within group (order by ${ticketSlaTargets.elapsedMs}) filter (where ${ticketSlaTargets.kind} = ${kind} and ${ticketSlaTargets.achievedAt} is not null)`;
  const measures = {
    tickets: sql<number>`count(distinct ${tickets.id})::int`,
    fr: stat("first_response"),
    nr: stat("next_response"),
    rs: stat("resolution"),
    frMedian: percentile("first_response", 0.5),
    frP90: percentile("first_response", 0.9),
    rsMedian: percentile("resolution", 0.5),
    rsP90: percentile("resolution", 0.9),
  };

  const query = (grouping: { key: SQL; label: SQL } | null) =>
    deps.db
      .select({
        key: grouping ? grouping.key : sql<string>`'total'`,
        label: grouping ? grouping.label : sql<string>`'All tickets'`,
        tickets: measures.tickets,
        frMeasured: measures.fr.measured,
        frAchieved: measures.fr.achieved,
        frBreached: measures.fr.breached,
        nrMeasured: measures.nr.measured,
        nrAchieved: measures.nr.achieved,
        nrBreached: measures.nr.breached,
        rsMeasured: measures.rs.measured,
        rsAchieved: measures.rs.achieved,
        rsBreached: measures.rs.breached,
        frMedian: measures.frMedian,
        frP90: measures.frP90,
        rsMedian: measures.rsMedian,
        rsP90: measures.rsP90,
      })
      .from(ticketSlaTargets)
      .innerJoin(tickets, sql`${tickets.id} = ${ticketSlaTargets.ticketId}`)
      .leftJoin(slaPolicies, sql`${slaPolicies.id} = ${ticketSlaTargets.policyId}`)
      .leftJoin(teams, sql`${teams.id} = ${tickets.teamId}`)
      .leftJoin(users, sql`${users.id} = ${tickets.assigneeId}`)
      .leftJoin(channels, sql`${channels.id} = ${tickets.channelId}`)
      .where(and(gte(tickets.createdAt, from), lt(tickets.createdAt, to)))
      .groupBy(...(grouping ? [grouping.key] : []));

  const toRow = (r: Awaited<ReturnType<typeof query>>[number]): SlaReportRow => {
    const stats = (measured: number, achieved: number, breached: number) => ({
      measured,
      achieved,
      breached,
      compliance: measured > 0 ? Math.round((achieved / measured) * 1000) / 10 : null,
    });
    const ms = (v: number | string | null) => (v === null ? null : Math.round(Number(v)));
    return {
      key: String(r.key),
      label: String(r.label ?? r.key),
      tickets: r.tickets,
      firstResponse: stats(r.frMeasured, r.frAchieved, r.frBreached),
      nextResponse: stats(r.nrMeasured, r.nrAchieved, r.nrBreached),
      resolution: stats(r.rsMeasured, r.rsAchieved, r.rsBreached),
      firstResponseMedianMs: ms(r.frMedian),
      firstResponseP90Ms: ms(r.frP90),
      resolutionMedianMs: ms(r.rsMedian),
      resolutionP90Ms: ms(r.rsP90),
    };
  };

  const [rows, totals] = await Promise.all([query(groups[input.groupBy]), query(null)]);
  const sorted = rows
    .map(toRow)
    .sort((a, b) =>
      input.groupBy === "day" || input.groupBy === "week" ? a.key.localeCompare(b.key) : b.tickets - a.tickets,
    );
  return {
    rows: sorted,
    total: totals[0]
      ? toRow(totals[0])
      : toRow({
          key: "total",
          label: "All tickets",
          tickets: 0,
          frMeasured: 0,
          frAchieved: 0,
          frBreached: 0,
          nrMeasured: 0,
          nrAchieved: 0,
          nrBreached: 0,
          rsMeasured: 0,
          rsAchieved: 0,
          rsBreached: 0,
          frMedian: null,
          frP90: null,
          rsMedian: null,
          rsP90: null,
        }),
  };
}

/** The same report as CSV, one row per group plus the total, for spreadsheets. */
export function slaReportCsv(report: { rows: SlaReportRow[]; total: SlaReportRow }): string {
  const header = [
    "group",
    "tickets",
    "first_response_measured",
    "first_response_breached",
    "first_response_compliance_pct",
    "next_response_measured",
    "next_response_breached",
    "next_response_compliance_pct",
    "resolution_measured",
    "resolution_breached",
    "resolution_compliance_pct",
    "first_response_median_minutes",
    "first_response_p90_minutes",
    "resolution_median_minutes",
    "resolution_p90_minutes",
  ];
  const minutes = (ms: number | null) => (ms === null ? "" : (ms / 60_000).toFixed(1));
  const cell = (value: string | number | null) => {
    const text = value === null ? "" : String(value);
    // Quote what needs it, and defuse spreadsheet formulas in names (=, +, -, @).
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const line = (r: SlaReportRow) =>
    [
      r.label,
      r.tickets,
      r.firstResponse.measured,
      r.firstResponse.breached,
      r.firstResponse.compliance,
      r.nextResponse.measured,
      r.nextResponse.breached,
      r.nextResponse.compliance,
      r.resolution.measured,
      r.resolution.breached,
      r.resolution.compliance,
      minutes(r.firstResponseMedianMs),
      minutes(r.firstResponseP90Ms),
      minutes(r.resolutionMedianMs),
      minutes(r.resolutionP90Ms),
    ]
      .map(cell)
      .join(",");
  return [header.join(","), ...report.rows.map(line), line(report.total)].join("\r\n") + "\r\n";
}
