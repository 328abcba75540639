import type { Metadata } from "next";
import Link from "next/link";
import { pickerTrays } from "@/components/samples/picker-trays";
import { SampleForm } from "@/components/samples/SampleForm";
import { Notice } from "@/components/ui/Notice";
import { guardPage } from "@/lib/http/page-guard";
import { getProposalForEdit } from "@/lib/proposals/queries";
import { requireUser } from "@/lib/auth/session";
import { proposalPath } from "@/lib/shared/page-paths";

export const metadata: Metadata = { title: "New sample" };

type Props = { params: Promise<{ proposalId: string }>; searchParams: Promise<{ tray?: string; added?: string }> };

export default async function NewSamplePage({ params, searchParams }: Props) {
  const proposalId = decodeURIComponent((await params).proposalId);
  const { tray, added } = await searchParams;
  const path = `${proposalPath(proposalId)}/samples/new`;
  const caller = await requireUser(path);
  const proposal = await guardPage(() => getProposalForEdit(caller, proposalId), path);
  const trays = pickerTrays(proposal.trays);
  return (
    <>
      <p className="font-mono text-sm text-slate-600">Proposal {proposal.proposalId}</p>
      <h1 className="text-2xl font-semibold">New sample</h1>
      <p className="mt-2 mb-6 text-slate-700">
        Many samples at once?{" "}
        <Link href={`${proposalPath(proposal.proposalId)}/samples/import`} className="text-brand-700 underline">
          Paste them from a spreadsheet
        </Link>
        .
      </p>
      {added && (
        <Notice tone="ok" className="mb-4">
          Sample {added} added. Add the next one:
        </Notice>
      )}
      <SampleForm
        key={proposal.samples.length}
        proposalId={proposal.proposalId}
        mode="create"
        defaults={{
          specimenId: "",
          specimenName: "",
          qrCodeLabel: "",
          description: "",
          trayId: trays.some((t) => t.trayId === tray) ? (tray as string) : (trays[0]?.trayId ?? ""),
          position: "",
          status: "REGISTERED",
        }}
        metadata={[]}
        trays={trays}
      />
    </>
  );
}
