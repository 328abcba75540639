"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteSampleAction } from "@/lib/samples/actions";
import { FormMessage } from "@/components/ui/useActionResult";

export function DeleteSample({
  proposalId,
  specimenId,
  datasetCount,
}: {
  proposalId: string;
  specimenId: string;
  datasetCount: number;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  if (datasetCount > 0) {
    return (
      <p className="text-sm text-slate-700">
        This sample has {datasetCount} dataset{datasetCount === 1 ? "" : "s"} and cannot be deleted: the datasets must
        keep their sample. When it leaves the beamline, set its status to <em>returned</em> or <em>disposed</em>.
      </p>
    );
  }
  return (
    <div>
      <FormMessage message={message} />
      <button
        type="button"
        disabled={pending}
        className="rounded bg-rose-700 px-4 py-2.5 font-medium text-white hover:bg-rose-800 disabled:opacity-60"
        onClick={() => {
          if (!window.confirm(`Delete sample ${specimenId}? Its label will no longer resolve.`)) return;
          startTransition(async () => {
            const result = await deleteSampleAction(proposalId, specimenId);
            if (result.status === "ok") router.push(`/proposals/${encodeURIComponent(proposalId)}`);
            else if (result.status === "error") setMessage({ tone: "error", text: result.message });
          });
        }}
      >
        {pending ? "Deleting…" : `Delete sample ${specimenId}`}
      </button>
    </div>
  );
}
