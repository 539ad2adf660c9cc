/**
 * The visitor's address for per-IP limits. X-Forwarded-For is believed only behind our own reverse proxy
 * (TRUST_PROXY): anyone can send the header, so without one it would let a client pick a fresh address per request.
 * The right-most entry is the one our proxy appended: the address that connected to it.
 */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy && forwardedFor) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
    const last = header
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return remoteAddress || "unknown";
}
