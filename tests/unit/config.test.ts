import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/platform/config";

describe("configuration", () => {
  it("defaults to the embedded database under ./data and port 3000", () => {
    const config = parseConfig({});
    expect(config.database).toEqual({ kind: "pglite", dataDir: path.resolve("data", "pglite") });
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.seedDemoData).toBe("auto");
  });

  it("uses PostgreSQL when DATABASE_URL is set, and a configurable data directory", () => {
    expect(parseConfig({ DATABASE_URL: "postgresql://u:p@db:5432/samples" }).database).toEqual({
      kind: "postgresql",
      url: "postgresql://u:p@db:5432/samples",
    });
    expect(parseConfig({ DATA_DIR: "/srv/registry" }).database).toEqual({
      kind: "pglite",
      dataDir: "/srv/registry/pglite",
    });
  });

  it("treats empty variables as unset and strips a trailing slash from APP_URL", () => {
    const config = parseConfig({ DATABASE_URL: "", PORT: "", APP_URL: "https://samples.kit.edu/" });
    expect(config.database.kind).toBe("pglite");
    expect(config.appUrl).toBe("https://samples.kit.edu");
  });

  it("names every invalid variable at once, without printing passwords", () => {
    let error: unknown;
    try {
      parseConfig({ PORT: "http", DATABASE_URL: "mysql://root:hunter2@db/x", SEED_DEMO_DATA: "maybe" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((problem) => problem.split(":")[0]).sort()).toEqual(["DATABASE_URL", "PORT", "SEED_DEMO_DATA"]);
    expect(message).not.toContain("hunter2");
    expect(message).toContain("mysql://root:***@db/x");
  });
});

describe("sign-in configuration", () => {
  const production = {
    NODE_ENV: "production",
    AUTH_SECRET: "x".repeat(32),
    OIDC_ISSUER: "https://oidc.kit.edu/auth/realms/kit",
    OIDC_CLIENT_ID: "registry",
    OIDC_CLIENT_SECRET: "s",
  };
  const problemsOf = (env: Record<string, string>) => {
    try {
      parseConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems.map((problem) => problem.split(":")[0]);
    }
  };

  it("starts the local identity provider only outside production, when no issuer is configured", () => {
    expect(parseConfig({}).auth.localIdp).toEqual({ enabled: true, port: 3001 });
    expect(parseConfig({ PORT: "4000" }).auth.localIdp.port).toBe(4001);
    expect(
      parseConfig({ OIDC_ISSUER: "https://idp", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" }).auth.localIdp.enabled,
    ).toBe(false);
    expect(parseConfig(production).auth.localIdp.enabled).toBe(false);
    expect(parseConfig({ ...production, OIDC_ISSUER: "", LOCAL_IDP: "true" }).auth.localIdp.enabled).toBe(true);
  });

  it("refuses to start in production without a real identity provider or with a weak secret", () => {
    expect(problemsOf(production)).toEqual([]);
    expect(problemsOf({ ...production, OIDC_ISSUER: "" })).toEqual(["OIDC_ISSUER"]);
    expect(problemsOf({ ...production, AUTH_SECRET: "" })).toEqual(["AUTH_SECRET"]);
    expect(problemsOf({ ...production, AUTH_SECRET: "short" })).toEqual(["AUTH_SECRET"]);
    expect(problemsOf({ ...production, LOCAL_IDP: "true" })).toEqual(["LOCAL_IDP"]);
    // docker-compose.yml's published demo secret is accepted with the demo identity provider only.
    const demoSecret = "demo-only-auth-secret-never-use-it-for-real-data";
    expect(problemsOf({ ...production, AUTH_SECRET: demoSecret })).toEqual(["AUTH_SECRET"]);
    expect(
      problemsOf({
        ...production,
        AUTH_SECRET: demoSecret,
        OIDC_ISSUER: "http://localhost:3001",
        OIDC_DEMO_ACCOUNTS: "true",
      }),
    ).toEqual([]);
    expect(problemsOf({ ...production, NEXTAUTH_SECRET: demoSecret, AUTH_SECRET: "" })).toEqual(["NEXTAUTH_SECRET"]);
    expect(problemsOf({ ...production, NEXTAUTH_SECRET: "short", AUTH_SECRET: "" })).toEqual(["NEXTAUTH_SECRET"]);
    // A real issuer with docker-compose.yml's demo default left on: the demo guard must not be bypassed.
    expect(
      problemsOf({
        ...production,
        OIDC_ISSUER: "https://oidc.scc.kit.edu/auth/realms/kit",
        OIDC_DEMO_ACCOUNTS: "true",
      }),
    ).toEqual(["OIDC_DEMO_ACCOUNTS"]);
    expect(problemsOf({ ...production, OIDC_ISSUER: "http://localhost:3001", OIDC_DEMO_ACCOUNTS: "true" })).toEqual([]);
    expect(
      problemsOf({ ...production, OIDC_ISSUER: "", LDAP_URL: "ldaps://ad.kit.edu", LDAP_SEARCH_BASE: "dc=kit,dc=edu" }),
    ).toEqual([]);
  });

  it("needs client credentials with an issuer, and a search base with LDAP", () => {
    expect(problemsOf({ OIDC_ISSUER: "https://idp" }).sort()).toEqual(["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]);
    expect(problemsOf({ LDAP_URL: "ldap://localhost" })).toEqual(["LDAP_SEARCH_BASE"]);
    expect(problemsOf({ LDAP_URL: "ldap://localhost", LDAP_SEARCH_BASE: "dc=x", LDAP_USER_FILTER: "(uid=*)" })).toEqual(
      ["LDAP_USER_FILTER"],
    );
  });

  it("reads the OIDC provider, claims and the group-to-role mapping from the environment", () => {
    const { auth } = parseConfig({
      ...production,
      OIDC_ISSUER: "https://oidc.kit.edu/realms/kit/",
      OIDC_GROUPS_CLAIM: "eduperson_entitlement",
      OIDC_CLAIMS_FROM: "userinfo",
      ROLE_STAFF_GROUPS: "ipe-staff, ufo-staff",
      ROLE_ADMIN_GROUPS: "ipe-admins",
    });
    expect(auth.oidc).toMatchObject({
      id: "kit",
      issuer: "https://oidc.kit.edu/realms/kit",
      groupsClaim: "eduperson_entitlement",
      claimsFrom: "userinfo",
    });
    expect(auth.roleGroups).toEqual({ staff: ["ipe-staff", "ufo-staff"], admin: ["ipe-admins"] });
  });
});

describe("logs and metrics configuration", () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      parseConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it("turns /metrics off by default, and on with a token or on purpose without one", () => {
    expect(parseConfig({}).metrics).toEqual({ token: undefined, allowUnauthenticated: false });
    expect(parseConfig({ METRICS_TOKEN: "0123456789abcdef" }).metrics.token).toBe("0123456789abcdef");
    expect(parseConfig({ METRICS_ALLOW_UNAUTHENTICATED: "true" }).metrics.allowUnauthenticated).toBe(true);
  });

  it("refuses a short metrics token without printing it, a token together with open access, and unknown log levels", () => {
    const [short] = problemsOf({ METRICS_TOKEN: "hunter2" });
    expect(short).toMatch(/^METRICS_TOKEN: must be at least 16 characters/);
    expect(short).not.toContain("hunter2");
    expect(problemsOf({ METRICS_TOKEN: "0123456789abcdef", METRICS_ALLOW_UNAUTHENTICATED: "true" })).toEqual([
      expect.stringMatching(/^METRICS_ALLOW_UNAUTHENTICATED: true together with METRICS_TOKEN/),
    ]);
    expect(problemsOf({ LOG_LEVEL: "verbose" })).toEqual([
      expect.stringMatching(/^LOG_LEVEL: must be one of fatal, error/),
    ]);
    expect(problemsOf({ LOG_LEVEL: "debug" })).toEqual([]);
  });
});
