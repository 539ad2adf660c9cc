import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { getSlaReport, slaReportCsv, slaReportInput, slaReportRow } from "../../domain/reports/sla-report.ts";
import { authenticate, type AppEnv } from "../context.ts";
import { commonErrorResponses } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

const sla = createRoute({
  method: "get",
  path: "/sla",
  tags: ["Reports"],
  summary: "SLA compliance and response times (business time) for tickets created in a period, grouped",
  middleware: [authenticate] as const,
  request: { query: slaReportInput },
  responses: {
    200: {
      description: "The report",
      content: jsonContent(z.object({ rows: z.array(slaReportRow), total: slaReportRow })),
    },
    ...commonErrorResponses,
  },
});

const slaCsv = createRoute({
  method: "get",
  path: "/sla.csv",
  tags: ["Reports"],
  summary: "The SLA report as CSV",
  middleware: [authenticate] as const,
  request: { query: slaReportInput },
  responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrorResponses },
});

export function reportRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(sla, async (c) => c.json(await getSlaReport(c.var.deps, c.var.actor, c.req.valid("query")), 200))
    .openapi(slaCsv, async (c) => {
      const query = c.req.valid("query");
      const report = await getSlaReport(c.var.deps, c.var.actor, query);
      return c.body(slaReportCsv(report), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="sla-${query.groupBy}-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv"`,
      });
    });
}
