import type { Metadata } from "next";
import { ProposalList } from "@/components/proposals/ProposalList";
import { listProposals } from "@/lib/proposals/queries";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Proposals" };

export default async function ProposalsPage() {
  const caller = await requireUser("/proposals");
  const proposals = await listProposals(caller);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Proposals</h1>
      <ProposalList proposals={proposals} emptyText="No proposal you may see is registered yet." />
    </>
  );
}
