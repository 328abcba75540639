import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./next-auth";
import { anonymous, type Caller, type UserCaller } from "./caller";
import { userCaller } from "./users";

/**
 * The signed-in user of this request, or anonymous. Memoised per request: the layout and the page
 * both ask, and each would otherwise decode the session and query the user again.
 */
export const currentCaller = cache(async (): Promise<Caller> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return anonymous;
  return (await userCaller(userId, session.sessionVersion ?? 0)) ?? anonymous;
});

/** For pages: the signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(returnTo: string): Promise<UserCaller> {
  const caller = await currentCaller();
  if (caller.kind !== "user") redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return caller;
}
