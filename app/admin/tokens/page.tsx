import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/admin/CreateTokenForm";
import { RevokeTokenButton } from "@/components/admin/RevokeTokenButton";
import { Cell, Row, Table, TableHead } from "@/components/ui/Table";
import { formatDateTime } from "@/lib/shared/format";
import { listInstruments } from "@/lib/instruments/registry";
import { guardPage } from "@/lib/http/page-guard";
import { requireUser } from "@/lib/auth/session";
import { listApiTokens, loginTokensPerAccount } from "@/lib/tokens/api-tokens";

export const metadata: Metadata = { title: "API tokens" };

type ListedToken = Awaited<ReturnType<typeof listApiTokens>>[number];

function TokenTable({ caption, tokens, empty }: { caption: string; tokens: ListedToken[]; empty: string }) {
  const now = new Date();
  return (
    <Table caption={caption} showCaption className="mt-8" empty={tokens.length === 0 ? empty : undefined}>
      <TableHead
        columns={["Name", "Token starts with", "Scopes", "Instrument", "Created", "Expires", "Last used", "State"]}
      />
      <tbody>
        {tokens.map((token) => {
          const expired = token.expiresAt !== null && token.expiresAt <= now;
          return (
            <Row key={token.id}>
              <Cell className="font-medium">{token.name}</Cell>
              <Cell className="font-mono">{token.prefix}…</Cell>
              <Cell>{token.scopes.join(", ")}</Cell>
              <Cell>{token.instrument?.name ?? "—"}</Cell>
              <Cell>
                {formatDateTime(token.createdAt)}
                {token.owner ? ` by ${token.owner.name ?? token.owner.email}` : ""}
              </Cell>
              <Cell>{token.expiresAt ? formatDateTime(token.expiresAt) : "never"}</Cell>
              <Cell>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "never"}</Cell>
              <Cell>
                {token.revokedAt ? (
                  `revoked ${formatDateTime(token.revokedAt)}`
                ) : expired ? (
                  "expired"
                ) : (
                  <RevokeTokenButton tokenId={token.id} name={token.name} />
                )}
              </Cell>
            </Row>
          );
        })}
      </tbody>
    </Table>
  );
}

export default async function TokensPage() {
  const caller = await requireUser("/admin/tokens");
  const [tokens, instruments] = await guardPage(() => Promise.all([listApiTokens(caller), listInstruments(caller)]));
  return (
    <>
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Instruments and scripts (such as the Concert metadata handler) call the API with a token in the header{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. A token is shown once when it is created; only its hash is
        stored. The same can be done on the server with <code>npm run token -- create --name … --scopes …</code>.
      </p>
      <div className="mt-6">
        <CreateTokenForm instruments={instruments} />
      </div>
      <TokenTable
        caption="Tokens created by staff"
        tokens={tokens.filter((token) => token.origin === "MANUAL")}
        empty="No API tokens yet."
      />
      <p className="mt-8 max-w-3xl text-slate-700">
        SciCat clients (pyscicat, ingestors) sign in with a functional account (<code>POST /api/v3/auth/login</code>)
        and get a token that lives 24 hours. Expired ones are deleted at the next login; an account keeps at most{" "}
        {loginTokensPerAccount}.
      </p>
      <TokenTable
        caption="SciCat login tokens"
        tokens={tokens.filter((token) => token.origin === "SCICAT_LOGIN")}
        empty="No SciCat login tokens."
      />
    </>
  );
}
