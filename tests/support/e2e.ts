import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createUser, type StaffUserView } from "@helpdesk/api/domain";
import { startHelpdesk, type HelpdeskServer } from "@helpdesk/api/server";
import type { UserRole } from "@helpdesk/db";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { testServerConfig } from "./server-config.ts";

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * A browser test's world: the built web app served with the API and socket.io by a real server on its own
 * database, one signed-up staff member, and Debian's Chromium. `close()` tears all of it down.
 */
export async function startBrowserWorld(options: {
  env?: Record<string, string>;
  user: { email: string; name: string; role: UserRole; password: string };
}) {
  const handler = fileURLToPath(new URL("../../web/build/handler.js", import.meta.url));
  if (!existsSync(handler))
    throw new Error("The web app is not built: run `npm run build:web` (npm test does it first).");
  const database: TestDatabase = await createTestDatabase();
  const server: HelpdeskServer = await startHelpdesk(testServerConfig({ DATABASE_URL: database.url, ...options.env }), {
    logger: silent,
  });
  const user: StaffUserView = await createUser(server.deps, options.user);
  const browser: Browser = await launchChromium();
  return {
    database,
    server,
    browser,
    user,
    /** Opens `path`, which sends the signed-out visitor to the login page, signs in there and waits to be back. */
    async signIn(page: Page, path: string, back: string | RegExp = `**${path}`) {
      await page.goto(`${server.url}${path}`);
      await page.waitForURL(/\/login/);
      await page.getByLabel("E-mail").fill(options.user.email);
      await page.getByLabel("Password").fill(options.user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(back);
    },
    async close() {
      await browser.close();
      await server.close();
      await database.drop();
    },
  };
}
