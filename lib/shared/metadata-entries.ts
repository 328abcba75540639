import type { Metadata } from "@/lib/schemas/common";

/**
 * The key/value editor's rows: free-form metadata typed by the person entering it, turned into the
 * JSON object the schemas store (and back, for editing).
 */
export const metadataTypes = ["text", "number", "boolean", "json"] as const;
export type MetadataType = (typeof metadataTypes)[number];
export type MetadataEntry = { key: string; type: MetadataType; value: string };

type JsonValue = Metadata[string];

export function entriesFromMetadata(metadata: unknown): MetadataEntry[] {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return [];
  return Object.entries(metadata as Record<string, JsonValue>).map(([key, value]) => {
    if (typeof value === "number") return { key, type: "number", value: String(value) };
    if (typeof value === "boolean") return { key, type: "boolean", value: String(value) };
    if (typeof value === "string") return { key, type: "text", value };
    return { key, type: "json", value: JSON.stringify(value, null, 2) };
  });
}

/** The metadata object, or the problem of each bad row (by index). Rows without a key are skipped. */
export function metadataFromEntries(
  entries: MetadataEntry[],
): { metadata: Metadata } | { errors: Record<number, string> } {
  const metadata: Metadata = {};
  const errors: Record<number, string> = {};
  entries.forEach((entry, index) => {
    const key = entry.key.trim();
    if (!key) {
      if (entry.value.trim()) errors[index] = "Give this value a key";
      return;
    }
    if (key in metadata) {
      errors[index] = `The key "${key}" is used twice`;
      return;
    }
    const parsed = typed(entry);
    if ("error" in parsed) errors[index] = parsed.error;
    else metadata[key] = parsed.value;
  });
  return Object.keys(errors).length ? { errors } : { metadata };
}

function typed(entry: MetadataEntry): { value: JsonValue } | { error: string } {
  const text = entry.value.trim();
  switch (entry.type) {
    case "number": {
      const number = Number(text.replace(",", "."));
      return text !== "" && Number.isFinite(number) ? { value: number } : { error: `"${entry.value}" is not a number` };
    }
    case "boolean":
      return text === "true" || text === "false" ? { value: text === "true" } : { error: "Choose true or false" };
    case "json":
      try {
        return { value: JSON.parse(text) as JsonValue };
      } catch {
        return { error: "Not valid JSON" };
      }
    default:
      return { value: entry.value };
  }
}
