import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test("anonymous visitors are sent to the sign-in page, which names the demo accounts", async ({ page, request }) => {
  await page.goto("/proposals/2026-0042");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fproposals%2F2026-0042/);
  const demo = page.getByRole("region", { name: "Demo accounts" });
  for (const account of ["user", "user2", "staff", "admin"])
    await expect(demo.getByRole("cell", { name: account, exact: true }).first()).toBeVisible();
  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(accessibility.violations.map((v) => v.id)).toEqual([]);

  const api = await request.get("/api/v1/whoami");
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ error: expect.stringContaining("Sign in") });
});

test("a wrong password is refused by the identity provider", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: /^Sign in with/ }).click();
  await page.getByLabel("User name").fill("user");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Unknown user name or wrong password.");
});

test("a proposer sees their proposal, returns to the page they asked for, is refused administration, and signs out", async ({
  page,
}) => {
  await signIn(page, "user", "user", "/proposals/2026-0042");
  await expect(page).toHaveURL(/\/proposals\/2026-0042$/);
  await expect(page.getByLabel("Signed in as")).toContainText("Ada Lovelace (user)");
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);

  const admin = await page.goto("/admin/tokens");
  expect(admin?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("with the user role")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});

test("another proposer sees no proposal and cannot open one by its address", async ({ page }) => {
  await signIn(page, "user2");
  await expect(page.getByText("You are not a member of any proposal yet")).toBeVisible();
  await expect(page.getByRole("link", { name: /2026-0042/ })).toHaveCount(0);
  const response = await page.goto("/proposals/2026-0042");
  expect(response?.status()).toBe(404);
});

test("staff see every proposal and manage API tokens: created, used, revoked", async ({ page, request }) => {
  await signIn(page, "staff");
  await expect(
    page.getByRole("region", { name: "All proposals" }).getByRole("link", { name: /2026-0042/ }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("link", { name: /Users/ })).toHaveCount(0);
  await page.getByRole("link", { name: /API tokens/ }).click();

  await page.getByLabel("Name").fill("E2E beamline script");
  await page.getByRole("button", { name: "Create token" }).click();
  const tokenField = page.getByLabel("Token for E2E beamline script");
  await expect(tokenField).toHaveValue(/^brs_/);
  const token = await tokenField.inputValue();

  const whoami = await request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${token}` } });
  expect(whoami.status()).toBe(200);
  expect(await whoami.json()).toEqual({
    kind: "token",
    name: "E2E beamline script",
    scopes: ["samples:read", "datasets:read", "datasets:write"],
  });

  await page.reload();
  const row = page.getByRole("row", { name: /E2E beamline script/ });
  await expect(row).toContainText(token.slice(0, 10));
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Revoke E2E beamline script" }).click();
  await expect(row).toContainText("revoked");
  const afterRevoke = await request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${token}` } });
  expect(afterRevoke.status()).toBe(401);

  const users = await page.goto("/admin/users");
  expect(users?.status()).toBe(403);
});

test("administrators see the users with their roles and last sign-in", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users");
  const table = page.getByRole("table", { name: "Users" });
  await expect(table.getByRole("row", { name: /Alex Admin/ })).toContainText("admin");
  await expect(table.getByRole("row", { name: /Sam Staff/ })).toContainText("staff");
  await expect(table.getByRole("row", { name: /Ada Lovelace/ })).toContainText("user");
});
