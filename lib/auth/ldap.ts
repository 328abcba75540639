import "server-only";
import { Client, InvalidCredentialsError } from "ldapts";
import type { LdapConfig } from "@/lib/platform/config";
import { throttledCredentialCheck } from "./rate-limit";
import { auditSignIn } from "./sign-in-audit";
import type { SignInProfile } from "./users";

/** RFC 4515: a user name must never change the meaning of the search filter. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** `cn=beamline-staff,ou=groups,dc=kit,dc=edu` → `beamline-staff`. */
export function groupNameFromDn(dn: string): string {
  const first = dn.split(/(?<!\\),/)[0] ?? dn;
  const value = first.includes("=") ? first.slice(first.indexOf("=") + 1) : first;
  return value.trim();
}

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item) =>
    Buffer.isBuffer(item) ? item.toString("utf8") : String(item),
  );

/**
 * Active-Directory-style sign-in: find the user's DN with the service account (or anonymously),
 * bind as the user with the password, and read group membership from the entry. Answers null for
 * an unknown user or a wrong password; throws when the directory cannot be reached.
 */
export async function authenticateWithLdap(
  settings: LdapConfig,
  username: string,
  password: string,
): Promise<SignInProfile | null> {
  const name = username.trim();
  // An empty password is an anonymous bind, which succeeds: it must never count as a sign-in.
  if (!name || !password) return null;
  const client = new Client({ url: settings.url, timeout: 10_000, connectTimeout: 5_000 });
  try {
    if (settings.bindDn) await client.bind(settings.bindDn, settings.bindPassword ?? "");
    const { searchEntries } = await client.search(settings.searchBase, {
      scope: "sub",
      filter: settings.userFilter.replaceAll("{username}", escapeFilterValue(name)),
      attributes: ["dn", settings.emailAttribute, settings.nameAttribute, "cn", settings.groupsAttribute],
      sizeLimit: 2,
    });
    if (searchEntries.length !== 1) return null;
    const entry = searchEntries[0];
    try {
      await client.bind(entry.dn, password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return null;
      throw error;
    }
    const email = asList(entry[settings.emailAttribute])[0] ?? null;
    return {
      subject: `ldap:${name.toLowerCase()}`,
      email,
      name: asList(entry[settings.nameAttribute])[0] ?? asList(entry.cn)[0] ?? name,
      groups: [...new Set(asList(entry[settings.groupsAttribute]).map(groupNameFromDn))],
    };
  } finally {
    // An open LDAP connection keeps the process alive: always unbind.
    await client.unbind().catch(() => undefined);
  }
}

/**
 * LDAP sign-in as the sign-in form does it: throttled per user name and client (429 when locked,
 * lib/auth/rate-limit.ts), failures audited (successes are audited by recordSignIn).
 */
export async function signInWithLdapPassword(
  settings: LdapConfig,
  username: string,
  password: string,
  client: string,
): Promise<SignInProfile | null> {
  // The directory compares user names without regard to case, so the counter does too.
  const account = username.trim().toLowerCase();
  const profile = await throttledCredentialCheck("ldap", { account, client }, () =>
    authenticateWithLdap(settings, username, password),
  );
  if (!profile) await auditSignIn("SIGN_IN_FAILED", "User", `ldap:${account}`, { method: "ldap", client });
  return profile;
}
