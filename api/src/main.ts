import { loadConfig } from "./config.ts";
import { startHelpdesk } from "./server.ts";

const config = loadConfig();
const server = await startHelpdesk(config);

console.log(`
  Help desk is running at ${server.url}
  Sign in as admin@example.com / demo1234 (demo data)
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
