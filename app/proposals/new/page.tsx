import type { Metadata } from "next";
import Link from "next/link";
import { emptyProposalFormValues } from "@/components/proposals/proposal-form-values";
import { ProposalForm } from "@/components/proposals/ProposalForm";
import { listInstruments } from "@/lib/instruments/registry";
import { canSetProposalGroups } from "@/lib/proposals/groups";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Register a proposal" };

export default async function NewProposalPage() {
  const caller = await requireUser("/proposals/new");
  const instruments = await listInstruments(caller);
  return (
    <>
      <h1 className="text-2xl font-semibold">Register a proposal</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-700">
        Register your approved beamtime proposal, then add its trays and samples. Have it as SciCat JSON?{" "}
        <Link href="/proposals/import" className="text-brand-700 underline">
          Import it instead
        </Link>
        .
      </p>
      <ProposalForm
        mode="create"
        defaults={{
          ...emptyProposalFormValues,
          email: caller.email ?? "",
          firstname: caller.name.split(" ")[0] ?? "",
          lastname: caller.name.split(" ").slice(1).join(" "),
        }}
        metadata={[]}
        accessGroups={[]}
        instruments={instruments}
        canSetGroups={canSetProposalGroups(caller)}
      />
    </>
  );
}
