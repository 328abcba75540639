"use server";

import "server-only";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/http/action";
import { signOutUser } from "@/lib/auth/users";

// The admin page's actions on accounts; apart from lib/auth/actions.ts, which loads next-auth.

export async function signOutUserAction(userId: string): Promise<ActionState> {
  return runAction(async (caller) => {
    const { name } = await signOutUser(caller, userId);
    revalidatePath("/admin/users");
    return { message: `${name} is signed out everywhere.`, data: undefined };
  });
}
