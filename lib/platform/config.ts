import "server-only";
import path from "node:path";
import { z } from "zod";
import { tokenScopes } from "@/lib/schemas/api-token";
import { booleanFlag, jsonText, list, logLevels } from "./environment-values";
import {
  type PublishingConfig,
  publishingConfigOf,
  publishingProblems,
  publishingSecrets,
  publishingVariables,
} from "./publishing-config";

export type { PublishingConfig };

/**
 * SciCat functional accounts (the format of SciCat's functionalAccounts.json, plus the API token
 * scopes the account's logins carry and, optionally, the instrument they act for). The passwords
 * are secrets: the value is never echoed in configuration errors.
 */
const functionalAccountSchema = z.strictObject({
  username: z.string().trim().min(1, "username must not be empty").max(100),
  password: z.string().min(12, "password: at least 12 characters"),
  scopes: z
    .array(z.enum(tokenScopes, { error: `unknown scope; use ${tokenScopes.join(", ")}` }))
    .min(1, "scopes: give at least one"),
  instrumentPid: z.string().trim().min(1).max(200).optional(),
  /** Shown as the account's email at login, as SciCat's functionalAccounts.json has one. */
  email: z.email("email: an email address").optional(),
});

const functionalAccounts = jsonText(
  'must be a JSON array such as [{"username":"ufo-ingestor","password":"…","scopes":["datasets:write"]}]',
).pipe(
  z
    .array(functionalAccountSchema, { error: "must be a JSON array of accounts" })
    .refine(
      (accounts) => new Set(accounts.map((account) => account.username)).size === accounts.length,
      "each username may appear once",
    ),
);

/** Variables whose values are never printed, not even in an error about them. */
const secretVariables = new Set([
  "SCICAT_FUNCTIONAL_ACCOUNTS",
  "AUTH_SECRET",
  "NEXTAUTH_SECRET",
  "OIDC_CLIENT_SECRET",
  "LDAP_BIND_PASSWORD",
  "METRICS_TOKEN",
  ...publishingSecrets,
]);

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int()
    .min(1, "must be a port number between 1 and 65535")
    .max(65535, "must be a port number between 1 and 65535")
    .default(3000),
  APP_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://samples.example.org" })
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a PostgreSQL URL (postgresql://user:password@host:5432/database)")
    .optional(),
  DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  SEED_DEMO_DATA: z.enum(["auto", "true", "false"], { error: "must be auto, true or false" }).default("auto"),
  LOG_QUERIES: booleanFlag.default(false),
  // Read by the logger itself (lib/platform/logger.ts), which must work while the configuration is
  // invalid; checked here so that a misspelt level stops the start instead of being ignored.
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).optional(),
  METRICS_TOKEN: z
    .string()
    .regex(/^\S{16,}$/, "must be at least 16 characters without spaces (openssl rand -hex 32)")
    .optional(),
  METRICS_ALLOW_UNAUTHENTICATED: booleanFlag.default(false),

  AUTH_SECRET: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: "must be the issuer URL (its /.well-known/openid-configuration is read)" })
    .optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().default("openid profile email"),
  OIDC_GROUPS_CLAIM: z.string().default("groups"),
  OIDC_CLAIMS_FROM: z.enum(["id_token", "userinfo"], { error: "must be id_token or userinfo" }).default("id_token"),
  OIDC_PROVIDER_ID: z
    .string()
    .regex(/^[a-z0-9-]+$/, "must be lower-case letters, digits and -")
    .default("kit"),
  OIDC_PROVIDER_NAME: z.string().default("KIT"),
  OIDC_DEMO_ACCOUNTS: booleanFlag.default(false),
  ROLE_STAFF_GROUPS: list.default(["beamline-staff"]),
  ROLE_ADMIN_GROUPS: list.default(["registry-admins"]),
  LOCAL_IDP: z.enum(["auto", "true", "false"], { error: "must be auto, true or false" }).default("auto"),
  LOCAL_IDP_PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).optional(),
  LDAP_URL: z
    .string()
    .regex(/^ldaps?:\/\//, "must be an ldap:// or ldaps:// URL")
    .optional(),
  LDAP_BIND_DN: z.string().optional(),
  LDAP_BIND_PASSWORD: z.string().optional(),
  LDAP_SEARCH_BASE: z.string().optional(),
  LDAP_USER_FILTER: z
    .string()
    .refine(
      (value) => value.includes("{username}"),
      "must contain {username}, e.g. (uid={username}) or (sAMAccountName={username})",
    )
    .default("(uid={username})"),
  LDAP_GROUPS_ATTRIBUTE: z.string().default("memberOf"),
  LDAP_EMAIL_ATTRIBUTE: z.string().default("mail"),
  LDAP_NAME_ATTRIBUTE: z.string().default("displayName"),
  LDAP_PROVIDER_NAME: z.string().default("KIT account (LDAP)"),
  SCICAT_FUNCTIONAL_ACCOUNTS: functionalAccounts.default([]),
  SCICAT_PID_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "must be a handle prefix such as 20.500.12345 (letters, digits, . _ -)")
    .default("20.500.12345"),
  ...publishingVariables,
});

