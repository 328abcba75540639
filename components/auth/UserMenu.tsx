import { Button, ButtonLink } from "@/components/ui/Button";
import { signOutAction } from "@/lib/auth/actions";
import type { Caller } from "@/lib/auth/caller";

const roleNames = { USER: "user", STAFF: "staff", ADMIN: "admin" } as const;

export function UserMenu({ caller }: { caller: Caller }) {
  if (caller.kind !== "user") {
    return (
      <ButtonLink href="/signin" variant="primary" size="small" className="ml-auto">
        Sign in
      </ButtonLink>
    );
  }
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span aria-label="Signed in as">
        <span className="font-medium">{caller.name}</span>{" "}
        <span className="text-slate-600">({roleNames[caller.role]})</span>
      </span>
      <form action={signOutAction}>
        <Button type="submit" size="small">
          Sign out
        </Button>
      </form>
    </div>
  );
}
