import type { AnyNode, Element } from "domhandler";
import EmailReplyParser from "email-reply-parser";
import { DomUtils, parseDocument } from "htmlparser2";

/**
 * What the customer wrote this time, apart from the quoted history and the signature that mail clients
 * append. Agents read the visible part; the rest is kept so the UI can fold it away rather than lose it.
 */

export interface SeparatedReplyText {
  visible: string;
  quoted: string;
  signature: string;
}

type Section = keyof SeparatedReplyText;
interface Block {
  section: Section;
  lines: string[];
}

/**
 * Plain text through email-reply-parser (Crisp's port of github/email_reply_parser), with a few guards
 * and rules around it:
 *
 * - The library's regular expressions backtrack badly on some input: a long run of `>` inside a line is
 *   quadratic (a 700 kB line of them takes minutes), runs of blank lines are quadratic in
 *   `fixBrokenSignatures`, and a few header patterns scan the whole text once per candidate line. So
 *   blank runs are collapsed, lines it cannot sensibly judge are handed over as short stand-ins, and only
 *   the head of a very long text is parsed (the new part of a reply sits at its top).
 * - Outlook-style header blocks ("From: … / Sent: …", also bold or localized) start the quoted history,
 *   which the library only recognises in one exact shape.
 * - A line of underscores starts a footer (mailing-list footers, Outlook's divider); the library knows
 *   only 2–4 or exactly 32 of them.
 *
 * When nothing visible is left (a bare forward, a mail that is only a signature) the whole text is
 * visible: an agent must never be shown an empty message.
 */
export function separateReplyText(text: string): SeparatedReplyText {
  const lines = normalisedLines(text);
  const { blocks, tail } = parsedBlocks(lines);
  markHistoryHeaderBlocks(blocks);
  markUnderscoreFooters(blocks);
  // Whatever lies past the parsed head continues the section the head ended in.
  const last = blocks.at(-1);
  if (last) last.lines = last.lines.concat(tail);
  else if (tail.length) blocks.push({ section: "visible", lines: tail });

  const separated = {
    visible: sectionText(blocks, "visible"),
    quoted: sectionText(blocks, "quoted"),
    signature: sectionText(blocks, "signature"),
  };
  if (!separated.visible) return { visible: lines.join("\n").trim(), quoted: "", signature: "" };
  return separated;
}

// RFC 5322's limit for a line; anything longer is not a quote header or a signature line.
const MAX_JUDGED_LINE = 998;
// How much text the library sees. Its worst patterns ("在 … 写道：", "abc. … skrev …:") cost the square of
// this; at 32 KB a text made only of them takes about 0.3 s, and 32 KB is pages of new text.
const MAX_PARSED_CHARS = 32 * 1024;
// Private-use character marking stand-ins; removed from the input first so a sender cannot forge one.
const STAND_IN_MARK = "\uE000";
const STAND_IN = />?\uE000\d+\uE000/g;

function normalisedLines(text: string): string[] {
  const lines: string[] = [];
  let blankRun = 0;
  // \r, U+2028 and U+2029 end lines for JavaScript's regular expressions too, so all of them become \n.
  for (const line of text.replaceAll(STAND_IN_MARK, "\uFFFD").split(/\r\n|[\r\n\u2028\u2029]/)) {
    const blank = /^\s*$/.test(line);
    blankRun = blank ? blankRun + 1 : 0;
    if (blankRun <= 2) lines.push(blank ? "" : line);
  }
  return lines;
}

/**
 * The library's fragments for the head of the text, and the lines past the head. Lines it cannot judge
 * (too long to be a quote header or a signature, or with a ">" run it backtracks on) are handed over as
 * short stand-ins that keep only what it looks at, whether the line starts with ">", and are put back after.
 */
function parsedBlocks(lines: string[]): { blocks: Block[]; tail: string[] } {
  const originals = new Map<string, string>();
  const prepared: string[] = [];
  let size = 0;
  for (const line of lines) {
    let seen = line;
    if (line.length > MAX_JUDGED_LINE || /[^>]>>/.test(line)) {
      seen = `${line.startsWith(">") ? ">" : ""}${STAND_IN_MARK}${originals.size}${STAND_IN_MARK}`;
      originals.set(seen, line);
    }
    size += seen.length + 1;
    if (size > MAX_PARSED_CHARS) break;
    prepared.push(seen);
  }
  const restore = (content: string) => content.replace(STAND_IN, (standIn) => originals.get(standIn) ?? standIn);

  const blocks: Block[] = new EmailReplyParser()
    .read(prepared.join("\n"))
    .getFragments()
    .filter((fragment) => !fragment.isEmpty())
    .map((fragment) => ({
      section: fragment.isQuoted() ? "quoted" : fragment.isSignature() ? "signature" : "visible",
      lines: restore(fragment.getContent()).split("\n"),
    }));
  return { blocks, tail: lines.slice(prepared.length) };
}

const HISTORY_FROM = /^\s*\*?(?:From|Von|De|Van|Da)\s?:\*?\s*\S/;
const HISTORY_DATE = /^\s*\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Data|Verzonden|Inviato)\s?:\*?/;
const SEPARATOR_LINE = /^\s*(?:-{2,}|_{2,})\s*$/;

