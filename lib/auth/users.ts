import "server-only";
import { config } from "@/lib/platform/config";
import { db } from "@/lib/platform/db";
import { type Caller, type UserCaller } from "./caller";
import { requireRole } from "./permissions";
import { roleFromGroups } from "./groups";

export type SignInProfile = {
  /** `<provider>:<subject>`: stable across email changes. */
  subject: string;
  email: string | null;
  name: string | null;
  groups: string[];
};

/**
 * Creates or updates the user at sign-in, derives the role from the groups (every time, so a
 * change at the identity provider takes effect at the next sign-in), links proposal invitations
 * sent to the user's email, and returns the caller the session carries.
 */
export async function recordSignIn(profile: SignInProfile, roleGroups = config().auth.roleGroups): Promise<UserCaller> {
  const prisma = await db();
  const email = profile.email?.trim().toLowerCase() || null;
  const role = roleFromGroups(profile.groups, roleGroups);
  const fields = { email, name: profile.name, groups: profile.groups, role, lastSignInAt: new Date() };
  const user = await prisma.$transaction(async (tx) => {
    // An email moves with its owner: free it if another (older) account still holds it.
    if (email) await tx.user.updateMany({ where: { email, NOT: { subject: profile.subject } }, data: { email: null } });
    const saved = await tx.user.upsert({
      where: { subject: profile.subject },
      update: fields,
      create: { subject: profile.subject, ...fields },
    });
    if (email) await tx.proposalMember.updateMany({ where: { email, userId: null }, data: { userId: saved.id } });
    return saved;
  });
  return {
    kind: "user",
    id: user.id,
    role: user.role,
    email: user.email,
    name: user.name ?? user.email ?? profile.subject,
    groups: user.groups,
  };
}

/** The caller of a session: re-read, so a deleted account signs out. */
export async function userCaller(userId: string): Promise<UserCaller | null> {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user) return null;
  return {
    kind: "user",
    id: user.id,
    role: user.role,
    email: user.email,
    name: user.name ?? user.email ?? user.subject,
    groups: user.groups,
  };
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
