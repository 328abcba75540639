/**
 * What a column of a sample import can fill: a sample field, one metadata key, or nothing. Pure:
 * the import page's column choices and the server's mapping use the same list.
 */

/** The sample fields a column can fill, in the order the mapping offers them. */
export const sampleFields = [
  "specimenName",
  "specimenId",
  "trayId",
  "position",
  "qrCodeLabel",
  "description",
  "status",
] as const;

export type SampleField = (typeof sampleFields)[number];

/** Where a column goes: a sample field, one metadata key, or nowhere. */
export type ImportTarget = SampleField | `metadata.${string}` | "ignore";

/** Target per column header. */
export type ColumnMapping = Record<string, ImportTarget>;

/** The words the forms use for each field. */
export const sampleFieldLabels: Record<SampleField, string> = {
  specimenName: "Name",
  specimenId: "Specimen ID",
  trayId: "Tray",
  position: "Position",
  qrCodeLabel: "Label text",
  description: "Description",
  status: "Status",
};

export const metadataPrefix = "metadata.";

/** The key of a metadata target; its length and form are the sample schema's to check. */
export const metadataKeyOf = (target: string) => target.slice(metadataPrefix.length).trim();

export const isSampleField = (value: string): value is SampleField =>
  (sampleFields as readonly string[]).includes(value);

export function targetLabel(target: string): string {
  return isSampleField(target) ? sampleFieldLabels[target] : target;
}
