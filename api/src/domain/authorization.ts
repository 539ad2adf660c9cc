import type { UserRole } from "@helpdesk/db";
import type { Actor } from "./actor.ts";
import { DomainError } from "./errors.ts";
import { canSeeTicket } from "./tickets/visibility.ts";

/**
 * Who may do what: every permission decision of the help desk. Adapters only authenticate (who is signed in:
 * 401) and pass the actor; use cases ask here before they read or write anything role-restricted, so a job,
 * a script or a new route cannot skip the rule. A denial is 403 FORBIDDEN, except where existence must not
 * leak: tickets an agent may not see are "not found" (tickets/visibility.ts, whose row check and SQL filter
 * also serve realtime's rooms).
 *
 * The system actor (seed, SLA escalation, jobs) acts on nobody's behalf and is always allowed.
 */
const permissions = {
  manageChannels: { roles: ["admin"], denied: "Only admins manage channels." },
  manageStaff: { roles: ["admin"], denied: "Only admins manage staff members and teams." },
  manageSlaPolicies: { roles: ["admin"], denied: "Only admins change SLA policies and business hours." },
  // Articles (writing, publishing, files) are every staff member's work; the catalog they sit in is not.
  manageKnowledgeBase: {
    roles: ["admin", "lead"],
    denied: "Only team leads and admins change the knowledge base's categories and sections.",
  },
  reindexKnowledgeBase: { roles: ["admin"], denied: "Only admins rebuild the search index." },
  // The SLA report and the help centre's search analytics.
  readReports: { roles: ["admin", "lead"], denied: "Reports are for team leads and admins." },
  // The outbox holds every composed mail and the inbound log every held-back one, of every team.
  inspectMail: { roles: ["admin"], denied: "Only admins read the outbox and the inbound-mail log." },
  manageOrganizations: {
    roles: ["admin", "lead"],
    denied: "Only team leads and admins create and change organizations.",
  },
  // The domain says which addresses belong to the organization (Zendesk maps new users by it).
  setOrganizationDomain: { roles: ["admin"], denied: "Only admins set an organization's domain." },
  // An organization admin reads every ticket of the organization in the help centre, whichever team handles it.
  grantOrganizationAdmin: {
    roles: ["admin", "lead"],
    denied: "Only team leads and admins grant or revoke organization-admin rights.",
  },
} as const satisfies Record<string, { roles: readonly UserRole[]; denied: string }>;

export type Permission = keyof typeof permissions;

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === "system") return true;
  return (permissions[permission].roles as readonly UserRole[]).includes(actor.role);
}

/** Throws 403 FORBIDDEN unless the actor holds the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return;
  throw new DomainError("FORBIDDEN", permissions[permission].denied, {
    permission,
    role: actor.kind === "user" ? actor.role : null,
  });
}

/**
 * A use case of a package that cannot know who acts (the knowledge base may not import the API), taking the
 * actor first and asking for the permission before it runs.
 */
export function withPermission<D, A extends unknown[], R>(
  permission: Permission,
  useCase: (deps: D, ...args: A) => Promise<R>,
) {
  return async (deps: D, actor: Actor, ...args: A): Promise<R> => {
    authorize(actor, permission);
    return useCase(deps, ...args);
  };
}

/** Where a ticket sits, which is all that decides who sees it. */
export type TicketPlace = { teamId: string | null; assigneeId: string | null };

export interface CustomerReach {
  /** The customer's own tickets (distinct places). */
  ownTickets: TicketPlace[];
  /** Every ticket the customer reads in the help centre: their own, and as an organization admin the organization's. */
  portalTickets: TicketPlace[];
}

export interface CustomerChange {
  identities: boolean;
  organization: boolean;
  organizationAdmin: boolean;
}

/**
 * Customers, as Zendesk's agents expect of end users: every staff member finds, views and creates customers and
 * edits their name and notes. What decides which tickets a customer reads in the help centre is a way to read
 * tickets, so nobody hands out more than they can see themselves:
 * - identities (an address added to a customer signs in as them): an agent adds them only when they can see every
 *   ticket that customer reads in the help centre (so always to a customer without tickets); leads and admins see
 *   every ticket.
 * - the organization (its admins read the members' tickets): an agent moves a customer only when they can see all of
 *   that customer's own tickets.
 * - the organization-admin right (reads all of the organization's tickets): team leads and admins only.
 */
export function authorizeCustomerChange(actor: Actor, customer: CustomerReach, change: CustomerChange): void {
  if (change.organizationAdmin) authorize(actor, "grantOrganizationAdmin");
  if (actor.kind === "system") return;
  const seesAll = (places: TicketPlace[]) => places.every((place) => canSeeTicket(actor, place));
  if (change.identities && !seesAll(customer.portalTickets)) {
    throw new DomainError(
      "FORBIDDEN",
      "This customer can read tickets of teams you are not in; ask a team lead or admin to change their addresses.",
      { role: actor.role },
    );
  }
  if (change.organization && !seesAll(customer.ownTickets)) {
    throw new DomainError(
      "FORBIDDEN",
      "This customer has tickets in teams you are not in; ask a team lead or admin to change their organization.",
      { role: actor.role },
    );
  }
}
