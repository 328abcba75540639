import "server-only";
/** The operations of /api/v1 and the pieces they are built from, for the OpenAPI document (./openapi.ts). */
import type { Scope } from "@/lib/schemas/api-token";
import {
  datasetListQuerySchema,
  datasetSchema,
  datasetUpdateSchema,
  origDatablockSchema,
  sciCatOnlyDatasetFields,
} from "@/lib/schemas/dataset";
import { sampleEventSchema } from "@/lib/schemas/sample-event";
import { humanIdPattern } from "@/lib/shared/human-ids";
import { maxJsonDepth } from "@/lib/shared/untrusted-input";
import { GeneratedSchemas, ref, shapeOnly, type JsonSchema } from "./openapi-schemas";

export const generated = new GeneratedSchemas();
export const requestBodies = {
  DatasetInput: generated.input(datasetSchema),
  DatasetUpdate: generated.input(datasetUpdateSchema),
  OrigDatablockInput: generated.input(origDatablockSchema),
  SampleEventInput: generated.input(sampleEventSchema),
};
/** The query of the dataset lists, as listDatasets parses it (a sample's list gets sampleId from its path). */
const listQuery = generated.input(datasetListQuerySchema).properties as Record<
  "sampleId" | "proposalId" | "limit" | "skip",
  JsonSchema
>;

export const json = (schema: JsonSchema) => ({ "application/json": { schema } });

export const errorStatuses = {
  400: `Malformed request: the body is not JSON or not UTF-8, the path is not valid URL encoding, JSON nests deeper than ${maxJsonDepth} levels, or a text or key holds what no field can store (a NUL character, a lone UTF-16 surrogate)`,
  401: "No session and no valid API token (Authorization: Bearer <token>)",
  403: "Signed in, but the role or the token's scope does not allow this",
  404: "No such record, or the caller may not see it (the two look the same)",
  409: "Conflicts with what is stored; `details` names the fields",
  413: "The body is larger than this route takes",
  422: "Invalid input; `details` holds the messages per field (dotted paths)",
  429: "Too many failed authentications from this client; try again after Retry-After seconds",
} as const;

type ErrorStatus = keyof typeof errorStatuses;

export type Operation = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  description?: string;
  /** Who may call it, in words; the scopes a token needs, all of them (none: any signed-in caller or token). */
  scope?: Scope | readonly Scope[];
  public?: boolean;
  /** A function when a parameter's schema depends on where the app runs (its public URL). */
  parameters?: JsonSchema[] | ((appUrl: string) => JsonSchema[]);
  body?: JsonSchema;
  /** JSON unless a `mediaType` says otherwise (a file download). */
  responses: Record<number, { description: string; schema?: JsonSchema; mediaType?: string }>;
  /** Besides those every request may get (`commonErrors`). */
  errors: Exclude<ErrorStatus, 400 | 413 | 429>[];
};

