import { describe, expect, it } from "vitest";
import { escapeFilterValue, groupNameFromDn } from "@/lib/auth/ldap";

describe("LDAP helpers", () => {
  it("escapes user names so they cannot change the search filter (RFC 4515)", () => {
    expect(escapeFilterValue("ada")).toBe("ada");
    expect(escapeFilterValue("*")).toBe("\\2a");
    expect(escapeFilterValue("x)(uid=*")).toBe("x\\29\\28uid=\\2a");
    expect(escapeFilterValue("a\\b\0")).toBe("a\\5cb\\00");
  });

  it("takes a group's name from its DN", () => {
    expect(groupNameFromDn("cn=beamline-staff,ou=groups,dc=kit,dc=edu")).toBe("beamline-staff");
    expect(groupNameFromDn("CN=Staff\\, UFO,OU=Groups,DC=kit,DC=edu")).toBe("Staff\\, UFO");
    expect(groupNameFromDn("plain")).toBe("plain");
  });
});
