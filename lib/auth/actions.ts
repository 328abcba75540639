"use server";

import "server-only";
import { AuthError } from "next-auth";
import type { ActionState } from "@/lib/http/action";
import { describeWait } from "./rate-limit";
import { signIn, SignInThrottled, signOut } from "./next-auth";
import { safeReturnPath } from "./return-path";

// Signing in is the one thing anonymous callers may do; the providers check the credentials.

export async function signInWithProvider(providerId: string, returnTo: string): Promise<void> {
  await signIn(providerId, { redirectTo: safeReturnPath(returnTo) });
}

/** LDAP sign-in; a successful one ends in a redirect to the page the person came for. */
export async function signInWithLdap(form: FormData): Promise<ActionState> {
  try {
    await signIn("ldap", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      redirectTo: safeReturnPath(form.get("returnTo")),
    });
    return { status: "ok", message: "Signed in.", data: undefined };
  } catch (error) {
    // A successful sign-in ends in a redirect, which is thrown and must reach Next.js.
    if (error instanceof SignInThrottled) {
      return {
        status: "error",
        code: 429,
        message: `Too many failed sign-ins for this user name from here; try again in ${describeWait(error.retryAfterSeconds)}.`,
      };
    }
    if (error instanceof AuthError) {
      const wrongCredentials = error.type === "CredentialsSignin";
      return {
        status: "error",
        code: wrongCredentials ? 401 : 500,
        message: wrongCredentials
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
