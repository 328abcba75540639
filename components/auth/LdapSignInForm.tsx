"use client";

import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { useAction } from "@/components/ui/useAction";
import { signInWithLdap } from "@/lib/auth/actions";

export function LdapSignInForm({ name, returnTo }: { name: string; returnTo: string }) {
  const signIn = useAction(signInWithLdap);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        signIn.run(new FormData(event.currentTarget));
      }}
      className="grid gap-2"
      aria-labelledby="ldap-heading"
    >
      <h2 id="ldap-heading" className="font-medium">
        {name}
      </h2>
      <input type="hidden" name="returnTo" value={returnTo} />
      <TextField
        id="ldap-username"
        label="User name"
        inputProps={{ name: "username", autoComplete: "username", required: true }}
      />
      <TextField
        id="ldap-password"
        label="Password"
        inputProps={{ name: "password", type: "password", autoComplete: "current-password", required: true }}
      />
      {signIn.state.status === "error" && (
        <p role="alert" className="text-sm font-medium text-rose-700">
          {signIn.state.message}
        </p>
      )}
      <Button type="submit" variant="primary" size="large" disabled={signIn.pending}>
        {signIn.pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
