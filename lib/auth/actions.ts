"use server";

import "server-only";

import { AuthError } from "next-auth";
import { signIn, signOut } from "./next-auth";
import { safeReturnPath } from "./return-path";

// Signing in is the one thing anonymous callers may do; the providers check the credentials.

export async function signInWithProvider(providerId: string, returnTo: string): Promise<void> {
  await signIn(providerId, { redirectTo: safeReturnPath(returnTo) });
}

export type LdapSignInState = { error?: string; username?: string };

export async function signInWithLdap(_previous: LdapSignInState, form: FormData): Promise<LdapSignInState> {
  const username = String(form.get("username") ?? "");
  try {
    await signIn("ldap", {
      username,
      password: String(form.get("password") ?? ""),
      redirectTo: safeReturnPath(form.get("returnTo")),
    });
    return {};
  } catch (error) {
    // A successful sign-in ends in a redirect, which is thrown and must reach Next.js.
    if (error instanceof AuthError) {
      return {
        username,
        error:
          error.type === "CredentialsSignin"
            ? "Unknown user name or wrong password."
            : "The directory could not be reached; try again in a minute.",
      };
    }
    throw error;
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
