import { z } from "zod";
import { optionalText } from "./common";
import type { sampleStatuses } from "./sample";

/**
 * What staff record when they scan a sample at the beamline, and the status each one moves the
 * sample to. Data, not code: a new step of the beamline's workflow is one more line here.
 */
export const eventKinds = [
  { kind: "received", label: "Received at the beamline", status: "RECEIVED" },
  { kind: "mounted", label: "Mounted in the beam", status: "MOUNTED" },
  { kind: "measured", label: "Measured", status: "MEASURED" },
  { kind: "returned", label: "Returned to the user", status: "RETURNED" },
] as const satisfies readonly { kind: string; label: string; status: (typeof sampleStatuses)[number] }[];

export type EventKind = (typeof eventKinds)[number]["kind"];

const kinds = eventKinds.map((entry) => entry.kind) as [EventKind, ...EventKind[]];

export const eventKindOf = (kind: string) => eventKinds.find((entry) => entry.kind === kind);

/** One scan in batch mode: the scanned code (sample or tray), what happened, and where. */
export const sampleEventSchema = z.object({
  code: z.string({ error: "Scan or type a code" }).min(1, "Scan or type a code"),
  kind: z.enum(kinds, { error: `Choose what happened: ${kinds.join(", ")}` }),
  location: optionalText(200),
});

/** As forms and API clients send it: the kind is checked against the list by the schema. */
export type SampleEventInput = { code: string; kind: string; location?: string | null };
