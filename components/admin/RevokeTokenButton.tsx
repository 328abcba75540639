"use client";

import { useState, useTransition } from "react";
import { revokeTokenAction } from "@/lib/tokens/actions";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        className="rounded border border-rose-300 px-2 py-1 text-rose-800 hover:bg-rose-50 disabled:opacity-60"
        onClick={() => {
          if (!window.confirm(`Revoke the token "${name}"? Anything using it stops working at once.`)) return;
          startTransition(async () => {
            const result = await revokeTokenAction(tokenId);
            setMessage(result.status === "error" ? result.message : null);
          });
        }}
      >
        Revoke {name}
      </button>
      {message && (
        <span role="alert" className="ml-2 text-rose-700">
          {message}
        </span>
      )}
    </>
  );
}