const pathParam = (name: string, description: string, schema: JsonSchema = { type: "string" }) => ({
  name,
  in: "path",
  required: true,
  description,
  schema,
});
const queryParam = (name: string, description: string, schema: JsonSchema = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const paging = [
  queryParam("limit", "At most this many (1–1000, default 100)", listQuery.limit),
  queryParam("skip", "Skip this many first (default 0)", listQuery.skip),
];
const pidParam = pathParam(
  "pid",
  'The dataset\'s pid, URL-encoded: a "/" is sent as %2F (demo%2F2026-0042%2Fscan_0001)',
  (requestBodies.DatasetInput.properties as Record<string, JsonSchema>).pid,
);
const proposalIdParam = pathParam("proposalId", "The proposal's ID, e.g. 2026-0042");

/**
 * The codes /resolve and sample events take (lib/scan/scan-target.ts): a bare sample or tray ID,
 * or this app's label link to one. Other text and other sites' links are refused (422), so the
 * pattern names the app's URL; it leaves out what the scanner forgives (surrounding spaces,
 * percent-encoded IDs).
 */
export function scanCodeSchema(appUrl: string): JsonSchema {
  const id = humanIdPattern.source.replace(/^\^|\$$/g, "");
  const app = appUrl.replace(/\/+$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return { type: "string", pattern: `^(?:${id}|${app}/[st]/${id}/?)$` };
}
const anyObject = { type: "object", additionalProperties: true };
/**
 * What the input layer (proxy.ts, lib/http/request.ts) answers before any route runs: 400 for
 * malformed input, 413 for a body too large, and 429 once a client's failed token checks are throttled.
 */
export const commonErrors = (operation: Operation): ErrorStatus[] => [
  400,
  ...(operation.body ? [413 as const] : []),
  ...(operation.public ? [] : [429 as const]),
];
export const scopesOf = (operation: Pick<Operation, "scope">): readonly Scope[] =>
  operation.scope === undefined ? [] : typeof operation.scope === "string" ? [operation.scope] : operation.scope;

export const operations: Operation[] = [
  {
    method: "get",
    path: "/whoami",
    summary: "Who the API thinks you are",
    description: "Lets an instrument check its token (name, scopes) before a beamtime.",
    responses: { 200: { description: "The caller", schema: anyObject } },
    errors: [401],
  },
  {
    method: "post",
    path: "/datasets",
    summary: "Register a dataset (idempotent on pid)",
    description:
      "Staff, admins and tokens with datasets:write. Sending the same dataset again returns the stored one with 200 and writes nothing; fields left out are not compared. The same pid with different content is 409, naming the differing fields. `proposalId` defaults to the sample's proposal; owner, ownerGroup, accessGroups and contactEmail default to the proposal's; instrumentId to the token's instrument.",
    scope: "datasets:write",
    body: ref("DatasetInput"),
    responses: {
      201: { description: "Registered", schema: ref("Dataset") },
      200: { description: "Already registered with this content; nothing written", schema: ref("Dataset") },
    },
    errors: [401, 403, 409, 422],
  },
  {
    method: "get",
    path: "/datasets",
    summary: "List datasets the caller may read, newest first",
    scope: "datasets:read",
    parameters: [
      queryParam("sampleId", "Only this sample's (404 if the sample is unknown or not yours)", listQuery.sampleId),
      queryParam("proposalId", "Only this proposal's (404 if unknown or not yours)", listQuery.proposalId),
      ...paging,
    ],
    responses: { 200: { description: "A page of datasets", schema: ref("DatasetList") } },
    errors: [401, 403, 404, 422],
  },
  {
    method: "get",
    path: "/datasets/{pid}",
    summary: "One dataset",
    description: "Members of its proposal, staff, admins, tokens with datasets:read.",
    scope: "datasets:read",
    parameters: [pidParam],
    responses: { 200: { description: "The dataset", schema: ref("Dataset") } },
    errors: [401, 403, 404],
  },
  {
    method: "patch",
    path: "/datasets/{pid}",
    summary: "Change a dataset (e.g. at the end of an acquisition)",
    description:
      "Fields left out stay; null clears an optional field. scientificMetadata is merged one level deep: each top-level key sent replaces that key, a key sent as null is removed, other keys stay.",
    scope: "datasets:write",
    parameters: [pidParam],
    body: ref("DatasetUpdate"),
    responses: { 200: { description: "The changed dataset", schema: ref("Dataset") } },
    errors: [401, 403, 404, 422],
  },
  {
    method: "post",
    path: "/datasets/{pid}/origdatablocks",
    summary: "Add the dataset's raw files (SciCat OrigDatablock)",
    description: "A dataset whose size or numberOfFiles is still 0 takes them from the datablock.",
    scope: "datasets:write",
    parameters: [pidParam],
    body: ref("OrigDatablockInput"),
    responses: { 201: { description: "Added", schema: anyObject } },
    errors: [401, 403, 404, 422],
  },
  ...(["proposal", "sample", "dataset"] as const).map((record): Operation => ({
    method: "get",
    path:
      { proposal: "/proposals/{proposalId}", sample: "/samples/{specimenId}", dataset: "/datasets/{pid}" }[record] +
      "/publication",
    summary: `Where the ${record} stands on its way to SciCat`,
    description:
      "Whoever may read the record. `enabled: false` when this server publishes nowhere; else whether its proposal is published (`publishing`), when it was last published with a link (`published`), what is queued or failing with the error and the next try (`queued`), and SciCat's message if SciCat refused it (`rejected`).",
    scope: ({ proposal: "proposals:read", sample: "samples:read", dataset: "datasets:read" } as const)[record],
    parameters: [
      record === "dataset"
        ? pidParam
        : record === "proposal"
          ? proposalIdParam
          : pathParam("specimenId", "The sample's ID, e.g. S-4F7KMQ"),
    ],
    responses: { 200: { description: "The publication state", schema: anyObject } },
    errors: [401, 403, 404],
  })),
  {
    method: "get",
    path: "/publications",
    summary: "Staff: the SciCat publication queue",
    description:
      "The SciCat target, how many changes are queued, failing and refused, how many records are published, and each failed change with its error and next try. Users with the staff role (not tokens).",
    responses: { 200: { description: "The queue", schema: anyObject } },
    errors: [401, 403],
  },
  {
    method: "get",
    path: "/samples/{specimenId}",
    summary: "A sample with its proposal, tray position, datasets and recent events",
    scope: "samples:read",
    parameters: [pathParam("specimenId", "The sample's ID (SciCat sampleId), as on its label")],
    responses: { 200: { description: "The sample", schema: anyObject } },
    errors: [401, 403, 404],
  },
  {
    method: "get",
    path: "/samples/{specimenId}/datasets",
    summary: "The datasets of one sample, newest first",
    scope: "datasets:read",
    parameters: [pathParam("specimenId", "The sample's ID", listQuery.sampleId), ...paging],
    responses: { 200: { description: "A page of datasets", schema: ref("DatasetList") } },
    errors: [401, 403, 404, 422],
  },
  {
    method: "get",
    path: "/proposals",
    summary: "Proposals the caller may read, soonest beamtime first",
    scope: "proposals:read",
    responses: { 200: { description: "{ proposals: [...] }", schema: anyObject } },
    errors: [401, 403],
  },
  {
    method: "get",
    path: "/proposals/{proposalId}",
    summary: "One proposal with its periods, members, trays, samples and datasets",
    scope: "proposals:read",
    parameters: [proposalIdParam],
    responses: { 200: { description: "The proposal", schema: anyObject } },
    errors: [401, 403, 404],
  },
  {
    method: "get",
    path: "/proposals/{proposalId}/export.eln",
    summary: "The proposal with its trays, samples and datasets as an .eln file (ELN Consortium, RO-Crate 1.1)",
    description:
      "A ZIP with one folder holding ro-crate-metadata.json and a folder per record: its JSON and its attachments as image files. The datasets' files stay at the beamline: they are listed (path, size, time, checksum), not included. SampleDB, eLabFTW and Kadi4Mat import .eln files.",
    scope: ["proposals:read", "samples:read", "datasets:read"],
    parameters: [proposalIdParam],
    responses: {
      200: {
        description: "The .eln file, as an attachment named <proposalId>.eln",
        mediaType: "application/vnd.eln+zip",
        schema: { type: "string", contentMediaType: "application/vnd.eln+zip" },
      },
    },
    errors: [401, 403, 404],
  },
  {
    method: "get",
    path: "/trays/{trayId}",
    summary: "A tray with its samples by position",
    scope: "samples:read",
    parameters: [pathParam("trayId", "The tray's ID, as on its label")],
    responses: { 200: { description: "The tray", schema: anyObject } },
    errors: [401, 403, 404],
  },
  {
    method: "get",
    path: "/resolve",
    summary: "What a scanned code is: a sample or a tray",
    description:
      "A QR payload (this app's /s/… or /t/… URL) or a bare ID. Someone who is not a member learns only that the code exists (403).",
    scope: "samples:read",
    parameters: (appUrl) => [
      { ...queryParam("code", "The scanned or typed text", scanCodeSchema(appUrl)), required: true },
    ],
    responses: { 200: { description: "The scan result", schema: anyObject } },
    errors: [401, 403, 404, 422],
  },
  {
    method: "get",
    path: "/resolve/suggestions",
    summary: "Sample and tray IDs the caller may see matching a prefix (manual entry)",
    scope: "samples:read",
    parameters: [queryParam("q", "What was typed so far")],
    responses: { 200: { description: "{ suggestions: [...] }", schema: anyObject } },
    errors: [401, 403],
  },
  {
    method: "post",
    path: "/sample-events",
    summary: "Record a tracking event (received, mounted, measured, returned) for a sample or every sample of a tray",
    scope: "events:write",
    body: ref("SampleEventInput"),
    responses: { 201: { description: "Recorded", schema: anyObject } },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: "delete",
    path: "/sample-events/{eventId}",
    summary: "Undo a tracking event (the newest of its sample), restoring the previous status",
    scope: "events:write",
    parameters: [pathParam("eventId", "The event's id, as returned when it was recorded")],
    responses: { 200: { description: "{ undone: [...] }", schema: anyObject } },
    errors: [401, 403, 404, 409],
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    public: true,
    responses: { 200: { description: "OpenAPI 3.1", schema: anyObject } },
    errors: [],
  },
];

const datasetOutputProperties: JsonSchema = {
  ...(shapeOnly(requestBodies.DatasetInput).properties as JsonSchema),
  size: {
    anyOf: [
      { type: "integer", minimum: 0 },
      { type: "string", pattern: "^\\d+$" },
    ],
    description: "Bytes; a string of digits beyond 2^53",
  },
  creationTime: { type: "string", format: "date-time" },
  startTime: { type: ["string", "null"], format: "date-time" },
  endTime: { type: ["string", "null"], format: "date-time" },
  proposalId: { type: ["string", "null"] },
  sampleId: { type: ["string", "null"] },
  instrumentId: { type: ["string", "null"] },
  createdBy: { type: "string" },
  createdAt: { type: "string", format: "date-time" },
  updatedAt: { type: "string", format: "date-time" },
};
export const datasetOutput: JsonSchema = {
  type: "object",
  description: "A dataset as the API returns it: SciCat names, human IDs for sample, proposal and instrument.",
  properties: datasetOutputProperties,
  // lib/datasets/api-json.ts writes every field, null when empty; SciCat's extra fields only when stored.
  required: Object.keys(datasetOutputProperties).filter((field) => !(field in sciCatOnlyDatasetFields)),
};
