/**
 * Errors are values at the boundary: the domain throws these, and one mapper per boundary
 * (server action state, HTTP JSON) turns them into what the caller sees.
 */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 422 | 429,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** No or invalid credentials: sign in, or send a valid API token. */
export class UnauthenticatedError extends DomainError {
  constructor(message = "Sign in or send a valid API token (Authorization: Bearer <token>).") {
    super(message, 401);
  }
}

/** The caller is known but lacks a role or scope; says which. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(message, 403);
  }
}

/** Also used when a record exists but the caller may not see it, so its existence never leaks. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`${what} was not found, or you have no access to it.`, 404);
  }
}

/** The request collides with what is stored (a taken ID or position, a rule about existing data). */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message, 409, fieldErrors);
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors,
  ) {
    super(message, 422, fieldErrors);
  }
}

/** Too many attempts (credential checks): try again after `retryAfterSeconds` (the Retry-After header). */
export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429);
  }
}
