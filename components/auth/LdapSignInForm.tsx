"use client";

import { useActionState } from "react";
import { signInWithLdap, type LdapSignInState } from "@/lib/auth/actions";

export function LdapSignInForm({ name, returnTo }: { name: string; returnTo: string }) {
  const [state, action, pending] = useActionState<LdapSignInState, FormData>(signInWithLdap, {});
  return (
    <form action={action} className="grid gap-2" aria-labelledby="ldap-heading">
      <h2 id="ldap-heading" className="font-medium">
        {name}
      </h2>
      <input type="hidden" name="returnTo" value={returnTo} />
      <label htmlFor="ldap-username" className="text-sm font-medium">
        User name
      </label>
      <input
        id="ldap-username"
        name="username"
        autoComplete="username"
        required
        defaultValue={state.username}
        className="rounded border border-slate-400 p-3"
      />
      <label htmlFor="ldap-password" className="text-sm font-medium">
        Password
      </label>
      <input
        id="ldap-password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        className="rounded border border-slate-400 p-3"
      />
      {state.error && (
        <p role="alert" className="text-sm font-medium text-rose-700">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="bg-brand-700 rounded p-3 font-medium text-white disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
