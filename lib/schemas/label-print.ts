import { z } from "zod";
import { findTemplate } from "@/lib/shared/labels/templates";

const flag = z.preprocess(
  (value) => value === true || value === "true" || value === "on" || value === "1",
  z.boolean(),
);
const list = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().trim().min(1)),
);
const whole = (what: string) =>
  z.coerce.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`);

/** Which samples get labels: all, the ones in chosen trays, a hand-picked selection, the ones never printed, or none. */
export const sampleChoices = ["all", "trays", "selected", "unprinted", "none"] as const;

/** A label print order, from the print page's form or the API. Geometry limits are checked by the layout. */
export const labelPrintSchema = z
  .object({
    templateId: z.string().refine((id) => findTemplate(id) !== undefined, "Unknown label format"),
    samples: z.enum(sampleChoices, { error: "Choose which samples to print" }).default("all"),
    /** Trays whose samples to print (samples = "trays"). */
    sampleTrayIds: list,
    /** Samples to print (samples = "selected"). */
    specimenIds: list,
    /** Trays that get a label of their own. */
    trayIds: list,
    copies: whole("Copies").default(1),
    skip: whole("Labels to skip").default(0),
    xMm: z.coerce.number({ error: "The offset must be a number of millimetres" }).default(0),
    yMm: z.coerce.number({ error: "The offset must be a number of millimetres" }).default(0),
    showProposal: flag.default(true),
    showPosition: flag.default(true),
    showDate: flag.default(false),
  })
  .refine((order) => order.samples !== "trays" || order.sampleTrayIds.length > 0, {
    path: ["sampleTrayIds"],
    message: "Choose at least one tray",
  })
  .refine((order) => order.samples !== "selected" || order.specimenIds.length > 0, {
    path: ["specimenIds"],
    message: "Choose at least one sample",
  });

export type LabelPrintInput = z.input<typeof labelPrintSchema>;
export type LabelPrintOrder = z.output<typeof labelPrintSchema>;
