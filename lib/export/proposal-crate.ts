import "server-only";
import { toApiProposal } from "@/lib/proposals/api-json";
import { countOf } from "@/lib/shared/format";
import { proposalPath } from "@/lib/shared/page-paths";
import { CrateBuilder, type Entity, folderNames, type Ref, refs } from "./crate-builder";
import { addDataset } from "./dataset-entities";
import type { ProposalExport } from "./eln-records";
import { addAttachment, addRecord, addRecordJson, interval, type RecordFolder, without } from "./record-entities";
import { addSample, addTray, type SampleFolder } from "./sample-entities";

/** What the ELN Consortium's checks require of the metadata descriptor: the .eln format's version. */
const elnFormatVersion = "1.0";

const fullName = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(" ");

/**
 * The RO-Crate of one proposal, as the ELN file format shapes it: the proposal, its trays, samples
 * and datasets, each a Dataset folder listed in the root's `hasPart`. Trays list their samples,
 * samples name their datasets in `subjectOf`, and datasets their sample in `about`. Dates of the
 * crate are those of its newest record, so the same records always give the same crate.
 */
export function proposalCrate({ proposal, datasets, datablocks, attachments }: ProposalExport, appUrl: string) {
  // A fold, not Math.max(...list): a spread of a hundred thousand dates overflows the call stack.
  const times = [
    proposal.updatedAt.getTime(),
    ...proposal.trays.map((tray) => tray.updatedAt.getTime()),
    ...proposal.samples.map((sample) => sample.updatedAt.getTime()),
    ...datasets.map((dataset) => Date.parse(dataset.updatedAt)),
    ...[...datablocks.values()].flat().map((block) => block.createdAt.getTime()),
    ...attachments.map((attachment) => attachment.updatedAt.getTime()),
  ];
  const asOf = new Date(times.reduce((newest, time) => Math.max(newest, time))).toISOString();
  const crate = new CrateBuilder();
  const publisher = { "@id": "#publisher" };
  const license = { "@id": "#license" };
  const parts: Ref[] = [];
  crate.add({
    "@id": "ro-crate-metadata.json",
    "@type": "CreativeWork",
    about: { "@id": "./" },
    conformsTo: { "@id": "https://w3id.org/ro/crate/1.1" },
    dateCreated: asOf,
    sdPublisher: publisher,
    version: elnFormatVersion,
  });
  const counts = [
    countOf(proposal.trays.length, "tray"),
    countOf(proposal.samples.length, "sample"),
    countOf(datasets.length, "dataset"),
  ].join(", ");
  const root: Entity = {
    "@id": "./",
    "@type": "Dataset",
    name: `Proposal ${proposal.proposalId}: ${proposal.title}`,
    description:
      `Proposal ${proposal.proposalId} with ${counts}, from the Beamtime Sample Registry as of ${asOf}. ` +
      "The datasets' files stay at the beamline: they are listed, not included.",
    datePublished: asOf,
    license,
    publisher,
    hasPart: parts,
  };
  crate.add(root);
  crate.add({
    "@id": publisher["@id"],
    "@type": "Organization",
    name: "Beamtime Sample Registry",
    description: "Proposals, sample trays, samples and datasets of an X-ray imaging beamline",
    url: appUrl,
  });
  crate.add({
    "@id": license["@id"],
    "@type": "CreativeWork",
    name: "No licence stated",
    description: "The registry records no licence for proposals and samples; a dataset names its own, if any.",
  });

  const pi = crate.person(fullName(proposal.piFirstname, proposal.piLastname), proposal.piEmail);
  const proposer = crate.person(fullName(proposal.firstname, proposal.lastname), proposal.email);
  root.author = pi;
  const api = toApiProposal(proposal);
  const proposalFolder = addRecord(crate, "proposal/", {
    name: proposal.title,
    identifier: proposal.proposalId,
    genre: "proposal",
    dateCreated: proposal.createdAt,
    dateModified: proposal.updatedAt,
    author: pi,
    contributor: refs([proposer, ...proposal.members.map((member) => crate.person(null, member.email))]),
    text: [proposal.abstract, proposal.description].filter(Boolean).join("\n\n"),
    description: `Proposal ${proposal.proposalId}: ${counts}`,
    creativeWorkStatus: proposal.status,
    temporalCoverage: interval(proposal.startTime, proposal.endTime),
    url: `${appUrl}${proposalPath(proposal.proposalId)}`,
  });
  parts.push(proposalFolder.ref);
  // Its trays, samples and datasets are records of their own here.
  const { trays: _trays, samples: _samples, datasets: _datasets, ...proposalJson } = api;
  addRecordJson(crate, proposalFolder, "proposal.json", proposalJson, proposal);
  const shownOfProposal = ["proposalId", "title", "abstract", "startTime", "endTime", "status", "members"] as const;
  proposalFolder.entity.variableMeasured = crate.propertyValues("proposal/", without(proposalJson, shownOfProposal));
  const join = (folder: RecordFolder, parent: RecordFolder) => {
    parts.push(folder.ref);
    parent.hasPart.push(folder.ref);
  };

  const context = { appUrl, proposalId: proposal.proposalId, proposal: proposalFolder, pi };
  const trayNames = folderNames(proposal.trays.map((tray) => tray.trayId));
  const trays = new Map<string, RecordFolder>();
  for (const tray of proposal.trays) {
    const folder = addTray(crate, context, trayNames.get(tray.trayId) ?? tray.trayId, tray);
    join(folder, proposalFolder);
    trays.set(tray.trayId, folder);
  }
  const sampleNames = folderNames(proposal.samples.map((sample) => sample.specimenId));
  const samples = new Map<string, SampleFolder>();
  for (const sample of proposal.samples) {
    const tray = sample.tray ? trays.get(sample.tray.trayId) : undefined;
    const folder = addSample(crate, context, sampleNames.get(sample.specimenId) ?? sample.specimenId, sample, tray);
    join(folder, proposalFolder);
    tray?.hasPart.push(folder.ref);
    samples.set(sample.specimenId, folder);
  }

  const datasetFolders = folderNames(datasets.map((dataset) => dataset.pid));
  const byPid = new Map<string, RecordFolder>();
  const datasetContext = { appUrl, proposal: proposalFolder, samples, folders: datasetFolders };
  for (const dataset of datasets) {
    const folder = addDataset(crate, datasetContext, dataset, datablocks.get(dataset.pid) ?? []);
    join(folder, proposalFolder);
    byPid.set(dataset.pid, folder);
  }

  for (const attachment of attachments) {
    const owner = attachment.dataset
      ? byPid.get(attachment.dataset.pid)
      : attachment.sample
        ? samples.get(attachment.sample.specimenId)
        : proposalFolder;
    if (owner) addAttachment(crate, owner, attachment);
  }

  const metadata = { "@context": "https://w3id.org/ro/crate/1.1/context", "@graph": crate.graph() };
  return { metadata, payload: crate.payload, asOf: new Date(asOf) };
}
