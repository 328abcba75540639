import "server-only";
import { ValidationError } from "@/lib/shared/errors";
import {
  type ColumnMapping,
  type ImportTarget,
  isSampleField,
  metadataKeyOf,
  metadataPrefix,
  type SampleField,
  targetLabel,
} from "@/lib/shared/sample-import-columns";

/** Which sample field or metadata key each column of an import fills: suggested from the headers, chosen by the person. */

/** Headers as people write them, compared without case, spaces or punctuation. */
const headerSynonyms = new Map<string, SampleField>([
  ["name", "specimenName"],
  ["samplename", "specimenName"],
  ["specimenname", "specimenName"],
  ["id", "specimenId"],
  ["sampleid", "specimenId"],
  ["specimenid", "specimenId"],
  ["tray", "trayId"],
  ["trayid", "trayId"],
  ["position", "position"],
  ["pos", "position"],
  ["well", "position"],
  ["slot", "position"],
  ["label", "qrCodeLabel"],
  ["labeltext", "qrCodeLabel"],
  ["qrlabel", "qrCodeLabel"],
  ["qrcodelabel", "qrCodeLabel"],
  ["description", "description"],
  ["notes", "description"],
  ["comment", "description"],
  ["status", "status"],
]);

const metadataHeader = /^meta(?:data)?[.:]\s*(.+)$/i;

const normalizedHeader = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The metadata target a column offers: `metadata.x` for `meta:x`, else the header itself as key. */
export function metadataTargetFor(header: string): ImportTarget {
  return `${metadataPrefix}${header.trim().match(metadataHeader)?.[1].trim() ?? header.trim()}`;
}

/**
 * A target for each header. Unknown headers are ignored rather than stored as metadata, so nothing
 * lands in the registry that the person did not choose; the first of two headers for the same
 * target wins.
 */
export function suggestMapping(headers: string[]): ColumnMapping {
  // A Map, then an object with own properties: a header such as __proto__ stays a plain key.
  const mapping = new Map<string, ImportTarget>();
  const used = new Set<ImportTarget>();
  for (const header of headers) {
    const target: ImportTarget | undefined = metadataHeader.test(header.trim())
      ? metadataTargetFor(header)
      : headerSynonyms.get(normalizedHeader(header));
    mapping.set(header, target && !used.has(target) ? target : "ignore");
    if (target) used.add(target);
  }
  return Object.fromEntries(mapping);
}

/**
 * The chosen mapping (from the browser, so untrusted) completed with suggestions for headers it
 * does not mention, e.g. after the pasted text changed. A target used twice is refused.
 */
export function resolveMapping(headers: string[], chosen: ColumnMapping | undefined): ColumnMapping {
  const errors: Record<string, string[]> = {};
  const mapping = new Map<string, ImportTarget>();
  const claimedBy = new Map<string, string>();
  const claim = (header: string, target: ImportTarget) => {
    const holder = claimedBy.get(target);
    if (holder) errors[`mapping.${header}`] = [`Column ${holder} already goes to ${targetLabel(target)}`];
    else claimedBy.set(target, header);
    mapping.set(header, target);
  };
  const given = headers.filter((header) => typeof chosen === "object" && chosen && Object.hasOwn(chosen, header));
  for (const header of given) {
    const target: unknown = chosen?.[header];
    if (typeof target !== "string") errors[`mapping.${header}`] = ["Choose what this column is"];
    else if (target === "ignore") mapping.set(header, "ignore");
    else if (isSampleField(target)) claim(header, target);
    else if (target.startsWith(metadataPrefix) && metadataKeyOf(target))
      claim(header, `${metadataPrefix}${metadataKeyOf(target)}`);
    else errors[`mapping.${header}`] = [`Unknown target ${target.slice(0, 100)}`];
  }
  const suggested = suggestMapping(headers);
  for (const header of headers.filter((header) => !given.includes(header))) {
    const target = suggested[header];
    if (target === "ignore" || claimedBy.has(target)) mapping.set(header, "ignore");
    else claim(header, target);
  }
  if (Object.keys(errors).length) throw new ValidationError("The columns cannot be imported like this", errors);
  return Object.fromEntries(mapping);
}
