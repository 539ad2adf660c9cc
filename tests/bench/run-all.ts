// npm run bench: runs each benchmark in its own process (a clean heap and event loop for each) and lets
// them print their figures. Not tests: nothing here passes or fails, it measures.
// `npm run bench -- email` runs only the scripts whose name contains "email".
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
const scripts = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run-all.ts" && !f.startsWith("_"))
  .filter((f) => !only || f.includes(only))
  .sort();
if (scripts.length === 0) console.log(`no script in tests/bench/ has "${only}" in its name`);

for (const script of scripts) {
  console.log(`\n== ${script}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", `${here}${script}`], {
    stdio: "inherit",
    env: process.env,
  });
  if (result.status !== 0) console.log(`(${script} exited with ${result.status})`);
}
