import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSecretBox, loadAppSecret, SecretUnreadableError } from "@helpdesk/api/domain";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const key = "a-test-app-secret-of-at-least-32-chars";

describe("the secret box", () => {
  const box = createSecretBox(key);

  test("seals to a versioned, randomised value that only the same key opens", () => {
    const sealed = box.seal("hunter2 ünïcode");
    expect(sealed).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(sealed).not.toContain("hunter2");
    expect(box.seal("hunter2 ünïcode")).not.toBe(sealed);
    expect(box.open(sealed)).toBe("hunter2 ünïcode");
    expect(createSecretBox(key).open(sealed)).toBe("hunter2 ünïcode");
    expect(() => createSecretBox(`${key}-rotated`).open(sealed)).toThrow(SecretUnreadableError);
  });

  test.each([
    ["an altered ciphertext", (s: string) => s.slice(0, -2) + (s.endsWith("AA") ? "BB" : "AA")],
    ["an unknown version", (s: string) => s.replace(/^v1:/, "v9:")],
    ["a truncated value", (s: string) => s.split(":").slice(0, 3).join(":")],
  ])("refuses %s", (_, mangle) => {
    expect(() => box.open(mangle(box.seal("secret")))).toThrow(SecretUnreadableError);
  });

  test("refuses a short key", () => {
    expect(() => createSecretBox("too-short")).toThrow(/32 characters/);
  });
});

describe("the app secret", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "helpdesk-secret-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test("APP_SECRET wins; writes nothing", async () => {
    expect(await loadAppSecret({ appSecret: key, dataDir: join(dir, "configured") })).toBe(key);
    await expect(stat(join(dir, "configured"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("unset: generated once into DATA_DIR/app-secret, owner-only, and reused after a restart", async () => {
    const dataDir = join(dir, "embedded");
    const first = await loadAppSecret({ dataDir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await stat(join(dataDir, "app-secret"))).mode & 0o777).toBe(0o600);
    expect(await loadAppSecret({ dataDir })).toBe(first);
    expect((await readFile(join(dataDir, "app-secret"), "utf8")).trim()).toBe(first);
  });

  test("two processes starting together agree on one secret", async () => {
    const dataDir = join(dir, "racing");
    const [a, b] = await Promise.all([loadAppSecret({ dataDir }), loadAppSecret({ dataDir })]);
    expect(a).toBe(b);
  });

  test("a damaged secret file is refused rather than silently replaced", async () => {
    const dataDir = join(dir, "damaged");
    await loadAppSecret({ dataDir });
    await writeFile(join(dataDir, "app-secret"), "short\n");
    await expect(loadAppSecret({ dataDir })).rejects.toThrow(/shorter than 32/);
  });
});
