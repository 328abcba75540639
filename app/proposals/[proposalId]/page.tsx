import type { Metadata } from "next";
import { TrayGrid } from "@/components/trays/TrayGrid";
import { Section } from "@/components/ui/Section";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { formatBytes, formatDateRange, formatDateTime, personName } from "@/lib/format";
import { positionLabel } from "@/lib/positions";
import { guardPage } from "@/lib/page-guard";
import { getProposal } from "@/lib/proposals";
import { requireUser } from "@/lib/session";

type Props = { params: Promise<{ proposalId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { proposalId } = await params;
  return { title: `Proposal ${decodeURIComponent(proposalId)}` };
}

export default async function ProposalPage({ params }: Props) {
  const { proposalId } = await params;
  const path = `/proposals/${proposalId}`;
  const caller = await requireUser(path);
  const proposal = await guardPage(() => getProposal(caller, decodeURIComponent(proposalId)), path);

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

      <Section title="Measurement periods">
        <ul className="space-y-1 text-sm">
          {proposal.measurementPeriods.map((period) => (
            <li key={period.id}>
              {formatDateTime(period.start)} – {formatDateTime(period.end)}
              {period.instrument && ` · ${period.instrument.name}`}
              {period.comment && ` · ${period.comment}`}
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Trays">
        <div className="grid gap-6 lg:grid-cols-2">
          {proposal.trays.map((tray) => (
            <article
              key={tray.trayId}
              aria-labelledby={`tray-${tray.trayId}`}
              className="rounded-lg border border-slate-200 bg-white p-4"
            >
              <h3 id={`tray-${tray.trayId}`} className="mb-2 font-medium">
                {tray.name} <span className="font-mono text-sm text-slate-500">{tray.trayId}</span>
                <span className="ml-2 text-sm font-normal text-slate-500">
                  {tray.rows} × {tray.columns}, {tray.samples.length} of {tray.rows * tray.columns} positions taken
                </span>
              </h3>
              <TrayGrid layout={tray} samples={tray.samples} caption={`Positions of tray ${tray.trayId}`} />
            </article>
          ))}
          {proposal.trays.length === 0 && <p className="text-slate-600">No trays yet.</p>}
        </div>
      </Section>

      <Section title="Samples">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Samples of proposal {proposal.proposalId}</caption>
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="p-2">
                  Specimen ID
                </th>
                <th scope="col" className="p-2">
                  Name
                </th>
                <th scope="col" className="p-2">
                  Tray
                </th>
                <th scope="col" className="p-2">
                  Position
                </th>
                <th scope="col" className="p-2">
                  Status
                </th>
                <th scope="col" className="p-2 text-right">
                  Datasets
                </th>
              </tr>
            </thead>
            <tbody>
              {proposal.samples.map((sample) => (
                <tr key={sample.specimenId} className="border-t border-slate-100">
                  <td className="p-2 font-mono">{sample.specimenId}</td>
                  <td className="p-2">{sample.specimenName}</td>
                  <td className="p-2 font-mono">{sample.tray?.trayId ?? "—"}</td>
                  <td className="p-2">
                    {sample.tray && sample.position ? positionLabel(sample.tray, sample.position) : "—"}
                  </td>
                  <td className="p-2">
                    <StatusBadge status={sample.status} />
                  </td>
                  <td className="p-2 text-right">{sample._count.datasets}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {proposal.samples.length === 0 && <p className="p-4 text-slate-600">No samples yet.</p>}
        </div>
      </Section>

      <Section title="Datasets">
        {proposal.datasets.length === 0 ? (
          <p className="text-slate-600">No datasets have been recorded yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
            {proposal.datasets.map((dataset) => (
              <li key={dataset.pid} className="p-3">
                <div className="font-medium">{dataset.datasetName}</div>
                <div className="text-slate-600">
                  <span className="font-mono">{dataset.pid}</span> · {formatDateTime(dataset.creationTime)} ·{" "}
                  {formatBytes(dataset.size)} · {dataset.numberOfFiles} files · sample{" "}
                  {dataset.sample?.specimenId ?? "—"}
                </div>
                <div className="font-mono text-xs text-slate-500">{dataset.sourceFolder}</div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Members">
        <ul className="text-sm">
          {proposal.members.map((member) => (
            <li key={member.id}>
              {member.email}{" "}
              <span className="text-slate-500">({member.role === "PI" ? "principal investigator" : "member"})</span>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
