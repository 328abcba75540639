"use client";

import { Button } from "@/components/ui/Button";
import { useAction } from "@/components/ui/useAction";
import { revokeTokenAction } from "@/lib/tokens/actions";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const revocation = useAction(revokeTokenAction);
  return (
    <>
      <Button
        variant="danger-outline"
        size="small"
        disabled={revocation.pending}
        onClick={() => {
          if (window.confirm(`Revoke the token "${name}"? Anything using it stops working at once.`))
            revocation.run(tokenId);
        }}
      >
        Revoke {name}
      </Button>
      {revocation.state.status === "error" && (
        <span role="alert" className="ml-2 text-rose-700">
          {revocation.state.message}
        </span>
      )}
    </>
  );
}
