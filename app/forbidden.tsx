import Link from "next/link";
import { currentCaller } from "@/lib/auth/session";

export default async function Forbidden() {
  const caller = await currentCaller();
  return (
    <>
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 max-w-2xl text-slate-700">
        {caller.kind === "user"
          ? `You are signed in as ${caller.name} with the ${caller.role.toLowerCase()} role, and may not open this page or make this change. `
          : "You may not open this page or make this change. "}
        To change a proposal, ask its PI to add you as a member; for staff and administration pages, ask the beamline
        administrators to add you to the right group.
      </p>
      <p className="mt-4">
        <Link className="text-brand-700 underline" href="/">
          Back to the dashboard
        </Link>
      </p>
    </>
  );
}