type Environment = z.infer<typeof environmentSchema>;

/** Marks the published demo secrets (docker-compose.yml's defaults): fine for demo accounts only. */
export const publishedDemoMarker = "demo-only";

const isLoopbackUrl = (url: string) => ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);

/** Rules that involve several variables; each problem names the variable to fix. */
function crossCheck(values: Environment): string[] {
  const problems: string[] = [];
  const production = values.NODE_ENV === "production";
  if (values.OIDC_ISSUER) {
    if (!values.OIDC_CLIENT_ID) problems.push("OIDC_CLIENT_ID: required when OIDC_ISSUER is set");
    if (!values.OIDC_CLIENT_SECRET) problems.push("OIDC_CLIENT_SECRET: required when OIDC_ISSUER is set");
  }
  if (values.LDAP_URL && !values.LDAP_SEARCH_BASE) {
    problems.push("LDAP_SEARCH_BASE: required when LDAP_URL is set (e.g. ou=people,dc=kit,dc=edu)");
  }
  if (values.LDAP_BIND_DN && !values.LDAP_BIND_PASSWORD)
    problems.push("LDAP_BIND_PASSWORD: required when LDAP_BIND_DN is set");
  problems.push(...publishingProblems(values));
  if (values.METRICS_TOKEN && values.METRICS_ALLOW_UNAUTHENTICATED)
    problems.push("METRICS_ALLOW_UNAUTHENTICATED: true together with METRICS_TOKEN; use one of them");
  if (production) {
    const secret = values.AUTH_SECRET ?? values.NEXTAUTH_SECRET;
    // Name the variable that was actually set: NEXTAUTH_SECRET is next-auth v4's name for it.
    const secretName = values.AUTH_SECRET === undefined && secret !== undefined ? "NEXTAUTH_SECRET" : "AUTH_SECRET";
    if (!secret)
      problems.push(
        "AUTH_SECRET: required in production (NEXTAUTH_SECRET is read too); generate one with: openssl rand -base64 32",
      );
    else if (secret.length < 32)
      problems.push(`${secretName}: too weak, use at least 32 characters (openssl rand -base64 32)`);
    else if (secret.includes(publishedDemoMarker) && !values.OIDC_DEMO_ACCOUNTS)
      problems.push(
        `${secretName}: the published demo value of docker-compose.yml, with a real identity provider; ` +
          "set your own (openssl rand -base64 32)",
      );
    if (values.OIDC_DEMO_ACCOUNTS && values.OIDC_ISSUER && !isLoopbackUrl(values.OIDC_ISSUER))
      problems.push(
        `OIDC_DEMO_ACCOUNTS: true marks the local demo provider, but OIDC_ISSUER (${values.OIDC_ISSUER}) is a real ` +
          "one; set OIDC_DEMO_ACCOUNTS=false (docker-compose.yml defaults it to true for its demo profile)",
      );
    if (!values.OIDC_ISSUER && !values.LDAP_URL && values.LOCAL_IDP !== "true") {
      problems.push(
        "OIDC_ISSUER: required in production (or LDAP_URL). The local identity provider with demo accounts " +
          "never starts in production unless LOCAL_IDP=true is set on purpose",
      );
    }
    if (values.LOCAL_IDP === "true" && values.OIDC_ISSUER && !values.OIDC_DEMO_ACCOUNTS) {
      problems.push("LOCAL_IDP: true together with OIDC_ISSUER; use one identity provider (unset LOCAL_IDP for KIT)");
    }
  }
  return problems;
}

export type Config = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  /** Public base URL; QR codes point here. */
  appUrl: string;
  database: DatabaseTarget;
  dataDir: string;
  /** auto: seed the demo data on the first start of the embedded database only. */
  seedDemoData: "auto" | "true" | "false";
  logQueries: boolean;
  /**
   * /metrics: with a token, a scraper sends it as a bearer token; without one it answers 404,
   * unless it is open on purpose (a network rule in front keeps it private).
   */
  metrics: { token?: string; allowUnauthenticated: boolean };
  auth: AuthConfig;
  scicat: {
    functionalAccounts: FunctionalAccount[];
    /** Datasets and instruments registered without a pid get `<pidPrefix>/<uuid>`, as in SciCat. */
    pidPrefix: string;
  };
  /** The SciCat instance records are published to; absent: publishing is off. */
  publishing?: PublishingConfig;
};

