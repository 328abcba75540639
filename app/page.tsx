import type { Metadata } from "next";
import { ProposalList } from "@/components/proposals/ProposalList";
import { Section } from "@/components/ui/Section";
import { listProposals, listUpcomingBeamtimes } from "@/lib/proposals";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const caller = await requireUser("/");
  const [upcoming, proposals] = await Promise.all([listUpcomingBeamtimes(caller), listProposals(caller)]);
  const everything = caller.role !== "USER";
  return (
    <>
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <Section title="Upcoming beamtimes">
        <ProposalList proposals={upcoming} emptyText="No beamtime is scheduled." />
      </Section>
      <Section title={everything ? "All proposals" : "My proposals"}>
        <ProposalList
          proposals={proposals}
          emptyText={
            everything
              ? "No proposal is registered yet."
              : "You are not a member of any proposal yet. Ask your proposal's PI to add your email address."
          }
        />
      </Section>
    </>
  );
}
