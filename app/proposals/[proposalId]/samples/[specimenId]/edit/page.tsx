import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pickerTrays } from "@/components/samples/picker-trays";
import { SampleForm } from "@/components/samples/SampleForm";
import { entriesFromMetadata } from "@/lib/shared/metadata-entries";
import { guardPage } from "@/lib/http/page-guard";
import { positionLabel } from "@/lib/shared/tray-positions";
import { getProposalForEdit } from "@/lib/proposals/queries";
import { requireUser } from "@/lib/auth/session";

type Props = { params: Promise<{ proposalId: string; specimenId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit sample ${decodeURIComponent((await params).specimenId)}` };
}

export default async function EditSamplePage({ params }: Props) {
  const { proposalId: rawProposalId, specimenId: rawSpecimenId } = await params;
  const [proposalId, specimenId] = [decodeURIComponent(rawProposalId), decodeURIComponent(rawSpecimenId)];
  const path = `/proposals/${rawProposalId}/samples/${rawSpecimenId}/edit`;
  const caller = await requireUser(path);
  const proposal = await guardPage(() => getProposalForEdit(caller, proposalId), path);
  const sample = proposal.samples.find((candidate) => candidate.specimenId === specimenId);
  if (!sample) notFound();
  return (
    <>
      <p className="font-mono text-sm text-slate-600">Proposal {proposal.proposalId}</p>
      <h1 className="mb-6 text-2xl font-semibold">Edit sample {sample.specimenId}</h1>
      <SampleForm
        proposalId={proposal.proposalId}
        mode="edit"
        defaults={{
          specimenId: sample.specimenId,
          specimenName: sample.specimenName,
          qrCodeLabel: sample.qrCodeLabel,
          description: sample.description ?? "",
          trayId: sample.tray?.trayId ?? "",
          position: sample.tray && sample.position ? positionLabel(sample.tray, sample.position) : "",
          status: sample.status,
        }}
        metadata={entriesFromMetadata(sample.metadata)}
        trays={pickerTrays(proposal.trays)}
      />
    </>
  );
}
