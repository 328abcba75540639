import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { UserMenu } from "@/components/auth/UserMenu";
import { hasRole } from "@/lib/auth/permissions";
import { currentCaller } from "@/lib/auth/session";
import "./globals.css";

// Every page reads the database at request time; nothing may be prerendered at build time
// (that would also open the embedded database from the build workers).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Beamtime Sample Registry", template: "%s · Beamtime Sample Registry" },
  description: "Register beamtime proposals, trays and samples, print QR labels and scan them at the beamline.",
  applicationName: "Beamtime Sample Registry",
  // Installable on the beamline tablets (app/manifest.ts is linked by Next itself); opens on the scanner.
  appleWebApp: { capable: true, title: "Sample scanner", statusBarStyle: "default" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#00876c" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const caller = await currentCaller();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white print:hidden">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
            <Link href="/" className="text-brand-700 text-lg font-semibold">
              Beamtime Sample Registry
            </Link>
            {caller.kind === "user" && (
              <Link href="/proposals" className="hover:text-brand-700 text-slate-700">
                Proposals
              </Link>
            )}
            {caller.kind === "user" && (
              <Link href="/scan" className="hover:text-brand-700 text-slate-700">
                Scan
              </Link>
            )}
            {hasRole(caller, "STAFF") && (
              <Link href="/admin" className="hover:text-brand-700 text-slate-700">
                Admin
              </Link>
            )}
            <UserMenu caller={caller} />
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 print:m-0 print:max-w-none print:p-0">
          {children}
        </main>
      </body>
    </html>
  );
}
