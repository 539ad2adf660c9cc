// The pure email-processing layer: parsing, classification, reply separation, safe HTML, ticket references.
// Named re-exports, so the header-reading helpers the modules share stay internal to this folder.
export { classifyInboundEmail, type EmailClassification } from "./classify-inbound-email.ts";
export { renderEmailHtml, type RenderEmailHtmlOptions } from "./email-html.ts";
export {
  parseInboundEmail,
  readMessageId,
  type EmailAddress,
  type InboundEmailAttachment,
  type ParsedInboundEmail,
} from "./parse-inbound-email.ts";
export { subjectWithTicketToken, ticketNumberFromPlusAddress, ticketNumberFromSubject } from "./ticket-references.ts";
export { separateReplyText, visibleReplyHtml, type SeparatedReplyText } from "./visible-reply.ts";
