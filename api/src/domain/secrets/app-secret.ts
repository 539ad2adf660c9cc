import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The secret credentials are encrypted with: APP_SECRET when set; otherwise one generated on the first start
 * and kept in `${dataDir}/app-secret` (readable by its owner only), so an embedded install works with no
 * configuration and still reads its credentials after a restart. Called by the composition roots, which pass
 * the result down; the domain never reads it from the environment.
 */
export async function loadAppSecret(options: { appSecret?: string; dataDir: string }): Promise<string> {
  if (options.appSecret) return options.appSecret;
  const path = join(options.dataDir, "app-secret");
  const existing = await readSecretFile(path);
  if (existing) return existing;
  await mkdir(options.dataDir, { recursive: true });
  const generated = randomBytes(32).toString("base64url");
  try {
    // "wx": two processes starting together on one DATA_DIR must end up with the same key, not the last one written.
    await writeFile(path, `${generated}\n`, { mode: 0o600, flag: "wx" });
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const winner = await readSecretFile(path);
    if (!winner) throw new Error(`${path} exists but holds no secret; remove it or set APP_SECRET.`, { cause: error });
    return winner;
  }
}

async function readSecretFile(path: string): Promise<string | null> {
  try {
    const content = (await readFile(path, "utf8")).trim();
    if (content.length === 0) return null;
    if (content.length < 32)
      throw new Error(`${path} holds a secret shorter than 32 characters; remove it or set APP_SECRET.`);
    return content;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
