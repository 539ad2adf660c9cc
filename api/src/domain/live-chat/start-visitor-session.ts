import { customerIdentities, type Database } from "@helpdesk/db";
import { and, eq, ne } from "drizzle-orm";
import type { Clock } from "../clock.ts";
import { DomainError } from "../errors.ts";
import type { SecretBox } from "../secrets/secret-box.ts";
import { identitySecretOf } from "./chat-settings.ts";
import {
  assertOriginAllowed,
  findChatChannel,
  getWidgetChannelInfo,
  type ChatChannel,
  type ChatPresence,
} from "./chat-availability.ts";
import { findVisitorCustomer, getVisitorProfile, linkVerifiedVisitor, type VisitorRef } from "./identify-visitor.ts";
import type { WidgetSession } from "./protocol.ts";
import { widgetHandshakeInput, type WidgetHandshakeInput } from "./protocol-schemas.ts";
import { newVisitorId, verifyIdentityHash } from "./visitor-token.ts";
import { getWidgetConversation, type WidgetLinks } from "./widget-views.ts";

/** What the live-chat use cases need beyond the domain's usual deps. */
export interface LiveChatDeps {
  db: Database;
  clock: Clock;
  presence: ChatPresence;
  links: WidgetLinks;
  secrets: SecretBox;
}

/**
 * A widget connects: the channel and the page's origin are checked, the visitor is recognised by their signed
 * token (or is new), a host site's signed-in user is verified by HMAC and linked to their customer record, and the
 * session (with the conversation so far) is what the widget gets back.
 */
export async function startVisitorSession(
  deps: LiveChatDeps,
  raw: unknown,
  origin: string | undefined,
): Promise<{ chat: ChatChannel; visitor: VisitorRef; handshake: WidgetHandshakeInput; session: WidgetSession }> {
  const parsed = widgetHandshakeInput.safeParse(raw);
  if (!parsed.success)
    throw new DomainError("VALIDATION_FAILED", "The handshake is invalid; see details.", parsed.error.issues);
  const handshake = parsed.data;
  const chat = await findChatChannel(deps.db, handshake.channelId);
  assertOriginAllowed(chat.settings, origin);

  let visitorId: string;
  if (handshake.visitorToken) {
    const verified = deps.links.signer.verifyVisitorToken(handshake.visitorToken, chat.channel.id);
    if (!verified) throw new DomainError("INVALID_VISITOR_TOKEN", "The visitor token is not valid for this channel.");
    visitorId = verified;
  } else visitorId = newVisitorId();

  let customerId: string | null;
  if (handshake.identity) {
    const secret = identitySecretOf(deps.secrets, chat.channel);
    if (!secret || !verifyIdentityHash(secret, handshake.identity)) {
      throw new DomainError("INVALID_IDENTITY", "The identity hash does not match this channel's identity secret.");
    }
    customerId = await linkVerifiedVisitor(deps, {
      channelId: chat.channel.id,
      visitorId,
      identity: handshake.identity,
    });
  } else {
    customerId = await findVisitorCustomer(deps.db, visitorId);
    // This device was signed in on the host site and no longer says who it is: they signed out, or someone else
    // is at a shared computer. Their conversations stay theirs; this visitor starts afresh.
    if (customerId && (await isKnownCustomer(deps.db, customerId))) {
      visitorId = newVisitorId();
      customerId = null;
    }
  }

  const visitor: VisitorRef = { channelId: chat.channel.id, visitorId, customerId };
  return { chat, visitor, handshake, session: await getVisitorSession(deps, chat, visitor) };
}

/** A customer known by more than a chat visitor id: a verified host-site user or e-mail address. */
async function isKnownCustomer(db: LiveChatDeps["db"], customerId: string): Promise<boolean> {
  const [known] = await db
    .select({ id: customerIdentities.id })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.customerId, customerId), ne(customerIdentities.kind, "chat_visitor")))
    .limit(1);
  return known !== undefined;
}

export async function getVisitorSession(
  deps: LiveChatDeps,
  chat: ChatChannel,
  visitor: VisitorRef,
): Promise<WidgetSession> {
  const [channel, profile, conversation] = await Promise.all([
    getWidgetChannelInfo(deps, chat),
    getVisitorProfile(deps.db, visitor.customerId),
    getWidgetConversation(deps.db, deps.links, chat.channel.id, visitor.customerId),
  ]);
  return {
    visitorId: visitor.visitorId,
    visitorToken: deps.links.signer.issueVisitorToken(visitor.visitorId, chat.channel.id),
    visitor: profile,
    channel,
    conversation,
  };
}
