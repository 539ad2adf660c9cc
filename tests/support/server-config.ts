import { loadConfig, type Config } from "@helpdesk/api/config";

/** The APP_SECRET of test servers and harnesses: tests pass a key rather than generating one under ./data. */
export const testAppSecret = "test-app-secret-that-is-at-least-32-characters";

/**
 * Configuration for a whole server started inside a test: every listener on a free loopback port (tests run
 * in parallel, and a developer may have `npm start` holding 3000 and 2525), no demo data unless asked.
 */
export const testServerEnv = {
  PORT: "0",
  SMTP_PORT: "0",
  HOST: "127.0.0.1",
  SEED_DEMO_DATA: "false",
  APP_SECRET: testAppSecret,
};

export function testServerConfig(env: Record<string, string | undefined>): Config {
  return loadConfig({ ...testServerEnv, ...env });
}
