import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/http/openapi";
import { portablePattern, shapeOnly, trimmedMinLengthPattern } from "@/lib/http/openapi-schemas";
import { datasetListQuerySchema } from "@/lib/schemas/dataset";
import { pathIdPattern } from "@/lib/shared/path-ids";
import { parseScannedCode } from "@/lib/shared/qr-payloads";

const appUrl = "https://samples.example.org";
const document = openApiDocument(appUrl);

type Schema = {
  type?: string | string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
};
type Parameter = { name: string; in: string; schema: Schema };

/** Every `$ref` in `value`, with where it sits. */
function refsOf(value: unknown, at = "#"): { at: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsOf(item, `${at}/${index}`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === "$ref" && typeof item === "string" ? [{ at, ref: item }] : refsOf(item, `${at}/${key}`),
  );
}

/** What a JSON pointer of the document (`#/components/schemas/Dataset`) points at, or undefined. */
function resolve(pointer: string): unknown {
  if (!pointer.startsWith("#/")) return undefined;
  return pointer
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>(
      (node, part) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      document,
    );
}

/** A query value as the document judges it: the few keywords the parameters use. */
function allows(schema: Schema, value: string): boolean {
  if (schema.type === "integer") {
    const number = Number(value);
    return (
      /^-?\d+$/.test(value) &&
      (schema.minimum === undefined || number >= schema.minimum) &&
      (schema.maximum === undefined || number <= schema.maximum)
    );
  }
  return (
    value.length >= (schema.minLength ?? 0) &&
    value.length <= (schema.maxLength ?? Infinity) &&
    (schema.pattern === undefined || new RegExp(schema.pattern, "u").test(value))
  );
}

const parameter = (path: string, name: string) => {
  const operation = (document.paths[path] as { get: { parameters: Parameter[] } }).get;
  const found = operation.parameters.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`${path} has no parameter ${name}`);
  return found.schema;
};

describe("the OpenAPI document", () => {
  it("holds only references that resolve in it (zod's $defs become components)", () => {
    const refs = refsOf(document);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter(({ ref }) => resolve(ref) === undefined)).toEqual([]);
    expect(JSON.stringify(document)).not.toContain("$defs");
    // The recursive JSON value of scientificMetadata and jobParameters, once.
    expect(Object.keys(document.components.schemas)).toContain("JsonValue");
  });

  it("documents the dataset list's query as listDatasets parses it: no blank IDs, skip within 2^53", () => {
    const query = (value: Record<string, string>) => datasetListQuerySchema.safeParse(value).success;
    for (const name of ["sampleId", "proposalId"] as const) {
      const schema = parameter("/datasets", name);
      for (const value of ["", " ", "\u3000\t", "\ufeff", "S-DEMO-01", " S-DEMO-01 ", "x".repeat(201)])
        expect(allows(schema, value), `${name}=${JSON.stringify(value)}`).toBe(query({ [name]: value }));
    }
    for (const name of ["limit", "skip"] as const) {
      const schema = parameter("/datasets", name);
      for (const value of ["-1", "0", "1", "1000", "1001", "9007199254740991", "9007199254740992"])
        expect(allows(schema, value), `${name}=${value}`).toBe(query({ [name]: value }));
    }
  });

  it("documents the scanned codes /resolve takes: no empty code, no other site's link", () => {
    const schema = parameter("/resolve", "code");
    const accepted = (code: string) => !["invalid", "foreign"].includes(parseScannedCode(code, appUrl).kind);
    for (const code of ["", " ", "S-4F7KMQ", `${appUrl}/s/S-4F7KMQ`, `${appUrl}/t/T-1/`, "https://evil.example/s/S-1"])
      if (allows(schema, code)) expect(accepted(code), code).toBe(true);
    expect(allows(schema, "S-4F7KMQ") && allows(schema, `${appUrl}/t/T-1`)).toBe(true);
    expect(allows(schema, "") || allows(schema, "https://evil.example/s/S-1")).toBe(false);
  });

  it("states a trimmed minimum length as a pattern that agrees with String.prototype.trim", () => {
    const blankInJavaScript = [" ", "\t\n\v\f\r", "\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"];
    for (const text of blankInJavaScript) expect(new RegExp(trimmedMinLengthPattern(1), "u").test(text)).toBe(false);
    for (const text of ["a", " a ", "\u001c", "\u0085"])
      expect(new RegExp(trimmedMinLengthPattern(1), "u").test(text), JSON.stringify(text)).toBe(text.trim() !== "");
    const two = new RegExp(trimmedMinLengthPattern(2), "u");
    for (const text of ["ab", " a\nb ", "a", " a "]) expect(two.test(text), text).toBe(text.trim().length >= 2);
  });

  it("spells out \\s in patterns, so engines other than JavaScript's (schemathesis: Python) read them alike", () => {
    const portable = portablePattern(pathIdPattern.source);
    expect(portable).not.toMatch(/\\s/);
    const pid = (document.paths["/datasets/{pid}"] as { get: { parameters: Parameter[] } }).get.parameters[0];
    expect(pid.schema.pattern).toBe(portable);
    const samples = [
      "demo/2026-0042/scan_0001",
      "a\u3000b",
      "a\ufeffb",
      "a\u00a0b",
      "a\u2028b",
      "a b",
      "a\u001cb",
      "a/../b",
      "ü/ß",
    ];
    for (const sample of samples)
      expect(new RegExp(portable, "u").test(sample), JSON.stringify(sample)).toBe(pathIdPattern.test(sample));
    expect(portablePattern("^\\S+\\s$")).toBe(`^[^${portablePattern("\\s").slice(1, -1)}]+${portablePattern("\\s")}$`);
  });

  it("describes responses by their shape: a stored dataset need not meet today's rules for sending one", () => {
    const schemas = document.components.schemas as unknown as Record<string, { properties: Record<string, Schema> }>;
    expect(schemas.DatasetInput.properties.contactEmail).toMatchObject({ format: "email" });
    expect(schemas.Dataset.properties.contactEmail).toEqual({ type: "string" });
    expect(shapeOnly({ type: "object", properties: { pattern: { type: "string", maxLength: 3 } } })).toEqual({
      type: "object",
      properties: { pattern: { type: "string" } },
    });
  });
});
