import { z } from "zod";

/** The scopes an API token can carry (kept in sync with lib/authz.ts by a test). */
export const tokenScopes = [
  "proposals:read",
  "proposals:write",
  "samples:read",
  "samples:write",
  "datasets:read",
  "datasets:write",
  "events:write",
  "instruments:write",
] as const;

export const apiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name, e.g. the instrument or script that uses it")
    .max(100, "At most 100 characters"),
  scopes: z
    .array(z.enum(tokenScopes, { error: `Unknown scope; use ${tokenScopes.join(", ")}` }))
    .min(1, "Choose at least one scope"),
  instrumentPid: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((value) => value || undefined),
  expiresAt: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.coerce
      .date({ error: "Not a date; use YYYY-MM-DD" })
      .refine((value) => value.getTime() > Date.now(), "The expiry date must be in the future")
      .optional(),
  ),
});

export type ApiTokenInput = z.input<typeof apiTokenSchema>;
