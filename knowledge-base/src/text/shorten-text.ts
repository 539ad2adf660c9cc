const ellipsis = "…";

/**
 * The text cut to at most `max` characters, ending in an ellipsis; unchanged when it fits. Cut at a word break
 * near the end when there is one, and never between the two halves of a character outside the BMP (an emoji).
 */
export function shortenText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ellipsis.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const endsAWord = /\s/.test(text.charAt(cut.length));
  const lastBreak = cut.search(/\s\S*$/);
  if (!endsAWord && lastBreak > cut.length * 0.9) cut = cut.slice(0, lastBreak);
  return `${cut.trimEnd()}${ellipsis}`;
}
