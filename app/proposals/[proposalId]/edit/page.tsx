import type { Metadata } from "next";
import { proposalFormValues } from "@/components/proposals/proposal-form-values";
import { ProposalForm } from "@/components/proposals/ProposalForm";
import { listInstruments } from "@/lib/instruments/registry";
import { entriesFromMetadata } from "@/lib/shared/metadata-entries";
import { guardPage } from "@/lib/http/page-guard";
import { canSetProposalGroups } from "@/lib/proposals/groups";
import { getProposalForEdit } from "@/lib/proposals/queries";
import { requireUser } from "@/lib/auth/session";
import { proposalPath } from "@/lib/shared/page-paths";

type Props = { params: Promise<{ proposalId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit proposal ${decodeURIComponent((await params).proposalId)}` };
}

export default async function EditProposalPage({ params }: Props) {
  const proposalId = decodeURIComponent((await params).proposalId);
  const path = `${proposalPath(proposalId)}/edit`;
  const caller = await requireUser(path);
  const [proposal, instruments] = await guardPage(
    () => Promise.all([getProposalForEdit(caller, proposalId), listInstruments(caller)]),
    path,
  );
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Edit proposal {proposal.proposalId}</h1>
      <ProposalForm
        mode="edit"
        defaults={proposalFormValues(proposal)}
        metadata={entriesFromMetadata(proposal.metadata)}
        accessGroups={proposal.accessGroups}
        instruments={instruments}
        canSetGroups={canSetProposalGroups(caller)}
      />
    </>
  );
}
