/** Why a scan shows no card: unknown, not yours, another site's code. Announced at once. */
export function ScanMessage({ message, tone = "error" }: { message: string; tone?: "error" | "warning" }) {
  return (
    <p
      role="alert"
      className={`rounded-lg border p-4 text-lg ${
        tone === "error" ? "border-rose-300 bg-rose-50 text-rose-900" : "border-amber-300 bg-amber-50 text-amber-900"
      }`}
    >
      {message}
    </p>
  );
}
