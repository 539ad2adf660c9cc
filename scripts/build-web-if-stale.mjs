// Builds the SvelteKit app and the chat widget unless web/build already matches the sources: `npm start`
// stays fast on a second run and is always current after a pull.
import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const web = new URL("../web/", import.meta.url).pathname;
const stampFile = join(web, "build", ".source-hash");
const inputs = [
  "src",
  "static",
  "svelte.config.js",
  "vite.config.ts",
  "vite.widget.config.ts",
  "package.json",
  "tsconfig.json",
];
const widgetFile = join(web, "build", "widget", "widget.js");
// The issue's budget for the embeddable chat widget, socket.io client included: it loads on customers' sites.
const widgetBudgetBytes = 40 * 1024;

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
  } else {
    yield path;
  }
}

const hash = createHash("sha256");
for (const input of inputs) {
  for (const file of files(join(web, input))) {
    hash.update(file.slice(web.length));
    hash.update(readFileSync(file));
  }
}
const digest = hash.digest("hex");

if (
  existsSync(join(web, "build", "handler.js")) &&
  existsSync(widgetFile) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8") === digest
) {
  process.exit(0);
}
console.log("Building the web app (first start or changed sources)...");
execSync("npm run build -w @helpdesk/web", { stdio: "inherit", cwd: join(web, "..") });

const widgetGzip = gzipSync(readFileSync(widgetFile)).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`Chat widget (web/build/widget/widget.js): ${kb(widgetGzip)} gzipped, budget ${kb(widgetBudgetBytes)}`);
if (widgetGzip > widgetBudgetBytes) {
  console.error("The chat widget is over its size budget: see web/src/widget/README.md.");
  process.exit(1);
}
writeFileSync(stampFile, digest);
