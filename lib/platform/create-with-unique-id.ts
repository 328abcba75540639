import "server-only";
import { violatedUniqueConstraint } from "./db-errors";
import { ConflictError } from "@/lib/shared/errors";

const attempts = 8;

/**
 * Creates a record under a human ID: the given one, or a generated one. Uniqueness is the
 * database's unique index, so parallel creates can never share an ID; a generated ID that collides
 * (rare: see lib/ids.ts) is simply drawn again, a given one is a conflict the user must resolve.
 * `create` must run its own transaction: PostgreSQL aborts a transaction at the violation.
 */
export async function createWithUniqueId<T>(options: {
  given: string | undefined;
  generate: () => string;
  constraint: string;
  field: string;
  what: string;
  create: (id: string) => Promise<T>;
}): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const id = options.given ?? options.generate();
    try {
      return await options.create(id);
    } catch (error) {
      if (violatedUniqueConstraint(error) !== options.constraint) throw error;
      if (options.given) {
        const message = `${options.what} ${options.given} is already taken; choose another, or leave it empty to generate one.`;
        throw new ConflictError(message, { [options.field]: [message] });
      }
      if (attempt >= attempts)
        throw new ConflictError(`Could not find a free ${options.what} after ${attempts} attempts; try again.`);
    }
  }
}
