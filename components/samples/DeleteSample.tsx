"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/Button";
import { ActionNotice } from "@/components/ui/Notice";
import { useAction } from "@/components/ui/useAction";
import { deleteSampleAction } from "@/lib/samples/actions";
import { countOf } from "@/lib/shared/format";
import { proposalPath } from "@/lib/shared/page-paths";

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
  const deletion = useAction(deleteSampleAction, { onSuccess: () => router.push(proposalPath(proposalId)) });
  if (datasetCount > 0) {
    return (
      <p className="text-sm text-slate-700">
        This sample has {countOf(datasetCount, "dataset")} and cannot be deleted: the datasets must keep their sample.
        When it leaves the beamline, set its status to <em>returned</em> or <em>disposed</em>.
      </p>
    );
  }
  return (
    <div>
      {deletion.state.status === "error" && <ActionNotice notice={deletion.notice} />}
      <Button
        variant="danger"
        disabled={deletion.pending}
        onClick={() => {
          if (window.confirm(`Delete sample ${specimenId}? Its label will no longer resolve.`))
            deletion.run(proposalId, specimenId);
        }}
      >
        {deletion.pending ? "Deleting…" : `Delete sample ${specimenId}`}
      </Button>
    </div>
  );
}
