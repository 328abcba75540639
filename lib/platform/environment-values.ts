import "server-only";
import { z } from "zod";

/** The shapes environment variables come in, shared by the configuration's modules. */

export const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => ["true", "1", "yes"].includes(value));

/** Comma-separated, blanks dropped. */
export const list = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

/** A variable holding JSON: parsed, or one message saying what shape is expected. */
export const jsonText = (expected: string) =>
  z.string().transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: "custom", message: expected });
      return z.NEVER;
    }
  });

/** pino's levels, most severe first; `silent` logs nothing. */
export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];
