import type { z } from "zod";
import { ValidationError, type FieldErrors } from "./errors";

/** Field errors keyed by dotted path (`members.0.email`), as forms and API clients address fields. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/** Parses with the entity's schema; invalid input becomes a ValidationError naming each field. */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  message: string,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(message, fieldErrorsOf(result.error));
  return result.data;
}
