import "server-only";
import { ConflictError, type FieldErrors, ValidationError } from "@/lib/shared/errors";

/**
 * Checks a SciCat document's keys: `mapped` ones are passed on to the domain, `notStored` ones are
 * SciCat fields this registry has no place for (accepted, so that pyscicat's models, which always
 * send some of them, work; not kept). Any other key is a 422 naming it, so a misspelt field is
 * never lost silently. `isPublished: true` is refused: nothing here is published.
 */
export function checkSciCatKeys(
  document: unknown,
  what: string,
  mapped: readonly string[],
  notStored: readonly string[],
): Record<string, unknown> {
  if (!document || typeof document !== "object" || Array.isArray(document))
    throw new ValidationError(`${what}: send a JSON object`, { _: ["The body must be a JSON object"] });
  const body = document as Record<string, unknown>;
  const errors: FieldErrors = {};
  for (const key of Object.keys(body)) {
    if (!mapped.includes(key) && !notStored.includes(key))
      errors[key] = [`Not a field of this server's SciCat ${what}; known fields: ${mapped.join(", ")}`];
  }
  if (body.isPublished === true)
    errors.isPublished = ["This registry does not publish; send isPublished false or leave it out"];
  if (Object.keys(errors).length) throw new ValidationError(`The ${what} was not saved`, errors);
  return Object.fromEntries(Object.entries(body).filter(([key]) => mapped.includes(key)));
}

/** Renames the fields of a domain error from native to SciCat names (e.g. specimenId → sampleId). */
export function withSciCatFieldNames<T>(work: () => Promise<T>, names: Record<string, string>): Promise<T> {
  const rename = (errors: FieldErrors) =>
    Object.fromEntries(
      Object.entries(errors).map(([key, messages]) => {
        const [head, ...rest] = key.split(".");
        return [[names[head] ?? head, ...rest].join("."), messages];
      }),
    );
  return work().catch((error: unknown) => {
    if (error instanceof ValidationError) throw new ValidationError(error.message, rename(error.fieldErrors));
    if (error instanceof ConflictError)
      throw new ConflictError(error.message, error.fieldErrors && rename(error.fieldErrors));
    throw error;
  });
}
