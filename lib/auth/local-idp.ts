// The local OpenID Provider for development, tests and demos: a real OIDC server (oidc-provider)
// with the demo accounts, so the app signs in through exactly the code path it uses for KIT.
// It runs inside the `npm start` process or on its own (`npm run idp`, the Compose demo profile),
// never inside the Next.js server.
import "server-only";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration } from "oidc-provider";
import { demoAccounts, type DemoAccount } from "./demo-accounts";

export type LocalIdpOptions = {
  port: number;
  /** Listen address; 0.0.0.0 in a container, whose published port reaches it from outside. */
  host?: string;
  /** The public issuer URL, when browsers reach it under another name than http://localhost:<port>. */
  issuer?: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
};

export type LocalIdp = { issuer: string; close: () => Promise<void> };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function claimsOf(account: DemoAccount) {
  return {
    sub: account.username,
    name: account.name,
    given_name: account.givenName,
    family_name: account.familyName,
    preferred_username: account.username,
    email: account.email,
    email_verified: true,
    groups: account.groups,
    eduperson_entitlement: account.groups,
  };
}

export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  // `localhost`, not 127.0.0.1: next-auth v5 rewrites 127.0.0.1 and the redirect URI would not match.
  const issuer = (options.issuer ?? `http://localhost:${options.port}`).replace(/\/+$/, "");
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: "local-idp", alg: "RS256", use: "sig" };

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    async findAccount(_ctx, sub) {
      const account = demoAccounts.find((candidate) => candidate.username === sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => claimsOf(account) };
    },
    claims: {
      openid: ["sub"],
      profile: ["name", "given_name", "family_name", "preferred_username", "groups", "eduperson_entitlement"],
      email: ["email", "email_verified"],
      groups: ["groups", "eduperson_entitlement"],
    },
    scopes: ["openid", "profile", "email", "groups"],
    // Put the scopes' claims into the ID token, as many institutional IdPs do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // A first-party client: consent is implied, so the user only ever sees the sign-in form.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope("openid profile email groups");
      await grant.save();
      return grant;
    },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    jwks: { keys: [signingKey] },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page(
        "Sign-in error",
        `<p role="alert">${escapeHtml(String(out.error_description ?? out.error))}</p><p><a href="${escapeHtml(options.postLogoutRedirectUris[0] ?? "/")}">Back to the app</a></p>`,
      );
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = true;
  const callback = provider.callback();

  const server: Server = createServer((req, res) => {
    const match = req.url?.match(/^\/interaction\/([\w-]+)(\/login|\/abort)?(\?.*)?$/);
    if (!match) return void callback(req, res);
    handleInteraction(provider, req, res, match[2]).catch((error: unknown) => {
      res.statusCode = 400;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(
        page(
          "Sign-in error",
          `<p role="alert">${escapeHtml(error instanceof Error ? error.message : String(error))}</p>`,
        ),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", resolve);
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  action: string | undefined,
) {
  const details = await provider.interactionDetails(req, res);
  if (action === "/abort") {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "Sign-in cancelled" });
  }
  if (action === "/login" && req.method === "POST") {
    const form = new URLSearchParams(await readBody(req));
    const username = form.get("username")?.trim() ?? "";
    const account = demoAccounts.find((candidate) => candidate.username === username);
    if (!account || account.password !== form.get("password")) {
      return sendLoginForm(res, details.uid, username, "Unknown user name or wrong password.");
    }
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.username } },
      { mergeWithLastSubmission: false },
    );
  }
  if (details.prompt.name === "consent") {
    // Only reached if a grant is missing scopes: grant what the first-party client asked for.
    const grant = new provider.Grant({
      accountId: details.session!.accountId,
      clientId: details.params.client_id as string,
    });
    grant.addOIDCScope(String(details.params.scope ?? "openid"));
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  }
  return sendLoginForm(res, details.uid, "", undefined);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error("Request too large"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function sendLoginForm(res: ServerResponse, uid: string, username: string, error: string | undefined) {
  const accounts = demoAccounts
    .map(
      (a) =>
        `<tr><td><code>${escapeHtml(a.username)}</code></td><td><code>${escapeHtml(a.password)}</code></td><td>${escapeHtml(a.name)}</td><td>${escapeHtml(a.description)}</td></tr>`,
    )
    .join("");
  res.statusCode = error ? 401 : 200;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(
    page(
      "Sign in",
      `<p class="note">Local identity provider for development and demos. Do not use real passwords here.</p>
      ${error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : ""}
      <form method="post" action="/interaction/${escapeHtml(uid)}/login">
        <label for="username">User name</label>
        <input id="username" name="username" autocomplete="username" autofocus required value="${escapeHtml(username)}">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
        <a href="/interaction/${escapeHtml(uid)}/abort">Cancel</a>
      </form>
      <table><caption>Demo accounts</caption>
        <thead><tr><th scope="col">User name</th><th scope="col">Password</th><th scope="col">Name</th><th scope="col">Role</th></tr></thead>
        <tbody>${accounts}</tbody>
      </table>`,
    ),
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Local identity provider</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0f172a}
form{display:grid;gap:.5rem;margin:1rem 0}input{font-size:1rem;padding:.6rem;border:1px solid #64748b;border-radius:.3rem}
button{font-size:1rem;padding:.7rem;background:#006b56;color:#fff;border:0;border-radius:.3rem}
.note{background:#fef3c7;padding:.5rem;border-radius:.3rem}.error{color:#b91c1c;font-weight:600}
table{border-collapse:collapse;width:100%;margin-top:1rem}td,th{border-bottom:1px solid #cbd5e1;padding:.3rem;text-align:left}
</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}
