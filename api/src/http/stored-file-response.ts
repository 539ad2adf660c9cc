/** Types a browser may show inline; anything else downloads, so an uploaded .html or .svg cannot run in our origin. */
const inlineTypes = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/i;

export function isInlineType(contentType: string): boolean {
  return inlineTypes.test(contentType);
}

/**
 * The one way this API hands out a stored file (message attachments, article files, chat uploads): inline only for
 * harmless types, a download otherwise, never sniffed, and sandboxed should a browser render it anyway.
 */
export function storedFileResponse(
  file: { filename: string; contentType: string; content: Uint8Array },
  options: { cacheControl: string; extraHeaders?: Record<string, string> },
): Response {
  const inline = isInlineType(file.contentType);
  return new Response(new Uint8Array(file.content), {
    status: 200,
    headers: {
      "content-type": inline ? file.contentType : "application/octet-stream",
      "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "cache-control": options.cacheControl,
      ...options.extraHeaders,
    },
  });
}
