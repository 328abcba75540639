import type { Metadata } from "next";
import { LabelDesigner } from "@/components/labels/LabelDesigner";
import { config } from "@/lib/platform/config";
import { labelCalibrations } from "@/lib/labels/print-labels";
import { guardPage } from "@/lib/http/page-guard";
import { positionLabel } from "@/lib/shared/tray-positions";
import { getProposal } from "@/lib/proposals/queries";
import { samplePayload, trayPayload } from "@/lib/shared/qr-payloads";
import { requireUser } from "@/lib/auth/session";
import { proposalPath } from "@/lib/shared/page-paths";

type Props = { params: Promise<{ proposalId: string }>; searchParams: Promise<{ tray?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Labels for proposal ${decodeURIComponent((await params).proposalId)}` };
}

export default async function LabelsPage({ params, searchParams }: Props) {
  const proposalId = decodeURIComponent((await params).proposalId);
  const { tray } = await searchParams;
  const path = `${proposalPath(proposalId)}/labels`;
  const caller = await requireUser(path);
  const [proposal, calibrations] = await guardPage(
    () => Promise.all([getProposal(caller, proposalId), labelCalibrations(caller)]),
    path,
  );
  const { appUrl } = config();
  return (
    <>
      <div className="print:hidden">
        <p className="font-mono text-sm text-slate-600">Proposal {proposal.proposalId}</p>
        <h1 className="mb-6 text-2xl font-semibold">Print labels</h1>
      </div>
      <LabelDesigner
        proposalId={proposal.proposalId}
        initialTray={proposal.trays.some((t) => t.trayId === tray) ? tray : undefined}
        calibrations={calibrations}
        samples={[...proposal.samples]
          .sort(
            (a, b) =>
              (a.tray?.trayId ?? "~").localeCompare(b.tray?.trayId ?? "~") || (a.position ?? 0) - (b.position ?? 0),
          )
          .map((sample) => ({
            specimenId: sample.specimenId,
            text: sample.qrCodeLabel,
            trayId: sample.tray?.trayId ?? null,
            position: sample.tray && sample.position ? positionLabel(sample.tray, sample.position) : null,
            printed: sample.labelPrintedAt !== null,
            payload: samplePayload(appUrl, sample.specimenId),
          }))}
        trays={proposal.trays.map((t) => ({
          trayId: t.trayId,
          name: t.name,
          layout: `${t.rows} × ${t.columns}`,
          payload: trayPayload(appUrl, t.trayId),
        }))}
      />
    </>
  );
}
