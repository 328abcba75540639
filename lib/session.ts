import "server-only";
import { redirect } from "next/navigation";
import { auth } from "./auth";
import { anonymous, type Caller, type UserCaller } from "./authz";
import { userCaller } from "./users";

/** The signed-in user of this request, or anonymous. */
export async function currentCaller(): Promise<Caller> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return anonymous;
  return (await userCaller(userId)) ?? anonymous;
}

/** For pages: the signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(returnTo: string): Promise<UserCaller> {
  const caller = await currentCaller();
  if (caller.kind !== "user") redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return caller;
}
