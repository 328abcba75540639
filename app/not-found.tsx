import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">
        There is nothing at this address.{" "}
        <Link className="text-brand-700 underline" href="/">
          Back to the dashboard
        </Link>
      </p>
    </>
  );
}
