import type { Metadata } from "next";
import { ProposalList } from "@/components/proposals/ProposalList";
import { ButtonLink } from "@/components/ui/Button";
import { Section } from "@/components/ui/Section";
import { hasRole } from "@/lib/auth/permissions";
import { listBeamtimesBetween, listProposals, listUpcomingBeamtimes } from "@/lib/proposals/queries";
import { requireUser } from "@/lib/auth/session";
import { beamlineWeek } from "@/lib/shared/beamline-time";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const caller = await requireUser("/");
  const staff = hasRole(caller, "STAFF");
  const week = beamlineWeek();
  const [thisWeek, upcoming, proposals] = await Promise.all([
    staff ? listBeamtimesBetween(caller, week.from, week.to) : Promise.resolve([]),
    listUpcomingBeamtimes(caller),
    listProposals(caller),
  ]);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <ButtonLink href="/proposals/new" variant="primary">
          Register a proposal
        </ButtonLink>
      </div>
      {staff && (
        <Section title="This week's beamtimes">
          <ProposalList proposals={thisWeek} emptyText="No beamtime this week." />
        </Section>
      )}
      <Section title="Upcoming beamtimes">
        <ProposalList proposals={upcoming} emptyText="No beamtime is scheduled." />
      </Section>
      <Section title={staff ? "All proposals" : "My proposals"}>
        <ProposalList
          proposals={proposals}
          emptyText={
            staff
              ? "No proposal is registered yet."
              : "You are not a member of any proposal yet. Register one, or ask your proposal's PI to add your email address."
          }
        />
      </Section>
    </>
  );
}
