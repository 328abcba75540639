import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { QrCodeCard } from "@/components/qr/QrCodeCard";
import { DeleteTray } from "@/components/trays/DeleteTray";
import { Section } from "@/components/ui/Section";
import { config } from "@/lib/platform/config";
import { trayPayload } from "@/lib/shared/qr-payloads";
import { TrayForm } from "@/components/trays/TrayForm";
import { entriesFromMetadata } from "@/lib/shared/metadata-entries";
import { guardPage } from "@/lib/http/page-guard";
import { getProposalForEdit } from "@/lib/proposals/queries";
import { requireUser } from "@/lib/auth/session";

type Props = { params: Promise<{ proposalId: string; trayId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit tray ${decodeURIComponent((await params).trayId)}` };
}

export default async function EditTrayPage({ params }: Props) {
  const { proposalId: rawProposalId, trayId: rawTrayId } = await params;
  const [proposalId, trayId] = [decodeURIComponent(rawProposalId), decodeURIComponent(rawTrayId)];
  const path = `/proposals/${rawProposalId}/trays/${rawTrayId}/edit`;
  const caller = await requireUser(path);
  const proposal = await guardPage(() => getProposalForEdit(caller, proposalId), path);
  const tray = proposal.trays.find((candidate) => candidate.trayId === trayId);
  if (!tray) notFound();
  return (
    <>
      <p className="font-mono text-sm text-slate-600">Proposal {proposal.proposalId}</p>
      <h1 className="mb-6 text-2xl font-semibold">Edit tray {tray.trayId}</h1>
      <TrayForm
        proposalId={proposal.proposalId}
        mode="edit"
        defaults={{ trayId: tray.trayId, name: tray.name, rows: String(tray.rows), columns: String(tray.columns) }}
        metadata={entriesFromMetadata(tray.metadata)}
      />
      <Section title="QR code">
        <QrCodeCard payload={trayPayload(config().appUrl, tray.trayId)} id={tray.trayId} />
      </Section>
      <DeleteTray proposalId={proposal.proposalId} trayId={tray.trayId} sampleCount={tray.samples.length} />
    </>
  );
}
