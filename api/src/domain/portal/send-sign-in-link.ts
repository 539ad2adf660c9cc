import { channels, customerLoginLinks, customers } from "@helpdesk/db";
import { and, asc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { messageIdDomain } from "../channels/email/compose-outbound-email.ts";
import { emailSettingsOf } from "../channels/email/email-channels.ts";
import { sendOutboundEmail, type MailingDeps } from "../channels/email/send-outbound-email.ts";
import { escapeHtml } from "../messages/message-body.ts";
import { hashPortalToken, newPortalToken } from "./customer-sessions.ts";
import { signInLinkLifetimeMs } from "./request-sign-in-link.ts";

const texts = {
  en: {
    subject: "Your sign-in link for the help centre",
    greeting: (name: string) => `Hello ${name},`,
    body: (minutes: number) =>
      `Use this link to sign in to the help centre and see your requests. It works once, within ${minutes} minutes:`,
    button: "Sign in to the help centre",
    ignore: "If you did not ask for it, you can ignore this e-mail: nobody can sign in without the link.",
  },
  de: {
    subject: "Ihr Anmeldelink für das Hilfe-Center",
    greeting: (name: string) => `Hallo ${name},`,
    body: (minutes: number) =>
      `Mit diesem Link melden Sie sich im Hilfe-Center an und sehen Ihre Anfragen. Er funktioniert einmal, innerhalb von ${minutes} Minuten:`,
    button: "Im Hilfe-Center anmelden",
    ignore:
      "Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail einfach: Ohne den Link kann sich niemand anmelden.",
  },
  fr: {
    subject: "Votre lien de connexion au centre d’aide",
    greeting: (name: string) => `Bonjour ${name},`,
    body: (minutes: number) =>
      `Utilisez ce lien pour vous connecter au centre d’aide et voir vos demandes. Il fonctionne une fois, dans les ${minutes} minutes :`,
    button: "Se connecter au centre d’aide",
    ignore: "Si vous ne l’avez pas demandé, ignorez cet e-mail : personne ne peut se connecter sans le lien.",
  },
};

/**
 * Mails a portal sign-in link. The token is minted here and only its hash is stored, replacing the placeholder
 * the request wrote; a retry mints a new one, so only the last mail's link works. A link already used or
 * expired is not sent again.
 */
export async function sendSignInLinkEmail(
  deps: MailingDeps,
  payload: { linkId: string; baseUrl: string; locale: string },
): Promise<void> {
  const token = newPortalToken();
  const [link] = await deps.db
    .update(customerLoginLinks)
    .set({ tokenHash: hashPortalToken(token) })
    .where(
      and(
        eq(customerLoginLinks.id, payload.linkId),
        isNull(customerLoginLinks.usedAt),
        gt(customerLoginLinks.expiresAt, deps.clock.now()),
      ),
    )
    .returning();
  if (!link) return;
  const [customer] = await deps.db
    .select({ name: customers.name })
    .from(customers)
    .where(eq(customers.id, link.customerId));

  // Sent from the help desk's (first) e-mail address, through that channel's own SMTP account if it has one.
  const [channel] = await deps.db
    .select()
    .from(channels)
    .where(and(eq(channels.kind, "email"), eq(channels.active, true), isNotNull(channels.address)))
    .orderBy(asc(channels.createdAt))
    .limit(1);
  const from = channel?.address
    ? { name: emailSettingsOf(channel).senderName ?? channel.name, address: channel.address }
    : { name: "Help centre", address: "helpdesk@localhost" };

  const language = payload.locale.slice(0, 2);
  const t = language === "de" || language === "fr" ? texts[language] : texts.en;
  const url = `${payload.baseUrl}/help/${encodeURIComponent(payload.locale)}/auth/link?token=${token}`;
  const minutes = signInLinkLifetimeMs / 60_000;
  const name = customer?.name ?? link.email;
  const text = `${t.greeting(name)}\n\n${t.body(minutes)}\n\n${url}\n\n${t.ignore}`;
  const html =
    `<p>${escapeHtml(t.greeting(name))}</p><p>${escapeHtml(t.body(minutes))}</p>` +
    `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;border-radius:999px;background:#2563eb;color:#fff;text-decoration:none;font-weight:600">${escapeHtml(t.button)}</a></p>` +
    `<p style="font-size:13px;color:#64748b">${escapeHtml(url)}</p><p style="font-size:13px;color:#64748b">${escapeHtml(t.ignore)}</p>`;

  const result = await sendOutboundEmail(deps, channel ?? null, {
    kind: "sign_in_link",
    ticketId: null,
    mail: {
      from,
      to: [link.email],
      cc: [],
      subject: t.subject,
      messageId: `${link.id}.${Date.now().toString(36)}@${messageIdDomain(from.address)}`,
      inReplyTo: null,
      references: [],
      text,
      html,
      headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
    },
  });
  if (!result.ok && !result.permanent) throw new Error(result.reason);
}
