"use client";

import { Button } from "@/components/ui/Button";
import { useAction } from "@/components/ui/useAction";
import { signOutUserAction } from "@/lib/users/actions";

export function SignOutUserButton({ userId, name }: { userId: string; name: string }) {
  const signOut = useAction(signOutUserAction);
  return (
    <>
      <Button
        variant="danger-outline"
        size="small"
        disabled={signOut.pending}
        onClick={() => {
          if (window.confirm(`Sign ${name} out everywhere? Every open session of ${name} ends at once.`))
            signOut.run(userId);
        }}
      >
        Sign {name} out
      </Button>
      {signOut.state.status !== "idle" && (
        <span role={signOut.state.status === "error" ? "alert" : "status"} className="ml-2">
          {signOut.state.message}
        </span>
      )}
    </>
  );
}
