import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LdapSignInForm } from "@/components/auth/LdapSignInForm";
import { Button } from "@/components/ui/Button";
import { Notice } from "@/components/ui/Notice";
import { signInOptions } from "@/lib/auth/next-auth";
import { demoAccounts } from "@/lib/auth/demo-accounts";
import { safeReturnPath } from "@/lib/auth/return-path";
import { currentCaller } from "@/lib/auth/session";
import { signInWithProvider } from "@/lib/auth/actions";

export const metadata: Metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  OAuthSignin: "The identity provider could not be reached. Try again in a minute.",
  OAuthCallbackError: "The identity provider refused the sign-in.",
  AccessDenied: "Sign-in was cancelled or refused.",
  Configuration: "Sign-in is misconfigured on the server; tell the administrators.",
  CredentialsSignin: "Unknown user name or wrong password.",
};

/** next-auth's `code` of a CredentialsSignin error (lib/auth/next-auth.ts SignInThrottled). */
const codes: Record<string, string> = {
  throttled: "Too many failed sign-ins for this user name from here; wait a quarter of an hour and try again.",
};

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; code?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error, code } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if ((await currentCaller()).kind === "user") redirect(returnTo);
  const options = signInOptions();

  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 text-slate-700">Sign in with your institutional account to register proposals and samples.</p>
      {error && (
        <Notice tone="error" className="mt-4">
          {(code && codes[code]) ?? errors[error] ?? "Sign-in failed. Try again."}
        </Notice>
      )}
      <div className="mt-6 grid gap-6">
        {options.oidc && (
          <form action={signInWithProvider.bind(null, options.oidc.id, returnTo)}>
            <Button type="submit" variant="primary" size="large" className="w-full text-lg">
              Sign in with {options.oidc.name}
            </Button>
          </form>
        )}
        {options.ldap && <LdapSignInForm name={options.ldap.name} returnTo={returnTo} />}
        {!options.oidc && !options.ldap && (
          <Notice tone="warning">
            No identity provider is configured. Set OIDC_ISSUER (or LDAP_URL); see the README.
          </Notice>
        )}
      </div>
      {options.oidc?.demoAccounts && (
        <section
          aria-labelledby="demo-heading"
          className="mt-8 rounded border border-amber-300 bg-amber-50 p-4 text-sm"
        >
          <h2 id="demo-heading" className="font-medium">
            Demo accounts
          </h2>
          <p className="mt-1">
            This instance signs in through a local identity provider for development and demos. Use one of:
          </p>
          <table className="mt-2 w-full text-left">
            <thead>
              <tr>
                <th scope="col">User name</th>
                <th scope="col">Password</th>
                <th scope="col">Who</th>
              </tr>
            </thead>
            <tbody>
              {demoAccounts.map((account) => (
                <tr key={account.username}>
                  <td className="font-mono">{account.username}</td>
                  <td className="font-mono">{account.password}</td>
                  <td>
                    {account.name}, {account.description}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
