import type { Metadata } from "next";
import { ProposalList } from "@/components/proposals/ProposalList";
import { Section } from "@/components/ui/Section";
import { listProposals, listUpcomingBeamtimes } from "@/lib/proposals";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const [upcoming, proposals] = await Promise.all([listUpcomingBeamtimes(), listProposals()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <Section title="Upcoming beamtimes">
        <ProposalList proposals={upcoming} emptyText="No beamtime is scheduled." />
      </Section>
      <Section title="All proposals">
        <ProposalList proposals={proposals} emptyText="No proposal is registered yet." />
      </Section>
    </>
  );
}
