import "server-only";
import { audit } from "@/lib/audit/audit-log";
import { db, type DbClient } from "@/lib/platform/db";
import { anonymous, type Caller } from "./caller";

/** What a sign-in is about: a person's account, or a SciCat functional account (scripts). */
export type SignInEntity = "User" | "FunctionalAccount";

/**
 * One audit row per sign-in, successful or not: who (the name as typed, cut to a sane length),
 * how, and from where. Never the password: a failure records only that it failed.
 */
export async function auditSignIn(
  outcome: "SIGN_IN" | "SIGN_IN_FAILED",
  entity: SignInEntity,
  account: string,
  details: { method: string; client?: string; tokenPrefix?: string },
  actor: Caller = anonymous,
  client?: DbClient,
): Promise<void> {
  await audit(client ?? (await db()), actor, outcome, entity, account.slice(0, 200), details);
}
