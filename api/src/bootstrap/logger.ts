import type { Logger } from "../domain/logger.ts";

/** JSON lines: info on stdout, warnings and errors on stderr. The one logger of the server, worker and commands. */
export function createLogger(): Logger {
  return {
    info: (message, fields) => console.log(JSON.stringify({ level: "info", message, ...fields })),
    warn: (message, fields) => console.warn(JSON.stringify({ level: "warn", message, ...fields })),
    error: (message, fields) => console.error(JSON.stringify({ level: "error", message, ...fields })),
  };
}
