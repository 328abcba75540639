import type { Metadata } from "next";
import { formatDateTime } from "@/lib/shared/format";
import { guardPage } from "@/lib/http/page-guard";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const caller = await requireUser("/admin/users");
  const users = await guardPage(() => listUsers(caller));
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Everyone who has signed in. Roles follow the groups the identity provider sends and are updated at each sign-in;
        change them by changing group membership (ROLE_STAFF_GROUPS, ROLE_ADMIN_GROUPS).
      </p>
      <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="p-2">
                Name
              </th>
              <th scope="col" className="p-2">
                Email
              </th>
              <th scope="col" className="p-2">
                Role
              </th>
              <th scope="col" className="p-2">
                Groups
              </th>
              <th scope="col" className="p-2">
                Last sign-in
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-t border-slate-100">
                <td className="p-2 font-medium">{user.name ?? user.subject}</td>
                <td className="p-2">{user.email ?? "—"}</td>
                <td className="p-2">{user.role.toLowerCase()}</td>
                <td className="p-2">{user.groups.join(", ") || "—"}</td>
                <td className="p-2">{formatDateTime(user.lastSignInAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
