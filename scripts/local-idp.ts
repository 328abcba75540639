// npm run idp (in the image: node tools/idp.mjs): the local demo OpenID provider as a process of its
// own, for the Docker Compose `demo` profile and for native demos where the app runs without
// `npm start`. It accepts the client the app is configured with (OIDC_CLIENT_ID/SECRET) and its
// callback APP_URL/api/auth/callback/OIDC_PROVIDER_ID. Demo accounts only: never for real data.
import { z } from "zod";
import { demoAccounts } from "../lib/auth/demo-accounts";
import { startLocalIdp } from "../lib/auth/local-idp";

const settingsSchema = z.object({
  LOCAL_IDP_PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(3001),
  LOCAL_IDP_HOST: z.string().min(1).default("127.0.0.1"),
  LOCAL_IDP_ISSUER: z
    .url({ protocol: /^https?$/, error: "must be the public http(s) URL of this provider" })
    .optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: "must be the app's public URL, e.g. http://localhost:3000" }),
  OIDC_CLIENT_ID: z.string({ error: "required: the client id the app uses" }).min(1),
  OIDC_CLIENT_SECRET: z.string({ error: "required: the client secret the app uses" }).min(1),
  OIDC_PROVIDER_ID: z.string().min(1).default("local"),
});

const present = Object.fromEntries(
  Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ""),
);
const parsed = settingsSchema.safeParse(present);
if (!parsed.success) {
  console.error(
    "Invalid configuration of the local identity provider:\n" +
      parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`).join("\n"),
  );
  process.exit(1);
}
const settings = parsed.data;
const appUrl = settings.APP_URL.replace(/\/+$/, "");

try {
  const idp = await startLocalIdp({
    port: settings.LOCAL_IDP_PORT,
    host: settings.LOCAL_IDP_HOST,
    issuer: settings.LOCAL_IDP_ISSUER,
    clientId: settings.OIDC_CLIENT_ID,
    clientSecret: settings.OIDC_CLIENT_SECRET,
    redirectUris: [`${appUrl}/api/auth/callback/${settings.OIDC_PROVIDER_ID}`],
    postLogoutRedirectUris: [appUrl, `${appUrl}/signin`],
  });
  console.log(
    `Local identity provider (demo accounts only) at ${idp.issuer}, listening on ${settings.LOCAL_IDP_HOST}:${settings.LOCAL_IDP_PORT}, ` +
      `for ${appUrl}. Accounts: ${demoAccounts.map((account) => `${account.username}/${account.password}`).join(", ")}.`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void idp.close().finally(() => process.exit(0)));
  }
} catch (error) {
  console.error(
    `Could not start the local identity provider on ${settings.LOCAL_IDP_HOST}:${settings.LOCAL_IDP_PORT}: ` +
      (error instanceof Error ? error.message : String(error)),
  );
  process.exit(1);
}
