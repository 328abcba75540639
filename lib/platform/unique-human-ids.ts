import "server-only";
import { randomInt } from "node:crypto";
import { ConflictError } from "@/lib/shared/errors";
import { idAlphabet, type IdKind, idPrefixes } from "@/lib/shared/human-ids";
import { violatedUniqueConstraint } from "./db-errors";

/** Random part lengths: 31^6 ≈ 8.9e8 samples, 31^5 ≈ 2.9e7 trays, so collisions are rare and retried. */
const randomLength: Record<IdKind, number> = { sample: 6, tray: 5 };

/** A new human ID such as `S-4F7KMQ`, drawn uniformly from the look-alike-free alphabet. */
export function generateId(kind: IdKind): string {
  let random = "";
  for (let i = 0; i < randomLength[kind]; i += 1) random += idAlphabet[randomInt(idAlphabet.length)];
  return `${idPrefixes[kind]}-${random}`;
}

const attempts = 8;

/**
 * Creates a record under a human ID: the given one, or a generated one. Uniqueness is the
 * database's unique index, so parallel creates can never share an ID; a generated ID that collides
 * (rare: see generateId) is simply drawn again, a given one is a conflict the user must resolve.
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
