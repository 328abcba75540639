"use server";

import "server-only";

import { runAction, type ActionState } from "@/lib/http/action";
import { recordScanEvent, undoScanEvents } from "./scan-events";
import type { RecordedScan } from "./scan-result";

/** Batch mode: records what happened to the scanned sample (or to every sample of a scanned tray). */
export async function recordScanEventAction(
  code: string,
  kind: string,
  location?: string,
): Promise<ActionState<RecordedScan>> {
  return runAction(async (caller) => {
    const recorded = await recordScanEvent(caller, { code, kind, location });
    const what = recorded.trayId
      ? `${recorded.events.length} samples of tray ${recorded.trayId}`
      : recorded.events[0].specimenId;
    return { message: `${what}: ${recorded.label.toLowerCase()}.`, data: recorded };
  });
}

/** "Undo last scan": one event, or all events one tray scan recorded. */
export async function undoScanEventAction(eventId: string | string[]): Promise<ActionState> {
  return runAction(async (caller) => {
    const undone = await undoScanEvents(caller, Array.isArray(eventId) ? eventId : [eventId]);
    const restored = undone.map((entry) => `${entry.specimenId} is ${entry.status.toLowerCase()} again`).join(", ");
    return { message: `Undone: ${restored}.`, data: undefined };
  });
}
