import type { Metadata } from "next";
import Link from "next/link";
import { DatasetList } from "@/components/datasets/DatasetList";
import { buttonClass, ButtonLink } from "@/components/ui/Button";
import { History } from "@/components/history/History";
import { SamplesTable, type SampleRow } from "@/components/samples/SamplesTable";
import { TrayGrid } from "@/components/trays/TrayGrid";
import { Section } from "@/components/ui/Section";
import { PublicationStatus } from "@/components/publishing/PublicationStatus";
import { publicationState } from "@/lib/publishing/state";
import { ProposalPublishingControl } from "@/components/publishing/ProposalPublishingControl";
import { hasRole } from "@/lib/auth/permissions";
import { config } from "@/lib/platform/config";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { formatDateRange, formatDateTime, personName } from "@/lib/shared/format";
import { guardPage } from "@/lib/http/page-guard";
import { positionLabel } from "@/lib/shared/tray-positions";
import { canEditProposal } from "@/lib/proposals/access";
import { getProposal } from "@/lib/proposals/queries";
import { proposalHistory } from "@/lib/audit/history";
import { requireUser } from "@/lib/auth/session";
import { proposalPath, samplePath } from "@/lib/shared/page-paths";

type Props = { params: Promise<{ proposalId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { proposalId } = await params;
  return { title: `Proposal ${decodeURIComponent(proposalId)}` };
}

export default async function ProposalPage({ params }: Props) {
  const { proposalId: rawProposalId } = await params;
  const proposalId = decodeURIComponent(rawProposalId);
  const path = `/proposals/${rawProposalId}`;
  const caller = await requireUser(path);
  const [proposal, history, canEdit, publication] = await guardPage(
    () =>
      Promise.all([
        getProposal(caller, proposalId),
        proposalHistory(caller, proposalId, 30),
        canEditProposal(caller, proposalId),
        publicationState("Proposal", proposalId, proposalId, caller),
      ]),
    path,
  );
  const publishing = config().publishing;
  const base = proposalPath(proposal.proposalId);
  const trayOrder = new Map(proposal.trays.map((tray, index) => [tray.trayId, index]));
  const sampleRows: SampleRow[] = proposal.samples.map((sample) => ({
    specimenId: sample.specimenId,
    specimenName: sample.specimenName,
    qrCodeLabel: sample.qrCodeLabel,
    trayId: sample.tray?.trayId ?? null,
    position: sample.tray && sample.position ? positionLabel(sample.tray, sample.position) : null,
    placementOrder: sample.tray ? (trayOrder.get(sample.tray.trayId) ?? 0) * 10_000 + (sample.position ?? 0) : 1e9,
    status: sample.status,
    datasets: sample._count.datasets,
    href: samplePath(proposal.proposalId, sample.specimenId),
  }));

  return (
    <>
      <p className="font-mono text-sm text-slate-600">Proposal {proposal.proposalId}</p>
      <h1 className="text-2xl font-semibold">{proposal.title}</h1>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-700">
        <StatusBadge status={proposal.status} />
        <span>PI {personName(proposal.piFirstname, proposal.piLastname)}</span>
        <span>Beamtime {formatDateRange(proposal.startTime, proposal.endTime)}</span>
        <span>{proposal.instruments.map((link) => link.instrument.name).join(", ")}</span>
      </div>
      {proposal.abstract && <p className="mt-4 max-w-3xl text-slate-700">{proposal.abstract}</p>}
      <nav aria-label="Proposal actions" className="mt-4 flex flex-wrap gap-2">
        {canEdit && (
          <>
            <ButtonLink href={`${base}/edit`} size="small">
              Edit proposal
            </ButtonLink>
            <ButtonLink href={`${base}/trays/new`} size="small">
              New tray
            </ButtonLink>
            <ButtonLink href={`${base}/samples/new`} variant="primary" size="small">
              New sample
            </ButtonLink>
            <ButtonLink href={`${base}/samples/import`} size="small">
              Import samples
            </ButtonLink>
          </>
        )}
        <ButtonLink href={`${base}/labels`} size="small">
          Print labels
        </ButtonLink>
        <a href={`${base}/samples.csv`} className={buttonClass("secondary", "small")} download>
          Export samples (CSV)
        </a>
        <a href={`${base}/scicat.json`} className={buttonClass("secondary", "small")} download>
          Export as SciCat JSON
        </a>
        <a href={`${base}/export.eln`} className={buttonClass("secondary", "small")} download>
          Export (.eln)
        </a>
      </nav>

      <Section title="Measurement periods">
        {proposal.measurementPeriods.length === 0 ? (
          <p className="text-slate-600">None planned yet.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {proposal.measurementPeriods.map((period) => (
              <li key={period.id}>
                {formatDateTime(period.start)} – {formatDateTime(period.end)}
                {period.instrument && ` · ${period.instrument.name}`}
                {period.comment && ` · ${period.comment}`}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Trays">
        <div className="grid gap-6 lg:grid-cols-2">
          {proposal.trays.map((tray) => (
            <article
              key={tray.trayId}
              id={`tray-${tray.trayId}`}
              aria-labelledby={`tray-${tray.trayId}-heading`}
              className="rounded-lg border border-slate-200 bg-white p-4"
            >
              <h3 id={`tray-${tray.trayId}-heading`} className="mb-2 font-medium">
                {tray.name} <span className="font-mono text-sm text-slate-600">{tray.trayId}</span>
                <span className="ml-2 text-sm font-normal text-slate-600">
                  {tray.rows} × {tray.columns}, {tray.samples.length} of {tray.rows * tray.columns} positions taken
                </span>
              </h3>
              <TrayGrid layout={tray} samples={tray.samples} caption={`Positions of tray ${tray.trayId}`} />
              {canEdit && (
                <p className="mt-3 flex flex-wrap gap-3 text-sm">
                  <Link
                    href={`${base}/samples/new?tray=${encodeURIComponent(tray.trayId)}`}
                    className="text-brand-700 underline"
                  >
                    Add a sample to {tray.trayId}
                  </Link>
                  <Link
                    href={`${base}/trays/${encodeURIComponent(tray.trayId)}/edit`}
                    className="text-brand-700 underline"
                  >
                    Edit tray {tray.trayId}
                  </Link>
                  <Link
                    href={`${base}/labels?tray=${encodeURIComponent(tray.trayId)}`}
                    className="text-brand-700 underline"
                  >
                    Print labels of {tray.trayId}
                  </Link>
                </p>
              )}
            </article>
          ))}
          {proposal.trays.length === 0 && <p className="text-slate-600">No trays yet.</p>}
        </div>
      </Section>

      <Section title="Samples">
        <SamplesTable rows={sampleRows} caption={`Samples of proposal ${proposal.proposalId}`} />
      </Section>

      <Section title="Datasets">
        <DatasetList datasets={proposal.datasets} empty="No datasets have been recorded yet." showSample />
      </Section>

      <Section title="Members">
        <ul className="text-sm">
          {proposal.members.map((member) => (
            <li key={member.id}>
              {member.email}{" "}
              <span className="text-slate-600">
                ({member.role === "PI" ? "principal investigator" : "member"}
                {member.userId ? "" : ", has not signed in yet"})
              </span>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-600">
          Owner group <span className="font-mono">{proposal.ownerGroup}</span>
          {proposal.accessGroups.length > 0 && (
            <>
              ; readable by <span className="font-mono">{proposal.accessGroups.join(", ")}</span>
            </>
          )}
        </p>
      </Section>

      {publishing && (
        <Section title="SciCat">
          <PublicationStatus state={publication} what={`proposal ${proposal.proposalId}`} />
          {hasRole(caller, "STAFF") && (
            <ProposalPublishingControl
              proposalId={proposal.proposalId}
              choice={proposal.publishToSciCat}
              defaultPublishes={publishing.proposals === "all"}
            />
          )}
        </Section>
      )}

      <Section title="History">
        <History entries={history} />
      </Section>
    </>
  );
}
