import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/shared/errors";

/** Turns domain errors into the page answers: 404, 403, or the sign-in page. */
export async function guardPage<T>(load: () => Promise<T>, returnTo = "/"): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) forbidden();
    if (error instanceof UnauthenticatedError) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
    throw error;
  }
}
