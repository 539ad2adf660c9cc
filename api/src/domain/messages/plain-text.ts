import { marked, type Token, type Tokens } from "marked";

/**
 * An agent's Markdown as a person reads it in plain text: where HTML cannot go (the chat widget renders text only,
 * the text part of a reply e-mail). Emphasis marks go, a link keeps its address in brackets (the widget turns
 * addresses into links), lists keep their bullets.
 */
export function markdownToPlainText(markdown: string): string {
  const tokens = marked.lexer(markdown, { gfm: true });
  return blocks(tokens)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function blocks(tokens: Token[]): string {
  return tokens
    .map(block)
    .filter((part) => part !== "")
    .join("\n\n");
}

function block(token: Token): string {
  switch (token.type) {
    case "paragraph":
    case "heading":
      return inline((token as Tokens.Paragraph).tokens ?? []);
    case "list": {
      const list = token as Tokens.List;
      const start = typeof list.start === "number" ? list.start : 1;
      return list.items
        .map((item, i) => `${list.ordered ? `${start + i}.` : "-"} ${blocks(item.tokens).replace(/\n/g, "\n  ")}`)
        .join("\n");
    }
    case "blockquote":
      return blocks((token as Tokens.Blockquote).tokens)
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n");
    case "code":
      return (token as Tokens.Code).text;
    case "hr":
      return "—";
    case "space":
      return "";
    case "text": {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens) : text.text;
    }
    case "table": {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inline(cell.tokens)).join(" | ");
      return [row(table.header), ...table.rows.map(row)].join("\n");
    }
    case "html":
      return (token as Tokens.HTML).text.replace(/<[^>]*>/g, "");
    default:
      return "raw" in token ? String(token.raw) : "";
  }
}

function inline(tokens: Token[]): string {
  return tokens
    .map((token) => {
      switch (token.type) {
        case "strong":
        case "em":
        case "del":
          return inline((token as Tokens.Strong).tokens);
        case "codespan":
          return (token as Tokens.Codespan).text;
        case "br":
          return "\n";
        case "link": {
          const link = token as Tokens.Link;
          const text = inline(link.tokens);
          return text === link.href || `mailto:${text}` === link.href ? link.href : `${text} (${link.href})`;
        }
        case "image": {
          const image = token as Tokens.Image;
          return image.text ? `${image.text} (${image.href})` : image.href;
        }
        case "escape":
          return (token as Tokens.Escape).text;
        case "text": {
          const text = token as Tokens.Text;
          return text.tokens ? inline(text.tokens) : decodeEntities(text.text);
        }
        case "html":
          return (token as Tokens.HTML).text.replace(/<[^>]*>/g, "");
        default:
          return "raw" in token ? String(token.raw) : "";
      }
    })
    .join("");
}

/** marked escapes &, <, > and quotes in text tokens; plain text wants them back. */
function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name] ?? _,
  );
}
