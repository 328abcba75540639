/** Display formatting shared by pages; pure functions, safe on server and client. */
import { beamlineTimeZone } from "./beamline-time";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: beamlineTimeZone });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: beamlineTimeZone,
});

const formatDate = (value: Date | null | undefined) => (value ? dateFormat.format(value) : "—");
export const formatDateTime = (value: Date | null | undefined) => (value ? dateTimeFormat.format(value) : "—");

export function formatDateRange(start: Date | null | undefined, end: Date | null | undefined): string {
  if (!start && !end) return "not scheduled";
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** A date as the API sends it: ISO 8601 in UTC, or null. */
export const isoOrNull = (date: Date | null | undefined) => date?.toISOString() ?? null;

const units = ["B", "kB", "MB", "GB", "TB", "PB"];

/** Decimal units, as storage systems and SciCat report sizes. */
export function formatBytes(bytes: bigint | number): string {
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** "1 sample", "2 samples", "1,234 rows": the count, then the noun with a plural "s" unless it is one. */
export const countOf = (count: number, noun: string) =>
  `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}`;

export function personName(first: string | null | undefined, last: string | null | undefined): string {
  return [first, last].filter(Boolean).join(" ") || "—";
}
