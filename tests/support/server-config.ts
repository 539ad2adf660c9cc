import { loadConfig, type Config } from "@helpdesk/api/config";

/**
 * Configuration for a whole server started inside a test: every listener on a free loopback port (tests run
 * in parallel, and a developer may have `npm start` holding 3000 and 2525), no demo data unless asked.
 */
export function testServerConfig(env: Record<string, string | undefined>): Config {
  return loadConfig({ PORT: "0", SMTP_PORT: "0", HOST: "127.0.0.1", SEED_DEMO_DATA: "false", ...env });
}
