import { getContext, setContext } from "svelte";
import type { RealtimeConnection } from "$lib/realtime/socket.svelte";

const key = Symbol("workspace");

/** What every agent page shares: the one realtime connection, set up by the (agent) layout. */
export interface Workspace {
  realtime: RealtimeConnection;
}

export function setWorkspace(workspace: Workspace) {
  setContext(key, workspace);
}

export function getWorkspace(): Workspace {
  return getContext<Workspace>(key);
}
