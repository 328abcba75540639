import type { Metadata } from "next";
import { SciCatImportForm } from "@/components/proposals/SciCatImportForm";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Import a SciCat proposal" };

export default async function ImportProposalPage() {
  await requireUser("/proposals/import");
  return (
    <>
      <h1 className="text-2xl font-semibold">Import a SciCat proposal</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-700">
        A proposal exported from SciCat (or from this app) as JSON: <code>proposalId</code>, <code>title</code>,{" "}
        <code>pi_email</code>, <code>startTime</code>, <code>MeasurementPeriodList</code>, <code>metadata</code>, … You
        become a member of the imported proposal.
      </p>
      <SciCatImportForm />
    </>
  );
}
