import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, never a downloaded build; the flags keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Where browser tests leave screenshots for people to look at. */
export function artifactPath(name: string): string {
  const dir = new URL("../.artifacts/", import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
