import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";

/** A user's role follows their identity provider groups, re-derived at every sign-in. */
export function roleFromGroups(groups: string[], mapping: { staff: string[]; admin: string[] }): Role {
  if (groups.some((group) => mapping.admin.includes(group))) return "ADMIN";
  if (groups.some((group) => mapping.staff.includes(group))) return "STAFF";
  return "USER";
}

/**
 * Group claims come as a list, a single string, or (eduPersonEntitlement) URNs such as
 * `urn:geant:kit.edu:group:beamline-staff#kit.edu`; the group's own name is what the mapping uses.
 */
export function normaliseGroups(claim: unknown): string[] {
  const values = Array.isArray(claim) ? claim : typeof claim === "string" ? claim.split(/[,\s]+/) : [];
  const names = values
    .filter((value): value is string => typeof value === "string" && value.length > 0)
    .flatMap((value) => {
      const urn = value.match(/^urn:[^#]*:group:([^#]+)/i);
      return urn ? [value, urn[1].split(":").pop() ?? urn[1]] : [value];
    });
  return [...new Set(names)];
}
