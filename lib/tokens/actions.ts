"use server";

import "server-only";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/http/action";
import type { ApiTokenInput } from "@/lib/schemas/api-token";
import { createApiToken, revokeApiToken } from "./api-tokens";

export type CreatedToken = { token: string; name: string };

export async function createTokenAction(input: ApiTokenInput): Promise<ActionState<CreatedToken>> {
  return runAction(async (caller) => {
    const { token, record } = await createApiToken(caller, input);
    revalidatePath("/admin/tokens");
    return {
      message: `Token "${record.name}" created. Copy it now: it is not shown again.`,
      data: { token, name: record.name },
    };
  });
}

export async function revokeTokenAction(tokenId: string): Promise<ActionState> {
  return runAction(async (caller) => {
    const revoked = await revokeApiToken(caller, tokenId);
    revalidatePath("/admin/tokens");
    return { message: `Token "${revoked.name}" revoked.`, data: undefined };
  });
}
