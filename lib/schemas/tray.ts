import { z } from "zod";
import { metadataSchema, optionalHumanId, requiredText } from "./common";

/** Common holders; any rows × columns up to 26 × 48 is allowed ("custom"). */
export const trayLayoutPresets = [
  { id: "8", name: "8 positions (1 × 8)", rows: 1, columns: 8 },
  { id: "16", name: "16 positions (1 × 16)", rows: 1, columns: 16 },
  { id: "4x6", name: "4 × 6 grid (24)", rows: 4, columns: 6 },
  { id: "8x12", name: "8 × 12 grid (96, plate)", rows: 8, columns: 12 },
] as const;

export const traySchema = z.object({
  /** Generated when not given. */
  trayId: optionalHumanId("Tray ID"),
  name: requiredText("Name", 200),
  rows: z.coerce
    .number({ error: "Rows must be a number" })
    .int("Rows must be a whole number")
    .min(1, "At least 1 row")
    .max(26, "At most 26 rows"),
  columns: z.coerce
    .number({ error: "Columns must be a number" })
    .int("Columns must be a whole number")
    .min(1, "At least 1 column")
    .max(48, "At most 48 columns"),
  metadata: metadataSchema,
});

export type TrayInput = z.input<typeof traySchema>;
export type TrayValues = z.output<typeof traySchema>;
