import "server-only";
import { type Caller } from "@/lib/auth/caller";
import {
  ConflictError,
  DomainError,
  type FieldErrors,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/shared/errors";
import { currentCaller } from "@/lib/auth/session";
import { logger } from "@/lib/platform/logger";

/** What a server action returns to its form (useActionState). */
export type ActionState<Data = undefined> =
  | { status: "idle" }
  | { status: "ok"; message: string; data: Data }
  | { status: "error"; message: string; code: ErrorCode; fieldErrors?: FieldErrors };

/** The HTTP status the same failure has in the API, so forms and clients can tell failures apart. */
export type ErrorCode = DomainError["status"] | 500;

/**
 * Runs a server action's work for the signed-in caller and turns domain errors into form state.
 * A server action is a public HTTP endpoint: the domain function it calls checks the caller.
 */
export async function runAction<Data>(
  work: (caller: Caller) => Promise<{ message: string; data: Data }>,
): Promise<ActionState<Data>> {
  try {
    const caller = await currentCaller();
    if (caller.kind === "anonymous") throw new UnauthenticatedError("Your session has ended; sign in again.");
    const { message, data } = await work(caller);
    return { status: "ok", message, data };
  } catch (error) {
    if (error instanceof ValidationError || error instanceof ConflictError) {
      return { status: "error", message: error.message, code: error.status, fieldErrors: error.fieldErrors };
    }
    if (error instanceof DomainError) return { status: "error", message: error.message, code: error.status };
    logger.error({ err: error }, "Server action failed");
    return {
      status: "error",
      code: 500,
      message: "Something went wrong on the server; nothing was changed. Try again, or tell the administrators.",
    };
  }
}
