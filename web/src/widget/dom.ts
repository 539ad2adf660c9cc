// A few lines of DOM building instead of a framework: the widget must stay small, and every piece of
// text goes in through text nodes (Node.append turns strings into text nodes), never through innerHTML.

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Attributes | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value == null || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: ParentNode, children: (Child | Child[])[]) {
  for (const child of children.flat()) if (child != null && child !== false) parent.append(child);
}

const svgNs = "http://www.w3.org/2000/svg";

/** A 24×24 line icon from one static path (never from data). */
export function icon(path: string, size = 20): SVGSVGElement {
  const svg = document.createElementNS(svgNs, "svg");
  for (const [name, value] of Object.entries({
    width: size,
    height: size,
    viewBox: "0 0 24 24",
    fill: "none",
    stroke: "currentColor",
    "stroke-width": 2,
    "stroke-linecap": "round",
    "stroke-linejoin": "round",
    "aria-hidden": "true",
  })) {
    svg.setAttribute(name, String(value));
  }
  const shape = document.createElementNS(svgNs, "path");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

export const icons = {
  chat: "M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z",
  close: "M18 6 6 18M6 6l12 12",
  send: "M22 2 11 13M22 2l-7 20-4-9-9-4 20-7z",
  clip: "m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l8.57-8.57A4 4 0 1 1 18 8.84l-8.59 8.57a2 2 0 0 1-2.83-2.83l8.49-8.48",
  search: "M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM21 21l-4.35-4.35",
  file: "M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6",
};

/** Only http(s) links and images from data: a `javascript:` URL in an attachment must not become a link. */
export function safeUrl(url: string, base: string): string | null {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

/**
 * Text with its web addresses as links, built from text nodes and <a> elements (never parsed as HTML). Trailing
 * punctuation stays text: "see https://x.test/a." links https://x.test/a.
 */
export function linkified(text: string): (string | HTMLAnchorElement)[] {
  const parts: (string | HTMLAnchorElement)[] = [];
  const pattern = /https?:\/\/[^\s<>"]+/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    let url = match[0];
    // A closing bracket belongs to the URL only if it opened one inside it: "(see https://x.test/a)".
    while (
      /[.,;:!?'"]$/.test(url) ||
      (url.endsWith(")") && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0))
    )
      url = url.slice(0, -1);
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(h("a", { href: url, target: "_blank", rel: "noopener noreferrer nofollow" }, url));
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
