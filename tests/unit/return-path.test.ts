import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/return-path";

const appUrl = "https://registry.example.org";
const returnTo = (value: unknown) => safeReturnPath(value, "/", appUrl);

describe("the page to return to after sign-in", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(returnTo("/proposals/2026-0042?tab=samples#S-1")).toBe("/proposals/2026-0042?tab=samples#S-1");
    expect(returnTo("https://registry.example.org/admin/tokens")).toBe("/admin/tokens");
    expect(returnTo("/datasets/demo%2F2026-0042%2Fscan_0001")).toBe("/datasets/demo%2F2026-0042%2Fscan_0001");
    // Resolved as a browser resolves it against an https page: a path here, not the host.
    expect(returnTo("https:evil.example")).toBe("/evil.example");
  });

  it("refuses anything a browser would take to another site", () => {
    for (const value of [
      "/\t/evil.example/phish", // the finding: browsers drop the tab, leaving //evil.example
      "/\n/evil.example",
      "/\r/evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/.//evil.example", // resolves to the path //evil.example
      "/a/..//evil.example",
      "https://registry.example.org.evil.example/",
      "http://registry.example.org/", // another origin: the scheme differs
    ])
      expect(returnTo(value), JSON.stringify(value)).toBe("/");
  });

  it("falls back for control characters and non-strings instead of passing them on (CR/LF/NUL were a 500)", () => {
    for (const value of ["/a\r\nSet-Cookie: x=1", "/a\u0000b", "/a\u007fb", "", undefined, ["/a", "/b"], 42])
      expect(returnTo(value)).toBe("/");
    expect(safeReturnPath("\u0000", "/signin", appUrl)).toBe("/signin");
  });
});
