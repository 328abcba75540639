"use client";

import { Button } from "@/components/ui/Button";
import { Input } from "@/components/ui/Input";
import { countOf } from "@/lib/shared/format";
import type { RecordedScan } from "@/lib/scan/scan-result";

export type EventKindOption = { kind: string; label: string };

/** One line of the running batch list: what a scan recorded, or why it recorded nothing. */
export type BatchEntry = { key: number; recorded: RecordedScan; message: string } | { key: number; error: string };
type RecordedEntry = Extract<BatchEntry, { recorded: RecordedScan }>;

/** The newest entry that recorded something: what "Undo last scan" takes back (the list is newest first). */
export const lastRecorded = (entries: BatchEntry[]): RecordedEntry | undefined =>
  entries.find((entry): entry is RecordedEntry => "recorded" in entry);

/** Batch mode's controls: what happened, where, and the scans of this batch (newest first). */
export function BatchControls({
  kinds,
  kind,
  onKind,
  location,
  onLocation,
}: {
  kinds: EventKindOption[];
  kind: string;
  onKind: (kind: string) => void;
  location: string;
  onLocation: (location: string) => void;
}) {
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="mb-2 font-medium">What happened to each scanned item</legend>
        <div className="grid grid-cols-2 gap-2">
          {kinds.map((option) => (
            <label
              key={option.kind}
              className="has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 flex min-h-12 cursor-pointer items-center gap-2 rounded border border-slate-300 bg-white px-3 py-2"
            >
              <input
                type="radio"
                name="event-kind"
                value={option.kind}
                checked={kind === option.kind}
                onChange={() => onKind(option.kind)}
                className="h-5 w-5"
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Location (optional)</span>
        <Input
          value={location}
          onChange={(event) => onLocation(event.target.value)}
          maxLength={200}
          placeholder="e.g. UFO hutch, sample changer"
          className="min-h-12"
        />
      </label>
    </div>
  );
}

export function BatchList({ entries, onUndo, busy }: { entries: BatchEntry[]; onUndo: () => void; busy: boolean }) {
  const undoable = lastRecorded(entries) !== undefined;
  return (
    <section aria-labelledby="batch-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="batch-heading" className="text-lg font-semibold">
          This batch ({countOf(entries.filter((entry) => "recorded" in entry).length, "scan")})
        </h2>
        <Button size="touch" onClick={onUndo} disabled={!undoable || busy}>
          Undo last scan
        </Button>
      </div>
      {entries.length === 0 ? (
        <p className="mt-2 text-slate-600">Scan samples or trays; each scan is recorded at once.</p>
      ) : (
        <ol aria-label="Scans of this batch, newest first" className="mt-3 divide-y divide-slate-200">
          {entries.map((entry) =>
            "recorded" in entry ? (
              <li key={entry.key} className="py-2">
                <div className="font-medium">{entry.message}</div>
                {entry.recorded.trayId && (
                  <div className="text-sm text-slate-600">
                    Applied to every sample in the tray: {entry.recorded.events.map((e) => e.specimenId).join(", ")}
                  </div>
                )}
                {!entry.recorded.trayId && (
                  <div className="text-sm text-slate-600">
                    {entry.recorded.events[0].specimenName}: {entry.recorded.events[0].previousStatus.toLowerCase()} →{" "}
                    {entry.recorded.events[0].status.toLowerCase()}
                  </div>
                )}
              </li>
            ) : (
              <li key={entry.key} className="py-2 text-rose-800">
                Not recorded: {entry.error}
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}