/** A SciCat functional account: `POST /api/v3/auth/login` with it issues a 24-hour API token. */
export type FunctionalAccount = z.output<typeof functionalAccountSchema>;

export type OidcConfig = {
  /** next-auth provider id: the callback URL is APP_URL/api/auth/callback/<id>. */
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  groupsClaim: string;
  claimsFrom: "id_token" | "userinfo";
  /** The issuer is the local demo identity provider: the sign-in page lists its accounts. */
  demoAccounts: boolean;
};

export type LdapConfig = {
  name: string;
  url: string;
  bindDn?: string;
  bindPassword?: string;
  searchBase: string;
  userFilter: string;
  groupsAttribute: string;
  emailAttribute: string;
  nameAttribute: string;
};

export type AuthConfig = {
  secret?: string;
  oidc?: OidcConfig;
  ldap?: LdapConfig;
  /** Start the local OpenID provider with demo accounts (npm start does). */
  localIdp: { enabled: boolean; port: number };
  roleGroups: { staff: string[]; admin: string[] };
};

export type DatabaseTarget = { kind: "postgresql"; url: string } | { kind: "pglite"; dataDir: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration; fix these environment variables (see README, "Configuration"):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable at once. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings are how shells and .env files say "unset".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = environmentSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const given = secretVariables.has(String(issue.path[0])) ? undefined : present[name];
        return `${name}: ${issue.message}${given === undefined ? "" : ` (got ${JSON.stringify(redact(given))})`}`;
      }),
    );
  }
  const values = result.data;
  const problems = crossCheck(values);
  if (problems.length) throw new ConfigError(problems);
  const dataDir = path.resolve(values.DATA_DIR);
  return {
    nodeEnv: values.NODE_ENV,
    port: values.PORT,
    appUrl: (values.APP_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ""),
    database: values.DATABASE_URL
      ? { kind: "postgresql", url: values.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    dataDir,
    seedDemoData: values.SEED_DEMO_DATA,
    logQueries: values.LOG_QUERIES,
    metrics: { token: values.METRICS_TOKEN, allowUnauthenticated: values.METRICS_ALLOW_UNAUTHENTICATED },
    auth: {
      secret: values.AUTH_SECRET ?? values.NEXTAUTH_SECRET,
      oidc:
        values.OIDC_ISSUER && values.OIDC_CLIENT_ID && values.OIDC_CLIENT_SECRET
          ? {
              id: values.OIDC_PROVIDER_ID,
              name: values.OIDC_PROVIDER_NAME,
              issuer: values.OIDC_ISSUER.replace(/\/+$/, ""),
              clientId: values.OIDC_CLIENT_ID,
              clientSecret: values.OIDC_CLIENT_SECRET,
              scopes: values.OIDC_SCOPES,
              groupsClaim: values.OIDC_GROUPS_CLAIM,
              claimsFrom: values.OIDC_CLAIMS_FROM,
              demoAccounts: values.OIDC_DEMO_ACCOUNTS,
            }
          : undefined,
      ldap:
        values.LDAP_URL && values.LDAP_SEARCH_BASE
          ? {
              name: values.LDAP_PROVIDER_NAME,
              url: values.LDAP_URL,
              bindDn: values.LDAP_BIND_DN,
              bindPassword: values.LDAP_BIND_PASSWORD,
              searchBase: values.LDAP_SEARCH_BASE,
              userFilter: values.LDAP_USER_FILTER,
              groupsAttribute: values.LDAP_GROUPS_ATTRIBUTE,
              emailAttribute: values.LDAP_EMAIL_ATTRIBUTE,
              nameAttribute: values.LDAP_NAME_ATTRIBUTE,
            }
          : undefined,
      localIdp: {
        enabled:
          values.LOCAL_IDP === "true" ||
          (values.LOCAL_IDP === "auto" && !values.OIDC_ISSUER && values.NODE_ENV !== "production"),
        port: values.LOCAL_IDP_PORT ?? values.PORT + 1,
      },
      roleGroups: { staff: values.ROLE_STAFF_GROUPS, admin: values.ROLE_ADMIN_GROUPS },
    },
    scicat: { functionalAccounts: values.SCICAT_FUNCTIONAL_ACCOUNTS, pidPrefix: values.SCICAT_PID_PREFIX },
    publishing: publishingConfigOf(values),
  };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Reads the environment again: for a benchmark that measures the same process under two settings. */
export function reloadConfig(): Config {
  cached = undefined;
  return config();
}

/** Hides passwords in URLs so configuration errors and logs never print secrets. */
export function redact(value: string): string {
  return value.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

export function describeDatabase(target: DatabaseTarget): string {
  return target.kind === "postgresql"
    ? `PostgreSQL at ${redact(target.url)}`
    : `embedded PGlite database in ${target.dataDir}`;
}
