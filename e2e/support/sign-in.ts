import { expect, type Page } from "@playwright/test";

export interface Credentials {
  email: string;
  password: string;
}

/** Fills and submits the sign-in form on `origin`; the caller checks where that leads. */
export async function signIn(page: Page, origin: string, user: Credentials): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs a staff member in and waits for their dashboard: an argon2 check and the dashboard's render, which on
 * a loaded CI machine (two servers since the https one) can take longer than expect's default 5 s.
 */
export async function signInToDashboard(page: Page, origin: string, user: Credentials): Promise<void> {
  await signIn(page, origin, user);
  await expect(page).toHaveURL(`${origin}/dashboard`, { timeout: 15_000 });
}
