import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * globalSetup of the projects that start the compiled server (`node dist/server.js`, as `npm start` does):
 * builds dist/ once before any test file runs, unless it is current (a second or so when it is not).
 */
export default function setup() {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  execFileSync(process.execPath, ["scripts/build-server.mjs"], { cwd: root, stdio: "inherit" });
}
