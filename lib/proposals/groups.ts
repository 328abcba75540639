import "server-only";
import { type Caller } from "@/lib/auth/caller";
import { hasRole } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/shared/errors";

/**
 * Only staff decide who owns a proposal's data and who may read it (SciCat's ownerGroup / accessGroups);
 * API tokens may too: only staff create them. Pages ask this to show or hide the group fields.
 */
export function canSetProposalGroups(caller: Caller): boolean {
  return hasRole(caller, "STAFF") || caller.kind === "token";
}

export function checkGroupChange(
  caller: Caller,
  wanted: { ownerGroup?: string; accessGroups: string[] },
  current: { ownerGroup: string; accessGroups: string[] },
) {
  const changes =
    (wanted.ownerGroup !== undefined && wanted.ownerGroup !== current.ownerGroup) ||
    wanted.accessGroups.join() !== current.accessGroups.join();
  if (changes && !canSetProposalGroups(caller)) {
    throw new ForbiddenError("Only beamline staff can set the owner group and access groups of a proposal.");
  }
}
