import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/http/security-headers";

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split("; ").map((directive) => {
      const [name, ...values] = directive.split(" ");
      return [name, values];
    }),
  );

describe("security headers", () => {
  const base = { appUrl: "http://localhost:3000", identityProviderOrigins: ["https://oidc.scc.kit.edu"] };

  it("allows scripts only with the request's nonce, never inline or eval in production", () => {
    const policy = directives(contentSecurityPolicy({ ...base, nonce: "abc123" }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'self'"]);
    expect(policy["form-action"]).toEqual(["'self'", "https://oidc.scc.kit.edu"]);
  });

  it("adds eval only for next dev, and blocks all scripts where no nonce was made", () => {
    expect(directives(contentSecurityPolicy({ ...base, nonce: "n", development: true }))["script-src"]).toContain(
      "'unsafe-eval'",
    );
    expect(directives(contentSecurityPolicy(base))["script-src"]).toEqual(["'none'"]);
  });

  it("sends HSTS and upgrades requests only when the public URL is https", () => {
    const http = securityHeaders({ ...base, nonce: "n" });
    expect(http["Strict-Transport-Security"]).toBeUndefined();
    expect(http["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    const https = securityHeaders({ ...base, appUrl: "https://samples.kit.edu", nonce: "n" });
    expect(https["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("forbids framing and sniffing, and grants the camera to this origin only", () => {
    const headers = securityHeaders({ ...base, nonce: "n" });
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Permissions-Policy"]).toContain("camera=(self)");
    expect(headers["Permissions-Policy"]).toContain("microphone=()");
  });

  it("makes a different 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
