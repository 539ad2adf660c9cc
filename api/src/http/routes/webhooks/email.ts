import { createHash, timingSafeEqual } from "node:crypto";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { receiveInboundEmail } from "../../../domain/channels/email/receive-inbound-email.ts";
import { DomainError } from "../../../domain/errors.ts";
import type { AppEnv } from "../../context.ts";
import { commonErrorResponses } from "../../errors.ts";
import { jsonContent } from "../../openapi.ts";

const defaultMaxBytes = 25 * 1024 * 1024;

const receive = createRoute({
  method: "post",
  path: "/email",
  tags: ["Webhooks"],
  summary: "Deliver one raw RFC 5322 mail from a relay (Postfix pipe, SES, Mailgun raw MIME)",
  description:
    "Send the whole message as the body (`Content-Type: message/rfc822`) with `Authorization: Bearer <EMAIL_WEBHOOK_SECRET>`. " +
    "The mail is stored before the answer; the same Message-ID twice is one delivery (`duplicate: true`).",
  request: {
    query: z.object({
      channel: z.string().optional().describe("The email channel; by default found from the recipients"),
      recipient: z.string().optional().describe("The envelope recipient, when the relay knows it"),
    }),
  },
  responses: {
    202: {
      description: "Stored; processing follows",
      content: jsonContent(z.object({ deliveryId: z.string(), duplicate: z.boolean() })),
    },
    ...commonErrorResponses,
  },
});

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function emailWebhookRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.use("/email", async (c, next) => {
    const secret = c.var.deps.emailWebhookSecret;
    if (!secret)
      throw new DomainError(
        "WEBHOOK_NOT_CONFIGURED",
        "The email webhook is off: set EMAIL_WEBHOOK_SECRET to enable it.",
      );
    const given =
      c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? c.req.header("x-webhook-secret") ?? "";
    if (!sameSecret(given, secret))
      throw new DomainError("UNAUTHENTICATED", "Send the webhook secret as `Authorization: Bearer <secret>`.");
    await next();
  });
  app.use("/email", (c, next) =>
    bodyLimit({
      maxSize: c.var.deps.maxEmailBytes ?? defaultMaxBytes,
      onError: () => {
        throw new DomainError(
          "PAYLOAD_TOO_LARGE",
          `The mail is larger than ${c.var.deps.maxEmailBytes ?? defaultMaxBytes} bytes.`,
        );
      },
    })(c, next),
  );
  return app.openapi(receive, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength === 0)
      throw new DomainError("VALIDATION_FAILED", "The body must be the raw mail (message/rfc822).");
    const query = c.req.valid("query");
    const stored = await receiveInboundEmail(c.var.deps, {
      raw,
      transport: "webhook",
      envelope: {
        mailFrom: null,
        rcptTo: query.recipient ? [query.recipient] : [],
        remoteAddress: c.req.header("x-forwarded-for"),
      },
      channelId: query.channel,
    });
    return c.json({ deliveryId: stored.deliveryId, duplicate: stored.duplicate }, 202);
  });
}
