import "server-only";
import { z } from "zod";

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it), built by hand or generated from zod. */
export type JsonSchema = Record<string, unknown>;

/** A named schema of the document's components; the only kind of `$ref` the document holds. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * What String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), spelled out:
 * `\s` means less in other regular expression engines, and tools read the document with them
 * (schemathesis with Python's re.ASCII, where `\s` is ASCII only).
 */
const trimmedAway = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";

/**
 * A pattern for "at least `length` characters once trimmed": from the first character trim keeps
 * to the last. JSON Schema patterns search, so it needs no anchors.
 */
export const trimmedMinLengthPattern = (length: number) =>
  length === 1 ? `[^${trimmedAway}]` : `[^${trimmedAway}][\\s\\S]{${length - 2},}[^${trimmedAway}]`;

/**
 * A pattern with `\s` and `\S` spelled out as JavaScript reads them, so that every engine agrees
 * with the server on what it matches. (`\S` inside a character class stays: there it only ever
 * joins `\s` to mean any character.)
 */
export function portablePattern(pattern: string): string {
  let inClass = false;
  let portable = "";
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === "\\") {
      const escaped = pattern[++index];
      if (escaped === "s") portable += inClass ? trimmedAway : `[${trimmedAway}]`;
      else if (escaped === "S" && !inClass) portable += `[^${trimmedAway}]`;
      else portable += character + escaped;
      continue;
    }
    if (character === "[") inClass = true;
    else if (character === "]") inClass = false;
    portable += character;
  }
  return portable;
}

type CheckDef = { check: string; tx?: (value: string) => unknown };

/** Whether a zod string trims before it checks its minimum length, as `.trim().min(1)` does. */
function trimsBeforeMinLength(schema: z.core.$ZodType): boolean {
  const checks = ((schema._zod.def as { checks?: { _zod: { def: CheckDef } }[] }).checks ?? []).map(
    (check) => check._zod.def,
  );
  // `.trim()` is an overwrite check like `.toLowerCase()`; only its function tells them apart.
  const trim = checks.findIndex((def) => def.check === "overwrite" && def.tx?.(" x ") === "x");
  const minimum = checks.findIndex((def) => def.check === "min_length");
  return trim !== -1 && minimum > trim;
}

/**
 * What zod's JSON Schema of a string leaves unsaid or says in JavaScript's dialect only: patterns
 * become portable, and `.trim()`, which does not show (so "  " meets `minLength: 1` and is then
 * refused as ""), becomes a pattern, unless the string has one, which then rules out the spaces.
 */
function stateStringRules(context: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }) {
  const { jsonSchema } = context;
  if (typeof jsonSchema.pattern === "string") jsonSchema.pattern = portablePattern(jsonSchema.pattern);
  const minLength = typeof jsonSchema.minLength === "number" ? jsonSchema.minLength : 0;
  if (jsonSchema.type !== "string" || minLength < 1 || jsonSchema.pattern !== undefined) return;
  if (trimsBeforeMinLength(context.zodSchema)) jsonSchema.pattern = trimmedMinLengthPattern(minLength);
}

type Generated = JsonSchema & { $defs?: Record<string, JsonSchema> };

/** A schema's text, with its references to itself written `#`, as zod writes a schema of its own. */
function shapeOf(schema: JsonSchema, name?: string): string {
  const { $schema: _dialect, ...rest } = schema;
  const text = JSON.stringify(rest);
  return name === undefined ? text : text.replaceAll(JSON.stringify(`#/$defs/${name}`), '"#"');
}

/**
 * JSON Schemas of what clients send, from the zod schemas the API parses with. zod writes a schema
 * it meets again inside itself (the recursive `z.json()` of scientificMetadata) once, in `$defs`,
 * as `#/$defs/__schema0`: in an OpenAPI document that points at the document's root, where nothing
 * is. Each becomes a component of its own here, one per shape, so the same JSON value schema of two
 * request bodies is one `JsonValue`.
 */
export class GeneratedSchemas {
  /** The components the generated schemas refer to, for the document's `components.schemas`. */
  readonly components: Record<string, JsonSchema> = {};
  private readonly names = new Map([[shapeOf(z.toJSONSchema(z.json())), "JsonValue"]]);

  /** As clients send it (`io: "input"`): fields with defaults optional, sizes a number or digits. */
  input(schema: z.ZodType): JsonSchema {
    const generated = z.toJSONSchema(schema, {
      io: "input",
      unrepresentable: "any",
      override: stateStringRules,
    }) as Generated;
    const { $schema: _dialect, $defs = {}, ...rest } = generated;
    const names = new Map(Object.entries($defs).map(([name, def]) => [name, this.nameOf(shapeOf(def, name))]));
    const resolve = (value: JsonSchema): JsonSchema =>
      JSON.parse(
        JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_match, name: string) =>
          JSON.stringify(ref(names.get(name) ?? name).$ref),
        ),
      ) as JsonSchema;
    for (const [name, def] of Object.entries($defs)) this.components[names.get(name)!] ??= resolve(def);
    return resolve(rest);
  }

  private nameOf(shape: string): string {
    const known = this.names.get(shape);
    if (known) return known;
    const name = `Shared${this.names.size}`;
    this.names.set(shape, name);
    return name;
  }
}

/** Keywords that judge a value as it is sent, not the shape it has. */
const valueRules = new Set([
  "pattern",
  "format",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minimum",
  "maximum",
  "propertyNames",
  "default",
]);
const subschemaLists = new Set(["anyOf", "oneOf", "allOf"]);
const isSchema = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A request schema as a response schema: types, enums and fields, without the rules for what
 * clients send. A record is returned as it was stored, by the rules of its time or of /api/v3
 * (a dataset's contactEmail is "" when its proposal has none), not as it would be sent today.
 */
export function shapeOnly(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([keyword]) => !valueRules.has(keyword))
      .map(([keyword, value]) => {
        if (keyword === "properties" && isSchema(value))
          return [
            keyword,
            Object.fromEntries(
              Object.entries(value).map(([name, field]) => [name, isSchema(field) ? shapeOnly(field) : field]),
            ),
          ];
        if (subschemaLists.has(keyword) && Array.isArray(value))
          return [keyword, value.map((item) => (isSchema(item) ? shapeOnly(item) : item))];
        return [keyword, isSchema(value) && keyword !== "$defs" ? shapeOnly(value) : value];
      }),
  );
}
