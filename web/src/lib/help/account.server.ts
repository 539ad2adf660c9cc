import type { Cookies } from "@sveltejs/kit";
import { apiClient } from "$lib/api/client";
import type { PortalAccount } from "$lib/api/types";

/** The portal session cookie (set by the API, relayed by hooks.server.ts). */
export const portalSessionCookie = "helpdesk_portal_session";

/** The signed-in customer, or null; anonymous visitors (no cookie) cost no API call. */
export async function loadPortalAccount(
  fetch: typeof globalThis.fetch,
  cookies: Cookies,
): Promise<PortalAccount | null> {
  if (!cookies.get(portalSessionCookie)) return null;
  try {
    const res = await apiClient(fetch).api.portal.auth.session.$get();
    if (res.status === 200) return await res.json();
  } catch {
    // The API is unreachable: the page still renders, as for a visitor.
  }
  return null;
}
