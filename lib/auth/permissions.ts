import "server-only";
import type { Prisma, Role } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/schemas/api-token";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/shared/errors";
import type { Caller, UserCaller } from "./caller";

/**
 * What a caller may do: roles for users, scopes for API tokens, and which proposals a caller may
 * read or change. Every domain function asks these before it touches a record; this is the one
 * place where a token's scope is checked.
 */

const roleRank: Record<Role, number> = { USER: 0, STAFF: 1, ADMIN: 2 };

export function requireSignedIn(caller: Caller): asserts caller is Exclude<Caller, { kind: "anonymous" }> {
  if (caller.kind === "anonymous") throw new UnauthenticatedError();
}

export function hasRole(caller: Caller, role: Role): boolean {
  if (caller.kind === "system") return true;
  return caller.kind === "user" && roleRank[caller.role] >= roleRank[role];
}

/** A user with at least `role` (the system caller always passes). Tokens never do. */
export function requireRole(caller: Caller, role: Role, doing: string): void {
  requireSignedIn(caller);
  if (!hasRole(caller, role)) {
    throw new ForbiddenError(
      `${doing} requires the ${role.toLowerCase()} role${caller.kind === "token" ? " (API tokens cannot do this)" : ""}.`,
    );
  }
}

/**
 * Staff-level reach: staff and admins as users, tokens by scope. Used for operations that act on
 * any proposal, such as scanning or registering datasets.
 */
export function requireStaffOrScope(caller: Caller, scope: Scope, doing: string): void {
  requireSignedIn(caller);
  if (caller.kind === "token") {
    if (!caller.scopes.includes(scope))
      throw new ForbiddenError(`${doing} needs an API token with the ${scope} scope.`);
    return;
  }
  if (!hasRole(caller, "STAFF")) throw new ForbiddenError(`${doing} requires the staff role.`);
}

/**
 * For a read that hands over several kinds of record at once (an export): a token needs the read
 * scope of every kind, since each scope alone would not show it all. Users are checked by proposal.
 */
export function requireTokenScopes(caller: Caller, scopes: readonly Scope[], doing: string): void {
  requireSignedIn(caller);
  if (caller.kind !== "token") return;
  const missing = scopes.filter((scope) => !caller.scopes.includes(scope));
  if (missing.length) {
    throw new ForbiddenError(
      `${doing} needs an API token with the scopes ${scopes.join(", ")}; this token lacks ${missing.join(", ")}.`,
    );
  }
}

/**
 * Proposals a caller may read: staff, admins and tokens with a read scope all; a user those they
 * are a member of (by account or by invited email), those owned by one of their groups, and those
 * shared with one of their groups (SciCat's ownerGroup / accessGroups).
 */
export function readableProposals(caller: Caller, scope: Scope = "proposals:read"): Prisma.ProposalWhereInput {
  requireSignedIn(caller);
  if (caller.kind === "token") {
    if (!caller.scopes.includes(scope))
      throw new ForbiddenError(`Reading this needs an API token with the ${scope} scope.`);
    return {};
  }
  if (hasRole(caller, "STAFF")) return {};
  if (caller.kind !== "user") return {};
  return {
    OR: [
      { members: { some: memberOf(caller) } },
      ...(caller.groups.length
        ? [{ ownerGroup: { in: caller.groups } }, { accessGroups: { hasSome: caller.groups } }]
        : []),
    ],
  };
}

/**
 * Proposals a caller may change: admins all, users those they are a member of or whose ownerGroup
 * is theirs. accessGroups grant reading only, as in SciCat. Staff read everything but edit only
 * where they are members; they manage datasets, events and instruments through their own rules.
 */
export function editableProposals(caller: Caller, scope: Scope = "proposals:write"): Prisma.ProposalWhereInput {
  requireSignedIn(caller);
  if (caller.kind === "token") {
    if (!caller.scopes.includes(scope))
      throw new ForbiddenError(`This change needs an API token with the ${scope} scope.`);
    return {};
  }
  if (hasRole(caller, "ADMIN") || caller.kind !== "user") return {};
  return {
    OR: [
      { members: { some: memberOf(caller) } },
      ...(caller.groups.length ? [{ ownerGroup: { in: caller.groups } }] : []),
    ],
  };
}

function memberOf(caller: UserCaller): Prisma.ProposalMemberWhereInput {
  return caller.email ? { OR: [{ userId: caller.id }, { email: caller.email }] } : { userId: caller.id };
}

/** For the "not found" of a record the caller cannot see: same answer as for a missing one. */
export function notFound(what: string): never {
  throw new NotFoundError(what);
}
