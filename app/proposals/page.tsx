import type { Metadata } from "next";
import { ProposalList } from "@/components/proposals/ProposalList";
import { listProposals } from "@/lib/proposals";

export const metadata: Metadata = { title: "Proposals" };

export default async function ProposalsPage() {
  const proposals = await listProposals();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Proposals</h1>
      <ProposalList proposals={proposals} emptyText="No proposal is registered yet." />
    </>
  );
}
