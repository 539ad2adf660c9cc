// Bundles the server and the standalone worker into dist/ as plain JavaScript, so production runs them with
// `node` (signals reach the process that handles them, and nothing compiles at start). Our workspace packages
// (@helpdesk/*, TypeScript sources) go into the bundles; third-party packages stay external and load from
// node_modules. Skipped when dist/ was built from exactly the current sources: `npm start` stays fast.
//
//   node scripts/build-server.mjs           build if stale
//   node scripts/build-server.mjs --force   build anyway
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = join(root, "dist");
const stampFile = join(outdir, ".build-inputs.json");

/** dist/<name>.js ← source. */
const entryPoints = {
  server: "api/src/main.ts",
  worker: "workers/src/main.ts",
  "kb-reindex": "api/src/commands/reindex-knowledge-base.ts",
};

const sha = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");

// What decides the output besides the sources: this script, the bundler's version, the entries, the tsconfig.
const recipe = createHash("sha256")
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(esbuild.version)
  .update(JSON.stringify(entryPoints))
  .update(readFileSync(join(root, "tsconfig.json")))
  .digest("hex");

/**
 * Stale unless every file the last build read (esbuild's metafile inputs) is unchanged and every output is
 * there. A new source file only matters once a read file imports it, and that file then changed.
 */
function isStale() {
  if (process.argv.includes("--force") || !existsSync(stampFile)) return true;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, "utf8"));
  } catch {
    return true;
  }
  if (stamp.recipe !== recipe) return true;
  for (const name of Object.keys(entryPoints)) if (!existsSync(join(outdir, `${name}.js`))) return true;
  for (const [file, hash] of Object.entries(stamp.inputs ?? {})) {
    const path = join(root, file);
    if (!existsSync(path) || sha(path) !== hash) return true;
  }
  return false;
}

/** Bare imports stay external unless they name one of our workspace packages. */
const thirdPartyExternal = {
  name: "third-party-external",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@helpdesk/") ? undefined : { path: args.path, external: true },
    );
  },
};

if (!isStale()) process.exit(0);

const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // Code shared by the entries goes into chunks rather than twice into each bundle.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  // Readable stack traces and log lines: this runs on a server, not in a browser.
  minify: false,
  keepNames: true,
  tsconfig: join(root, "tsconfig.json"),
  plugins: [thirdPartyExternal],
  metafile: true,
  logLevel: "warning",
});

const inputs = {};
for (const file of Object.keys(result.metafile.inputs)) {
  // Only files on disk (esbuild names virtual modules with a namespace prefix).
  const path = join(root, file);
  if (existsSync(path)) inputs[relative(root, path)] = sha(path);
}
writeFileSync(stampFile, JSON.stringify({ recipe, inputs }, null, 1));
const ms = Math.round(performance.now() - started);
console.log(
  `Built the server into dist/ (${Object.keys(entryPoints)
    .map((n) => `${n}.js`)
    .join(", ")}; ${Object.keys(inputs).length} sources, ${ms} ms)`,
);
