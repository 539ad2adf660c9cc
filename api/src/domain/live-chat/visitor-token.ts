import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signs what the widget carries around: the visitor token (the visitor's identity, kept in the browser's
 * localStorage) and attachment download links. The key is derived from the app secret for this use only,
 * so a token never reveals, nor can be used against, the key that seals channel credentials.
 */
export interface LiveChatSigner {
  issueVisitorToken(visitorId: string, channelId: string): string;
  /** The visitor id, or null when the token is malformed, forged, or for another channel. */
  verifyVisitorToken(token: string, channelId: string): string | null;
  /** The channel and visitor a valid token was issued for (the HTTP side has only the token). */
  readVisitorToken(token: string): { channelId: string; visitorId: string } | null;
  attachmentToken(attachmentId: string): string;
  verifyAttachmentToken(attachmentId: string, token: string): boolean;
}

const keyInfo = "helpdesk live chat tokens v1";

export function createLiveChatSigner(appSecret: string): LiveChatSigner {
  if (appSecret.length < 32) throw new Error("The app secret must have at least 32 characters.");
  const key = Buffer.from(hkdfSync("sha256", appSecret, "", keyInfo, 32));
  const sign = (text: string) => createHmac("sha256", key).update(text).digest("base64url");
  const same = (a: string, b: string) => {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
  };

  const readVisitorToken = (token: string) => {
    const [version, channelId, visitorId, signature, ...rest] = token.split(".");
    if (version !== "v1" || !channelId || !visitorId || !signature || rest.length > 0 || !isVisitorId(visitorId))
      return null;
    return same(signature, sign(`visitor:${channelId}:${visitorId}`)) ? { channelId, visitorId } : null;
  };

  return {
    // Bound to the channel: a token copied from one site's widget does not open a session on another's.
    issueVisitorToken: (visitorId, channelId) =>
      `v1.${channelId}.${visitorId}.${sign(`visitor:${channelId}:${visitorId}`)}`,
    verifyVisitorToken(token, channelId) {
      const read = readVisitorToken(token);
      return read && read.channelId === channelId ? read.visitorId : null;
    },
    readVisitorToken,
    attachmentToken: (attachmentId) => sign(`attachment:${attachmentId}`),
    verifyAttachmentToken: (attachmentId, token) => same(token, sign(`attachment:${attachmentId}`)),
  };
}

/** The ids of the "chat_visitor" identities: random, so they cannot be guessed from one another. */
export function newVisitorId(): string {
  return `vis_${randomBytes(16).toString("hex")}`;
}

export function isVisitorId(value: string): boolean {
  return /^vis_[0-9a-f]{16,64}$/.test(value);
}

/** A host site's signed-in user, as the widget passes it: `hash` is hex HMAC-SHA256(identity secret, userId ?? email). */
export function verifyIdentityHash(
  secret: string,
  identity: { userId?: string; email?: string; hash: string },
): boolean {
  const subject = identity.userId ?? identity.email;
  if (!subject) return false;
  const expected = createHmac("sha256", secret).update(subject).digest("hex");
  const given = identity.hash.toLowerCase();
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
