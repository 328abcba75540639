import { z } from "zod";
import { metadataSchema } from "./common";

const pidLike = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(200, `${what}: at most 200 characters`)
    .regex(/^\S+$/, `${what}: no spaces or other whitespace`);

/**
 * An instrument (SciCat Instrument). `pid` is how datasets, proposals and API tokens refer to it;
 * left out, it is the `uniqueName`.
 */
export const instrumentSchema = z.object({
  pid: pidLike("pid").optional(),
  uniqueName: pidLike("uniqueName"),
  name: z
    .string({ error: "name is required" })
    .trim()
    .min(1, "name is required")
    .max(200, "name: at most 200 characters"),
  customMetadata: metadataSchema,
});

export type InstrumentInput = z.input<typeof instrumentSchema>;
