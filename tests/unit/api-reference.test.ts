import { describe, expect, it } from "vitest";
import { apiReferencePage, scalarBundle } from "@/lib/http/api-reference";
import { contentSecurityPolicy } from "@/lib/http/security-headers";

describe("the interactive API reference", () => {
  const policy = contentSecurityPolicy({
    appUrl: "http://localhost:3000",
    identityProviderOrigins: [],
    nonce: "n0Nce+/=",
  });

  it("loads our own copy of Scalar with the request's nonce, and runs nothing without it", async () => {
    const page = await apiReferencePage(policy);
    const { hash } = await scalarBundle();
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
    expect(scripts).toEqual([
      ` nonce="n0Nce+/="`,
      ` nonce="n0Nce+/=" src="/docs/api/reference/scalar.js?v=${hash}"`,
      ` nonce="n0Nce+/="`,
    ]);
    expect(page).toContain('<meta property="csp-nonce" content="n0Nce+/=">');
    // Nothing from another origin: no CDN, no fonts, no telemetry.
    expect(page).not.toMatch(/https?:\/\//);
    for (const setting of [
      '"withDefaultFonts":false',
      '"telemetry":false',
      '"agent":{"disabled":true}',
      "--scalar-font:",
    ])
      expect(page).toContain(setting);
    // Before the bundle: its zod would otherwise probe for eval, which the CSP reports.
    expect(page.indexOf("__zod_globalConfig = { jitless: true }")).toBeLessThan(page.indexOf("scalar.js?v="));
    expect((await apiReferencePage(null)).match(/<script>/g)).toHaveLength(2);
  });

  it("serves a bundle that needs no chunks from elsewhere", async () => {
    const { content } = await scalarBundle();
    expect(content.length).toBeGreaterThan(1_000_000);
    expect(content.toString("utf8", 0, 2000)).toContain("csp-nonce");
    expect(content.toString("utf8")).not.toMatch(/import\(["'`]\.\/chunks\//);
  });
});
