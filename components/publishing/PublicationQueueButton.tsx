"use client";

import { Button } from "@/components/ui/Button";
import { Notice } from "@/components/ui/Notice";
import { useAction } from "@/components/ui/useAction";
import { republishEverythingAction, retryPublicationAction } from "@/lib/publishing/actions";

const confirmations = {
  retry: null,
  republish: "Send every published record to SciCat again? SciCat's copies are updated, not doubled.",
};

/**
 * Staff's buttons on the publication queue: retry one failed change (by id) or all of them, and
 * (admins) send every published record again.
 */
export function PublicationQueueButton({
  kind,
  id,
  label,
}: {
  kind: keyof typeof confirmations;
  id?: string;
  label: string;
}) {
  const queue = useAction(() => (kind === "retry" ? retryPublicationAction(id) : republishEverythingAction()));
  const question = confirmations[kind];
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        size="small"
        disabled={queue.pending}
        onClick={() => {
          if (!question || window.confirm(question)) queue.run();
        }}
      >
        {label}
      </Button>
      {queue.notice && <Notice tone={queue.notice.tone}>{queue.notice.text}</Notice>}
    </span>
  );
}
