"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { Choice } from "@/components/ui/Input";
import { ActionNotice } from "@/components/ui/Notice";
import { useAction } from "@/components/ui/useAction";
import { countOf } from "@/lib/shared/format";
import { proposalPath } from "@/lib/shared/page-paths";
import { deleteTrayAction } from "@/lib/trays/actions";
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
  const deletion = useAction(deleteTrayAction, { onSuccess: () => router.push(proposalPath(proposalId)) });
  const options: [TraySamplesOnDelete, string][] = [
    ["unassign", "Keep the samples in the proposal, without a tray"],
    ["delete-samples", "Delete the samples too (not possible for samples with datasets)"],
  ];
  return (
    <section
      aria-labelledby="delete-tray-heading"
      className="mt-10 max-w-2xl rounded-lg border border-rose-200 bg-rose-50/40 p-4"
    >
      <h2 id="delete-tray-heading" className="text-lg font-semibold text-rose-900">
        Delete tray {trayId}
      </h2>
      {deletion.state.status === "error" && <ActionNotice notice={deletion.notice} />}
      {sampleCount > 0 ? (
        <fieldset className="mt-2">
          <legend>
            This tray holds {countOf(sampleCount, "sample")}. What should happen to {sampleCount === 1 ? "it" : "them"}?
          </legend>
          {options.map(([value, label]) => (
            <Choice
              key={value}
              type="radio"
              name="tray-samples"
              checked={choice === value}
              onChange={() => setChoice(value)}
              label={label}
              className="mt-2"
            />
          ))}
        </fieldset>
      ) : (
        <p className="mt-2">The tray is empty.</p>
      )}
      <Button
        variant="danger"
        className="mt-4"
        disabled={deletion.pending}
        onClick={() => deletion.run(proposalId, trayId, choice)}
      >
        {deletion.pending ? "Deleting…" : "Delete tray"}
      </Button>
    </section>
  );
}
