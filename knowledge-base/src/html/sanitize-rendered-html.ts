import sanitizeHtml from "sanitize-html";
import { allowedHtmlAttributes, allowedHtmlTags, allowedUrlSchemes } from "./html-allow-list.ts";

/** What one renderer adds to the shared allow-list. */
export interface RenderedHtmlRules {
  /**
   * The schemes an image may load from. Articles are public pages: https only. Messages also show a mail's
   * embedded (`cid:`) and pasted (`data:`) images.
   */
  imageSchemes: readonly string[];
  /** Links open in a new tab, so that the agent workspace stays open in its own. */
  linksInNewTab: boolean;
}

/**
 * sanitize-html options for HTML rendered from Markdown or received by mail: the allow-list of
 * html-allow-list.ts with one renderer's rules. A fresh object on every call, so that a caller that adds rules
 * of its own on top (e-mail HTML) cannot loosen the gate for everyone else. Links never get a handle on our
 * window (noopener) nor pass on our ranking (nofollow).
 */
export function renderedHtmlSanitizeOptions(rules: RenderedHtmlRules): sanitizeHtml.IOptions {
  return {
    allowedTags: [...allowedHtmlTags],
    allowedAttributes: Object.fromEntries(
      Object.entries(allowedHtmlAttributes).map(([tag, names]) => [tag, [...names]]),
    ),
    allowedSchemes: [...allowedUrlSchemes],
    allowedSchemesByTag: { img: [...rules.imageSchemes] },
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform(
        "a",
        rules.linksInNewTab
          ? { target: "_blank", rel: "noopener noreferrer nofollow" }
          : { rel: "noopener noreferrer nofollow" },
      ),
    },
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
