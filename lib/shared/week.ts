import { fromBeamlineLocal, toBeamlineLocal } from "./beamline-time";

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
