import type { TokenCaller, UserCaller } from "@/lib/auth/caller";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/platform/db";
import { createApiToken, authenticateApiToken } from "@/lib/tokens/api-tokens";
import type { Scope } from "@/lib/schemas/api-token";

/** A user in the test database, as the session would present them. */
export async function userCaller(
  name: string,
  role: Role = "USER",
  options: { email?: string; groups?: string[] } = {},
): Promise<UserCaller> {
  const prisma = await db();
  const email = options.email ?? `${name}@example.org`;
  const user = await prisma.user.upsert({
    where: { subject: `test:${name}` },
    update: {},
    create: { subject: `test:${name}`, email, name, role, groups: options.groups ?? [] },
  });
  return { kind: "user", id: user.id, role, email, name, groups: user.groups };
}

export const systemCaller = { kind: "system", name: "test" } as const;

/** A real API token (created and authenticated through the domain), and its secret. */
export async function tokenCaller(
  scopes: Scope[],
  name = `token ${scopes.join(" ")}`,
): Promise<{ caller: TokenCaller; token: string }> {
  const { token } = await createApiToken(systemCaller, { name, scopes });
  const caller = await authenticateApiToken(token);
  if (!caller) throw new Error("token did not authenticate");
  return { caller, token };
}
