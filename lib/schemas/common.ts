import { z } from "zod";
import { coerceBeamlineDate } from "@/lib/shared/beamline-time";
import { humanIdPattern } from "@/lib/shared/human-ids";

/** Empty form fields arrive as "": they mean "not given". */
export const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const optionalText = (max: number) =>
  z.preprocess(emptyToUndefined, z.string().trim().max(max, `At most ${max} characters`).optional());

export const requiredText = (what: string, max: number) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `At most ${max} characters`);

export const humanId = (what: string) =>
  z
    .string()
    .trim()
    .regex(
      humanIdPattern,
      `${what}: letters, digits and . _ - only (1–64 characters, starting and ending with a letter or digit)`,
    );

export const optionalHumanId = (what: string) => z.preprocess(emptyToUndefined, humanId(what).optional());

export const optionalEmail = z.preprocess(
  emptyToUndefined,
  z.email("Not an email address").trim().toLowerCase().optional(),
);

/** A date and time; zone-less text is beamline time (lib/shared/beamline-time.ts). */
export const dateTime = (what: string) =>
  z.preprocess(coerceBeamlineDate, z.coerce.date({ error: `${what}: not a date and time` }));

export const optionalDate = z.preprocess(
  (value) => coerceBeamlineDate(emptyToUndefined(value)),
  z.coerce.date({ error: "Not a date and time" }).optional(),
);

/** Free-form metadata: any JSON object (SciCat's `metadata` / `scientificMetadata`), stored as jsonb. */
export const metadataSchema = z
  .record(z.string().trim().min(1, "Metadata keys must not be empty").max(200), z.json())
  .default({});

export type Metadata = z.output<typeof metadataSchema>;
