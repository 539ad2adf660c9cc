import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | null = null;

/**
 * The repository's root folder (the package.json with the workspaces), found by walking up from this module.
 * Files outside the code (db/migrations, web/build) are resolved from it, so the same path works from the
 * TypeScript sources under tsx (db/src/…) and from the bundles `npm run build` writes to dist/.
 */
export function projectRoot(): string {
  if (cached) return cached;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && "workspaces" in (JSON.parse(readFileSync(manifest, "utf8")) as object))
      return (cached = dir);
    if (dirname(dir) === dir)
      throw new Error(`No package.json with workspaces above ${fileURLToPath(import.meta.url)}`);
  }
}

/** A path inside the repository, e.g. projectPath("web", "build", "handler.js"). */
export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
