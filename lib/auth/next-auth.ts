import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { config, type LdapConfig, type OidcConfig } from "@/lib/platform/config";
import { TooManyRequestsError } from "@/lib/shared/errors";
import { clientAddress } from "./client-address";
import { signInWithLdapPassword } from "./ldap";
import { normaliseGroups } from "./groups";
import { safeReturnPath } from "./return-path";
import { recordSignIn, recordSignOut, type SignInProfile } from "./users";

declare module "next-auth" {
  interface Session {
    /** The user's session version at sign-in (lib/auth/users.ts userCaller). */
    sessionVersion?: number;
  }
}

/**
 * A throttled LDAP sign-in. next-auth hands CredentialsSignin errors through unchanged (their
 * `code` also reaches the sign-in page as `?code=`), so the form can say why and for how long.
 */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/**
 * next-auth v5 (Auth.js), configured only from the environment: one generic OpenID Connect
 * provider (KIT, or the local demo provider in development), and optionally LDAP. Sessions are
 * JWTs carrying the user id; role and groups are re-read from the database per request
 * (lib/auth/session.ts), so they always follow the last sign-in.
 */

type OidcProfile = Record<string, unknown> & { sub: string; email?: string; name?: string };

function oidcProvider(settings: OidcConfig): OIDCConfig<OidcProfile> {
  return {
    id: settings.id,
    name: settings.name,
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: settings.scopes } },
    // Some IdPs put name, email and groups only into the userinfo response.
    idToken: settings.claimsFrom === "id_token",
    checks: ["pkce", "state"],
    profile: (profile) => ({ id: profile.sub, name: profile.name ?? null, email: profile.email ?? null }),
  };
}

function ldapProvider(settings: LdapConfig) {
  return Credentials({
    id: "ldap",
    name: settings.name,
    credentials: { username: { label: "User name" }, password: { label: "Password", type: "password" } },
    async authorize(credentials, request) {
      try {
        const profile = await signInWithLdapPassword(
          settings,
          String(credentials.username ?? ""),
          String(credentials.password ?? ""),
          clientAddress(request.headers),
        );
        return profile ? { id: profile.subject, name: profile.name, email: profile.email, ldap: profile } : null;
      } catch (error) {
        if (error instanceof TooManyRequestsError) throw new SignInThrottled(error.retryAfterSeconds);
        throw error;
      }
    },
  });
}

function profileAtSignIn(
  provider: string,
  profile: OidcProfile | undefined,
  user: { ldap?: SignInProfile } | undefined,
  settings: OidcConfig | undefined,
): SignInProfile | null {
  if (user?.ldap) return user.ldap;
  if (!profile?.sub) return null;
  const name =
    typeof profile.name === "string"
      ? profile.name
      : [profile.given_name, profile.family_name].filter(Boolean).join(" ") || null;
  return {
    subject: `${provider}:${profile.sub}`,
    email: typeof profile.email === "string" ? profile.email : null,
    name,
    groups: normaliseGroups(profile[settings?.groupsClaim ?? "groups"]),
  };
}

function authConfig(): NextAuthConfig {
  const { auth: settings } = config();
  return {
    secret: settings.secret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      ...(settings.oidc ? [oidcProvider(settings.oidc)] : []),
      ...(settings.ldap ? [ldapProvider(settings.ldap)] : []),
    ],
    callbacks: {
      async jwt({ token, account, profile, user }) {
        if (account) {
          const signIn = profileAtSignIn(
            account.provider,
            profile as OidcProfile | undefined,
            user as { ldap?: SignInProfile },
            settings.oidc,
          );
          if (!signIn) throw new Error("The identity provider sent no subject");
          const caller = await recordSignIn(signIn);
          token.userId = caller.id;
          token.sub = caller.id;
          token.name = caller.name;
          token.email = caller.email;
          token.sessionVersion = caller.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.userId === "string") session.user.id = token.userId;
        if (typeof token.sessionVersion === "number") session.sessionVersion = token.sessionVersion;
        return session;
      },
      // next-auth's own callbackUrl handling (its sign-in and sign-out routes) follows our rule.
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeReturnPath(url, "/", baseUrl)}`,
    },
    events: {
      // The JWT lives in the browser: deleting the cookie does not end a copy of it. This does.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (typeof token?.userId === "string")
          await recordSignOut(token.userId, typeof token.sessionVersion === "number" ? token.sessionVersion : 0);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);

/** Providers for the sign-in page. */
export function signInOptions() {
  const { auth: settings } = config();
  return {
    oidc: settings.oidc
      ? { id: settings.oidc.id, name: settings.oidc.name, demoAccounts: settings.oidc.demoAccounts }
      : null,
    ldap: settings.ldap ? { id: "ldap", name: settings.ldap.name } : null,
  };
}
