import "server-only";
import { config } from "@/lib/platform/config";
import { audit } from "@/lib/audit/audit-log";
import type { User } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/shared/errors";
import { type Caller, type UserCaller } from "./caller";
import { requireRole } from "./permissions";
import { roleFromGroups } from "./groups";
import { auditSignIn } from "./sign-in-audit";

export type SignInProfile = {
  /** `<provider>:<subject>`: stable across email changes. */
  subject: string;
  email: string | null;
  name: string | null;
  groups: string[];
};

/** A sign-in's result: the caller, and the session version its session must carry (see userCaller). */
export type SignedInUser = UserCaller & { sessionVersion: number };

const toCaller = (user: User): UserCaller => ({
  kind: "user",
  id: user.id,
  role: user.role,
  email: user.email,
  name: user.name ?? user.email ?? user.subject,
  groups: user.groups,
});

/**
 * Creates or updates the user at sign-in, derives the role from the groups (every time, so a
 * change at the identity provider takes effect at the next sign-in), links proposal invitations
 * sent to the user's email, audits the sign-in, and returns the caller the session carries. A
 * changed role ends the user's other sessions: they were opened under the old one.
 */
export async function recordSignIn(
  profile: SignInProfile,
  roleGroups = config().auth.roleGroups,
): Promise<SignedInUser> {
  const prisma = await db();
  const email = profile.email?.trim().toLowerCase() || null;
  const role = roleFromGroups(profile.groups, roleGroups);
  const fields = { email, name: profile.name, groups: profile.groups, role, lastSignInAt: new Date() };
  const user = await prisma.$transaction(async (tx) => {
    // An email moves with its owner: free it if another (older) account still holds it.
    if (email) await tx.user.updateMany({ where: { email, NOT: { subject: profile.subject } }, data: { email: null } });
    const before = await tx.user.findUnique({ where: { subject: profile.subject }, select: { role: true } });
    const roleChanged = before !== null && before.role !== role;
    const saved = await tx.user.upsert({
      where: { subject: profile.subject },
      update: { ...fields, ...(roleChanged ? { sessionVersion: { increment: 1 } } : {}) },
      create: { subject: profile.subject, ...fields },
    });
    if (email) await tx.proposalMember.updateMany({ where: { email, userId: null }, data: { userId: saved.id } });
    const method = profile.subject.slice(0, profile.subject.indexOf(":"));
    await auditSignIn(
      "SIGN_IN",
      "User",
      profile.subject,
      { method, ...(roleChanged ? { role: [before.role, role] } : {}) },
      toCaller(saved),
      tx,
    );
    return saved;
  });
  return { ...toCaller(user), sessionVersion: user.sessionVersion };
}

/**
 * The caller of a session: re-read, so a deleted account signs out. A session opened before the
 * user's sessions were ended (its `sessionVersion` is older) is refused: the session is a JWT
 * that lives in the browser, and this comparison is what ends it on the server.
 */
export async function userCaller(userId: string, sessionVersion = 0): Promise<UserCaller | null> {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || user.sessionVersion !== sessionVersion) return null;
  return toCaller(user);
}

/** Ends every session of the user (they sign in again), and audits who did it. */
async function endSessions(actor: Caller, userId: string, reason: string) {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const ended = await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await audit(tx, actor, "SIGN_OUT", "User", ended.subject, { reason });
    return ended;
  });
}

/**
 * Sign-out (next-auth's signOut event, with the session being closed): ends it and the user's
 * other sessions, since a session cannot be told apart from a copy of it. A session that was
 * already ended changes nothing, so an old copied cookie cannot sign the user out of newer ones.
 */
export async function recordSignOut(userId: string, sessionVersion = 0): Promise<void> {
  const user = await userCaller(userId, sessionVersion);
  if (user) await endSessions(user, userId, "signed out");
}

/** An administrator's "sign this user out": every session of the user ends at its next request. */
export async function signOutUser(caller: Caller, userId: string) {
  requireRole(caller, "ADMIN", "Signing users out");
  const prisma = await db();
  if (!(await prisma.user.findUnique({ where: { id: userId }, select: { id: true } })))
    throw new NotFoundError("The user");
  const ended = await endSessions(caller, userId, "signed out by an administrator");
  return { name: ended.name ?? ended.email ?? ended.subject };
}

export async function listUsers(caller: Caller) {
  requireRole(caller, "ADMIN", "Listing users");
  const prisma = await db();
  return prisma.user.findMany({
    orderBy: [{ lastSignInAt: { sort: "desc", nulls: "last" } }, { name: "asc" }],
    select: {
      id: true,
      subject: true,
      name: true,
      email: true,
      role: true,
      groups: true,
      lastSignInAt: true,
      createdAt: true,
    },
  });
}
