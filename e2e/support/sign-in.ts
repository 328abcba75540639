import { expect, type Page } from "@playwright/test";

/** Signs in through the app's sign-in page and the local OpenID provider's form, as a person does. */
export async function signIn(page: Page, username: string, password = username, startAt = "/"): Promise<void> {
  await page.goto(startAt);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: /^Sign in with/ }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Signed in as")).toBeVisible();
}
