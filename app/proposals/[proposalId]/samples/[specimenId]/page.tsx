import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Thumbnails } from "@/components/attachments/Thumbnails";
import { DatasetList } from "@/components/datasets/DatasetList";
import { listSampleImages } from "@/lib/attachments/attachments";
import { ButtonLink } from "@/components/ui/Button";
import { History } from "@/components/history/History";
import { QrCodeCard } from "@/components/qr/QrCodeCard";
import { DeleteSample } from "@/components/samples/DeleteSample";
import { TrayGrid } from "@/components/trays/TrayGrid";
import { Section } from "@/components/ui/Section";
import { PublicationStatus } from "@/components/publishing/PublicationStatus";
import { publicationState } from "@/lib/publishing/state";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { formatDateRange, formatDateTime, personName } from "@/lib/shared/format";
import { guardPage } from "@/lib/http/page-guard";
import { positionLabel } from "@/lib/shared/tray-positions";
import { canEditProposal } from "@/lib/proposals/access";
import { recordHistory } from "@/lib/audit/history";
import { samplePayload } from "@/lib/shared/qr-payloads";
import { getSample } from "@/lib/samples/queries";
import { config } from "@/lib/platform/config";
import { requireUser } from "@/lib/auth/session";
import { proposalPath, samplePath } from "@/lib/shared/page-paths";

type Props = { params: Promise<{ proposalId: string; specimenId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Sample ${decodeURIComponent((await params).specimenId)}` };
}

export default async function SamplePage({ params }: Props) {
  const { proposalId: rawProposalId, specimenId: rawSpecimenId } = await params;
  const specimenId = decodeURIComponent(rawSpecimenId);
  const path = `/proposals/${rawProposalId}/samples/${rawSpecimenId}`;
  const caller = await requireUser(path);
  const sample = await guardPage(() => getSample(caller, specimenId), path);
  if (sample.proposal.proposalId !== decodeURIComponent(rawProposalId)) notFound();
  const proposalId = sample.proposal.proposalId;
  const [history, canEdit, images, publication] = await Promise.all([
    recordHistory(caller, proposalId, "Sample", specimenId),
    canEditProposal(caller, proposalId),
    listSampleImages(caller, specimenId),
    publicationState("Sample", specimenId, proposalId, caller),
  ]);
  const proposalHref = proposalPath(proposalId);

  return (
    <>
      <p className="text-sm text-slate-600">
        <Link href={proposalHref} className="text-brand-700 underline">
          Proposal {proposalId}
        </Link>{" "}
        · {sample.proposal.title}
      </p>
      <h1 className="text-2xl font-semibold">{sample.specimenName}</h1>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-700">
        <span className="font-mono">{sample.specimenId}</span>
        <StatusBadge status={sample.status} />
        <span>Label text: {sample.qrCodeLabel}</span>
        <span>
          PI {personName(sample.proposal.piFirstname, sample.proposal.piLastname)} · beamtime{" "}
          {formatDateRange(sample.proposal.startTime, sample.proposal.endTime)}
        </span>
      </div>
      {sample.description && <p className="mt-3 max-w-3xl text-slate-700">{sample.description}</p>}
      <div className="mt-3">
        <PublicationStatus state={publication} what={`sample ${specimenId}`} />
      </div>
      {canEdit && (
        <p className="mt-4">
          <ButtonLink href={`${samplePath(proposalId, specimenId)}/edit`} variant="primary">
            Edit sample
          </ButtonLink>
        </p>
      )}

      <Section title="QR code">
        <QrCodeCard payload={samplePayload(config().appUrl, sample.specimenId)} id={sample.specimenId} />
        <p className="mt-2 text-sm">
          <Link href={`${proposalHref}/labels`} className="text-brand-700 underline">
            Print label sheets
          </Link>
        </p>
      </Section>

      <Section title="Tray position">
        {sample.tray && sample.position ? (
          <div className="max-w-xl">
            <p className="mb-2">
              {sample.tray.name} <span className="font-mono">{sample.tray.trayId}</span>, position{" "}
              <strong>{positionLabel(sample.tray, sample.position)}</strong>
            </p>
            <TrayGrid
              layout={sample.tray}
              samples={[
                { specimenId: sample.specimenId, specimenName: sample.specimenName, position: sample.position },
              ]}
              caption={`Position of ${sample.specimenId} in tray ${sample.tray.trayId}`}
            />
          </div>
        ) : (
          <p className="text-slate-600">Not in a tray.</p>
        )}
      </Section>

      <Section title="Metadata">
        {sample.metadata && typeof sample.metadata === "object" && Object.keys(sample.metadata).length > 0 ? (
          <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {Object.entries(sample.metadata as Record<string, unknown>).map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="font-medium">{key}</dt>
                <dd className="font-mono break-all">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-slate-600">None.</p>
        )}
      </Section>

      <Section title="Datasets">
        <DatasetList datasets={sample.datasets} empty="No datasets have been recorded for this sample yet." />
      </Section>

      <Section title="Images">
        <Thumbnails
          items={images}
          linkDatasets
          empty="No images are attached to this sample or its datasets (SciCat attachments)."
        />
      </Section>

      <Section title="Tracking events">
        {sample.events.length === 0 ? (
          <p className="text-slate-600">Not scanned at the beamline yet.</p>
        ) : (
          <ol className="text-sm">
            {sample.events.map((event) => (
              <li key={event.id}>
                {formatDateTime(event.createdAt)}: <strong>{event.kind}</strong> by {event.actorName}
                {event.location ? ` at ${event.location}` : ""}
                {event.note ? ` (${event.note})` : ""}
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section title="History">
        <History entries={history} showEntity={false} />
      </Section>

      {canEdit && (
        <Section title="Delete">
          <DeleteSample proposalId={proposalId} specimenId={sample.specimenId} datasetCount={sample.datasets.length} />
        </Section>
      )}
    </>
  );
}
