import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/admin/CreateTokenForm";
import { RevokeTokenButton } from "@/components/admin/RevokeTokenButton";
import { scopeDescriptions } from "@/lib/schemas/api-token";
import { formatDateTime } from "@/lib/shared/format";
import { listInstruments } from "@/lib/instruments/registry";
import { guardPage } from "@/lib/http/page-guard";
import { requireUser } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/tokens/api-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const caller = await requireUser("/admin/tokens");
  const [tokens, instruments] = await guardPage(() => Promise.all([listApiTokens(caller), listInstruments(caller)]));
  const now = new Date();
  return (
    <>
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Instruments and scripts (such as the Concert metadata handler) call the API with a token in the header{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. A token is shown once when it is created; only its hash is
        stored. The same can be done on the server with <code>npm run token -- create --name … --scopes …</code>.
      </p>
      <div className="mt-6">
        <CreateTokenForm instruments={instruments} scopeDescriptions={scopeDescriptions} />
      </div>
      <div className="mt-8 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="p-2 text-left font-semibold">Tokens</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="p-2">
                Name
              </th>
              <th scope="col" className="p-2">
                Token starts with
              </th>
              <th scope="col" className="p-2">
                Scopes
              </th>
              <th scope="col" className="p-2">
                Instrument
              </th>
              <th scope="col" className="p-2">
                Created
              </th>
              <th scope="col" className="p-2">
                Expires
              </th>
              <th scope="col" className="p-2">
                Last used
              </th>
              <th scope="col" className="p-2">
                State
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const expired = token.expiresAt !== null && token.expiresAt <= now;
              return (
                <tr key={token.id} className="border-t border-slate-100">
                  <td className="p-2 font-medium">{token.name}</td>
                  <td className="p-2 font-mono">{token.prefix}…</td>
                  <td className="p-2">{token.scopes.join(", ")}</td>
                  <td className="p-2">{token.instrument?.name ?? "—"}</td>
                  <td className="p-2">
                    {formatDateTime(token.createdAt)}
                    {token.owner ? ` by ${token.owner.name ?? token.owner.email}` : ""}
                  </td>
                  <td className="p-2">{token.expiresAt ? formatDateTime(token.expiresAt) : "never"}</td>
                  <td className="p-2">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "never"}</td>
                  <td className="p-2">
                    {token.revokedAt ? (
                      `revoked ${formatDateTime(token.revokedAt)}`
                    ) : expired ? (
                      "expired"
                    ) : (
                      <RevokeTokenButton tokenId={token.id} name={token.name} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {tokens.length === 0 && <p className="p-4 text-slate-600">No API tokens yet.</p>}
      </div>
    </>
  );
}
