"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteTrayAction } from "@/lib/trays/actions";
import { FormMessage } from "@/components/ui/useActionResult";
import type { TraySamplesOnDelete } from "@/lib/trays/delete-tray";

/** Deleting a tray asks what happens to the samples in it. */
export function DeleteTray({
  proposalId,
  trayId,
  sampleCount,
}: {
  proposalId: string;
  trayId: string;
  sampleCount: number;
}) {
  const router = useRouter();
  const [choice, setChoice] = useState<TraySamplesOnDelete>(sampleCount ? "unassign" : "refuse");
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <section
      aria-labelledby="delete-tray-heading"
      className="mt-10 max-w-2xl rounded-lg border border-rose-200 bg-rose-50/40 p-4"
    >
      <h2 id="delete-tray-heading" className="text-lg font-semibold text-rose-900">
        Delete tray {trayId}
      </h2>
      <FormMessage message={message} />
      {sampleCount > 0 ? (
        <fieldset className="mt-2">
          <legend>
            This tray holds {sampleCount} sample{sampleCount === 1 ? "" : "s"}. What should happen to{" "}
            {sampleCount === 1 ? "it" : "them"}?
          </legend>
          <label className="mt-2 flex items-center gap-2">
            <input
              type="radio"
              name="tray-samples"
              checked={choice === "unassign"}
              onChange={() => setChoice("unassign")}
              className="size-5"
            />
            Keep the samples in the proposal, without a tray
          </label>
          <label className="mt-2 flex items-center gap-2">
            <input
              type="radio"
              name="tray-samples"
              checked={choice === "delete-samples"}
              onChange={() => setChoice("delete-samples")}
              className="size-5"
            />
            Delete the samples too (not possible for samples with datasets)
          </label>
        </fieldset>
      ) : (
        <p className="mt-2">The tray is empty.</p>
      )}
      <button
        type="button"
        disabled={pending}
        className="mt-4 rounded bg-rose-700 px-4 py-2.5 font-medium text-white hover:bg-rose-800 disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            const result = await deleteTrayAction(proposalId, trayId, choice);
            if (result.status === "ok") router.push(`/proposals/${encodeURIComponent(proposalId)}`);
            else if (result.status === "error") setMessage({ tone: "error", text: result.message });
          })
        }
      >
        {pending ? "Deleting…" : "Delete tray"}
      </button>
    </section>
  );
}
