import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import type { Caller } from "@/lib/auth/caller";

const roleNames = { USER: "user", STAFF: "staff", ADMIN: "admin" } as const;

export function UserMenu({ caller }: { caller: Caller }) {
  if (caller.kind !== "user") {
    return (
      <Link href="/signin" className="bg-brand-700 ml-auto rounded px-3 py-2 text-white">
        Sign in
      </Link>
    );
  }
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span aria-label="Signed in as">
        <span className="font-medium">{caller.name}</span>{" "}
        <span className="text-slate-600">({roleNames[caller.role]})</span>
      </span>
      <form action={signOutAction}>
        <button type="submit" className="rounded border border-slate-300 px-3 py-2 hover:bg-slate-100">
          Sign out
        </button>
      </form>
    </div>
  );
}
