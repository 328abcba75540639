import { z } from "zod";
import { pathIdPattern, pathIdRule } from "@/lib/shared/path-ids";
import { metadataSchema } from "./common";

const name = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(200, `${what}: at most 200 characters`);

/**
 * An instrument (SciCat Instrument). `pid` is how datasets, proposals and API tokens refer to it;
 * left out, it is the `uniqueName` when that has no spaces, else `<SCICAT_PID_PREFIX>/<uuid>`.
 * Names may have spaces ("UFO beamline"), as in SciCat.
 */
export const instrumentSchema = z.object({
  pid: name("pid").regex(pathIdPattern, `pid: ${pathIdRule}`).optional(),
  uniqueName: name("uniqueName"),
  name: name("name"),
  customMetadata: metadataSchema,
});

/** A change to an instrument: any field but its pid; fields left out stay. */
export const instrumentUpdateSchema = instrumentSchema.omit({ pid: true }).partial();

export type InstrumentInput = z.input<typeof instrumentSchema>;
export type InstrumentUpdateInput = z.input<typeof instrumentUpdateSchema>;
