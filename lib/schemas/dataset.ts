import { z } from "zod";
import { pathIdPattern, pathIdRule } from "@/lib/shared/path-ids";

export const datasetTypes = ["raw", "derived"] as const;

/** The largest size a JSON number carries exactly (9 PB); larger sizes are sent as strings. */
const maxBigint = 2n ** 63n - 1n;

/**
 * Dates from instruments must say their zone: a dataset is timed by the acquisition computer, whose
 * clock zone we cannot guess (unlike a form, where zone-less text is beamline time).
 */
const isoDateTime = (what: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${what}: an ISO 8601 date and time with a zone, e.g. 2026-03-01T08:00:00Z or 2026-03-01T09:00:00+01:00`,
    })
    .transform((text) => new Date(text));

/** Bytes, as a JSON number or a string of digits (for sizes beyond 2^53); stored as BigInt. */
const byteCount = z
  .union(
    [
      z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      z.string().regex(/^\d{1,19}$/, "size: a whole number of bytes"),
    ],
    { error: "size: a whole number of bytes (a number, or a string of digits)" },
  )
  .transform((value) => BigInt(value))
  .refine((value) => value <= maxBigint, "size: too large");

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const required = (what: string, max: number) => text(max).min(1, `${what} is required`);

const techniqueSchema = z.object({
  name: required("The technique's name", 200),
  /** e.g. a PaNET term: http://purl.org/pan-science/PaNET/PaNET01104 */
  pid: text(500).optional(),
});

/** Free-form JSON object (SciCat `scientificMetadata`), stored as jsonb and returned unchanged. */
const scientificMetadataSchema = z.record(z.string().min(1, "Metadata keys must not be empty").max(200), z.json());

const pidSchema = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .min(1, `${what} is required`)
    .max(200, `${what}: at most 200 characters`)
    .regex(pathIdPattern, `${what}: ${pathIdRule}`);

const textList = (what: string, max: number, items: number) => z.array(required(what, max)).max(items);

/**
 * SciCat Dataset fields this registry keeps for SciCat's clients but has no use of its own for:
 * stored together (the `sciCatFields` column) and returned as sent.
 */
export const sciCatOnlyDatasetFields = {
  classification: text(500).nullish(),
  comment: text(10_000).nullish(),
  dataQualityMetrics: z.number().nullish(),
  runNumber: text(200).nullish(),
  ownerEmail: z.email("ownerEmail: not an email address").max(320).nullish(),
  orcidOfOwner: text(200).nullish(),
  validationStatus: text(500).nullish(),
  instrumentGroup: text(200).nullish(),
  sharedWith: textList("A sharedWith entry", 320, 100).optional(),
  relationships: z
    .array(z.object({ pid: pidSchema("relationships.pid"), relationship: required("relationships.relationship", 200) }))
    .max(100)
    .optional(),
  scientificMetadataSchema: text(2000).nullish(),
  scientificMetadataValid: z.boolean().nullish(),
};
export type SciCatOnlyDatasetField = keyof typeof sciCatOnlyDatasetFields;

/**
 * The fields of a dataset (SciCat Dataset), without defaults, so that an update sees exactly what
 * was sent. `sampleId` is our specimenId (SciCat's name for it); `proposalId` defaults to the
 * sample's proposal and must match it when both are given; `instrumentId` is an Instrument pid.
 */
const datasetFields = {
  pid: pidSchema("pid"),
  datasetName: required("datasetName", 500),
  description: text(10_000).nullish(),
  type: z.enum(datasetTypes, { error: `type: one of ${datasetTypes.join(", ")}` }),
  sourceFolder: required("sourceFolder", 2000),
  sourceFolderHost: text(500).nullish(),
  size: byteCount,
  numberOfFiles: z.number().int().min(0).max(2_147_483_647),
  creationTime: isoDateTime("creationTime"),
  startTime: isoDateTime("startTime").nullish(),
  endTime: isoDateTime("endTime").nullish(),
  owner: required("owner", 200),
  ownerGroup: required("ownerGroup", 200),
  accessGroups: textList("An access group", 200, 100),
  contactEmail: z.email("contactEmail: not an email address").max(320),
  keywords: textList("A keyword", 200, 200),
  techniques: z.array(techniqueSchema).max(50),
  scientificMetadata: scientificMetadataSchema,
  principalInvestigators: textList("A principal investigator", 200, 50),
  creationLocation: text(500).nullish(),
  dataFormat: text(200).nullish(),
  license: text(500).nullish(),
  inputDatasets: z.array(pidSchema("An input dataset's pid")).max(1000),
  usedSoftware: textList("A usedSoftware entry", 1000, 100),
  jobParameters: z.record(z.string(), z.json()).nullish(),
  jobLogData: text(1_000_000).nullish(),
  ...sciCatOnlyDatasetFields,
  sampleId: required("sampleId", 200),
  proposalId: required("proposalId", 200),
  instrumentId: required("instrumentId", 200),
};

const timesInOrder = (dataset: { startTime?: Date | null; endTime?: Date | null }) =>
  !dataset.startTime || !dataset.endTime || dataset.endTime >= dataset.startTime;
const timesMessage = { message: "endTime must not be before startTime", path: ["endTime"] };

/**
 * A dataset as an instrument registers it (POST /api/v1/datasets). Left out: `pid`
 * `<SCICAT_PID_PREFIX>/<uuid>`, `type` raw, `size` and `numberOfFiles` 0, `creationTime` now;
 * `owner`, `ownerGroup`, `accessGroups` and `contactEmail` from the proposal; `instrumentId` the
 * token's instrument. A dataset names its sample, its proposal, or neither: then `ownerGroup`
 * decides who sees it, as in SciCat. A derived dataset lists its `inputDatasets` and `usedSoftware`.
 */
export const datasetSchema = z
  .object({
    ...datasetFields,
    pid: datasetFields.pid.optional(),
    type: datasetFields.type.default("raw"),
    size: byteCount.prefault(0),
    numberOfFiles: datasetFields.numberOfFiles.default(0),
    creationTime: datasetFields.creationTime.optional(),
    owner: datasetFields.owner.optional(),
    ownerGroup: datasetFields.ownerGroup.optional(),
    accessGroups: datasetFields.accessGroups.optional(),
    contactEmail: datasetFields.contactEmail.optional(),
    keywords: datasetFields.keywords.default([]),
    techniques: datasetFields.techniques.default([]),
    scientificMetadata: scientificMetadataSchema.default({}),
    principalInvestigators: datasetFields.principalInvestigators.default([]),
    inputDatasets: datasetFields.inputDatasets.optional(),
    usedSoftware: datasetFields.usedSoftware.optional(),
    sampleId: datasetFields.sampleId.optional(),
    proposalId: datasetFields.proposalId.optional(),
    instrumentId: datasetFields.instrumentId.nullish(),
  })
  .refine(timesInOrder, timesMessage)
  .refine((dataset) => dataset.type !== "derived" || dataset.inputDatasets !== undefined, {
    message: "A derived dataset lists the pids of the datasets it was computed from",
    path: ["inputDatasets"],
  })
  .refine((dataset) => dataset.type !== "derived" || dataset.usedSoftware !== undefined, {
    message: "A derived dataset names the software that computed it (usedSoftware)",
    path: ["usedSoftware"],
  });

/**
 * A change to a dataset (PATCH /api/v1/datasets/{pid}): any field but `pid`; fields left out stay.
 * `null` clears an optional field. On /api/v1 `scientificMetadata` is merged one level deep: each
 * top-level key sent replaces that key, `null` as a key's value removes it, keys not sent stay; so
 * Concert can add the end-of-acquisition values without resending the start-of-acquisition ones.
 * SciCat's API replaces it whole, as SciCat does.
 */
export const datasetUpdateSchema = z
  .object({ ...datasetFields, instrumentId: datasetFields.instrumentId.nullable() })
  .omit({ pid: true })
  .partial()
  .refine(timesInOrder, timesMessage);

export const dataFileSchema = z.object({
  path: required("path", 4000),
  size: byteCount,
  time: isoDateTime("time").optional(),
  chk: text(500).optional(),
  uid: text(100).optional(),
  gid: text(100).optional(),
  perm: text(100).optional(),
});

/**
 * SciCat OrigDatablock: the raw files of a dataset. `size` defaults to the sum of the files'.
 */
export const origDatablockSchema = z.object({
  size: byteCount.optional(),
  chkAlg: text(100).optional(),
  dataFileList: z.array(dataFileSchema).min(1, "dataFileList: list at least one file").max(100_000),
});

/** GET /api/v1/datasets query: filters and paging (limit ≤ 1000, default 100). */
export const datasetListQuerySchema = z.object({
  sampleId: z.string().trim().min(1).max(200).optional(),
  proposalId: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  skip: z.coerce.number().int().min(0).default(0),
});

export type DatasetInput = z.input<typeof datasetSchema>;
export type DatasetUpdateInput = z.input<typeof datasetUpdateSchema>;
export type OrigDatablockInput = z.input<typeof origDatablockSchema>;
export type DatasetListQuery = z.input<typeof datasetListQuerySchema>;
export type DatasetUpdateValues = z.output<typeof datasetUpdateSchema>;
