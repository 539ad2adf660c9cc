import type { Actor } from "../actor.ts";
import { authorize } from "../authorization.ts";
import type { DomainDeps } from "../deps.ts";
import { reindexKnowledgeBase } from "../jobs.ts";

/** An admin asks for the whole search index to be rebuilt (after restoring a backup, or a new Meilisearch). */
export async function requestKnowledgeBaseReindex(
  deps: Pick<DomainDeps, "jobs" | "clock">,
  actor: Actor,
): Promise<{ requestedAt: string }> {
  authorize(actor, "reindexKnowledgeBase");
  const requestedAt = deps.clock.now().toISOString();
  await deps.jobs.enqueue(reindexKnowledgeBase, { requestedAt });
  return { requestedAt };
}
