import type { Metadata } from "next";
import Link from "next/link";
import { requireRole, hasRole } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/http/page-guard";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  const caller = await requireUser("/admin");
  await guardPage(async () => requireRole(caller, "STAFF", "Administration"));
  return (
    <>
      <h1 className="text-2xl font-semibold">Administration</h1>
      <ul className="mt-4 grid max-w-xl gap-3">
        <li>
          <Link
            href="/admin/tokens"
            className="hover:bg-brand-50 block rounded-lg border border-slate-200 bg-white p-4"
          >
            <span className="font-medium">API tokens</span>
            <span className="block text-sm text-slate-600">
              Tokens for instruments and scripts: create, see last use, revoke.
            </span>
          </Link>
        </li>
        {hasRole(caller, "ADMIN") && (
          <li>
            <Link
              href="/admin/users"
              className="hover:bg-brand-50 block rounded-lg border border-slate-200 bg-white p-4"
            >
              <span className="font-medium">Users</span>
              <span className="block text-sm text-slate-600">Who has signed in, with which role and groups.</span>
            </Link>
          </li>
        )}
      </ul>
    </>
  );
}
