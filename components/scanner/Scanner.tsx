"use client";

import { useEffect, useRef, useState } from "react";
import { Notice } from "@/components/ui/Notice";
import { useAction } from "@/components/ui/useAction";
import { recordScanEventAction, undoScanEventAction } from "@/lib/scan/actions";
import type { ScanResult } from "@/lib/scan/scan-result";
import { BatchControls, type BatchEntry, BatchList, type EventKindOption, lastRecorded } from "./BatchPanel";
import { CameraScanner } from "./CameraScanner";
import { signalFailure, signalSuccess } from "./feedback";
import { ManualEntry } from "./ManualEntry";
import { ScanCard } from "./ScanCard";
import { useKeyboardWedge } from "./useKeyboardWedge";
import { createRepeatFilter } from "./wedge-buffer";

type Source = "camera" | "wedge" | "manual";

/** Exposed for bench/scan.ts and the e2e tests: from the running camera to the rendered result. */
export type ScanTiming = {
  code: string;
  source: Source;
  cameraStartedAt: number;
  decodedAt: number;
  renderedAt: number;
};
declare global {
  interface Window {
    __scanTimings?: ScanTiming[];
  }
}

type Outcome =
  | { status: "idle" }
  | { status: "loading"; code: string }
  | { status: "found"; result: ScanResult; code: string; source: Source; decodedAt: number }
  | { status: "failed"; message: string; code: string; source: Source; decodedAt: number };

export function Scanner({ canRecord, kinds }: { canRecord: boolean; kinds: EventKindOption[] }) {
  const [mode, setMode] = useState<"lookup" | "batch">("lookup");
  const [outcome, setOutcome] = useState<Outcome>({ status: "idle" });
  const [kind, setKind] = useState(kinds[0]?.kind ?? "");
  const [location, setLocation] = useState("");
  const [batch, setBatch] = useState<BatchEntry[]>([]);
  const [notice, setNotice] = useState("");
  const [repeats] = useState(createRepeatFilter);
  const cameraStartedAt = useRef(0);
  const request = useRef(0);
  const nextKey = useRef(1);

  useEffect(() => {
    if (outcome.status !== "found" && outcome.status !== "failed") return;
    (window.__scanTimings ??= []).push({
      code: outcome.code,
      source: outcome.source,
      cameraStartedAt: cameraStartedAt.current,
      decodedAt: outcome.decodedAt,
      renderedAt: performance.now(),
    });
  }, [outcome]);

  async function lookUp(code: string, source: Source, decodedAt: number) {
    const current = ++request.current;
    setOutcome({ status: "loading", code });
    let next: Outcome;
    try {
      const response = await fetch(`/api/v1/resolve?code=${encodeURIComponent(code)}`, { credentials: "same-origin" });
      const body = (await response.json()) as ScanResult | { error: string };
      next =
        response.ok && !("error" in body)
          ? { status: "found", result: body, code, source, decodedAt }
          : { status: "failed", message: "error" in body ? body.error : response.statusText, code, source, decodedAt };
    } catch {
      next = { status: "failed", message: "The registry did not answer; check the network.", code, source, decodedAt };
    }
    if (current !== request.current) return;
    if (next.status === "found") signalSuccess();
    else signalFailure();
    setOutcome(next);
  }

  // Scans in batch mode are recorded one after another, in the order they were made.
  const recording = useAction(recordScanEventAction, {
    onSuccess: (recorded, { message }) => {
      signalSuccess();
      setBatch((entries) => [{ key: nextKey.current++, recorded, message }, ...entries]);
      setNotice(message);
    },
    onError: ({ message }) => {
      signalFailure();
      setBatch((entries) => [{ key: nextKey.current++, error: message }, ...entries]);
      setNotice(`Not recorded: ${message}`);
    },
  });
  const undoing = useAction(undoScanEventAction, {
    onSuccess: (_undone, { args: [eventIds], message }) => {
      const undoneIds = new Set(eventIds);
      setBatch((entries) =>
        entries.filter((entry) => !("recorded" in entry && entry.recorded.events.some((e) => undoneIds.has(e.id)))),
      );
      setNotice(message);
    },
    onError: ({ message }) => setNotice(message),
  });

  function undoLast() {
    const last = lastRecorded(batch);
    if (last) undoing.run(last.recorded.events.map((event) => event.id));
  }

  function handle(text: string, source: Source, decodedAt = performance.now()) {
    const code = text.trim();
    if (!repeats.isNew(code, source, decodedAt)) return;
    if (mode === "batch") recording.run(code, kind, location);
    else void lookUp(code, source, decodedAt);
  }

  const wedge = useKeyboardWedge((text, pressedAt) => handle(text, "wedge", pressedAt));

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="space-y-5">
        {canRecord && (
          <fieldset>
            <legend className="mb-2 font-medium">Scan mode</legend>
            <div className="grid grid-cols-2 gap-2">
              {(
                [
                  ["lookup", "Look up"],
                  ["batch", "Record (batch)"],
                ] as const
              ).map(([value, label]) => (
                <label
                  key={value}
                  className="has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 flex min-h-12 cursor-pointer items-center gap-2 rounded border border-slate-300 bg-white px-3 py-2 font-medium"
                >
                  <input
                    type="radio"
                    name="scan-mode"
                    value={value}
                    checked={mode === value}
                    onChange={() => setMode(value)}
                    className="h-5 w-5"
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {mode === "batch" && (
          <BatchControls kinds={kinds} kind={kind} onKind={setKind} location={location} onLocation={setLocation} />
        )}
        <CameraScanner
          onCode={(text, decodedAt) => handle(text, "camera", decodedAt)}
          onStarted={(at) => {
            cameraStartedAt.current = at;
            repeats.reset();
          }}
        />
        <ManualEntry onCode={(text) => handle(text, "manual")} submitLabel={mode === "batch" ? "Record" : "Look up"} />
        <p className="text-sm text-slate-600">
          {wedge.listening
            ? "Handheld scanners work without clicking anywhere first: just scan."
            : "Loading the scanner…"}
        </p>
      </div>

      <div>
        <p role="status" aria-live="polite" className="sr-only">
          {mode === "batch"
            ? notice
            : outcome.status === "loading"
              ? `Looking up ${outcome.code}…`
              : outcome.status === "found"
                ? `Found ${outcome.result.kind} ${outcome.code}`
                : ""}
        </p>
        {mode === "batch" ? (
          <BatchList entries={batch} onUndo={undoLast} busy={recording.pending || undoing.pending} />
        ) : outcome.status === "found" ? (
          <ScanCard result={outcome.result} />
        ) : outcome.status === "failed" ? (
          <Notice tone="error" prominent>
            {outcome.message}
          </Notice>
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">
            {outcome.status === "loading"
              ? `Looking up ${outcome.code}…`
              : "Scan a label to see what it is and whose it is."}
          </p>
        )}
      </div>
    </div>
  );
}
