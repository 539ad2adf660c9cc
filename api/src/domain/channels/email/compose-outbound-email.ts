import MailComposer from "nodemailer/lib/mail-composer";

export interface OutboundEmailParts {
  from: { name: string; address: string };
  to: string[];
  cc: string[];
  subject: string;
  /** Without angle brackets. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  text: string;
  html: string;
  /** Extra headers, e.g. Auto-Submitted on acknowledgements so other robots do not answer them. */
  headers?: Record<string, string>;
  /** Files the agent attached to the reply. */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/** Builds the RFC 5322 message exactly as it will be sent and logged: one source for SMTP and the outbox. */
export function composeOutboundEmail(mail: OutboundEmailParts): Promise<Buffer> {
  const bracket = (id: string) => `<${id}>`;
  return new MailComposer({
    from: mail.from,
    to: mail.to,
    cc: mail.cc.length ? mail.cc : undefined,
    subject: mail.subject,
    messageId: bracket(mail.messageId),
    inReplyTo: mail.inReplyTo ? bracket(mail.inReplyTo) : undefined,
    references: mail.references.length ? mail.references.map(bracket) : undefined,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    attachments: mail.attachments?.map((file) => ({
      filename: file.filename,
      contentType: file.contentType,
      content: file.content,
    })),
  })
    .compile()
    .build();
}

/** The domain part of a channel address: our Message-IDs live under it, as mail clients expect. */
export function messageIdDomain(address: string | null): string {
  return address?.split("@")[1]?.toLowerCase() || "helpdesk.invalid";
}
