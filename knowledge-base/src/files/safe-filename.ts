import { shortenText } from "../text/shorten-text.ts";

/**
 * The file names of everything the help desk stores: mail attachments, agents' and customers' reply files,
 * chat files and article files. Here rather than in the API because knowledge-base is the lowest layer that
 * the article files and the API's attachments both import.
 */

/** The longest file name stored, in characters (what file systems allow). */
export const maxFilenameLength = 255;

/**
 * Control characters (C0, DEL, C1) and the invisible marks that reorder text: bidi embeddings and overrides
 * (U+202A–U+202E), isolates (U+2066–U+2069), LRM/RLM/ALM. An override turns "invoice‮fdp.exe" into what
 * reads as "invoiceexe.pdf".
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name as sent by a browser, a mail client or an API caller, made safe to store, show and offer for
 * download: only its last path segment (a sender's path must not steer where a file lands, and a browser's
 * "C:\fakepath\" is no part of the name), without control or bidi characters, trimmed, and cut to `maxLength`
 * keeping its extension. Nothing usable left ("", ".", ".."): `fallback`.
 */
export function safeFilename(
  name: string | null | undefined,
  options: { fallback?: string; maxLength?: number } = {},
): string {
  const cleaned = (name ?? "").split(/[/\\]/).pop()!.replace(unsafeCharacters, "").trim();
  const usable = cleaned && cleaned !== "." && cleaned !== ".." ? cleaned : (options.fallback ?? "file");
  return shortenFilename(usable, options.maxLength ?? maxFilenameLength);
}

/**
 * A file name cut to at most `max` characters, keeping its extension (what opens the file with the right
 * program): `very-long-….pdf`. Unchanged when it fits.
 */
export function shortenFilename(filename: string, max: number = maxFilenameLength): string {
  if (filename.length <= max) return filename;
  const extension = /(?:\.tar)?\.[a-z0-9]{1,10}$/i.exec(filename)?.[0] ?? "";
  const stem = filename.slice(0, filename.length - extension.length);
  return `${shortenText(stem, max - extension.length)}${extension}`;
}
