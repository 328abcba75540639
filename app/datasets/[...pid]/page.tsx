import type { Metadata } from "next";
import Link from "next/link";
import { Thumbnails } from "@/components/attachments/Thumbnails";
import { DatasetList } from "@/components/datasets/DatasetList";
import { JsonTree } from "@/components/datasets/JsonTree";
import { listAttachments } from "@/lib/attachments/attachments";
import { Section } from "@/components/ui/Section";
import { PublicationStatus } from "@/components/publishing/PublicationStatus";
import { publicationState } from "@/lib/publishing/state";
import { Cell, Row, Table, TableHead } from "@/components/ui/Table";
import { getDatasetWithFiles, listDerivedDatasets } from "@/lib/datasets/queries";
import { formatBytes, formatDateTime } from "@/lib/shared/format";
import { datasetPath, proposalPath, samplePath } from "@/lib/shared/page-paths";
import { guardPage } from "@/lib/http/page-guard";
import { requireUser } from "@/lib/auth/session";

/** pids contain slashes (`demo/2026-0042/scan_0001`): the page takes the whole rest of the path. */
type Props = { params: Promise<{ pid: string[] }> };

const pidOf = (segments: string[]) => segments.map((segment) => decodeURIComponent(segment)).join("/");

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Dataset ${pidOf((await params).pid)}` };
}

export default async function DatasetPage({ params }: Props) {
  const segments = (await params).pid;
  const pid = pidOf(segments);
  const path = `/datasets/${segments.join("/")}`;
  const caller = await requireUser(path);
  const [{ dataset, files }, images, derived] = await guardPage(
    () =>
      Promise.all([
        getDatasetWithFiles(caller, pid),
        listAttachments(caller, { kind: "dataset", id: pid }),
        listDerivedDatasets(caller, pid),
      ]),
    path,
  );
  const datasetLinks = (pids: string[]) =>
    pids.length
      ? pids.map((input) => (
          <Link key={input} className="text-brand-700 block font-mono break-all underline" href={datasetPath(input)}>
            {input}
          </Link>
        ))
      : "—";
  const publication = await publicationState("Dataset", dataset.pid, dataset.proposalId, caller);
  const date = (value: string | null) => (value ? formatDateTime(new Date(value)) : "—");
  const facts: [string, React.ReactNode][] = [
    [
      "PID",
      <span key="pid" className="font-mono">
        {dataset.pid}
      </span>,
    ],
    ["Type", dataset.type],
    [
      "Sample",
      dataset.sampleId && dataset.proposalId ? (
        <Link key="s" className="text-brand-700 underline" href={samplePath(dataset.proposalId, dataset.sampleId)}>
          {dataset.sampleId}
        </Link>
      ) : (
        "—"
      ),
    ],
    [
      "Proposal",
      dataset.proposalId ? (
        <Link key="p" className="text-brand-700 underline" href={proposalPath(dataset.proposalId)}>
          {dataset.proposalId}
        </Link>
      ) : (
        "—"
      ),
    ],
    ["Instrument", dataset.instrumentId ?? "—"],
    ["Principal investigators", dataset.principalInvestigators.join(", ") || "—"],
    ["Location", dataset.creationLocation ?? "—"],
    ...(dataset.type === "derived"
      ? ([
          ["Computed from", datasetLinks(dataset.inputDatasets)],
          ["Software", dataset.usedSoftware.join(", ") || "—"],
        ] as [string, React.ReactNode][])
      : []),
    ["Created", date(dataset.creationTime)],
    ["Acquired", `${date(dataset.startTime)} – ${date(dataset.endTime)}`],
    ["Size", `${formatBytes(Number(dataset.size))} in ${dataset.numberOfFiles} files`],
    [
      "Folder",
      <span key="f" className="font-mono break-all">
        {dataset.sourceFolderHost ? `${dataset.sourceFolderHost}:` : ""}
        {dataset.sourceFolder}
      </span>,
    ],
    ["Owner", `${dataset.owner}${dataset.contactEmail ? ` (${dataset.contactEmail})` : ""}`],
    ["Keywords", dataset.keywords.join(", ") || "—"],
    ["Registered by", dataset.createdBy],
  ];
  return (
    <>
      <p className="text-sm text-slate-600">Dataset</p>
      <h1 className="text-2xl font-semibold">{dataset.datasetName}</h1>
      {dataset.description && <p className="mt-2 max-w-3xl text-slate-700">{dataset.description}</p>}
      <div className="mt-3">
        <PublicationStatus state={publication} what={`dataset ${dataset.pid}`} />
      </div>
      <dl className="mt-4 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <Section title="Scientific metadata">
        <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <JsonTree value={dataset.scientificMetadata ?? {}} />
        </div>
      </Section>
      {dataset.type === "derived" && dataset.jobParameters && (
        <Section title="Job parameters">
          <div className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <JsonTree value={dataset.jobParameters} />
          </div>
        </Section>
      )}
      <Section title="Derived datasets">
        <DatasetList datasets={derived} empty="No dataset here lists this one among its inputs." />
      </Section>
      <Section title="Images">
        <Thumbnails items={images} empty="No images are attached (SciCat attachments, e.g. a preview slice)." />
      </Section>
      <Section title="Files">
        {files.length === 0 ? (
          <p className="text-slate-600">No file list has been registered (SciCat origdatablocks).</p>
        ) : (
          <Table caption={`Files of dataset ${dataset.pid}`}>
            <TableHead columns={["Path", "Size", "Time", "Checksum"]} />
            <tbody>
              {files.map((file, index) => (
                <Row key={`${file.path}-${index}`}>
                  <Cell className="font-mono break-all">{file.path}</Cell>
                  <Cell>{formatBytes(file.size)}</Cell>
                  <Cell>{file.time ? formatDateTime(new Date(file.time)) : "—"}</Cell>
                  <Cell className="font-mono text-xs">{file.chk ?? "—"}</Cell>
                </Row>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
    </>
  );
}
