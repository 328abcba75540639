import { z } from "zod";
import { humanIdPattern } from "../ids";

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

export const optionalDate = z.preprocess(emptyToUndefined, z.coerce.date({ error: "Not a date" }).optional());

/** Free-form metadata: any JSON object (SciCat's `metadata` / `scientificMetadata`), stored as jsonb. */
export const metadataSchema = z
  .record(z.string().trim().min(1, "Metadata keys must not be empty").max(200), z.json())
  .default({});

export type Metadata = z.output<typeof metadataSchema>;
