import { describe, expect, it } from "vitest";
import { normaliseGroups, roleFromGroups } from "@/lib/auth/groups";

const mapping = { staff: ["beamline-staff"], admin: ["registry-admins"] };

describe("roles from identity provider groups", () => {
  it("gives the highest role any group maps to", () => {
    expect(roleFromGroups([], mapping)).toBe("USER");
    expect(roleFromGroups(["users"], mapping)).toBe("USER");
    expect(roleFromGroups(["users", "beamline-staff"], mapping)).toBe("STAFF");
    expect(roleFromGroups(["beamline-staff", "registry-admins"], mapping)).toBe("ADMIN");
  });

  it("reads group claims as lists, strings and eduPersonEntitlement URNs", () => {
    expect(normaliseGroups(["a", "b", "a"])).toEqual(["a", "b"]);
    expect(normaliseGroups("a, b")).toEqual(["a", "b"]);
    expect(normaliseGroups(undefined)).toEqual([]);
    expect(normaliseGroups([42, null, ""])).toEqual([]);
    expect(normaliseGroups(["urn:geant:kit.edu:group:beamline-staff#kit.edu"])).toEqual([
      "urn:geant:kit.edu:group:beamline-staff#kit.edu",
      "beamline-staff",
    ]);
  });
});
