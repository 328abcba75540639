import Link from "next/link";
import { DatasetList } from "@/components/datasets/DatasetList";
import { History } from "@/components/history/History";
import { TrayGrid } from "@/components/trays/TrayGrid";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { formatDateRange, formatDateTime } from "@/lib/shared/format";
import { positionLabel } from "@/lib/shared/tray-positions";
import type { SampleScan, ScanProposal, ScanResult, TrayScan } from "@/lib/scan/scan-result";
import { proposalPath, samplePath } from "@/lib/shared/page-paths";

/**
 * What a scan shows, on /scan and on the QR landing pages /s/ and /t/: one component, fed by the
 * same JSON (lib/scan/scan-result.ts), so a phone and the beamline tablet show the same thing.
 */
export function ScanCard({ result }: { result: ScanResult }) {
  return result.kind === "sample" ? <SampleCard scan={result} /> : <TrayCard scan={result} />;
}

const date = (iso: string) => new Date(iso);

function ProposalLine({ proposal }: { proposal: ScanProposal }) {
  return (
    <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="font-medium text-slate-600">Proposal</dt>
      <dd>
        <Link href={proposalPath(proposal.proposalId)} className="text-brand-700 font-mono underline">
          {proposal.proposalId}
        </Link>{" "}
        {proposal.title}
      </dd>
      <dt className="font-medium text-slate-600">PI</dt>
      <dd>{proposal.piName}</dd>
      <dt className="font-medium text-slate-600">Beamtime</dt>
      <dd>
        {formatDateRange(
          proposal.startTime ? date(proposal.startTime) : null,
          proposal.endTime ? date(proposal.endTime) : null,
        )}
      </dd>
    </dl>
  );
}

function CardHeading({ kind, title, id, status }: { kind: string; title: string; id: string; status?: string }) {
  return (
    <header>
      <p className="text-sm font-medium tracking-wide text-slate-600 uppercase">{kind}</p>
      <h2 className="text-2xl font-semibold">{title}</h2>
      <p className="mt-1 flex flex-wrap items-center gap-3">
        <span className="font-mono text-lg">{id}</span>
        {status && <StatusBadge status={status} />}
      </p>
    </header>
  );
}

function SampleCard({ scan }: { scan: SampleScan }) {
  const { sample, proposal, tray } = scan;
  return (
    <article aria-label={`Sample ${sample.specimenId}`} className="rounded-lg border border-slate-200 bg-white p-4">
      <CardHeading kind="Sample" title={sample.specimenName} id={sample.specimenId} status={sample.status} />
      {sample.description && <p className="mt-2 text-slate-700">{sample.description}</p>}
      <ProposalLine proposal={proposal} />
      <p className="mt-3">
        <Link
          href={samplePath(proposal.proposalId, sample.specimenId)}
          className="bg-brand-700 inline-block rounded px-4 py-3 font-medium text-white"
        >
          Open sample page
        </Link>
      </p>

      <h3 className="mt-5 mb-2 font-semibold">Tray position</h3>
      {tray && tray.position ? (
        <>
          <p className="mb-2 text-sm">
            {tray.name} <span className="font-mono">{tray.trayId}</span>, position <strong>{tray.positionLabel}</strong>
          </p>
          <TrayGrid
            layout={tray}
            samples={[{ specimenId: sample.specimenId, specimenName: sample.specimenName, position: tray.position }]}
            caption={`Position of ${sample.specimenId} in tray ${tray.trayId}`}
          />
        </>
      ) : (
        <p className="text-sm text-slate-600">{tray ? `In tray ${tray.trayId}, no position.` : "Not in a tray."}</p>
      )}

      <h3 className="mt-5 mb-2 font-semibold">Datasets</h3>
      <DatasetList datasets={scan.datasets} empty="No datasets yet." compact />

      <h3 className="mt-5 mb-2 font-semibold">Recent tracking events</h3>
      {scan.events.length === 0 ? (
        <p className="text-sm text-slate-600">Not scanned at the beamline yet.</p>
      ) : (
        <ol className="text-sm">
          {scan.events.map((event) => (
            <li key={event.id}>
              {formatDateTime(date(event.createdAt))}: <strong>{event.kind}</strong> by {event.actorName}
              {event.location ? ` at ${event.location}` : ""}
            </li>
          ))}
        </ol>
      )}

      <h3 className="mt-5 mb-2 font-semibold">Recent changes</h3>
      <History
        entries={scan.history.map((entry) => ({ ...entry, createdAt: date(entry.createdAt) }))}
        showEntity={false}
      />
    </article>
  );
}

function TrayCard({ scan }: { scan: TrayScan }) {
  const { tray, proposal, samples } = scan;
  return (
    <article aria-label={`Tray ${tray.trayId}`} className="rounded-lg border border-slate-200 bg-white p-4">
      <CardHeading kind="Tray" title={tray.name} id={tray.trayId} />
      <ProposalLine proposal={proposal} />
      <h3 className="mt-5 mb-2 font-semibold">
        {samples.length} sample{samples.length === 1 ? "" : "s"}
      </h3>
      <TrayGrid layout={tray} samples={samples} caption={`Samples in tray ${tray.trayId}`} />
      <ul className="mt-3 grid gap-2 sm:grid-cols-2">
        {samples.map((sample) => (
          <li key={sample.specimenId}>
            <Link
              href={samplePath(proposal.proposalId, sample.specimenId)}
              className="flex min-h-12 items-center gap-2 rounded border border-slate-300 px-3 py-2 hover:bg-slate-50"
            >
              <span className="w-8 font-mono text-sm text-slate-600">
                {sample.position ? positionLabel(tray, sample.position) : "—"}
              </span>
              <span className="font-mono">{sample.specimenId}</span>
              <span className="truncate">{sample.specimenName}</span>
              <StatusBadge status={sample.status} />
            </Link>
          </li>
        ))}
      </ul>
    </article>
  );
}
