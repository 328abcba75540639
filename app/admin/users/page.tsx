import type { Metadata } from "next";
import { SignOutUserButton } from "@/components/admin/SignOutUserButton";
import { Cell, Row, Table, TableHead } from "@/components/ui/Table";
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
        change them by changing group membership (ROLE_STAFF_GROUPS, ROLE_ADMIN_GROUPS). A role change ends the other
        sessions of that user; the sign-out button ends all of them at once (a lost laptop, someone who left).
      </p>
      <Table caption="Users" className="mt-6">
        <TableHead columns={["Name", "Email", "Role", "Groups", "Last sign-in", "Sessions"]} />
        <tbody>
          {users.map((user) => (
            <Row key={user.id}>
              <Cell className="font-medium">{user.name ?? user.subject}</Cell>
              <Cell>{user.email ?? "—"}</Cell>
              <Cell>{user.role.toLowerCase()}</Cell>
              <Cell>{user.groups.join(", ") || "—"}</Cell>
              <Cell>{formatDateTime(user.lastSignInAt)}</Cell>
              <Cell>
                <SignOutUserButton userId={user.id} name={user.name ?? user.email ?? user.subject} />
              </Cell>
            </Row>
          ))}
        </tbody>
      </Table>
    </>
  );
}
