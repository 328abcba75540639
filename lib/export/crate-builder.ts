import "server-only";
import { createHash } from "node:crypto";

/**
 * The pieces of an RO-Crate 1.1 metadata graph as the ELN file format uses them: entities keyed by
 * `@id` (flattened JSON-LD), the files written next to ro-crate-metadata.json, people, and
 * free-form metadata as PropertyValues. Graph and payload come out in the order they were added, so
 * the same records give the same file.
 */

export type Ref = { "@id": string };
export type Entity = { "@id": string; "@type": string } & { [property: string]: unknown };

/** A file written into the crate, at `path` below its root folder. */
type PayloadFile = { path: string; bytes: Uint8Array; mtime: Date; compress: boolean };

const ref = (id: string): Ref => ({ "@id": id });

/** The references that are there, each once. */
export const refs = (list: (Ref | undefined)[]): Ref[] => [
  ...new Map(list.filter((item) => item !== undefined).map((item) => [item["@id"], item])).values(),
];

/** A record's free-form metadata beyond this many leaves stays in its JSON file only. */
const maxPropertyValues = 1000;

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * Properties as RO-Crate 1.1 compacts them: a list of one is its value, and (as the ELN Consortium's
 * checks warn about empty values) a property without a value is left out. `hasPart` stays a list:
 * the .eln format's schema says so.
 */
function compact(entity: Entity): Entity {
  const properties = Object.entries(entity)
    .filter(([, value]) => !isEmpty(value))
    .map(([name, value]) => [
      name,
      Array.isArray(value) && value.length === 1 && name !== "hasPart" ? value[0] : value,
    ]);
  return Object.fromEntries(properties) as Entity;
}

type Primitive = string | number | boolean;
const isPrimitive = (value: unknown): value is Primitive =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";

type Leaf = { propertyID: string; value: Primitive; unitText?: string };

/**
 * Nested metadata as the ELN format flattens it: one leaf per value, keys joined with "." (arrays
 * by index); a SciCat quantity `{ value, unit }` is one leaf with its unit.
 */
function leaves(value: unknown, key: string, out: Leaf[]): void {
  if (out.length >= maxPropertyValues || isEmpty(value)) return;
  const join = (child: string) => (key ? `${key}.${child}` : child);
  if (isPrimitive(value)) {
    out.push({ propertyID: key, value });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => leaves(item, join(String(index)), out));
  } else if (typeof value === "object") {
    const { value: quantity, unit, ...rest } = value as Record<string, unknown>;
    const isQuantity = isPrimitive(quantity) && typeof unit === "string";
    if (isQuantity) out.push({ propertyID: key, value: quantity, unitText: unit });
    const fields = isQuantity ? rest : (value as Record<string, unknown>);
    for (const [name, item] of Object.entries(fields)) leaves(item, join(name), out);
  }
}

/** A crate-relative path as a URI reference: each segment percent-encoded. */
export const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

/** File and folder names from IDs: anything but letters, digits and . _ - becomes "_". */
export function safeName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9._-]/g, "_");
  return !name || name.startsWith(".") ? `_${name}` : name;
}

/**
 * Folder names for `ids`, unique even where two IDs share a safe name or differ only in case (as
 * they would on the file systems of macOS and Windows); the first ID keeps the plain name.
 */
export function folderNames(ids: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    let name = safeName(id);
    for (let suffix = 2; taken.has(name.toLowerCase()); suffix += 1) name = `${safeName(id)}-${suffix}`;
    taken.add(name.toLowerCase());
    names.set(id, name);
  }
  return names;
}

export class CrateBuilder {
  private readonly entities = new Map<string, Entity>();
  readonly payload: PayloadFile[] = [];

  /**
   * Adds an entity; the first description of an `@id` (a person, a technique) is the one kept. Its
   * lists may still grow (a record's hasPart as its parts are added): they are compacted in graph().
   */
  add(entity: Entity): Ref {
    if (!this.entities.has(entity["@id"])) this.entities.set(entity["@id"], entity);
    return ref(entity["@id"]);
  }

  /** Writes a file into the crate and describes it as the ELN format asks (size as a string, sha256). */
  addFile(
    path: string,
    bytes: Uint8Array,
    properties: { encodingFormat: string; dateCreated: Date; dateModified: Date; [property: string]: unknown },
  ): Ref {
    const { dateCreated, dateModified, ...rest } = properties;
    this.payload.push({ path, bytes, mtime: dateModified, compress: !rest.encodingFormat.startsWith("image/") });
    return this.add({
      "@id": `./${encodePath(path)}`,
      "@type": "File",
      name: path.slice(path.lastIndexOf("/") + 1),
      contentSize: String(bytes.byteLength),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      dateCreated: dateCreated.toISOString(),
      dateModified: dateModified.toISOString(),
      ...rest,
    });
  }

  /** A person, known by email (else by name); undefined when neither is known. */
  person(name: string | null | undefined, email: string | null | undefined): Ref | undefined {
    const key = email || name;
    if (!key) return undefined;
    return this.add({ "@id": `#person/${encodeURIComponent(key)}`, "@type": "Person", name: name || email, email });
  }

  /** A record's free-form metadata as PropertyValues (ids below `#<record path>properties/`). */
  propertyValues(recordPath: string, fields: Record<string, unknown>): Ref[] {
    const out: Leaf[] = [];
    leaves(fields, "", out);
    return out.map((leaf) =>
      this.add({
        "@id": `#${recordPath}properties/${encodeURIComponent(leaf.propertyID)}`,
        "@type": "PropertyValue",
        ...leaf,
      }),
    );
  }

  graph(): Entity[] {
    return [...this.entities.values()].map(compact);
  }
}
