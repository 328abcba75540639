import "server-only";
import type { ApiDataset } from "@/lib/datasets/api-json";
import { countOf, formatBytes } from "@/lib/shared/format";
import { datasetPath } from "@/lib/shared/page-paths";
import { type CrateBuilder, encodePath, type Ref } from "./crate-builder";
import { datablockJson, type OrigDatablockFiles } from "./eln-records";
import { addRecord, addRecordJson, interval, type RecordFolder, without } from "./record-entities";
import type { SampleFolder } from "./sample-entities";

/** Media types of the files a tomography beamline writes; anything else is plain bytes. */
const mediaTypes: Record<string, string> = {
  tif: "image/tiff",
  tiff: "image/tiff",
  h5: "application/x-hdf5",
  hdf5: "application/x-hdf5",
  nxs: "application/x-hdf5",
  json: "application/json",
  txt: "text/plain",
  log: "text/plain",
  csv: "text/csv",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};
const mediaTypeOf = (path: string) =>
  mediaTypes[path.slice(path.lastIndexOf(".") + 1).toLowerCase()] ?? "application/octet-stream";

/** Fields the dataset's entity shows as schema.org properties; the rest become PropertyValues. */
const shownFields = [
  "pid",
  "datasetName",
  "description",
  "keywords",
  "techniques",
  "license",
  "creationTime",
  "startTime",
  "endTime",
  "owner",
  "contactEmail",
  "proposalId",
  "createdAt",
  "updatedAt",
] as const;

/** SciCat techniques `{ name, pid }` as DefinedTerms: the PaNET IRI as their id when there is one. */
function techniques(crate: CrateBuilder, dataset: ApiDataset): Ref[] {
  const list = Array.isArray(dataset.techniques) ? dataset.techniques : [];
  return list.flatMap((technique) => {
    if (!technique || typeof technique !== "object" || Array.isArray(technique)) return [];
    const { name, pid } = technique;
    if (typeof name !== "string") return [];
    const iri = typeof pid === "string" && /^https?:\/\//.test(pid) ? pid : undefined;
    const id = iri ?? `#technique/${encodeURIComponent(name)}`;
    return [crate.add({ "@id": id, "@type": "DefinedTerm", name, termCode: iri ? undefined : pid })];
  });
}

export type DatasetContext = {
  appUrl: string;
  proposal: RecordFolder;
  samples: Map<string, SampleFolder>;
  /** Folders of all exported datasets, by pid: a derived dataset links to its inputs among them. */
  folders: Map<string, string>;
};

/**
 * A dataset as a record: what it is about (its sample), its metadata, and the files of its
 * datablocks. Those files stay at the beamline, so they are described under `#` identifiers: in
 * RO-Crate such an entity is no data entity of the crate, and nothing expects it in the archive.
 * They name their dataset in `isPartOf` rather than being listed in its `hasPart`, where ELN
 * importers look for files to open.
 */
export function addDataset(
  crate: CrateBuilder,
  context: DatasetContext,
  dataset: ApiDataset,
  blocks: OrigDatablockFiles[],
): RecordFolder {
  const path = `datasets/${context.folders.get(dataset.pid)}/`;
  const sample = dataset.sampleId ? context.samples.get(dataset.sampleId) : undefined;
  const size = formatBytes(typeof dataset.size === "string" ? BigInt(dataset.size) : dataset.size);
  const location = [dataset.sourceFolderHost, dataset.sourceFolder].filter(Boolean).join(":");
  const inputs = dataset.inputDatasets.flatMap((pid) => {
    const folder = context.folders.get(pid);
    return folder ? [{ "@id": `./datasets/${folder}/` }] : [];
  });
  const folder = addRecord(crate, path, {
    name: dataset.datasetName,
    identifier: dataset.pid,
    genre: "dataset",
    dateCreated: dataset.creationTime,
    dateModified: dataset.updatedAt,
    author: crate.person(dataset.owner, dataset.contactEmail),
    keywords: dataset.keywords.join(", "),
    text: dataset.description,
    description:
      `${dataset.type === "derived" ? "Derived" : "Raw"} dataset ${dataset.pid}` +
      `${sample ? ` of sample ${dataset.sampleId}` : ""}: ${countOf(dataset.numberOfFiles, "file")}, ${size}, ` +
      `at the beamline in ${location}. Its files are listed here, not included.`,
    about: sample?.ref,
    isPartOf: context.proposal.ref,
    isBasedOn: inputs,
    measurementTechnique: techniques(crate, dataset),
    temporalCoverage: interval(dataset.startTime, dataset.endTime),
    license: dataset.license,
    url: `${context.appUrl}${datasetPath(dataset.pid)}`,
  });
  sample?.subjectOf.push(folder.ref);
  const json = { ...dataset, origdatablocks: blocks.map(datablockJson) };
  const dates = { createdAt: new Date(dataset.createdAt), updatedAt: new Date(dataset.updatedAt) };
  addRecordJson(crate, folder, "dataset.json", json, dates);
  folder.entity.variableMeasured = crate.propertyValues(path, without(dataset, shownFields));
  for (const block of blocks) {
    const isSha256 = block.chkAlg?.toLowerCase().replace(/[^a-z0-9]/g, "") === "sha256";
    for (const file of block.files) {
      crate.add({
        "@id": `#${path}files/${encodePath(file.path)}`,
        "@type": "File",
        name: file.path,
        description: `Not in this .eln file: at the beamline in ${location}`,
        encodingFormat: mediaTypeOf(file.path),
        contentSize: String(file.size),
        dateModified: file.time,
        sha256: isSha256 ? file.chk : undefined,
        isPartOf: folder.ref,
      });
    }
  }
  return folder;
}
