/**
 * Beamtimes are planned in the beamline's local time (Karlsruhe). Form fields without a time zone
 * (`<input type="datetime-local">`, "2026-12-01T08:00") mean that time zone, wherever the browser
 * or server is, so the same text always means the same instant.
 */
export const beamlineTimeZone = "Europe/Berlin";

const localPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

const parts = new Intl.DateTimeFormat("en-CA", {
  timeZone: beamlineTimeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function wallClock(date: Date) {
  const values = Object.fromEntries(parts.formatToParts(date).map((part) => [part.type, part.value]));
  return {
    year: +values.year,
    month: +values.month,
    day: +values.day,
    hour: +values.hour,
    minute: +values.minute,
    second: +values.second,
  };
}

/** Offset of the beamline's clock from UTC at that instant, in milliseconds. */
function offsetAt(date: Date): number {
  const c = wallClock(date);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(date.getTime() / 1000) * 1000;
}

/** The date and, when given, the clock time at the start of ISO 8601 text (with a zone or without). */
const isoStart = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/**
 * Whether the date and clock time that ISO text starts with exist: JavaScript's Date rolls
 * 2026-02-31 over to 3 March, and Date.UTC month 13 and hour 25 into the next year or day.
 * Text that does not start like ISO 8601 is not judged here.
 */
export function existsOnCalendar(text: string): boolean {
  const match = text.match(isoStart);
  if (!match) return true;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = match;
  const date = new Date(Date.UTC(+y, +mo - 1, +d));
  return (
    date.getUTCFullYear() === +y &&
    date.getUTCMonth() === +mo - 1 &&
    date.getUTCDate() === +d &&
    +h <= 23 &&
    +mi <= 59 &&
    +s <= 59
  );
}

/** "2026-12-01T08:00" (beamline time) → the instant; null when the text is no such date. */
export function fromBeamlineLocal(text: string): Date | null {
  const match = text.match(localPattern);
  if (!match || !existsOnCalendar(text)) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = match;
  const asUtc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  // Two passes settle the offset across daylight-saving changes.
  let instant = asUtc - offsetAt(new Date(asUtc));
  instant = asUtc - offsetAt(new Date(instant));
  return new Date(instant);
}

/** The instant as the value of a datetime-local field, in beamline time. */
export function toBeamlineLocal(date: Date | null | undefined): string {
  if (!date) return "";
  const c = wallClock(date);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/**
 * Dates from forms and APIs: ISO with zone as given, zone-less text as beamline time. A date or
 * time that does not exist (2026-02-31, month 13, hour 25) becomes an invalid Date, which the
 * schema reports as its field's error instead of storing the day it rolls over to.
 */
export function coerceBeamlineDate(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (!existsOnCalendar(text)) return new Date(Number.NaN);
  return (localPattern.test(text) ? fromBeamlineLocal(text) : null) ?? value;
}

/** Monday 00:00 to the next Monday 00:00 of the week containing `now`, in beamline time. */
export function beamlineWeek(now: Date = new Date()): { from: Date; to: Date } {
  const today = toBeamlineLocal(now).slice(0, 10);
  const [year, month, day] = today.split("-").map(Number);
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(year, month - 1, day - weekday));
  const nextMonday = new Date(Date.UTC(year, month - 1, day - weekday + 7));
  const local = (date: Date) => date.toISOString().slice(0, 10);
  return { from: fromBeamlineLocal(local(monday))!, to: fromBeamlineLocal(local(nextMonday))! };
}
