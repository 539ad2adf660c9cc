import { createLogger } from "./bootstrap/logger.ts";
import { loadConfig } from "./config.ts";
import { startHelpdesk } from "./server.ts";
import { exitOnSignals } from "./shutdown.ts";

const config = loadConfig();
const logger = createLogger();
const server = await startHelpdesk(config, { logger });

console.log(`
  Help desk is running at ${server.url}
  Sign in as admin@example.com / demo1234 (demo data)
`);

// Production runs the bundle, `node dist/server.js`, so this process is the one that gets the signal: tsx's relay
// gave it 30 ms to confirm before killing it.
const timeoutMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
exitOnSignals({ timeoutMs, logger, close: () => server.close({ timeoutMs }) });
