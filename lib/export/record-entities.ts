import "server-only";
import { type CrateBuilder, type Entity, type Ref, safeName } from "./crate-builder";
import type { ExportedAttachment } from "./eln-records";

/**
 * The registry's records as ELN "experiments": each a Dataset folder holding its JSON (the record as
 * the API shows it) and its attachments, parents listing children in `hasPart` and children naming
 * their parents in `isPartOf`.
 */

export type RecordFolder = { path: string; ref: Ref; entity: Entity; hasPart: Ref[] };

type RecordDates = { dateCreated: Date | string; dateModified: Date | string };
const iso = (date: Date | string) => (typeof date === "string" ? date : date.toISOString());

/** Adds a record's Dataset folder at `path` (ending in "/"); its parts are added as they are written. */
export function addRecord(
  crate: CrateBuilder,
  path: string,
  { dateCreated, dateModified, ...fields }: RecordDates & Record<string, unknown>,
): RecordFolder {
  const hasPart: Ref[] = [];
  const entity: Entity = {
    "@id": `./${path}`,
    "@type": "Dataset",
    ...fields,
    dateCreated: iso(dateCreated),
    dateModified: iso(dateModified),
    hasPart,
  };
  return { path, ref: crate.add(entity), entity, hasPart };
}

const jsonBytes = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

/** The record in full, as the registry's API returns it: what an ELN keeps as the record's data file. */
export function addRecordJson(
  crate: CrateBuilder,
  folder: RecordFolder,
  name: string,
  json: unknown,
  record: { createdAt: Date; updatedAt: Date },
): void {
  const file = crate.addFile(`${folder.path}${name}`, jsonBytes(json), {
    encodingFormat: "application/json",
    description: "The record as the Beamtime Sample Registry's API returns it",
    dateCreated: record.createdAt,
    dateModified: record.updatedAt,
  });
  folder.hasPart.push(file);
}

const dataUri = /^data:(image\/(png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

/** A thumbnail (a data URI in SciCat and here) as the image file it encodes, with its caption. */
export function addAttachment(crate: CrateBuilder, folder: RecordFolder, attachment: ExportedAttachment): void {
  const parts = dataUri.exec(attachment.thumbnail);
  // Stored thumbnails passed lib/schemas/attachment.ts; one that does not match is no image to write.
  if (!parts) return;
  const [, encodingFormat, type, base64] = parts;
  const path = `${folder.path}attachments/${safeName(attachment.id)}.${type === "jpeg" ? "jpg" : type}`;
  const file = crate.addFile(path, Buffer.from(base64, "base64"), {
    encodingFormat,
    description: attachment.caption,
    identifier: attachment.id,
    dateCreated: attachment.createdAt,
    dateModified: attachment.updatedAt,
  });
  folder.hasPart.push(file);
}

/** "start/end" (ISO 8601 interval), or the one end that is known. */
export function interval(start: Date | string | null, end: Date | string | null): string | undefined {
  const [from, to] = [start && iso(start), end && iso(end)];
  return from && to ? `${from}/${to}` : from || to || undefined;
}

/** `record` without the fields the graph already shows as schema.org properties. */
export function without<T extends object>(record: T, shown: readonly (keyof T)[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !shown.includes(key as keyof T)));
}
