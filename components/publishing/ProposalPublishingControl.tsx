"use client";

import { Button } from "@/components/ui/Button";
import { Notice } from "@/components/ui/Notice";
import { useAction } from "@/components/ui/useAction";
import { setProposalPublishingAction } from "@/lib/publishing/actions";

/** Staff choose whether a proposal is published: on, off, or the server's default. */
export function ProposalPublishingControl({
  proposalId,
  choice,
  defaultPublishes,
}: {
  proposalId: string;
  choice: boolean | null;
  /** Whether a proposal nobody decided for is published (SCICAT_PUBLISH_PROPOSALS). */
  defaultPublishes: boolean;
}) {
  const change = useAction(setProposalPublishingAction);
  const publishing = choice ?? defaultPublishes;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
      {publishing ? (
        <Button
          size="small"
          variant="danger-outline"
          disabled={change.pending}
          onClick={() => {
            if (
              window.confirm(
                `Stop publishing proposal ${proposalId}? Nothing more is sent to SciCat; what it holds already stays there.`,
              )
            )
              change.run(proposalId, false);
          }}
        >
          Stop publishing to SciCat
        </Button>
      ) : (
        <Button size="small" variant="primary" disabled={change.pending} onClick={() => change.run(proposalId, true)}>
          Publish to SciCat
        </Button>
      )}
      {choice !== null && (
        <Button size="small" disabled={change.pending} onClick={() => change.run(proposalId, null)}>
          Use the default ({defaultPublishes ? "published" : "not published"})
        </Button>
      )}
      {change.notice && <Notice tone={change.notice.tone}>{change.notice.text}</Notice>}
    </div>
  );
}
