import { z } from "zod";
import { emptyToUndefined, metadataSchema, optionalHumanId, optionalText, requiredText } from "./common";

export const sampleStatuses = ["REGISTERED", "RECEIVED", "MOUNTED", "MEASURED", "RETURNED", "DISPOSED"] as const;

/**
 * A sample (SciCat Sample; `specimenId` is SciCat's `sampleId`). Position is given as people read
 * it (`B3`, or `5` on a linear holder) and resolved against the tray's layout in lib/samples.
 */
export const sampleSchema = z
  .object({
    /** Generated when not given. */
    specimenId: optionalHumanId("Specimen ID"),
    specimenName: requiredText("Name", 200),
    /** Printed under the QR code; defaults to the name. */
    qrCodeLabel: optionalText(120),
    description: optionalText(10_000),
    /** SciCat's `owner`: the person the sample belongs to. */
    owner: optionalText(200),
    trayId: z.preprocess(emptyToUndefined, z.string().trim().optional()),
    position: z.preprocess(
      (value) => (typeof value === "number" ? String(value) : emptyToUndefined(value)),
      z
        .string()
        .trim()
        .regex(/^([A-Za-z]{1,2}\d{1,2}|\d{1,4})$/, "Position: a number (5) or row letter and column (B3)")
        .optional(),
    ),
    status: z.enum(sampleStatuses).default("REGISTERED"),
    metadata: metadataSchema,
  })
  .refine((sample) => !sample.position || sample.trayId, {
    message: "Choose a tray for the position",
    path: ["position"],
  });

export type SampleInput = z.input<typeof sampleSchema>;
export type SampleValues = z.output<typeof sampleSchema>;
