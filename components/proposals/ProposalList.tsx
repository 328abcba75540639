import Link from "next/link";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { formatDateRange, personName } from "@/lib/shared/format";
import type { ProposalSummary } from "@/lib/proposals/queries";
import { proposalPath } from "@/lib/shared/page-paths";

export function ProposalList({ proposals, emptyText }: { proposals: ProposalSummary[]; emptyText: string }) {
  if (proposals.length === 0) return <p className="text-slate-600">{emptyText}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {proposals.map((proposal) => (
        <li key={proposal.proposalId}>
          <Link
            href={proposalPath(proposal.proposalId)}
            className="hover:bg-brand-50 focus:bg-brand-50 flex flex-wrap items-baseline gap-x-4 gap-y-1 p-4"
          >
            <span className="font-mono text-sm text-slate-600">{proposal.proposalId}</span>
            <span className="font-medium">{proposal.title}</span>
            <StatusBadge status={proposal.status} />
            <span className="w-full text-sm text-slate-600">
              PI {personName(proposal.piFirstname, proposal.piLastname)} · beamtime{" "}
              {formatDateRange(proposal.startTime, proposal.endTime)} · {proposal._count.trays} trays ·{" "}
              {proposal._count.samples} samples · {proposal._count.datasets} datasets
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
