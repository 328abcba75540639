import type { Metadata } from "next";
import Link from "next/link";
import { requireRole, hasRole } from "@/lib/auth/permissions";
import { guardPage } from "@/lib/http/page-guard";
import { requireUser } from "@/lib/auth/session";
import { PublicationOff } from "@/components/publishing/PublicationOff";
import { publicationOverview } from "@/lib/publishing/state";
import { countOf } from "@/lib/shared/format";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  const caller = await requireUser("/admin");
  await guardPage(async () => requireRole(caller, "STAFF", "Administration"));
  const publishing = await publicationOverview(caller, 0);
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
        <li>
          {publishing.enabled ? (
            <Link
              href="/admin/publishing"
              className="hover:bg-brand-50 block rounded-lg border border-slate-200 bg-white p-4"
            >
              <span className="font-medium">Publishing to SciCat</span>
              <span className="block text-sm text-slate-600">
                On: {countOf(publishing.queued, "change")} queued, {publishing.failing} failing, {publishing.refused}{" "}
                refused, {countOf(publishing.published, "record")} published.
              </span>
            </Link>
          ) : (
            <div className="rounded-lg border border-slate-200 bg-white p-4">
              <span className="font-medium">Publishing to SciCat</span>
              <PublicationOff />
            </div>
          )}
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
