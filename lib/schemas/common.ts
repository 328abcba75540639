import { z } from "zod";
import { coerceBeamlineDate } from "@/lib/shared/beamline-time";
import { humanIdPattern } from "@/lib/shared/human-ids";
import { findUnstorableText, unstorableText } from "@/lib/shared/untrusted-input";

/**
 * Text no stored field can hold (NUL, which PostgreSQL refuses with a server error, and lone
 * surrogates) is the field's error. API bodies are checked before this (lib/http/request.ts);
 * forms and server actions reach the schemas directly.
 */
const storable = (text: string, context: z.RefinementCtx) => {
  const problem = unstorableText(text);
  if (problem) context.addIssue({ code: "custom", message: `Text ${problem}` });
};

/** Empty form fields arrive as "": they mean "not given". */
export const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const optionalText = (max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.string().trim().max(max, `At most ${max} characters`).superRefine(storable).optional(),
  );

export const requiredText = (what: string, max: number) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `At most ${max} characters`)
    .superRefine(storable);

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
  .superRefine((metadata, context) => {
    const found = findUnstorableText(metadata);
    if (found) context.addIssue({ code: "custom", message: `${found.path}: text ${found.problem}` });
  })
  .default({});

export type Metadata = z.output<typeof metadataSchema>;
