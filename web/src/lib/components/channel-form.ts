import type { ChannelDetailView } from "@helpdesk/api/domain";
import { invalidate } from "$app/navigation";
import { apiClient, data, type ApiClient } from "$lib/api/client";

type ChannelKind = ChannelDetailView["kind"];
type ChannelChanges = Parameters<ApiClient["api"]["channels"][":id"]["$patch"]>[0]["json"];

const kindNames: Partial<Record<ChannelKind, string>> = { email: "an email channel", web_chat: "a chat widget" };

/**
 * Saves a channel form's changes (only what differs, so nobody else's change is reset) and answers the channel as
 * the API now has it, still of the form's kind. The channel list (name, address, status) lives in the workspace
 * layout's data, so it is loaded again.
 */
export async function updateChannel<K extends ChannelKind>(
  id: string,
  kind: K,
  changes: ChannelChanges,
): Promise<Extract<ChannelDetailView, { kind: K }>> {
  const updated = await data(apiClient().api.channels[":id"].$patch({ param: { id }, json: changes }));
  if (updated.kind !== kind) throw new Error(`The channel is no longer ${kindNames[kind] ?? kind}.`);
  void invalidate((url) => url.pathname === "/api/channels");
  return updated as Extract<ChannelDetailView, { kind: K }>;
}
