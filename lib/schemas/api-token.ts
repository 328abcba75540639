import { z } from "zod";

/** The scopes an API token can carry; lib/auth/permissions.ts decides what each one allows. */
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

export type Scope = (typeof tokenScopes)[number];
export const isScope = (value: string): value is Scope => (tokenScopes as readonly string[]).includes(value);

/** What an API token may do, with the words the admin form and the docs show. */
export const scopeDescriptions: Record<Scope, string> = {
  "proposals:read": "read proposals, their trays and members",
  "proposals:write": "create and update proposals",
  "samples:read": "read samples and resolve scanned codes",
  "samples:write": "create and update trays and samples",
  "datasets:read": "read datasets",
  "datasets:write": "register and update datasets",
  "events:write": "record sample events (received, mounted, measured, …)",
  "instruments:write": "create and update instruments",
};

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
