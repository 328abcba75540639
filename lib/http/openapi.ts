import "server-only";
import { scopeDescriptions } from "@/lib/schemas/api-token";
import { ref, type JsonSchema } from "./openapi-schemas";
import {
  commonErrors,
  datasetOutput,
  errorStatuses,
  generated,
  json,
  operations,
  requestBodies,
  scanCodeSchema,
  scopesOf,
} from "./openapi-operations";
/** The API's OpenAPI 3.1 document; request bodies are generated from the same zod schemas the API parses with. */
export function openApiDocument(appUrl: string, serverUrl = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { [response.mediaType ?? "application/json"]: { schema: response.schema } } }
          : {}),
      };
    }
    for (const status of [...commonErrors(operation), ...operation.errors]) {
      responses[status] = { description: errorStatuses[status], content: json(ref("Error")) };
    }
    const scopes = scopesOf(operation);
    const who = operation.public
      ? "Public."
      : scopes.length
        ? `API tokens need the ${scopes.join(", ")} scope${scopes.length > 1 ? "s" : ""} (${scopes.map((scope) => scopeDescriptions[scope]).join("; ")}).`
        : "Any signed-in user or valid API token.";
    (paths[operation.path] ??= {})[operation.method] = {
      summary: operation.summary,
      description: [operation.description, who].filter(Boolean).join("\n\n"),
      operationId: `${operation.method}${operation.path.replace(/[^A-Za-z]+(\w)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
      ...(operation.public ? { security: [] } : {}),
      ...(operation.parameters
        ? {
            parameters:
              typeof operation.parameters === "function" ? operation.parameters(appUrl) : operation.parameters,
          }
        : {}),
      ...(operation.body ? { requestBody: { required: true, content: json(operation.body) } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Beamtime Sample Registry API",
      version: "1",
      description:
        "For beamline software (Concert) and other clients: read proposals, trays and samples, resolve scanned codes, record sample events, and register datasets (idempotent on pid). Errors are JSON { error, details }.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: `An API token from /admin/tokens. Scopes: ${Object.entries(scopeDescriptions)
            .map(([scope, text]) => `${scope} (${text})`)
            .join("; ")}.`,
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: { type: "string", description: "What went wrong, for people" },
            details: {
              description: "For 409 and 422: messages per field, keyed by dotted path",
              type: "object",
              additionalProperties: { type: "array", items: { type: "string" } },
            },
          },
        },
        ...requestBodies,
        SampleEventInput: {
          ...requestBodies.SampleEventInput,
          properties: { ...(requestBodies.SampleEventInput.properties as JsonSchema), code: scanCodeSchema(appUrl) },
        },
        Dataset: datasetOutput,
        DatasetList: {
          type: "object",
          properties: {
            datasets: { type: "array", items: ref("Dataset") },
            total: { type: "integer" },
            limit: { type: "integer" },
            skip: { type: "integer" },
          },
        },
        ...generated.components,
      },
    },
  };
}

/** The routes and scopes the human docs page shows. */
export const apiOperations = operations.map(({ method, path, summary, scope, public: isPublic }) => ({
  method: method.toUpperCase(),
  path: `/api/v1${path}`,
  summary,
  scope: isPublic ? null : scopesOf({ scope }).join(" + ") || null,
  isPublic: Boolean(isPublic),
}));