/** A "From:" line with a "Sent:"/"Date:" line right below it starts the history; so does everything after it. */
function markHistoryHeaderBlocks(blocks: Block[]): void {
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    if (block.section === "quoted") continue;
    const at = block.lines.findIndex(
      (line, i) => HISTORY_FROM.test(line) && block.lines.slice(i + 1, i + 4).some((next) => HISTORY_DATE.test(next)),
    );
    if (at === -1) continue;
    // The divider line above the header block belongs to the history too.
    let start = at;
    let above = at - 1;
    while (above >= 0 && block.lines[above] === "") above--;
    if (above >= 0 && SEPARATOR_LINE.test(block.lines[above]!)) start = above;

    const history = [...block.lines.splice(start), ...blocks.splice(b + 1).flatMap((later) => later.lines)];
    if (block.lines.every((line) => line.trim() === "")) blocks.splice(b, 1);
    blocks.push({ section: "quoted", lines: history });
    return;
  }
}

function markUnderscoreFooters(blocks: Block[]): void {
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    if (block.section !== "visible") continue;
    const at = block.lines.findIndex((line) => /^\s*_{2,}\s*$/.test(line));
    if (at === -1) continue;
    const footer: Block = { section: "signature", lines: block.lines.splice(at) };
    if (block.lines.every((line) => line.trim() === "")) blocks.splice(b, 1, footer);
    else blocks.splice(b + 1, 0, footer);
  }
}

function sectionText(blocks: Block[], section: Section): string {
  return blocks
    .filter((block) => block.section === section)
    .map((block) =>
      block.lines
        .join("\n")
        .replace(/^(?:[ \t]*\n)+/, "")
        .trimEnd(),
    )
    .filter(Boolean)
    .join("\n\n");
}

// --- HTML --------------------------------------------------------------------------------------------

/**
 * The HTML part without its quoted history, found by the structure each client writes. Run it on the
 * raw HTML (the markers are classes, ids and styles the sanitizer removes), then renderEmailHtml.
 * Returns the input unchanged when nothing was found, or when removing the history would leave
 * nothing to read (a bare forward).
 */
export function visibleReplyHtml(html: string): { html: string; hadQuotedHistory: boolean } {
  const unchanged = { html, hadQuotedHistory: false };
  const document = parseDocument(html);

  let removed = false;
  // Outlook writes the history after a marker, not inside a container: cut from the first marker on.
  const outlookStart = elementsOf(document.children).find(isOutlookHistoryStart);
  if (outlookStart) {
    removeFromHereOn(outlookStart);
    removed = true;
  }
  const elements = elementsOf(document.children);
  const quotes = elements.filter(isQuoteContainer);
  // Thunderbird puts its "On …, X wrote:" line in a div of its own, just before the quote.
  for (const prefix of elements.filter((element) => hasClass(element, "moz-cite-prefix"))) {
    const next = DomUtils.nextElementSibling(prefix);
    if (next?.name === "blockquote") quotes.push(next);
  }
  for (const quote of quotes) DomUtils.removeElement(quote);
  removed ||= quotes.length > 0;

  if (!removed || !hasReadableContent(document.children)) return unchanged;
  try {
    return { html: DomUtils.getOuterHTML(document, { encodeEntities: "utf8" }), hadQuotedHistory: true };
  } catch (error) {
    // The serializer recurses per nesting level; absurdly deep markup is shown whole rather than failing the mail.
    if (error instanceof RangeError) return unchanged;
    throw error;
  }
}

const OUTLOOK_SEPARATOR_STYLE = /border-top\s*:\s*solid\s+#(?:e1e1e1|b5c4df)\b/i;

function isOutlookHistoryStart(element: Element): boolean {
  if (element.name !== "div") return false;
  const id = element.attribs.id;
  return id === "appendonsend" || id === "divRplyFwdMsg" || OUTLOOK_SEPARATOR_STYLE.test(element.attribs.style ?? "");
}

function isQuoteContainer(element: Element): boolean {
  return (
    hasClass(element, "gmail_quote_container") ||
    hasClass(element, "gmail_quote") ||
    hasClass(element, "gmail_attr") ||
    hasClass(element, "moz-cite-prefix") ||
    hasClass(element, "yahoo_quoted") ||
    (element.name === "blockquote" && element.attribs.type?.toLowerCase() === "cite")
  );
}

function hasClass(element: Element, name: string): boolean {
  return (element.attribs.class ?? "").split(/\s+/).includes(name);
}

/** Removes the node and everything after it in document order. */
function removeFromHereOn(node: Element): void {
  let current: AnyNode = node;
  while (current.parent) {
    const siblings: AnyNode[] = current.parent.children;
    for (const later of siblings.slice(siblings.indexOf(current) + 1)) DomUtils.removeElement(later);
    current = current.parent;
  }
  DomUtils.removeElement(node);
}

/** Every element in document order. Iterative: mail HTML can nest deeper than the call stack. */
function elementsOf(nodes: AnyNode[]): Element[] {
  const elements: Element[] = [];
  const stack = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (!DomUtils.isTag(node)) continue;
    elements.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return elements;
}

const UNREAD_ELEMENTS = new Set(["head", "script", "style", "template", "title"]);

/** Any text a reader would see, or an image. */
function hasReadableContent(nodes: AnyNode[]): boolean {
  const stack = [...nodes];
  while (stack.length) {
    const node = stack.pop()!;
    if (DomUtils.isText(node) && /[^\s\u200b-\u200d\ufeff]/.test(node.data)) return true;
    if (!DomUtils.isTag(node) || UNREAD_ELEMENTS.has(node.name)) continue;
    if (node.name === "img") return true;
    stack.push(...node.children);
  }
  return false;
}
