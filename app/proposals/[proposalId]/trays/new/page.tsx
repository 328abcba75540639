import type { Metadata } from "next";
import { TrayForm } from "@/components/trays/TrayForm";
import { guardPage } from "@/lib/http/page-guard";
import { getProposalForEdit } from "@/lib/proposals/queries";
import { requireUser } from "@/lib/auth/session";
import { proposalPath } from "@/lib/shared/page-paths";

export const metadata: Metadata = { title: "New tray" };

type Props = { params: Promise<{ proposalId: string }> };

export default async function NewTrayPage({ params }: Props) {
  const proposalId = decodeURIComponent((await params).proposalId);
  const path = `${proposalPath(proposalId)}/trays/new`;
  const caller = await requireUser(path);
  const proposal = await guardPage(() => getProposalForEdit(caller, proposalId), path);
  return (
    <>
      <p className="font-mono text-sm text-slate-600">Proposal {proposal.proposalId}</p>
      <h1 className="mb-6 text-2xl font-semibold">New tray</h1>
      <TrayForm
        proposalId={proposal.proposalId}
        mode="create"
        defaults={{ trayId: "", name: `Tray ${proposal.trays.length + 1}`, rows: "1", columns: "8" }}
        metadata={[]}
      />
    </>
  );
}
